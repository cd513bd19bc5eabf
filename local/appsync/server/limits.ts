/**
 * What one request may cost, checked around graphql-js's parse and validate: the deployed API's
 * queryDepthLimit and resolverCountLimit (amplify/data/limits.ts), plus bounds on the work parse
 * and validate do, which AppSync's own front end has and graphql-js does not (validation is
 * quadratic in repeated fields: 3,000 of them took seconds).
 */
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../../../amplify/data/limits';

/** Tokens parse reads before it gives up: the dashboard's largest operation has about 300. */
export const MAX_TOKENS = 2_000;
/** Field selections in a document, counted before validation (introspection has 67). */
export const MAX_FIELDS = 500;

export interface QueryLimits {
  queryDepthLimit: number;
  resolverCountLimit: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  queryDepthLimit: QUERY_DEPTH_LIMIT,
  resolverCountLimit: RESOLVER_COUNT_LIMIT,
};

const refusal = (message: string) => new GraphQLError(message);

/**
 * Before validation: a document with more field selections than any client sends is refused unread,
 * counted as written and with fragments expanded (each fragment measured once), since fragments that
 * each spread the next twice are a few dozen fields as written and millions as run.
 */
export function checkSize(document: DocumentNode): GraphQLError | undefined {
  let fields = 0;
  let refused: GraphQLError | undefined;
  visit(document, {
    Field() {
      fields += 1;
      if (fields > MAX_FIELDS) {
        refused = refusal(`The query has more than ${MAX_FIELDS} field selections.`);
        return BREAK;
      }
      return undefined;
    },
  });
  if (refused) return refused;
  const fragments: Fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const sizes = new Map<string, number>();
  // Unvalidated: a missing fragment or a cycle counts 0 here and is refused by validation.
  const expanded = (set: SelectionSetNode | undefined): number =>
    (set?.selections ?? []).reduce((sum, s) => {
      if (s.kind === Kind.FIELD) return sum + 1 + expanded(s.selectionSet);
      if (s.kind === Kind.INLINE_FRAGMENT) return sum + expanded(s.selectionSet);
      const name = s.name.value;
      if (!sizes.has(name)) {
        sizes.set(name, 0);
        sizes.set(name, expanded(fragments.get(name)?.selectionSet));
      }
      return sum + sizes.get(name)!;
    }, 0);
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.some((o) => expanded(o.selectionSet) > MAX_FIELDS)
    ? refusal(`The query has more than ${MAX_FIELDS} field selections.`)
    : undefined;
}

type Fragments = Map<string, FragmentDefinitionNode>;

/**
 * The operation's depth (a root field is level 1) and the resolvers it would run, with fragments
 * expanded; each fragment is measured once. Runs after validation, so fragments exist and do not
 * form cycles. A field's resolvers are counted once per alias and place it appears in, as AppSync
 * counts invocations; a list's items multiply nested resolvers at run time, which our schema has
 * none of (every resolver is on Query or Mutation), so the count is exact here.
 */
function measure(
  selections: SelectionSetNode,
  fragments: Fragments,
  hasResolver: (field: string) => boolean,
  parent: string,
  schema: GraphQLSchema,
  memo: Map<string, [number, number]>,
): [number, number] {
  let depth = 0;
  let resolvers = 0;
  for (const selection of selections.selections) {
    let inner: [number, number] = [0, 0];
    if (selection.kind === Kind.FIELD) {
      const type = schema.getType(parent);
      const field =
        type && 'getFields' in type
          ? (type.getFields() as Record<string, { type: unknown }>)[selection.name.value]
          : undefined;
      const child = field ? namedType(field.type) : parent;
      const nested = selection.selectionSet
        ? measure(selection.selectionSet, fragments, hasResolver, child, schema, memo)
        : [0, 0];
      inner = [nested[0] + 1, nested[1] + (hasResolver(`${parent}.${selection.name.value}`) ? 1 : 0)];
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(
        selection.selectionSet,
        fragments,
        hasResolver,
        selection.typeCondition?.name.value ?? parent,
        schema,
        memo,
      );
    } else {
      const name = selection.name.value;
      let known = memo.get(name);
      if (!known) {
        const fragment = fragments.get(name)!;
        known = measure(fragment.selectionSet, fragments, hasResolver, fragment.typeCondition.name.value, schema, memo);
        memo.set(name, known);
      }
      inner = known;
    }
    depth = Math.max(depth, inner[0]);
    resolvers += inner[1];
  }
  return [depth, resolvers];
}

function namedType(type: unknown): string {
  let t = type as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as typeof t;
  return t.name ?? '';
}

/** After validation: the operation that will run, against the API's depth and resolver limits. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  hasResolver: (field: string) => boolean,
  limits: QueryLimits,
): GraphQLError | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return undefined; // graphql-js's execute explains what is missing.
  const fragments: Fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const root =
    { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[
      operation.operation
    ]?.name ?? '';
  const [depth, resolvers] = measure(operation.selectionSet, fragments, hasResolver, root, schema, new Map());
  if (depth > limits.queryDepthLimit) {
    return refusal(`The query's depth of ${depth} exceeds the query depth limit of ${limits.queryDepthLimit}.`);
  }
  if (resolvers > limits.resolverCountLimit) {
    return refusal(
      `The query would invoke ${resolvers} resolvers, more than the resolver count limit of ${limits.resolverCountLimit}.`,
    );
  }
  return undefined;
}
