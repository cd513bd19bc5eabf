import { util, type Context } from '@aws-appsync/utils';
import { patronSk } from '../keys';
import { conflict, failedConditions, notFound, passThroughError } from './lib/errors';
import { loadedItem } from './lib/load';
import type { EventItem, RosterItem } from './lib/model';
import { auditPut, putNew, table, updateItem } from './lib/tx';
import { MAX_INT, normalEmail, optionalText, requireInt, requireText } from './lib/validate';

/**
 * addPatron, step 2: the roster entry and the event's totals in one transaction. The event's
 * condition re-checks the room left against concurrent bookings (no arithmetic in conditions, so
 * the bound is computed here: headCount <= capacity - partySize).
 */
export function request(ctx: Context) {
  const input = ctx.args.input;
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  const ev = event as EventItem;
  const email = normalEmail(input.email, 'email');
  const partySize = input.partySize === undefined || input.partySize === null ? 1 : requireInt(input.partySize, 'partySize', 1, 10000);
  const amountDueCents =
    input.amountDueCents === undefined || input.amountDueCents === null
      ? ev.priceCents * partySize
      : requireInt(input.amountDueCents, 'amountDueCents', 0, MAX_INT);
  if (amountDueCents > MAX_INT) conflict('The amount due is too large; give amountDueCents explicitly.');
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
    phone: optionalText(input.phone, 'phone', 40),
    partySize,
    amountDueCents,
    paidCents: 0,
    balanceCents: amountDueCents,
    waiverSignedAt: null,
    notes: optionalText(input.notes, 'notes', 1000),
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
        {
          expression: 'attribute_exists(PK) AND #c_head <= :c_room AND #c_capacity = :c_capacity',
          expressionNames: { '#c_head': 'headCount', '#c_capacity': 'capacity' },
          expressionValues: { ':c_room': ev.capacity - partySize, ':c_capacity': ev.capacity },
        },
      ),
      auditPut(tableName, ctx, ev.id, now, null, entry),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const failed = failedConditions(ctx);
    // Two refusals a person resolves differently (edit the entry, or find room): errorInfo says which.
    if (failed.indexOf(0) >= 0) conflict(ctx.stash.entry.email + ' is already on the roster of this event.', { reason: 'ALREADY_ON_ROSTER' });
    if (failed.indexOf(1) >= 0) conflict('The event filled up or changed while saving: reload and try again.', { reason: 'EVENT_CHANGED' });
    passThroughError(ctx);
  }
  return ctx.stash.entry;
}
