/**
 * One GraphQL request, AppSync style: parse and validate (errors before any resolver runs),
 * coerce variables through the AWS scalars, execute with field-level Cognito group checks on every
 * field (root and nested), and answer `{ data, errors }` in AppSync's error shape.
 */
import {
  execute, GraphQLError, GraphQLObjectType, isObjectType, parse, validate,
  type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema,
} from 'graphql';
import { fieldAccess, mayAccess, notAuthorizedMessage } from '../auth/fields';
import { FieldError, runPlan, type RequestState } from './execute';
import { formatAppended, formatError, type AppSyncErrorJson } from './errors';
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
  source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] ?? null : null;

/** Installs auth + resolvers on the schema's fields (mutates `appsync.schema`, built for us alone). */
export function wireSchema(appsync: AppSyncSchema, plans: Map<string, FieldPlan>): GraphQLSchema {
  for (const type of Object.values(appsync.schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const plan = plans.get(`${type.name}.${field.name}`);
      const access = fieldAccess(appsync, type.name, field.name);
      field.resolve = (source, args, state: RequestState, info) => {
        if (!mayAccess(access, state.identity)) {
          throw new FieldError({ message: notAuthorizedMessage(type.name, field.name), errorType: 'Unauthorized' });
        }
        return plan ? runPlan(plan, source, args, state, info) : property(source, args, state, info);
      };
    }
  }
  return appsync.schema;
}

const requestError = (message: string): GraphQLResult => ({ errors: [{ path: null, locations: null, message }] });

export async function runGraphQL(schema: GraphQLSchema, body: GraphQLBody, state: Omit<RequestState, 'variables' | 'appended'>): Promise<GraphQLResult> {
  if (typeof body.query !== 'string' || !body.query.trim()) return requestError('No query provided.');
  if (body.variables !== undefined && body.variables !== null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) {
    return requestError('Variables must be a JSON object.');
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (e) {
    return { errors: [formatError(e as GraphQLError)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length) return { data: null, errors: invalid.map(formatError) };

  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const full: RequestState = { ...state, variables, appended: [] };
  const result = await execute({
    schema,
    document,
    variableValues: variables,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
    contextValue: full,
  });
  const errors = [...(result.errors ?? []).map(formatError), ...full.appended.map((a) => formatAppended(a.error, a.info))];
  // Variable coercion failures come back without data: AppSync answers data null for them.
  const out: GraphQLResult = { data: result.data ?? null };
  if (errors.length) out.errors = errors;
  return out;
}
