import type { Payment } from '../graphql/types';
import { toCsv } from './csv';
import { centsToPlain } from './money';

const HEADER = [
  'payment_id', 'event_id', 'patron_email', 'patron_name', 'amount', 'currency', 'method', 'status',
  'received_at', 'logged_at', 'logged_by', 'voided_at', 'voided_by', 'void_reason', 'notes',
];

/** The shown payments as CSV for bookkeeping: amounts as plain decimals, times as ISO 8601 UTC. */
export function paymentsCsv(payments: readonly Payment[]): string {
  return toCsv(HEADER, payments.map((p) => [
    p.id, p.eventId, p.patronEmail, p.patronName, centsToPlain(p.amountCents), p.currency, p.method, p.status,
    p.receivedAt, p.loggedAt, p.loggedBy, p.voidedAt, p.voidedBy, p.voidReason, p.notes,
  ]));
}
