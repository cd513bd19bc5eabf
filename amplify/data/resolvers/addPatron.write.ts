import { util, type Context } from '@aws-appsync/utils';
import { patronSk } from '../keys';
import { conflict, failedConditions, notFound, passThroughError } from './lib/errors';
import { loadedItem } from './lib/load';
import type { EventItem, RosterItem } from './lib/model';
import { allOf, asRead, auditPut, putNew, roomFor, table, updateItem } from './lib/tx';
import { MAX_AMOUNT_CENTS, MAX_CAPACITY, MAX_INT, normalEmail, optionalPhone, optionalText, pricedDue, requireInt, requireText, totalWithin } from './lib/validate';

/**
 * addPatron, step 2: the roster entry and the event's totals in one transaction. The event's
 * condition re-checks the room left against concurrent bookings (no arithmetic in conditions, so
 * the bound is computed here: headCount <= capacity - partySize), requires the capacity and price
 * as read, and keeps the event's due total within Int.
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
    conflict('A party of ' + partySize + ' does not fit: ' + room + ' of ' + ev.capacity + ' places left on this event.');
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
        { add: { rosterCount: 1, headCount: partySize, dueCents: amountDueCents, balanceCents: amountDueCents } },
        allOf([
          { expression: '#c_head <= :c_room', expressionNames: { '#c_head': 'headCount' }, expressionValues: { ':c_room': ev.capacity - partySize } },
          // the capacity the room was computed from, and the price a default due amount was
          asRead(ev, priced ? ['capacity', 'priceCents'] : ['capacity']),
          roomFor('dueCents', amountDueCents, MAX_INT),
        ]),
      ),
      auditPut(tableName, ctx, ev.id, now, null, entry),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const failed = failedConditions(ctx);
    if (failed.indexOf(0) >= 0) conflict(ctx.stash.entry.email + ' is already on the roster of this event.');
    if (failed.indexOf(1) >= 0) conflict('The event filled up or changed while saving: reload and try again.');
    passThroughError(ctx);
  }
  return ctx.stash.entry;
}
