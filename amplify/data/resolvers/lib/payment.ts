import { conflict, validationError } from './errors';
import { MAX_AMOUNT_CENTS, normalEmail, optionalText, pastInstant, requireId, requireInt, requireKey } from './validate';

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

export function checkPaymentInput(input: Record<string, unknown>): PaymentInput {
  const key = requireKey(input.idempotencyKey, 'idempotencyKey');
  const eventId = requireId(input.eventId, 'eventId');
  const email = normalEmail(input.patronEmail, 'patronEmail');
  const amount = requireInt(input.amountCents, 'amountCents', 1, MAX_AMOUNT_CENTS);
  const method = input.method as string;
  if (METHODS.indexOf(method) < 0) validationError('method must be one of ' + METHODS.join(', ') + '.');
  const notes = optionalText(input.notes, 'notes', 1000, true);
  const receivedAt = input.receivedAt === undefined || input.receivedAt === null ? null : pastInstant(input.receivedAt, 'receivedAt');
  return { idempotencyKey: key, eventId, patronEmail: email, amountCents: amount, method, notes: notes || null, receivedAt };
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
      'The idempotency key "' + input.idempotencyKey + '" was already used for a different payment: use a new key for a new payment.',
    );
  }
  return record.payment;
}
