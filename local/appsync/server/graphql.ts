/**
 * One GraphQL request, AppSync style: parse and validate (errors before any resolver runs),
 * coerce variables through the AWS scalars, execute with field-level Cognito group checks on every
 * field (root and nested), and answer `{ data, errors }` in AppSync's error shape.
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  GraphQLObjectType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { fieldAccess, mayAccess, notAuthorizedMessage } from '../auth/fields';
import { iamMayAccess } from '../auth/iam';
import { FieldError, runPlan, type RequestState } from './execute';
import { formatAppended, formatError, type AppSyncErrorJson } from './errors';
import { checkCost, checkSize, DEFAULT_LIMITS, MAX_TOKENS } from './limits';
import type { FieldPlan } from './plan';
import type { AppSyncSchema } from './schema';

export interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphQLResult {
  data?: unknown;
  errors?: AppSyncErrorJson[];
}

/** AppSync's default field resolution: the source's property of the same name (no method calls). */
const property: GraphQLFieldResolver<unknown, RequestState> = (source, _args, _ctx, info) =>
  source !== null && typeof source === 'object' ? ((source as Record<string, unknown>)[info.fieldName] ?? null) : null;

/** `Type.field` of every field with a resolver, per wired schema (what resolverCountLimit counts). */
const resolverFields = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** Installs auth + resolvers on the schema's fields (mutates `appsync.schema`, built for us alone). */
export function wireSchema(appsync: AppSyncSchema, plans: Map<string, FieldPlan>): GraphQLSchema {
  resolverFields.set(appsync.schema, new Set(plans.keys()));
  for (const type of Object.values(appsync.schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const plan = plans.get(`${type.name}.${field.name}`);
      const access = fieldAccess(appsync, type.name, field.name);
      field.resolve = (source, args, state: RequestState, info) => {
        if (state.iam ? !iamMayAccess(state.iam, type.name, field.name) : !mayAccess(access, state.identity)) {
          throw new FieldError({ message: notAuthorizedMessage(type.name, field.name), errorType: 'Unauthorized' });
        }
        if (state.published && type.name === 'Subscription') return state.published.value;
        return plan ? runPlan(plan, source, args, state, info) : property(source, args, state, info);
      };
    }
  }
  return appsync.schema;
}

const requestError = (message: string): GraphQLResult => ({ errors: [{ path: null, locations: null, message }] });

type Checked = { document: DocumentNode } | { syntax: GraphQLError } | { invalid: readonly GraphQLError[] };

/** Distinct documents remembered per schema: a client sends a handful, each many times. */
const MAX_DOCUMENTS = 500;
const checkedBySchema = new WeakMap<GraphQLSchema, Map<string, Checked>>();

/**
 * parse + validate, once per query text: both depend only on the text and the schema, and cost
 * about 1 ms a request, as much as the rest of a small request's own work. The parsed document is
 * only read by graphql-js's execute, so one can serve any number of requests.
 */
function check(schema: GraphQLSchema, query: string): Checked {
  let cache = checkedBySchema.get(schema);
  if (!cache) checkedBySchema.set(schema, (cache = new Map()));
  let checked = cache.get(query);
  if (checked) return checked;
  try {
    // Parse and validation work is bounded first: tokens while parsing, fields before validating.
    const document = parse(query, { maxTokens: MAX_TOKENS });
    const tooBig = checkSize(document);
    const invalid = tooBig ? [tooBig] : validate(schema, document);
    checked = invalid.length ? { invalid } : { document };
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    // graphql-js words this one "more that N tokens"; say it plainly.
    checked = {
      syntax: /tokens\. Parsing aborted/.test(e.message)
        ? new GraphQLError(`The query has more than ${MAX_TOKENS} tokens.`)
        : e,
    };
  }
  if (cache.size >= MAX_DOCUMENTS) cache.delete(cache.keys().next().value!);
  cache.set(query, checked);
  return checked;
}

export async function runGraphQL(
  schema: GraphQLSchema,
  body: GraphQLBody,
  state: Omit<RequestState, 'variables' | 'appended'>,
): Promise<GraphQLResult> {
  if (typeof body.query !== 'string' || !body.query.trim()) return requestError('No query provided.');
  if (
    body.variables !== undefined &&
    body.variables !== null &&
    (typeof body.variables !== 'object' || Array.isArray(body.variables))
  ) {
    return requestError('Variables must be a JSON object.');
  }
  const checked = check(schema, body.query);
  if ('syntax' in checked) return { errors: [formatError(checked.syntax)] };
  if ('invalid' in checked) return { data: null, errors: checked.invalid.map(formatError) };
  const { document } = checked;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  const fields = resolverFields.get(schema);
  const tooCostly = checkCost(schema, document, operationName, (f) => fields?.has(f) ?? false, DEFAULT_LIMITS);
  if (tooCostly) return { data: null, errors: [formatError(tooCostly)] };

  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const full: RequestState = { ...state, variables, appended: [] };
  const result = await execute({
    schema,
    document,
    variableValues: variables,
    operationName,
    contextValue: full,
  });
  const errors = [
    ...(result.errors ?? []).map(formatError),
    ...full.appended.map((a) => formatAppended(a.error, a.info)),
  ];
  if (state.publish) publishMutation(document, operationName, result.data, full);
  // Variable coercion failures come back without data: AppSync answers data null for them.
  const out: GraphQLResult = { data: result.data ?? null };
  if (errors.length) out.errors = errors;
  return out;
}

/**
 * What AppSync publishes to subscribers: each root mutation field that resolved, as the mutation
 * selected it (a field the mutation did not select reaches subscribers as null).
 */
function publishMutation(
  document: DocumentNode,
  operationName: string | undefined,
  data: Record<string, unknown> | null | undefined,
  state: RequestState,
) {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'mutation') return;
  const results = operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD) return [];
    const value = data?.[selection.alias?.value ?? selection.name.value];
    return value === null || value === undefined ? [] : [{ mutationField: selection.name.value, value }];
  });
  state.publish!(results, state.extensions?.invalidations ?? []);
}
