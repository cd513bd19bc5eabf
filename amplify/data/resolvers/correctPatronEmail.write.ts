import { util, type Context } from '@aws-appsync/utils';
import { patronSearchKeys, patronSk } from '../keys';
import { conflict, dataSourceError, validationError } from './lib/errors';
import { loadedItem } from './lib/load';
import {
  PAYMENT_RETENTION_SECONDS,
  ROSTER_ATTRIBUTES,
  type EventItem,
  type PaymentItem,
  type RosterItem,
} from './lib/model';
import { movePayments } from './lib/move';
import { notCancelled, signedCents } from './lib/sailing';
import { movedTakings, takingsUpdates } from './lib/takings';
import { allOf, asRead, attributesOf, auditPut, conditionCheck, deleteItem, putNew, table } from './lib/tx';

const EVENT = 0;
const OLD_ENTRY = 1;
const NEW_ENTRY = 2;

/** The event's counts a booking adds to: unchanged by a correction, so pinned as read. */
const COUNTS = ['rosterCount', 'headCount', 'dueCents', 'paidCents', 'balanceCents', 'waiversSigned'];

/**
 * The booking's own fields, carried to the corrected address. What SES said about the old address
 * (mailProblem, mailSuppressed, each message's delivery) stays behind: it was about that address.
 */
const CARRIED = [
  'name',
  'phone',
  'partySize',
  'amountDueCents',
  'paidCents',
  'balanceCents',
  'notes',
  'movedFrom',
  'aboard',
  'waiverId',
  'waiverSignedAt',
  'waiverSignedBy',
  'waiverMinors',
  'waiverPeople',
  'waiverVersion',
];

/**
 * correctPatronEmail, step 3: one TransactWriteItems moves the booking to the corrected address. The
 * email is the booking's key, so the entry under the old address is deleted (required exactly as
 * read) and a new one goes in under the corrected address (required absent) with the same party,
 * money and waiver pointer: the signed waiver records are not touched, a signature being a record.
 * Each recorded payment and refund is marked MOVED as read and copied under the corrected address
 * (paid records are never rewritten). The event is required uncancelled with its counts as read: a
 * correction changes none of them, and a booking, payment or signature landing meanwhile refuses it
 * rather than leave a total that counts the patron under neither address or both.
 */
export function request(ctx: Context) {
  const event = loadedItem<EventItem>(ctx, 'event') as EventItem;
  const entry = loadedItem<RosterItem>(ctx, 'entry') as RosterItem;
  const payments = ctx.stash.payments as PaymentItem[];
  const newEmail = ctx.stash.newEmail as string;
  const carried = payments.reduce((sum, p) => sum + signedCents(p), 0);
  if (carried !== entry.paidCents) {
    conflict('A payment of ' + entry.email + ' was being recorded at the same moment: try again.', { retryable: true });
  }
  const tableName = table(ctx);
  const now = util.time.nowISO8601();
  const expiresAt =
    Math.floor(util.time.parseISO8601ToEpochMilliSeconds(event.startsAt) / 1000) + PAYMENT_RETENTION_SECONDS;
  const { copies, writes } = movePayments(tableName, payments, event, event, newEmail, expiresAt);
  const source = entry as unknown as Record<string, unknown>;
  const corrected: Record<string, unknown> = { eventId: event.id, email: newEmail };
  CARRIED.forEach((f) => {
    if (source[f] !== undefined && source[f] !== null) corrected[f] = source[f];
  });
  ctx.stash.result = corrected;
  const items: unknown[] = [];
  items[EVENT] = conditionCheck(
    tableName,
    { PK: event.PK, SK: event.SK },
    allOf([notCancelled(), asRead(event, COUNTS)]),
  );
  items[OLD_ENTRY] = deleteItem(
    tableName,
    { PK: entry.PK, SK: entry.SK },
    asRead(entry, attributesOf(entry, ROSTER_ATTRIBUTES)),
  );
  items[NEW_ENTRY] = putNew(
    tableName,
    { PK: event.PK, SK: patronSk(newEmail) },
    {
      ...corrected,
      ...patronSearchKeys(newEmail, entry.name, entry.phone),
      type: 'RosterEntry',
    },
  );
  // One record in each address's trail: the booking leaving the old one, arriving at the new one.
  items.push(
    auditPut(tableName, ctx, event.id, now, entry, {
      email: entry.email,
      correctedTo: newEmail,
      movedPayments: payments.map((p) => p.id),
    }),
  );
  items.push(
    auditPut(tableName, ctx, event.id, now, null, {
      ...corrected,
      correctedFrom: entry.email,
      movedPayments: copies.map((c) => c.id),
    }),
  );
  const transactItems = items.concat(writes, takingsUpdates(tableName, movedTakings(ctx, payments, copies)));
  // DynamoDB's limit on the items of one TransactWriteItems.
  if (transactItems.length > 100) {
    validationError(
      entry.email +
        "'s payments and refunds on this event span too many days to move in one transaction: refund them and log them again under the corrected address.",
    );
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: OLD_ENTRY,
        message:
          'This patron changed a moment ago (a payment, a refund, an edit, a check-in, a signature or a move): reload, then try again.',
      },
      {
        item: NEW_ENTRY,
        message: ctx.stash.newEmail + ' was booked on this sailing a moment ago.',
        info: { reason: 'ALREADY_ON_ROSTER' },
      },
      {
        item: EVENT,
        message: 'The sailing was cancelled or its bookings changed a moment ago: reload and try again.',
        info: { reason: 'EVENT_CHANGED' },
      },
      {
        message:
          'A payment of this patron changed a moment ago (voided, refunded or its receipt sent): reload, then try again.',
      },
    ]);
  }
  return ctx.stash.result;
}
