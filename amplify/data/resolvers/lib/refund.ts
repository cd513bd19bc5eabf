import { conflict } from './errors';
import { checkPaymentInput, type PaymentInput } from './payment';
import { MAX_AMOUNT_CENTS, requireInt, requireKey, requireText } from './validate';

/** refundPayment's input: a payment's fields, a reason, and the payment refunded if one is named. */
export interface RefundInput extends PaymentInput {
  reason: string;
  refundOf: string | null;
}

export function checkRefundInput(input: Record<string, unknown>): RefundInput {
  const common = checkPaymentInput(input);
  const reason = requireText(input.reason, 'reason', 1000, true);
  const refundOf =
    input.refundOf === undefined || input.refundOf === null ? null : requireKey(input.refundOf, 'refundOf');
  return { ...common, reason, refundOf };
}

/**
 * The refunded payment's refundedCents as the client read it (0 for none yet), so a refund of a
 * named payment can be written first, conditioned on it; null when not given. Not part of the
 * idempotency fingerprint, as the name and start the client read are not.
 */
export function checkRefundedAsRead(input: Record<string, unknown>): number | null {
  const given = input.refundOfRefundedCents;
  return given === undefined || given === null ? null : requireInt(given, 'refundOfRefundedCents', 0, MAX_AMOUNT_CENTS);
}

/** What "the same refund" means for a retried idempotency key (never equal to a payment's). */
export function refundFingerprint(r: RefundInput): string {
  return JSON.stringify([
    'REFUND',
    r.eventId,
    r.patronEmail,
    r.amountCents,
    r.method,
    r.reason,
    r.refundOf,
    r.notes,
    r.receivedAt,
  ]);
}

/** The refund recorded under the key for a retry with the same content; a Conflict for a reused key. */
export function replayRefund(
  record: { fingerprint: string; payment: Record<string, unknown> },
  input: RefundInput,
): Record<string, unknown> {
  if (record.fingerprint !== refundFingerprint(input)) {
    conflict(
      'The idempotency key "' +
        input.idempotencyKey +
        '" was already used for something else: use a new key for a new refund.',
    );
  }
  return record.payment;
}
