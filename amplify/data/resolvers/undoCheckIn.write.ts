import { runtime, util, type Context } from '@aws-appsync/utils';
import { CHECK_IN_ATTRIBUTES, countWrite, lostRace, type CheckInItem } from './lib/boarding';
import { dataSourceError, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { EVENT_SK } from '../keys';
import { actor, asRead, auditPut, enoughOf, plain, table, updateItem } from './lib/tx';
import { requireText } from './lib/validate';

/**
 * undoCheckIn, step 2: the check-in becomes UNDONE (who, when, why; kept, never deleted, its
 * history in the audit records) and the event's count drops by one, in one transaction conditioned
 * on the check-in exactly as read. Already undone: answered as it stands, nothing written. The
 * person need not still be in the party: a check-in outlives a party made smaller.
 */
export function request(ctx: Context) {
  const reason = requireText(ctx.args.reason, 'reason', 500, true);
  const before = loadedItem<CheckInItem>(ctx, 'checkIn');
  if (!loadedItem(ctx, 'event')) notFound('No event with id "' + ctx.args.eventId + '".');
  if (!before) notFound('"' + ctx.stash.person + '" of ' + ctx.args.email + ' was never checked in on this event.');
  const ci = before as CheckInItem;
  if (ci.status === 'UNDONE') runtime.earlyReturn(plain(ci));
  const now = util.time.nowISO8601();
  const set = { status: 'UNDONE', undoneAt: now, undoneBy: actor(ctx), undoReason: reason };
  const after = { ...plain(ci), ...set };
  ctx.stash.after = after;
  const tableName = table(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(tableName, { PK: ci.PK, SK: ci.SK }, { set }, asRead(ci, CHECK_IN_ATTRIBUTES)),
      countWrite(tableName, { PK: ci.PK, SK: EVENT_SK }, -1, enoughOf('checkedIn', 1)),
      auditPut(tableName, ctx, ci.eventId, now, ci, after),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (lostRace(ctx)) return null;
    dataSourceError(ctx, [{ message: 'This event’s boarding count changed in a way it should not have: reload and tell an admin.' }]);
  }
  return ctx.stash.after;
}
