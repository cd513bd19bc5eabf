/**
 * From the Amplify schema's SDL (AppSync dialect) to a graphql-js schema: declare what AppSync
 * declares implicitly (its scalars and @aws_* directives), add `Query` when absent, and read the
 * per-field facts the server needs (auth rules, @function handlers) before dropping the
 * Amplify-only directives (@function, @auth) that AppSync itself never sees: Amplify's transformer
 * turns them into resolvers and @aws_cognito_user_pools.
 */
import {
  buildASTSchema,
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { AWS_SCALARS } from './scalars';

const AUTH_TARGETS = 'FIELD_DEFINITION | OBJECT | INTERFACE';
export const APPSYNC_PRELUDE = `
${AWS_SCALARS.map((s) => `scalar ${s.name}`).join('\n')}
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_publish(subscriptions: [String]) on FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on ${AUTH_TARGETS}
directive @aws_api_key on ${AUTH_TARGETS}
directive @aws_iam on ${AUTH_TARGETS}
directive @aws_oidc on ${AUTH_TARGETS}
directive @aws_lambda on ${AUTH_TARGETS}
`;

const APPSYNC_DIRECTIVES = new Set([
  'aws_subscribe',
  'aws_publish',
  'aws_auth',
  'aws_cognito_user_pools',
  'aws_api_key',
  'aws_iam',
  'aws_oidc',
  'aws_lambda',
  'deprecated',
  'specifiedBy',
]);

/**
 * Who may call a field or read a type, for the Cognito user pool mode (the only one served
 * locally): `false` = no user pool access at all, `null` = any signed-in user, else the groups.
 */
export type UserPoolAccess = false | null | string[];

export interface FieldFacts {
  /** Access from the field's own directives; undefined = inherit from the type / default mode. */
  access?: UserPoolAccess;
  /** @function(name: …) handlers, in order (Amplify's a.handler.function). */
  functions: { name: string; invocationType?: string }[];
}

export interface AppSyncSchema {
  schema: GraphQLSchema;
  /** `Type.field` → facts. */
  fields: Map<string, FieldFacts>;
  /** Type name → access from the type's directives (absent = default mode). */
  types: Map<string, UserPoolAccess>;
  /** A `Query` type added because the SDL had none: its placeholder field needs no resolver. */
  addedQuery: boolean;
}

const args = (d: ConstDirectiveNode): Record<string, unknown> =>
  Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));

const AUTH_NAMES = new Set([
  'aws_cognito_user_pools',
  'aws_auth',
  'aws_api_key',
  'aws_iam',
  'aws_oidc',
  'aws_lambda',
  'auth',
]);

/** Union of what the auth directives on one node allow for user pool callers. */
function accessOf(directives: readonly ConstDirectiveNode[] | undefined): UserPoolAccess | undefined {
  const auth = (directives ?? []).filter((d) => AUTH_NAMES.has(d.name.value));
  if (!auth.length) return undefined;
  let anyone = false;
  const groups = new Set<string>();
  for (const d of auth) {
    const a = args(d);
    if (d.name.value === 'aws_cognito_user_pools' || d.name.value === 'aws_auth') {
      const g = a.cognito_groups as string[] | undefined | null;
      if (g?.length) g.forEach((x) => groups.add(x));
      else anyone = true;
    } else if (d.name.value === 'auth') {
      // Amplify's @auth(rules: [{ allow: groups, groups: [...] } | { allow: private } …]).
      for (const rule of (a.rules as Record<string, unknown>[] | undefined) ?? []) {
        const provider = (rule.provider as string | undefined) ?? 'userPools';
        if (provider !== 'userPools') continue;
        if (rule.allow === 'groups') ((rule.groups as string[] | undefined) ?? []).forEach((x) => groups.add(x));
        else if (rule.allow === 'private' || rule.allow === 'owner') anyone = true;
      }
    }
  }
  if (anyone) return null;
  return groups.size ? [...groups] : false;
}

function functionsOf(directives: readonly ConstDirectiveNode[] | undefined) {
  return (directives ?? [])
    .filter((d) => d.name.value === 'function')
    .map((d) => {
      const a = args(d);
      return { name: String(a.name), invocationType: a.invocationType as string | undefined };
    });
}

const keepAppSyncDirectives = (directives: readonly ConstDirectiveNode[] | undefined) =>
  directives?.filter((d) => APPSYNC_DIRECTIVES.has(d.name.value));

export function buildAppSyncSchema(sdl: string): AppSyncSchema {
  const doc = parse(sdl);
  const fields = new Map<string, FieldFacts>();
  const types = new Map<string, UserPoolAccess>();
  let hasQuery = false;

  const definitions: DefinitionNode[] = doc.definitions.map((def) => {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      return def;
    }
    const typeName = def.name.value;
    if (typeName === 'Query') hasQuery = true;
    const typeAccess = accessOf(def.directives);
    if (typeAccess !== undefined) types.set(typeName, typeAccess);
    const fieldNodes = (def.fields ?? []).map((f) => {
      fields.set(`${typeName}.${f.name.value}`, {
        access: accessOf(f.directives),
        functions: functionsOf(f.directives),
      });
      return { ...f, directives: keepAppSyncDirectives(f.directives) };
    });
    return { ...def, directives: keepAppSyncDirectives(def.directives), fields: fieldNodes };
  });

  const prelude = parse(APPSYNC_PRELUDE + (hasQuery ? '' : '\ntype Query { _empty: String }\n'));
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [...prelude.definitions, ...definitions] };
  const schema = buildASTSchema(document);
  for (const scalar of AWS_SCALARS) {
    const target = schema.getType(scalar.name);
    if (target && 'serialize' in target)
      Object.assign(target, {
        serialize: scalar.serialize,
        parseValue: scalar.parseValue,
        parseLiteral: scalar.parseLiteral,
      });
  }
  return { schema, fields, types, addedQuery: !hasQuery };
}
