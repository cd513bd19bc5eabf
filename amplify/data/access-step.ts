import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_DATA_SOURCE } from './resource';

/**
 * The step every resolver runs first (./resolvers/access.ts): the caller's token must be newer
 * than the last change to their access. One definition for both places that add it to every
 * pipeline: amplify/site/access.ts (the deployed API) and local/appsync (the local one).
 */
export const ACCESS_STEP = {
  name: 'AccessCheck',
  dataSource: TABLE_DATA_SOURCE,
  entry: join(dirname(fileURLToPath(import.meta.url)), 'resolvers', 'access.ts'),
} as const;
