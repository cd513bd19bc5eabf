import { util, type Context } from '@aws-appsync/utils';
import { patronSearchKeys, patronSk } from '../keys';
import { conflict, dataSourceError, validationError } from './lib/errors';
import { placesHeld } from './lib/boarding';
import { loadedItem } from './lib/load';
import {
  coveredPeople,
  PAYMENT_RETENTION_SECONDS,
  ROSTER_ATTRIBUTES,
  type EventItem,
  type PaymentItem,
  type RosterItem,
} from './lib/model';
import { movePayments } from './lib/move';
import { notCancelled, signedCents } from './lib/sailing';
import { movedTakings, takingsUpdates } from './lib/takings';
import { allOf, asRead, attributesOf, auditPut, enoughOf, plain, putNew, roomFor, table, updateItem } from './lib/tx';
import { MAX_INT } from './lib/validate';

const FROM_EVENT = 0;
const FROM_ENTRY = 1;
const TO_EVENT = 2;
const TO_ENTRY = 3;
// DynamoDB's limit on the items of one TransactWriteItems.
const MAX_TRANSACT_ITEMS = 100;

/**
 * rebookPatron, step 3: one TransactWriteItems moves the patron and their money. On
 * the event left, the roster entry becomes MOVED (kept, counted nowhere) and each recorded payment
 * or refund MOVED, each required exactly as read (nobody of the party aboard: those checked in
 * are on this boat, so the move is refused until crew undo their check-ins); the event's counts and totals drop by the entry's
 * (DynamoDB subtracts, never below zero). On the event joined, a new entry and a copy of each
 * payment (same amount, method, receivedAt and loggedAt, so a day's takings do not change; movedFrom
 * pointing back) go in, and its totals grow by the same amounts, with room for the party checked on
 * the stored headCount and the event required not cancelled. Both sides are in the one transaction,
 * so every total is the sum of what it counts on both events under any interleaving.
 */
export function request(ctx: Context) {
  const from = loadedItem<EventItem>(ctx, 'from') as EventItem;
  const to = loadedItem<EventItem>(ctx, 'to') as EventItem;
  const entry = loadedItem<RosterItem>(ctx, 'entry') as RosterItem;
  const payments = ctx.stash.payments as PaymentItem[];
  const carried = payments.reduce((sum, p) => sum + signedCents(p), 0);
  if (carried !== entry.paidCents) {
    conflict('A payment of ' + entry.email + ' was being recorded at the same moment: try again.', { retryable: true });
  }
  const now = util.time.nowISO8601();
  const tableName = table(ctx);
  const expiresAt =
    Math.floor(util.time.parseISO8601ToEpochMilliSeconds(to.startsAt) / 1000) + PAYMENT_RETENTION_SECONDS;
  const { copies: moved, writes: paymentWrites } = movePayments(tableName, payments, from, to, entry.email, expiresAt);
  // A move leaves each day's takings as they were and moves them between the two events' items.
  const takings = movedTakings(ctx, payments, moved);
  const left = { ...plain(entry), status: 'MOVED', movedTo: to.id };
  const joined: RosterItem = {
    PK: to.PK,
    SK: patronSk(entry.email),
    eventId: to.id,
    email: entry.email,
    name: entry.name,
    phone: entry.phone,
    partySize: entry.partySize,
    amountDueCents: entry.amountDueCents,
    paidCents: entry.paidCents,
    balanceCents: entry.balanceCents,
    notes: entry.notes,
    movedFrom: from.id,
  };
  const { PK, SK, ...joinedAttributes } = joined;
  ctx.stash.result = { from: left, to: joinedAttributes, payments: moved };
  const out: Record<string, number> = {
    rosterCount: -1,
    headCount: -entry.partySize,
    dueCents: -entry.amountDueCents,
    paidCents: -entry.paidCents,
    balanceCents: -entry.balanceCents,
  };
  const covered = coveredPeople(entry);
  if (covered > 0) out.waiversSigned = -covered;
  const into: Record<string, number> = {
    rosterCount: 1,
    headCount: entry.partySize,
    dueCents: entry.amountDueCents,
    paidCents: entry.paidCents,
    balanceCents: entry.balanceCents,
  };
  const items: unknown[] = [];
  items[FROM_EVENT] = updateItem(
    tableName,
    { PK: from.PK, SK: from.SK },
    { add: out },
    allOf(Object.keys(out).map((f) => enoughOf(f, -out[f]))),
  );
  items[FROM_ENTRY] = updateItem(
    tableName,
    { PK: entry.PK, SK: entry.SK },
    { set: { status: 'MOVED', movedTo: to.id } },
    asRead(entry, attributesOf(entry, ROSTER_ATTRIBUTES)),
  );
  items[TO_EVENT] = updateItem(
    tableName,
    { PK: to.PK, SK: to.SK },
    { add: into },
    allOf([
      // room for the party among the places not booked nor taken by walk-ups aboard
      placesHeld(to, entry.partySize),
      // the capacity the room was computed from, and the date the payments' retention was
      asRead(to, ['capacity', 'startsAt']),
      notCancelled(),
      roomFor('dueCents', entry.amountDueCents, MAX_INT),
    ]),
  );
  items[TO_ENTRY] = putNew(
    tableName,
    { PK, SK },
    { ...joinedAttributes, ...patronSearchKeys(entry.email, entry.name, entry.phone), type: 'RosterEntry' },
  );
  items.push(
    auditPut(tableName, ctx, from.id, now, entry, { ...left, movedPayments: moved.map((m) => m.movedFromPaymentId) }),
  );
  items.push(
    auditPut(tableName, ctx, to.id, now, null, { ...joinedAttributes, movedPayments: moved.map((m) => m.id) }),
  );
  const transactItems = items.concat(paymentWrites, takingsUpdates(tableName, takings));
  if (transactItems.length > MAX_TRANSACT_ITEMS) {
    validationError(
      entry.email +
        "'s payments and refunds on this event span too many days to move in one transaction: refund here and log the payment on the other event instead.",
    );
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: FROM_ENTRY,
        message:
          'This patron changed a moment ago (a payment, a refund, an edit, a check-in or another move): reload, then try again.',
      },
      {
        item: TO_EVENT,
        message: 'The sailing to move to filled up, was cancelled or changed a moment ago: reload and try again.',
        info: { reason: 'EVENT_CHANGED' },
      },
      {
        item: TO_ENTRY,
        message: 'This patron was booked on the sailing to move to a moment ago.',
        info: { reason: 'ALREADY_ON_ROSTER' },
      },
      {
        item: FROM_EVENT,
        message:
          "The event's counts do not include this patron, so moving them would drive a count below zero: nothing was moved.",
      },
      {
        message:
          'A payment of this patron changed a moment ago (voided, refunded or its receipt sent): reload, then try again.',
      },
    ]);
  }
  return ctx.stash.result;
}
