import { util, type Context } from '@aws-appsync/utils';
import { patronSearchKeys, patronSk, walkUpSk } from '../keys';
import { conflict, dataSourceError, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { coveredPeople, type EventItem, type RosterItem, type WaiverLink } from './lib/model';
import { notCancelled, refuseIfCancelled } from './lib/sailing';
import {
  allOf,
  asRead,
  auditPut,
  conditionCheck,
  deleteItem,
  enoughOf,
  putNew,
  roomFor,
  table,
  updateItem,
} from './lib/tx';
import { aboardOf, placesHeld, placesLeft } from './lib/boarding';
import {
  MAX_AMOUNT_CENTS,
  MAX_CAPACITY,
  MAX_INT,
  normalEmail,
  optionalPhone,
  optionalText,
  pricedDue,
  requireInt,
  requireText,
  totalWithin,
} from './lib/validate';

/**
 * addPatron, step 2: the roster entry and the event's totals in one transaction. The event's
 * condition re-checks the room left against concurrent bookings (no arithmetic in conditions, so
 * the bound is computed here: headCount <= capacity - walk-ups aboard - partySize), requires the capacity and price
 * as read, and keeps the event's due total within Int.
 *
 * A patron who signed the waiver before being booked (a walk-up, `GUEST#<email>`) brings that
 * waiver onto the new entry: the walk-up item goes, the entry carries its link, and the event's
 * waiversSigned counts the people it covers, at most the party booked. Those of the walk-up already
 * checked in come too (their check-ins are keyed by email and person, the same on the entry): the
 * entry's `aboard` takes the walk-up's, and their places move from walk-ups aboard to the booking. Either way the walk-up item is conditioned on what was
 * read (absent, or the same waiver), so a signature landing meanwhile is a Conflict, not lost.
 */
export function request(ctx: Context) {
  const input = ctx.args.input;
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  refuseIfCancelled(event, 'it takes no new booking');
  const email = normalEmail(input.email, 'email');
  const partySize =
    input.partySize === undefined || input.partySize === null
      ? 1
      : requireInt(input.partySize, 'partySize', 1, MAX_CAPACITY);
  const priced = input.amountDueCents === undefined || input.amountDueCents === null;
  const amountDueCents = priced
    ? pricedDue(event.priceCents, partySize)
    : requireInt(input.amountDueCents, 'amountDueCents', 0, MAX_AMOUNT_CENTS);
  totalWithin(event.dueCents, amountDueCents);
  const walkUp = loadedItem<WaiverLink & RosterItem>(ctx, 'walkUp');
  // A walk-up already aboard is booked with their check-ins: they stay aboard, now in booked places.
  const carried = aboardOf(walkUp);
  if (carried > 0 && partySize < (walkUp as WaiverLink).waiverPeople) {
    conflict(
      carried +
        ' of ' +
        email +
        '’s walk-up party are checked in: book all ' +
        (walkUp as WaiverLink).waiverPeople +
        ' their waiver covers, or undo check-ins on Boarding first.',
      {
        reason: 'PARTY_ABOARD',
        aboard: carried,
      },
    );
  }
  const room = placesLeft(event) + carried;
  if (partySize > room) {
    conflict(
      'A party of ' + partySize + ' does not fit: ' + room + ' of ' + event.capacity + ' places left on this event.',
      {
        reason: 'NO_ROOM',
        placesLeft: room,
        capacity: event.capacity,
      },
    );
  }
  const entry: RosterItem = {
    PK: event.PK,
    SK: patronSk(email),
    eventId: event.id,
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
  const walkUpKey = { PK: event.PK, SK: walkUpSk(email) };
  const add: Record<string, number> = {
    rosterCount: 1,
    headCount: partySize,
    dueCents: amountDueCents,
    balanceCents: amountDueCents,
  };
  const tableName = table(ctx);
  let walkUpWrite = conditionCheck(tableName, walkUpKey, { expression: 'attribute_not_exists(PK)' });
  if (walkUp) {
    entry.waiverSignedAt = walkUp.waiverSignedAt;
    entry.waiverId = walkUp.waiverId;
    entry.waiverSignedBy = walkUp.waiverSignedBy;
    entry.waiverMinors = walkUp.waiverMinors;
    entry.waiverPeople = walkUp.waiverPeople;
    if (walkUp.waiverVersion) entry.waiverVersion = walkUp.waiverVersion;
    add.waiversSigned = coveredPeople(entry);
    walkUpWrite = deleteItem(
      tableName,
      walkUpKey,
      allOf([
        {
          expression: '#c_waiver = :c_waiver',
          expressionNames: { '#c_waiver': 'waiverId' },
          expressionValues: { ':c_waiver': walkUp.waiverId },
        },
        asRead(walkUp, ['aboard']),
      ]),
    );
    if (carried > 0) {
      entry.aboard = carried;
      add.walkUpsAboard = -carried;
    }
  }
  ctx.stash.entry = entry;
  const { PK, SK, ...attributes } = entry;
  const now = util.time.nowISO8601();
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      putNew(
        tableName,
        { PK, SK },
        { ...attributes, ...patronSearchKeys(email, entry.name, entry.phone), type: 'RosterEntry' },
      ),
      updateItem(
        tableName,
        { PK: event.PK, SK: event.SK },
        { add },
        allOf([
          placesHeld(event, partySize - carried),
          // the capacity the room was computed from, and the price a default due amount was
          asRead(event, priced ? ['capacity', 'priceCents'] : ['capacity']),
          roomFor('dueCents', amountDueCents, MAX_INT),
          enoughOf('walkUpsAboard', carried),
          notCancelled(),
        ]),
      ),
      auditPut(tableName, ctx, event.id, now, walkUp, entry),
      walkUpWrite,
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const email = ctx.stash.entry.email;
    // Two refusals a person resolves differently (edit the entry, or find room): errorInfo says which.
    dataSourceError(ctx, [
      { item: 0, message: email + ' is already on the roster of this event.', info: { reason: 'ALREADY_ON_ROSTER' } },
      {
        item: 1,
        message: 'The event filled up or changed while saving: reload and try again.',
        info: { reason: 'EVENT_CHANGED' },
      },
      {
        item: 3,
        message: email + ' signed the waiver while saving: reload and try again.',
        info: { reason: 'WAIVER_SIGNED' },
      },
    ]);
  }
  return ctx.stash.entry;
}
