import { util, type Context } from '@aws-appsync/utils';
import { conflict, dataSourceError, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import {
  CLAIM_ATTRIBUTES,
  coveredPeople,
  ROSTER_ATTRIBUTES,
  type EventItem,
  type RosterItem,
  type WaiverClaimItem,
} from './lib/model';
import { refuseIfMoved } from './lib/sailing';
import { actor, asRead, attributesOf, auditPut, enoughOf, table, updateItem } from './lib/tx';

const ENTRY = 0;
const CLAIM = 1;
const EVENT = 2;

/**
 * matchWaiverClaim, step 2: staff, having checked who signed (in person, by phone), attach a held
 * public-link signature to the booking it claims. One TransactWriteItems: the entry takes the
 * claim's waiver link, required exactly as read (the waiver it had, its party: what waiversSigned
 * moves by); the claim becomes MATCHED, required still HELD (two staff matching at once attach it
 * once); the event's waiversSigned moves by the difference in people covered; and the audit record.
 * The entry's previous waiver stays where every signature stays, as its own WAIVER# record.
 */
export function request(ctx: Context) {
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + ctx.args.eventId + '".');
  const before = loadedItem<RosterItem>(ctx, 'entry');
  if (!before) notFound('No patron ' + ctx.args.email + ' on the roster of this event.');
  refuseIfMoved(before);
  const claim = loadedItem<WaiverClaimItem>(ctx, 'claim');
  if (!claim) notFound('No signature ' + ctx.args.waiverId + ' claiming to be ' + before.email + ' on this event.');
  if (claim.status !== 'HELD') conflict('This signature was already matched to ' + before.email + '.');
  const link: Record<string, unknown> = {
    waiverId: claim.waiverId,
    waiverSignedAt: claim.waiverSignedAt,
    waiverSignedBy: claim.waiverSignedBy,
    waiverMinors: claim.waiverMinors,
    waiverPeople: claim.waiverPeople,
  };
  if (claim.waiverVersion) link.waiverVersion = claim.waiverVersion;
  const after = { ...before, ...link } as RosterItem;
  const delta = coveredPeople(after) - coveredPeople(before);
  const now = util.time.nowISO8601();
  const tableName = table(ctx);
  const items: unknown[] = [];
  items[ENTRY] = updateItem(
    tableName,
    { PK: before.PK, SK: before.SK },
    { set: link },
    asRead(before, attributesOf(before, ROSTER_ATTRIBUTES)),
  );
  items[CLAIM] = updateItem(
    tableName,
    { PK: claim.PK, SK: claim.SK },
    { set: { status: 'MATCHED', matchedAt: now, matchedBy: actor(ctx) } },
    asRead(claim, attributesOf(claim, CLAIM_ATTRIBUTES)),
  );
  items[EVENT] = updateItem(
    tableName,
    { PK: event.PK, SK: event.SK },
    { add: { waiversSigned: delta } },
    enoughOf('waiversSigned', -delta),
  );
  items.push(auditPut(tableName, ctx, event.id, now, before, after));
  ctx.stash.result = after;
  return { operation: 'TransactWriteItems', transactItems: items };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: ENTRY,
        message: 'This patron changed a moment ago (a signature, an edit or a move): reload, then try again.',
      },
      { item: CLAIM, message: 'This signature was matched a moment ago: reload to see it.' },
      {
        item: EVENT,
        message:
          "The event's waiver count does not include this patron's waiver, so matching would drive it below zero: nothing was matched.",
      },
    ]);
  }
  return ctx.stash.result;
}
