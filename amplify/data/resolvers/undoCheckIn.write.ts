import { runtime, util, type Context } from '@aws-appsync/utils';
import { CHECK_IN_ATTRIBUTES, aboardOf, ashore, countWrite, lostRace, type CheckInItem } from './lib/boarding';
import { dataSourceError, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { EVENT_SK } from '../keys';
import { actor, allOf, asRead, auditPut, conditionCheck, enoughOf, plain, table, updateItem } from './lib/tx';
import type { RosterItem } from './lib/model';
import { requireText } from './lib/validate';

/**
 * undoCheckIn, step 2: the check-in becomes UNDONE (who, when, why; kept, never deleted, its
 * history in the audit records) and the event's count drops by one, in one transaction conditioned
 * on the check-in exactly as read. Already undone: answered as it stands, nothing written.
 *
 * The party the person boarded with (their roster entry, or their walk-up: a walk-up booked
 * meanwhile carried its check-ins onto the entry) counts one fewer aboard, and a walk-up's place
 * goes back to the event's walk-up places. A check-in from before parties kept their count
 * (`aboard` absent) only leaves the event's count, with the party pinned as read.
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
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  const owner = entry || loadedItem<RosterItem>(ctx, 'walkUp');
  const walking = !entry && owner !== null;
  const counted = aboardOf(owner) > 0;
  const transactItems: unknown[] = [
    updateItem(tableName, { PK: ci.PK, SK: ci.SK }, { set }, asRead(ci, CHECK_IN_ATTRIBUTES)),
    countWrite(
      tableName,
      { PK: ci.PK, SK: EVENT_SK },
      counted && walking ? { checkedIn: -1, walkUpsAboard: -1 } : { checkedIn: -1 },
      allOf([enoughOf('checkedIn', 1)].concat(counted && walking ? [enoughOf('walkUpsAboard', 1)] : [])),
    ),
    auditPut(tableName, ctx, ci.eventId, now, ci, after),
  ];
  if (owner) {
    const key = { PK: owner.PK, SK: owner.SK };
    transactItems.push(
      counted
        ? countWrite(tableName, key, { aboard: -1 }, enoughOf('aboard', 1))
        : conditionCheck(tableName, key, ashore()),
    );
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (lostRace(ctx)) return null;
    dataSourceError(ctx, [
      {
        item: 3,
        message: 'This person’s party was booked, moved or changed a moment ago: reload, then try again.',
        info: { reason: 'PATRON_CHANGED', retryable: true },
      },
      { message: 'This event’s boarding count changed in a way it should not have: reload and tell an admin.' },
    ]);
  }
  return ctx.stash.after;
}
