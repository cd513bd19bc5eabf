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

/**
 * The fields that run no access step: each one's own first DynamoDB request carries the check (an
 * item of its TransactGetItems, lib/load.ts, or a ConditionCheck in its TransactWriteItems,
 * lib/payment-write.ts), so their common path is one request. A Query cannot carry another
 * partition's item, so getEvent and the lists keep the step. test/api/access-folded.test.ts refuses
 * a revoked token on every field named here.
 */
export const FOLDED_ACCESS: readonly string[] = [
  'Mutation.logPayment',
  'Mutation.refundPayment',
  'Mutation.voidPayment',
  'Mutation.checkIn',
];
