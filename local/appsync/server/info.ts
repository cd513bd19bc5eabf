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

export function resolverInfo(info: GraphQLResolveInfo, variables: Record<string, unknown>) {
  return {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables,
    selectionSetList: selectionSetList(info),
    selectionSetGraphQL: selectionSetGraphQL(info),
  };
}
