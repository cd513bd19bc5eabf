import { util, type Context } from '@aws-appsync/utils';
import { checkInSk, patronSearchKeys } from '../keys';
import { aboardOf, MAX_LEAVING, peopleLeaving, placesHeld, placesLeft, refuseAboard } from './lib/boarding';
import { conflict, dataSourceError, dollars, notFound, type Refusal } from './lib/errors';
import { loadedItem } from './lib/load';
import { coveredPeople, ROSTER_ATTRIBUTES, type EventItem, type RosterItem } from './lib/model';
import { notCancelled, refuseIfCancelled, refuseIfMoved } from './lib/sailing';
import { allOf, asRead, attributesOf, auditPut, conditionCheck, enoughOf, roomFor, table, updateItem } from './lib/tx';
import {
  MAX_AMOUNT_CENTS,
  MAX_CAPACITY,
  MAX_INT,
  optionalPhone,
  optionalText,
  pricedDue,
  requireInt,
  requireText,
  totalWithin,
} from './lib/validate';

/**
 * updatePatron, step 2: the entry and the event's totals together. The entry's write requires the
 * entry exactly as read (the new balance, the due amount's change and the audit's "before" all come
 * from it), and the event's the capacity and price it used; the event's totals move by DynamoDB's
 * own addition. A payment or edit landing in between makes this a Conflict, never a wrong total.
 */
/**
 * Each place a smaller party loses is not checked in: DynamoDB checks each person's check-in, and a
 * check-in landing meanwhile changes the entry this write pins (its party size and `aboard`). With
 * nobody of the party aboard as read, the pinned `aboard` says it all and no check is needed.
 */
function stayAshore(tableName: string, entry: RosterItem, leaving: string[]) {
  return leaving.map((person) =>
    conditionCheck(
      tableName,
      { PK: entry.PK, SK: checkInSk(entry.email, person) },
      {
        expression: 'attribute_not_exists(PK) OR #c_status <> :c_aboard',
        expressionNames: { '#c_status': 'status' },
        expressionValues: { ':c_aboard': 'CHECKED_IN' },
      },
    ),
  );
}

export function request(ctx: Context) {
  const input = ctx.args.input;
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  const before = loadedItem<RosterItem>(ctx, 'entry');
  if (!before) notFound('No patron ' + input.email + ' on the roster of this event.');
  // A cancelled sailing's bookings are settled by refunds and moves, not edited.
  refuseIfCancelled(event, 'its bookings are no longer changed');
  refuseIfMoved(before);
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  if (input.name !== undefined) set.name = requireText(input.name, 'name', 200);
  const optional: Record<string, string | null | undefined> = {
    phone: optionalPhone(input.phone, 'phone'),
    notes: optionalText(input.notes, 'notes', 1000, true),
  };
  Object.keys(optional).forEach((f) => {
    if (optional[f] === null) remove.push(f);
    else if (optional[f] !== undefined) set[f] = optional[f];
  });
  const partySize =
    input.partySize === undefined || input.partySize === null
      ? before.partySize
      : requireInt(input.partySize, 'partySize', 1, MAX_CAPACITY);
  const extra = partySize - before.partySize;
  const room = placesLeft(event);
  if (extra > room) {
    conflict(
      'A party of ' + partySize + ' does not fit: ' + room + ' of ' + event.capacity + ' places left on this event.',
      {
        reason: 'NO_ROOM',
        placesLeft: room,
        capacity: event.capacity,
      },
    );
  }
  // A due amount that was the default follows the party size; one set by hand stays.
  let amountDueCents = before.amountDueCents;
  const followsPrice = input.amountDueCents === undefined || input.amountDueCents === null;
  if (!followsPrice) {
    amountDueCents = requireInt(input.amountDueCents, 'amountDueCents', 0, MAX_AMOUNT_CENTS);
  } else if (extra !== 0 && before.amountDueCents === event.priceCents * before.partySize) {
    amountDueCents = pricedDue(event.priceCents, partySize);
  }
  if (amountDueCents < before.paidCents) {
    conflict(
      'The amount due cannot be less than the ' + dollars(before.paidCents) + ' already paid: void payments first.',
      {
        reason: 'DUE_BELOW_PAID',
        paidCents: before.paidCents,
      },
    );
  }
  // A smaller party loses its last places (lib/people.ts peopleLeaving). Refused, not carried, while
  // anyone in those places is checked in: they are aboard, and only crew undoing their check-in (with
  // why) takes them off; anyone else of the party may stay aboard.
  if (-extra > MAX_LEAVING) refuseAboard(before, 'making the party smaller by more than ' + MAX_LEAVING);
  ctx.stash.leaving = aboardOf(before) > 0 ? peopleLeaving(before, partySize) : [];
  set.partySize = partySize;
  set.amountDueCents = amountDueCents;
  set.balanceCents = amountDueCents - before.paidCents;
  const dueChange = amountDueCents - before.amountDueCents;
  totalWithin(event.dueCents, dueChange);
  const after = { ...before, ...set };
  remove.forEach((f) => {
    delete after[f as keyof RosterItem];
  });
  ctx.stash.after = after;
  // The search keys follow the name and phone as written (both pinned by the entry's condition);
  // written on every update, so an entry from before patron search gains them on its next edit.
  const search = patronSearchKeys(after.email, after.name, after.phone);
  const entryRemove = after.phone ? remove : remove.concat(['GSI6PK', 'GSI6SK']);
  const tableName = table(ctx);
  const eventConditions = [roomFor('dueCents', dueChange, MAX_INT), notCancelled()];
  if (extra > 0) eventConditions.push(placesHeld(event, extra));
  // What the room check and a due amount that follows the price were computed from.
  const used: string[] = [];
  if (extra > 0) used.push('capacity');
  if (followsPrice && extra !== 0) used.push('priceCents');
  eventConditions.push(asRead(event, used));
  const add: Record<string, number> = { headCount: extra, dueCents: dueChange, balanceCents: dueChange };
  // A waiver counts for at most the party booked, so a party-size change can move waiversSigned
  // (derived from the entry, which the entry's write pins as read).
  const coveredChange = coveredPeople(after) - coveredPeople(before);
  if (coveredChange !== 0) {
    add.waiversSigned = coveredChange;
    eventConditions.push(enoughOf('waiversSigned', -coveredChange));
  }
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(
        tableName,
        { PK: before.PK, SK: before.SK },
        { set: { ...set, ...search }, remove: entryRemove },
        asRead(before, attributesOf(before, ROSTER_ATTRIBUTES)),
      ),
      updateItem(tableName, { PK: event.PK, SK: event.SK }, { add }, allOf(eventConditions)),
      auditPut(tableName, ctx, event.id, util.time.nowISO8601(), before, after),
      ...stayAshore(tableName, before, ctx.stash.leaving as string[]),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const leaving = (ctx.stash.leaving || []) as string[];
    dataSourceError(
      ctx,
      leaving
        .map((person, i): Refusal => ({
          item: 3 + i,
          message:
            '"' +
            person +
            '" of ' +
            ctx.stash.after.email +
            ' is checked in: undo their check-in on Boarding before making the party smaller.',
          info: { reason: 'PARTY_ABOARD', person },
        }))
        .concat([
          {
            message:
              'Someone else changed this patron or event a moment ago (an edit, a payment, a check-in or a booking): reload to see it, then try again.',
            info: { reason: 'EVENT_CHANGED' },
          },
        ]),
    );
  }
  return ctx.stash.after;
}
