import { util, type Context } from '@aws-appsync/utils';
import { patronSk, walkUpSk } from '../keys';
import { conflict, failedConditions, notFound, passThroughError } from './lib/errors';
import { loadedItem } from './lib/load';
import { coveredPeople, type EventItem, type RosterItem, type WaiverLink } from './lib/model';
import { allOf, asRead, auditPut, conditionCheck, deleteItem, putNew, roomFor, table, updateItem } from './lib/tx';
import { MAX_AMOUNT_CENTS, MAX_CAPACITY, MAX_INT, normalEmail, optionalPhone, optionalText, pricedDue, requireInt, requireText, totalWithin } from './lib/validate';

/**
 * addPatron, step 2: the roster entry and the event's totals in one transaction. The event's
 * condition re-checks the room left against concurrent bookings (no arithmetic in conditions, so
 * the bound is computed here: headCount <= capacity - partySize), requires the capacity and price
 * as read, and keeps the event's due total within Int.
 *
 * A patron who signed the waiver before being booked (a walk-up, `GUEST#<email>`) brings that
 * waiver onto the new entry: the walk-up item goes, the entry carries its link, and the event's
 * waiversSigned counts the people it covers, at most the party booked. Either way the walk-up item is conditioned on what was
 * read (absent, or the same waiver), so a signature landing meanwhile is a Conflict, not lost.
 */
export function request(ctx: Context) {
  const input = ctx.args.input;
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  const ev = event as EventItem;
  const email = normalEmail(input.email, 'email');
  const partySize = input.partySize === undefined || input.partySize === null ? 1 : requireInt(input.partySize, 'partySize', 1, MAX_CAPACITY);
  const priced = input.amountDueCents === undefined || input.amountDueCents === null;
  const amountDueCents = priced ? pricedDue(ev.priceCents, partySize) : requireInt(input.amountDueCents, 'amountDueCents', 0, MAX_AMOUNT_CENTS);
  totalWithin(ev.dueCents, amountDueCents);
  const room = ev.capacity - ev.headCount;
  if (partySize > room) {
    conflict('A party of ' + partySize + ' does not fit: ' + room + ' of ' + ev.capacity + ' places left on this event.', {
      reason: 'NO_ROOM', placesLeft: room, capacity: ev.capacity,
    });
  }
  const entry: RosterItem = {
    PK: ev.PK,
    SK: patronSk(email),
    eventId: ev.id,
    email,
    name: requireText(input.name, 'name', 200),
    phone: optionalPhone(input.phone, 'phone'),
    partySize,
    amountDueCents,
    paidCents: 0,
    balanceCents: amountDueCents,
    waiverSignedAt: null,
    notes: optionalText(input.notes, 'notes', 1000, true),
  };
  const walkUp = loadedItem<WaiverLink>(ctx, 'walkUp');
  const walkUpKey = { PK: ev.PK, SK: walkUpSk(email) };
  const add: Record<string, number> = { rosterCount: 1, headCount: partySize, dueCents: amountDueCents, balanceCents: amountDueCents };
  let walkUpWrite = conditionCheck(table(ctx), walkUpKey, { expression: 'attribute_not_exists(PK)' });
  if (walkUp) {
    const w = walkUp as WaiverLink;
    entry.waiverSignedAt = w.waiverSignedAt;
    entry.waiverId = w.waiverId;
    entry.waiverSignedBy = w.waiverSignedBy;
    entry.waiverMinors = w.waiverMinors;
    entry.waiverPeople = w.waiverPeople;
    add.waiversSigned = coveredPeople(entry);
    walkUpWrite = deleteItem(table(ctx), walkUpKey, {
      expression: '#c_waiver = :c_waiver',
      expressionNames: { '#c_waiver': 'waiverId' },
      expressionValues: { ':c_waiver': w.waiverId },
    });
  }
  ctx.stash.entry = entry;
  const tableName = table(ctx);
  const { PK, SK, ...attributes } = entry;
  const now = util.time.nowISO8601();
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      putNew(tableName, { PK, SK }, { ...attributes, type: 'RosterEntry' }),
      updateItem(
        tableName,
        { PK: ev.PK, SK: ev.SK },
        { add },
        allOf([
          { expression: '#c_head <= :c_room', expressionNames: { '#c_head': 'headCount' }, expressionValues: { ':c_room': ev.capacity - partySize } },
          // the capacity the room was computed from, and the price a default due amount was
          asRead(ev, priced ? ['capacity', 'priceCents'] : ['capacity']),
          roomFor('dueCents', amountDueCents, MAX_INT),
        ]),
      ),
      auditPut(tableName, ctx, ev.id, now, walkUp, entry),
      walkUpWrite,
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const failed = failedConditions(ctx);
    // Two refusals a person resolves differently (edit the entry, or find room): errorInfo says which.
    if (failed.indexOf(0) >= 0) conflict(ctx.stash.entry.email + ' is already on the roster of this event.', { reason: 'ALREADY_ON_ROSTER' });
    if (failed.indexOf(1) >= 0) conflict('The event filled up or changed while saving: reload and try again.', { reason: 'EVENT_CHANGED' });
    if (failed.indexOf(3) >= 0) conflict(ctx.stash.entry.email + ' signed the waiver while saving: reload and try again.', { reason: 'WAIVER_SIGNED' });
    passThroughError(ctx);
  }
  return ctx.stash.entry;
}
