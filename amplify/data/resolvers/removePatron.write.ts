import { util, type Context } from '@aws-appsync/utils';
import { conflict, dollars, failedConditions, notFound, passThroughError } from './lib/errors';
import { loadedItem } from './lib/load';
import { walkUpSk } from '../keys';
import type { EventItem, RosterItem } from './lib/model';
import { auditPut, deleteItem, putNew, table, updateItem } from './lib/tx';

/**
 * removePatron, step 2: refused while the patron has recorded payments. Voided payments are
 * reversed out of paidCents and every recorded one is positive, so paidCents = 0 is exactly "no
 * recorded payments"; the delete's condition holds that against a payment landing meanwhile.
 * The waiver covering the entry stays signed: it goes back to being a walk-up (signed, not on the
 * roster), and waiversSigned drops by the people it covers, pinned by the entry's waiverId.
 */
export function request(ctx: Context) {
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + ctx.args.eventId + '".');
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  if (!entry) notFound('No patron ' + ctx.args.email + ' on the roster of this event.');
  const ev = event as EventItem;
  const before = entry as RosterItem;
  if (before.paidCents > 0) {
    conflict(before.email + ' has ' + dollars(before.paidCents) + ' in recorded payments: void them before removing the patron.');
  }
  ctx.stash.before = before;
  const tableName = table(ctx);
  const add: Record<string, number> = {
    rosterCount: -1,
    headCount: -before.partySize,
    dueCents: -before.amountDueCents,
    balanceCents: -before.amountDueCents,
  };
  if (before.waiverSignedAt) add.waiversSigned = -(before.waiverPeople || 1);
  const waiverPinned = before.waiverId
    ? { expression: ' AND #c_waiver = :c_waiver', values: { ':c_waiver': before.waiverId } }
    : { expression: ' AND attribute_not_exists(#c_waiver)', values: {} };
  const transactItems = [
    deleteItem(
      tableName,
      { PK: before.PK, SK: before.SK },
      {
        expression: 'attribute_exists(PK) AND #c_paid = :c_zero AND #c_due = :c_due' + waiverPinned.expression,
        expressionNames: { '#c_paid': 'paidCents', '#c_due': 'amountDueCents', '#c_waiver': 'waiverId' },
        expressionValues: { ':c_zero': 0, ':c_due': before.amountDueCents, ...waiverPinned.values },
      },
    ),
    updateItem(tableName, { PK: ev.PK, SK: ev.SK }, { add }, { expression: 'attribute_exists(PK)' }),
    auditPut(tableName, ctx, ev.id, util.time.nowISO8601(), before, null),
  ];
  if (before.waiverId) {
    transactItems.push(
      putNew(tableName, { PK: ev.PK, SK: walkUpSk(before.email) }, {
        type: 'WalkUp',
        eventId: ev.id,
        email: before.email,
        name: before.waiverSignedBy || before.name,
        phone: before.phone,
        partySize: before.waiverPeople || 1,
        waiverId: before.waiverId,
        waiverSignedAt: before.waiverSignedAt,
        waiverSignedBy: before.waiverSignedBy || before.name,
        waiverMinors: before.waiverMinors || [],
        waiverPeople: before.waiverPeople || 1,
      }),
    );
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (failedConditions(ctx).length > 0) {
      conflict('The patron changed while removing (a payment came in): reload and try again.');
    }
    passThroughError(ctx);
  }
  return ctx.stash.before;
}
