/**
 * Which code runs for each root field, built once at start from `schema.transform()`:
 * - custom handlers (`jsFunctions`): a PIPELINE resolver whose own code is Amplify's generated
 *   pass-through (read from @aws-amplify/backend-data, as deployed) and one AppSync function per
 *   handler, each on its data source;
 * - function handlers (`@function(name: …)`): Amplify's Lambda pipeline, invoked in-process.
 * A root field without either, or a resolver AppSync would refuse, fails the start.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileResolver, loadResolver, ResolverRejectedError, type CompiledResolver } from '../runtime';
import type { DataSource, DataSourceRegistry } from '../datasources';
import type { AppSyncSchema } from './schema';

export interface JsStep {
  kind: 'js';
  file: string;
  resolver: CompiledResolver;
  dataSource: DataSource;
}
export interface LambdaStep {
  kind: 'lambda';
  functionName: string;
  invocationType?: string;
  dataSource: DataSource;
}
export type Step = JsStep | LambdaStep;

export interface FieldPlan {
  typeName: string;
  fieldName: string;
  /** The pipeline resolver's own request/response (Amplify's pass-through); null for @function. */
  pipeline: CompiledResolver | null;
  steps: Step[];
}

/** The part of `schema.transform()` the server reads. */
export interface TransformedSchema {
  schema: string;
  jsFunctions?: JsResolverDefinition[];
  lambdaFunctions?: Record<string, { props?: { name?: string } } | unknown>;
  /** `allow.resource(fn)` grants: the function (its factory's props.name) and what it may do. */
  functionSchemaAccess?: { resourceProvider?: unknown; actions?: readonly string[] }[];
}
export interface JsResolverDefinition {
  typeName: string;
  fieldName: string;
  handlers: { dataSource: string; entry: string | { relativePath: string; importLine: string } }[];
}

/**
 * Where an entry lives: Amplify resolves `relativePath` against the file named in `importLine`
 * (a stack-trace line of the a.handler.custom call). Same two patterns as Amplify's
 * FilePathExtractor (@aws-amplify/platform-core), kept here because that package is only a
 * transitive dependency of ours.
 */
export function resolveEntry(entry: JsResolverDefinition['handlers'][number]['entry']): string {
  if (typeof entry === 'string') return entry;
  const match =
    /\((?<p>(\w:)?[^:]*)[:\d]*\)/.exec(entry.importLine) ?? /at (?<p>.*\.\w[^:\d]*)[:\d]*/.exec(entry.importLine);
  let from = match?.groups?.p;
  if (!from)
    throw new Error(`Cannot tell where ${entry.relativePath} is relative to (import line: ${entry.importLine}).`);
  if (from.startsWith('file:')) from = fileURLToPath(from);
  return path.join(path.dirname(from), entry.relativePath);
}

/** Amplify's pipeline resolver code, with the stash values a sandbox deployment gets. */
function amplifyPipelineCode(apiId: string): string {
  const require = createRequire(import.meta.url);
  const lib = path.dirname(require.resolve('@aws-amplify/backend-data'));
  return fs
    .readFileSync(path.join(lib, 'assets', 'js_resolver_handler.js'), 'utf8')
    .replaceAll('${amplifyApiId}', apiId)
    .replaceAll('${amplifyApiEnvironmentName}', 'NONE');
}

export class StartupError extends Error {
  constructor(readonly problems: string[]) {
    super(`Local AppSync cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StartupError';
  }
}

const describe = (file: string, e: unknown) => {
  if (e instanceof ResolverRejectedError) {
    return e.problems
      .map((p) => `${file}:${p.line}:${p.column} ${p.message}${p.ruleId ? ` [${p.ruleId}]` : ''}`)
      .join('\n    ');
  }
  return `${file}: ${e instanceof Error ? e.message : String(e)}`;
};

export async function buildPlans(
  transformed: TransformedSchema,
  appsync: AppSyncSchema,
  registry: DataSourceRegistry,
  apiId: string,
): Promise<Map<string, FieldPlan>> {
  const problems: string[] = [];
  const plans = new Map<string, FieldPlan>();
  const pipeline = compileResolver(amplifyPipelineCode(apiId), 'amplify:js_resolver_handler.js');

  for (const def of transformed.jsFunctions ?? []) {
    const steps: Step[] = [];
    for (const handler of def.handlers) {
      let file = '(unresolved entry)';
      try {
        file = resolveEntry(handler.entry);
        if (!fs.existsSync(file)) throw new Error('file not found');
        const resolver = await loadResolver(file);
        // AppSync refuses a function without both handlers when it is created.
        for (const fn of ['request', 'response'] as const)
          if (!resolver.has(fn)) throw new Error(`exports no '${fn}' function`);
        steps.push({ kind: 'js', file, resolver, dataSource: registry.get(handler.dataSource) });
      } catch (e) {
        problems.push(`${def.typeName}.${def.fieldName}: ${describe(file, e)}`);
      }
    }
    plans.set(`${def.typeName}.${def.fieldName}`, {
      typeName: def.typeName,
      fieldName: def.fieldName,
      pipeline,
      steps,
    });
  }

  for (const [key, facts] of appsync.fields) {
    if (!facts.functions.length || plans.has(key)) continue;
    const [typeName, fieldName] = key.split('.');
    const steps: Step[] = [];
    for (const fn of facts.functions) {
      const def = transformed.lambdaFunctions?.[fn.name] as { props?: { name?: string } } | undefined;
      try {
        steps.push({
          kind: 'lambda',
          functionName: fn.name,
          invocationType: fn.invocationType,
          dataSource: registry.lambda(fn.name, def?.props?.name ? [def.props.name] : []),
        });
      } catch (e) {
        problems.push(`${key}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    plans.set(key, { typeName, fieldName, pipeline: null, steps });
  }

  for (const rootName of ['Query', 'Mutation', 'Subscription']) {
    const root = appsync.schema.getType(rootName);
    if (!root || !('getFields' in root)) continue;
    for (const fieldName of Object.keys(root.getFields())) {
      if (rootName === 'Query' && appsync.addedQuery) continue;
      if (rootName === 'Subscription') continue; // served by AppSync itself from @aws_subscribe
      if (!plans.has(`${rootName}.${fieldName}`))
        problems.push(`${rootName}.${fieldName}: no resolver (add a .handler(...) to it in the schema)`);
    }
  }
  if (problems.length) throw new StartupError(problems);
  return plans;
}
