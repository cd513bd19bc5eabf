import { Kind, print, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * AppSync's `ctx.info.selectionSetList`: every selected field as a slash path ("roster",
 * "roster/email"), fragments expanded, introspection fields left out.
 */
export function selectionSetList(info: GraphQLResolveInfo): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, prefix: string) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const p = prefix + sel.name.value;
        if (!seen.has(p)) {
          seen.add(p);
          out.push(p);
        }
        walk(sel.selectionSet, `${p}/`);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, prefix);
      } else {
        walk(info.fragments[sel.name.value]?.selectionSet, prefix);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, '');
  return out;
}

export function selectionSetGraphQL(info: GraphQLResolveInfo): string {
  const node: FieldNode | undefined = info.fieldNodes[0];
  return node?.selectionSet ? print(node.selectionSet) : '';
}

type Selection = { selectionSetList: string[]; selectionSetGraphQL: string };

/**
 * A field's selection, worked out once per node of a parsed document: documents are reused across
 * requests (see graphql.ts), and a node's selection and fragments never change. Frozen, so no
 * caller can change what the next request sees.
 */
const selections = new WeakMap<FieldNode, Readonly<Selection>>();

function selectionOf(info: GraphQLResolveInfo): Readonly<Selection> {
  const compute = () =>
    Object.freeze({
      selectionSetList: Object.freeze(selectionSetList(info)) as string[],
      selectionSetGraphQL: selectionSetGraphQL(info),
    });
  // A field selected more than once in the same place merges its nodes: rare, not cached.
  if (info.fieldNodes.length !== 1) return compute();
  let known = selections.get(info.fieldNodes[0]);
  if (!known) selections.set(info.fieldNodes[0], (known = compute()));
  return known;
}

export function resolverInfo(info: GraphQLResolveInfo, variables: Record<string, unknown>) {
  const { selectionSetList, selectionSetGraphQL } = selectionOf(info);
  return {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables,
    selectionSetList,
    selectionSetGraphQL,
  };
}

/**
 * util.error's `data` as AppSync reports it: cut down to what the query selected, like a field
 * value would be.
 */
export function filterToSelection(data: unknown, info: GraphQLResolveInfo): unknown {
  const pick = (value: unknown, set: SelectionSetNode | undefined): unknown => {
    if (!set || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => pick(v, set));
    const out: Record<string, unknown> = {};
    const visit = (s: SelectionSetNode) => {
      for (const sel of s.selections) {
        if (sel.kind === Kind.FIELD) {
          const name = sel.name.value;
          if (name in (value as Record<string, unknown>))
            out[sel.alias?.value ?? name] = pick((value as Record<string, unknown>)[name], sel.selectionSet);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
        else {
          const fragment = info.fragments[sel.name.value];
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    visit(set);
    return out;
  };
  return pick(data, info.fieldNodes[0]?.selectionSet);
}
