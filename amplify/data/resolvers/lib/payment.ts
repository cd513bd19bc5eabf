import { IDEMPOTENCY_SK, idempotencyPk, patronHistoryPk, paymentsByYearPk } from '../../keys';
import { conflict, validationError } from './errors';
import { putNew } from './tx';
import {
  eventInstant,
  MAX_AMOUNT_CENTS,
  normalEmail,
  optionalText,
  pastInstant,
  requireId,
  requireInt,
  requireKey,
} from './validate';

export const METHODS = ['CARD', 'CASH', 'CHECK', 'ACH', 'OTHER'];

/** logPayment's input, checked and normalised before anything is read or written. */
export interface PaymentInput {
  idempotencyKey: string;
  eventId: string;
  patronEmail: string;
  amountCents: number;
  method: string;
  notes: string | null;
  /** as given (null when defaulted to now), part of the idempotency fingerprint */
  receivedAt: string | null;
}

/** The fields a payment and a refund share, checked the same way. */
export function checkPaymentInput(input: Record<string, unknown>): PaymentInput {
  const key = requireKey(input.idempotencyKey, 'idempotencyKey');
  const eventId = requireId(input.eventId, 'eventId');
  const email = normalEmail(input.patronEmail, 'patronEmail');
  const amount = requireInt(input.amountCents, 'amountCents', 1, MAX_AMOUNT_CENTS);
  const method = input.method as string;
  if (METHODS.indexOf(method) < 0) validationError('method must be one of ' + METHODS.join(', ') + '.');
  const notes = optionalText(input.notes, 'notes', 1000, true);
  const receivedAt =
    input.receivedAt === undefined || input.receivedAt === null ? null : pastInstant(input.receivedAt, 'receivedAt');
  return {
    idempotencyKey: key,
    eventId,
    patronEmail: email,
    amountCents: amount,
    method,
    notes: notes || null,
    receivedAt,
  };
}

/**
 * What the client read before paying: the patron's name as booked and the event's start. Given
 * both, logPayment writes first, conditioned on them, and reads only to explain a refusal; given
 * neither (an older client, a script), it reads first. Not part of the idempotency fingerprint: a
 * retry is the same payment whatever the screen showed.
 */
export interface AsRead {
  patronName: string;
  eventStartsAt: string;
}

export function checkAsRead(input: Record<string, unknown>): AsRead | null {
  const patronName = optionalText(input.patronName, 'patronName', 200);
  const given = input.eventStartsAt !== undefined && input.eventStartsAt !== null;
  const eventStartsAt = given ? eventInstant(input.eventStartsAt, 'eventStartsAt') : null;
  return patronName && eventStartsAt ? { patronName, eventStartsAt } : null;
}

/**
 * A new payment item (a payment, a refund, or one moved in) with its index keys: the patron's
 * history (GSI1) and the year's payments (GSI3), both by loggedAt.
 */
export function paymentPut(tableName: string, key: { PK: string; SK: string }, attributes: Record<string, unknown>) {
  const loggedAt = attributes.loggedAt as string;
  const id = attributes.id as string;
  return putNew(tableName, key, {
    ...attributes,
    // Every writer of a new payment item adds it to the daily takings in the same transaction (lib/takings.ts).
    inTotals: true,
    type: 'Payment',
    GSI1PK: patronHistoryPk(attributes.patronEmail as string),
    GSI1SK: loggedAt + '#' + id,
    GSI3PK: paymentsByYearPk(loggedAt),
    GSI3SK: loggedAt + '#' + id,
  });
}

/** The record of an idempotency key's first use: what was asked (fingerprint) and what was recorded. */
export function idempotencyPut(
  tableName: string,
  idempotencyKey: string,
  fingerprint: string,
  payment: Record<string, unknown>,
) {
  return putNew(
    tableName,
    { PK: idempotencyPk(idempotencyKey), SK: IDEMPOTENCY_SK },
    {
      type: 'Idempotency',
      fingerprint,
      payment,
      expiresAt: payment.expiresAt,
    },
  );
}

/** What "the same payment" means for a retried idempotency key. */
export function fingerprint(p: PaymentInput): string {
  return JSON.stringify([p.eventId, p.patronEmail, p.amountCents, p.method, p.notes, p.receivedAt]);
}

interface IdempotencyRecord {
  fingerprint: string;
  payment: Record<string, unknown>;
}

/** The original payment for a retry with the same content; a Conflict for a reused key. */
export function replayOrConflict(record: IdempotencyRecord, input: PaymentInput): Record<string, unknown> {
  if (record.fingerprint !== fingerprint(input)) {
    conflict(
      'The idempotency key "' +
        input.idempotencyKey +
        '" was already used for a different payment: use a new key for a new payment.',
    );
  }
  return record.payment;
}
