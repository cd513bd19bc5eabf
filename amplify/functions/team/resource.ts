import { defineFunction } from '@aws-amplify/backend';

/**
 * The team Lambda: the Team page's queries and mutations (a Lambda data source named
 * TeamDataSource, see amplify/data/resource.ts) call Cognito's admin APIs on the user pool, one
 * change at a time under the table's team lock, each audited. The timeout stays well inside the
 * lock's lease (lock.ts LEASE_MS), so a change killed mid-way can never outlive the lease it holds.
 */
export const team = defineFunction({
  name: 'team',
  entry: './handler.ts',
  timeoutSeconds: 20,
  runtime: 24,
});
