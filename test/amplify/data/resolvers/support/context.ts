import path from 'node:path';
import { loadResolver, type ResolverContextInput } from '../../../../../local/appsync/runtime/index';

/** Runs one handler of a resolver file through the APPSYNC_JS runtime, with a CREW caller by default. */
export const RESOLVERS = path.resolve(import.meta.dirname, '../../../../../amplify/data/resolvers');

export function ctx(fieldName: string, over: Partial<ResolverContextInput> = {}): ResolverContextInput {
  return {
    arguments: {},
    identity: {
      sub: 'sub-1',
      username: 'sub-1',
      claims: { email: 'crew@example.com', 'cognito:groups': ['CREW'] },
      groups: ['CREW'],
    },
    stash: {},
    env: { TABLE_NAME: 'scc-unit', TIME_ZONE: 'America/Los_Angeles', PAGE_TOKEN_SECRET: 'unit-test-page-token-secret' },
    info: { fieldName, parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    ...over,
  };
}

export async function run(file: string, fn: 'request' | 'response', context: ResolverContextInput) {
  const resolver = await loadResolver(path.join(RESOLVERS, file));
  return resolver.run(fn, context);
}
