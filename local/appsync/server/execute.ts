/**
 * Runs one root field as AppSync runs a pipeline resolver: the resolver's request → for each
 * function: request → data source → response → the resolver's response, threading `ctx.stash`
 * and `ctx.prev.result`, honouring runtime.earlyReturn, util.error and util.appendError
 * ("Resolver and function reference (JavaScript)", "runtime.earlyReturn").
 */
import type { GraphQLResolveInfo } from 'graphql';
import {
  loadResolver,
  ResolverRejectedError,
  type AppSyncError,
  type CompiledResolver,
  type Evaluation,
  type ResolverContextInput,
} from '../runtime';
import type { InvocationContext } from '../datasources';
import type { CognitoIdentity } from '../auth/cognito';
import type { IamIdentity, IamPrincipal } from '../auth/iam';
import { filterToSelection, resolverInfo } from './info';
import type { FieldPlan, JsStep, LambdaStep } from './plan';

/** A field error carrying AppSync's error fields (message, errorType, data, errorInfo). */
export class FieldError extends Error {
  readonly errorType?: string;
  readonly data: unknown;
  readonly errorInfo: unknown;
  constructor(e: AppSyncError) {
    super(e.message);
    this.name = 'FieldError';
    this.errorType = e.errorType;
    this.data = e.data ?? null;
    this.errorInfo = e.errorInfo ?? null;
  }
}

export interface RequestState {
  identity: CognitoIdentity | IamIdentity;
  /** The IAM principal of a SigV4-signed request, whose grant decides its access. */
  iam?: IamPrincipal;
  request: { headers: Record<string, string>; domainName: string | null };
  env: Record<string, string>;
  variables: Record<string, unknown>;
  /** util.appendError output, reported with the field's path after execution. */
  appended: { error: AppSyncError; info: GraphQLResolveInfo }[];
  log: (field: string, line: string) => void;
  /**
   * Real time (server/realtime.ts): what the subscription extensions of this request's resolvers
   * asked for, collected here; and, when a subscription's data is being delivered, the published
   * mutation result its root field resolves to (its resolver ran once, when it subscribed).
   */
  extensions?: {
    subscriptionFilter?: unknown;
    invalidationFilter?: unknown;
    invalidations: { subscriptionField: unknown; payload: unknown }[];
  };
  published?: { value: unknown };
  /** Called after a mutation with each root field's selected result (what AppSync publishes) and the invalidations asked for. */
  publish?: (
    results: { mutationField: string; value: unknown }[],
    invalidations: { subscriptionField: unknown; payload: unknown }[],
  ) => void;
}

type Ctx = Omit<ResolverContextInput, 'stash' | 'prev'> & {
  arguments: Record<string, unknown>;
  stash: Record<string, unknown>;
  prev?: { result: unknown };
};

export async function runPlan(
  plan: FieldPlan,
  source: unknown,
  args: Record<string, unknown>,
  state: RequestState,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const field = `${plan.typeName}.${plan.fieldName}`;
  const ctx: Ctx = {
    arguments: JSON.parse(JSON.stringify(args)) as Record<string, unknown>,
    source: source ?? null,
    identity: state.identity,
    env: state.env,
    info: resolverInfo(info, state.variables),
    request: state.request,
    authType: state.iam ? 'IAM Authorization' : 'User Pool Authorization',
    stash: {},
  };

  const run = (
    resolver: CompiledResolver,
    fn: 'request' | 'response',
    extra: Partial<ResolverContextInput> = {},
  ): Evaluation => {
    const ev = resolver.run(fn, { ...ctx, ...extra });
    ev.logs.forEach((line) => state.log(field, line));
    ev.appendedErrors.forEach((error) => state.appended.push({ error, info }));
    if (ev.extensions && state.extensions) collectExtensions(plan.typeName, ev.extensions, state.extensions);
    ctx.stash = ev.stash;
    if (ev.error) throw new FieldError({ ...ev.error, data: filterToSelection(ev.error.data, info) });
    return ev;
  };
  const valueOf = (ev: Evaluation) => (ev.earlyReturn ? ev.earlyReturn.value : ev.value) ?? null;

  let prev: { result: unknown } = { result: null };
  let skipFunctions = false;
  if (plan.pipeline) {
    const ev = run(plan.pipeline, 'request');
    prev = { result: valueOf(ev) };
    skipFunctions = !!ev.earlyReturn;
  }

  if (!skipFunctions) {
    for (const step of plan.steps) {
      if (step.kind === 'lambda') {
        prev = { result: await runLambdaStep(step, ctx, prev, plan) };
        continue;
      }
      const resolver = await current(step);
      const req = run(resolver, 'request', { prev });
      if (req.earlyReturn) {
        // Skips this function's data source and response; 'END' skips the remaining functions.
        prev = { result: req.earlyReturn.value ?? null };
        if (req.earlyReturn.skipTo === 'END') break;
        continue;
      }
      const outcome = await step.dataSource.invoke(req.value ?? null, invocation(ctx, prev));
      const res = run(resolver, 'response', { prev, result: outcome.result ?? null, error: outcome.error ?? null });
      prev = { result: valueOf(res) };
    }
  }

  if (!plan.pipeline) return prev.result;
  return valueOf(run(plan.pipeline, 'response', { prev }));
}

/**
 * The resolver as its file is now: an edit made while the server runs takes effect on the next
 * request (the runtime caches by mtime), and one that breaks the runtime's rules fails that field.
 */
async function current(step: JsStep): Promise<CompiledResolver> {
  try {
    return await loadResolver(step.file);
  } catch (e) {
    const detail =
      e instanceof ResolverRejectedError ? e.message : `${step.file}: ${e instanceof Error ? e.message : String(e)}`;
    throw new FieldError({ message: `The resolver was rejected: ${detail}`, errorType: 'CodeError' });
  }
}

function invocation(ctx: Ctx, prev: { result: unknown }): InvocationContext {
  return {
    arguments: ctx.arguments,
    identity: ctx.identity,
    source: ctx.source ?? null,
    request: ctx.request!,
    info: ctx.info!,
    prev,
    stash: ctx.stash,
  };
}

/**
 * Amplify's @function pipeline step (a VTL template on AWS): the event carries typeName,
 * fieldName, arguments, identity, source, request and prev; a Lambda error becomes the field's
 * error with its type.
 */
async function runLambdaStep(step: LambdaStep, ctx: Ctx, prev: { result: unknown }, plan: FieldPlan): Promise<unknown> {
  const payload = {
    typeName: plan.typeName,
    fieldName: plan.fieldName,
    arguments: ctx.arguments,
    identity: ctx.identity,
    source: ctx.source ?? null,
    request: ctx.request,
    prev,
  };
  const outcome = await step.dataSource.invoke(
    { operation: 'Invoke', payload, invocationType: step.invocationType },
    invocation(ctx, prev),
  );
  if (outcome.error) throw new FieldError({ message: outcome.error.message, errorType: outcome.error.type });
  return outcome.result ?? null;
}

/**
 * AppSync honours subscription filters only in a subscription's resolver and invalidations only in
 * a mutation's; elsewhere the calls do nothing.
 */
function collectExtensions(
  typeName: string,
  from: NonNullable<Evaluation['extensions']>,
  into: NonNullable<RequestState['extensions']>,
) {
  if (typeName === 'Subscription') {
    if ('subscriptionFilter' in from) into.subscriptionFilter = from.subscriptionFilter;
    if ('invalidationFilter' in from) into.invalidationFilter = from.invalidationFilter;
  }
  if (typeName === 'Mutation') into.invalidations.push(...from.invalidations);
}
