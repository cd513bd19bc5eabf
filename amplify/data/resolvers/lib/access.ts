import { util } from '@aws-appsync/utils';
import { accessSk, TEAM_PK } from '../../keys';
import { accessChanged } from './errors';
import type { Condition, Key } from './tx';

/**
 * The access rule every resolver applies, in the three shapes a request can carry it: a read of the
 * caller's access record then `refuseIfRevoked` (the access step, or an item of a field's own
 * TransactGetItems), or `accessConditionCheck` inside a field's own TransactWriteItems. A token is
 * refused when the record has a numeric `revokedAt` and the token's `iat` (seconds) is not after it.
 */
interface Caller {
  identity?: unknown;
}

/** The caller's access record (`TEAM`, `ACCESS#<sub>`). */
export function accessKey(ctx: Caller): Key {
  const identity = (ctx.identity || {}) as { sub?: string };
  return { PK: TEAM_PK, SK: accessSk(identity.sub || '') };
}

function issuedAt(ctx: Caller): number | null {
  const claims = ((ctx.identity || {}) as { claims?: { iat?: unknown } }).claims || {};
  return typeof claims.iat === 'number' ? claims.iat : null;
}

/** Refuses (AccessChanged) a token issued before the caller's access last changed, given the record as read. */
export function refuseIfRevoked(ctx: Caller, item: { revokedAt?: unknown } | null | undefined): void {
  const iat = issuedAt(ctx);
  // Seconds, as iat: a token issued in the second of the change is refused too (signing in again a second later works).
  if (item && typeof item.revokedAt === 'number' && !(iat !== null && iat > item.revokedAt)) accessChanged();
}

/**
 * The same rule as a DynamoDB condition on the access record: no numeric revokedAt, or one before the
 * token's iat. A ConditionCheck of an absent item sees no attributes, so a member never changed passes.
 */
export function accessCondition(ctx: Caller): Condition {
  const iat = issuedAt(ctx);
  const expressionNames = { '#c_acc_rv': 'revokedAt' };
  const open = 'attribute_not_exists(#c_acc_rv) OR NOT attribute_type(#c_acc_rv, :c_acc_n)';
  if (iat === null) return { expression: open, expressionNames, expressionValues: { ':c_acc_n': 'N' } };
  return {
    expression: open + ' OR #c_acc_rv < :c_acc_iat',
    expressionNames,
    expressionValues: { ':c_acc_n': 'N', ':c_acc_iat': iat },
  };
}

/** A TransactWriteItems ConditionCheck of the access record: the write holds only for a caller whose access stands. */
export function accessConditionCheck(tableName: string, ctx: Caller) {
  const c = accessCondition(ctx);
  return {
    table: tableName,
    operation: 'ConditionCheck',
    key: util.dynamodb.toMapValues(accessKey(ctx)),
    condition: {
      expression: c.expression,
      expressionNames: c.expressionNames,
      expressionValues: util.dynamodb.toMapValues(c.expressionValues),
    },
  };
}

/**
 * Whether this request still has to check the caller's access itself: the access step marks it
 * done (`ctx.stash.accessChecked`) in every field it runs for; a field that folds the check into its
 * own request (FOLDED_ACCESS in ../../access-step.ts) has no such step, and its first read or write
 * carries the check, then marks it done.
 */
export function accessPending(ctx: { stash: Record<string, unknown> }): boolean {
  return !ctx.stash.accessChecked;
}
