import { util, type Context } from '@aws-appsync/utils';
import { conflict, dataSourceError, dollars, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { walkUpSk } from '../keys';
import { coveredPeople, ROSTER_ATTRIBUTES, type EventItem, type RosterItem } from './lib/model';
import { refuseIfMoved } from './lib/sailing';
import { refuseAboard } from './lib/boarding';
import { allOf, asRead, attributesOf, auditPut, deleteItem, enoughOf, putNew, table, updateItem } from './lib/tx';

/**
 * removePatron, step 2: refused while the patron has recorded payments. Voided payments are
 * reversed out of paidCents and every recorded one is positive, so paidCents = 0 is exactly "no
 * recorded payments", and while any of the party is checked in. The delete requires the entry
 * exactly as read (paid nothing, nobody aboard, and the party,
 * due amount and waiver the event's counts drop by), and no count of the event may go below zero.
 * The waiver covering the entry stays signed: it goes back to being a walk-up (signed, not on the
 * roster), and waiversSigned drops by the people it counted for (coveredPeople).
 */
export function request(ctx: Context) {
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + ctx.args.eventId + '".');
  const before = loadedItem<RosterItem>(ctx, 'entry');
  if (!before) notFound('No patron ' + ctx.args.email + ' on the roster of this event.');
  refuseIfMoved(before);
  // Refused rather than carried: the people checked in are on the boat, and a booking removed would
  // leave them counted for no one; crew undo their check-ins (with why) first.
  refuseAboard(before, 'removing the patron');
  if (before.paidCents > 0) {
    conflict(
      before.email +
        ' has ' +
        dollars(before.paidCents) +
        ' in recorded payments: void them before removing the patron.',
    );
  }
  ctx.stash.before = before;
  const tableName = table(ctx);
  const add: Record<string, number> = {
    rosterCount: -1,
    headCount: -before.partySize,
    dueCents: -before.amountDueCents,
    balanceCents: -before.amountDueCents,
  };
  const covered = coveredPeople(before);
  if (covered > 0) add.waiversSigned = -covered;
  const transactItems = [
    deleteItem(tableName, { PK: before.PK, SK: before.SK }, asRead(before, attributesOf(before, ROSTER_ATTRIBUTES))),
    updateItem(
      tableName,
      { PK: event.PK, SK: event.SK },
      { add },
      allOf(Object.keys(add).map((f) => enoughOf(f, -add[f]))),
    ),
    auditPut(tableName, ctx, event.id, util.time.nowISO8601(), before, null),
  ];
  if (before.waiverId) {
    transactItems.push(
      putNew(
        tableName,
        { PK: event.PK, SK: walkUpSk(before.email) },
        {
          type: 'WalkUp',
          eventId: event.id,
          email: before.email,
          name: before.waiverSignedBy || before.name,
          phone: before.phone,
          partySize: before.waiverPeople || 1,
          waiverId: before.waiverId,
          waiverSignedAt: before.waiverSignedAt,
          waiverSignedBy: before.waiverSignedBy || before.name,
          waiverMinors: before.waiverMinors || [],
          waiverPeople: before.waiverPeople || 1,
          ...(before.waiverVersion ? { waiverVersion: before.waiverVersion } : {}),
        },
      ),
    );
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: 0,
        message:
          'Someone else changed this patron a moment ago (a payment, an edit, a waiver or a check-in): reload to see it, then try again.',
      },
      {
        message:
          "The event's counts do not include this patron, so removing them would drive a count below zero: nothing was removed.",
      },
    ]);
  }
  return ctx.stash.before;
}
