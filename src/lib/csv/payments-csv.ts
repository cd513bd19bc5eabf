/**
 * The one CSV of payments, written by the dashboard's Export CSV and by examples/payment-history.ts.
 * Columns, in this order:
 *
 * | column        | what                                                                        |
 * |---------------|-----------------------------------------------------------------------------|
 * | payment_id    | the payment's id (a ULID), its receipt number                               |
 * | event_id      | the event: `<yyyy-mm-dd>-<slug of its title>`, the date in the operator zone  |
 * | patron_email  | who paid                                                                    |
 * | patron_name   |                                                                             |
 * | amount        | dollars as a plain decimal (12.50); a voided payment keeps its amount        |
 * | currency      | USD                                                                         |
 * | method        | CASH, CARD, CHECK, ACH or OTHER                                             |
 * | status        | RECORDED or VOIDED                                                          |
 * | received_on   | the day the money was received, in the operator zone (2026-11-29)           |
 * | logged_at     | when it was logged, ISO 8601 in the operator zone (2026-11-29T19:15:02-08:00) |
 * | logged_by     | who logged it                                                               |
 * | voided_at     | when it was voided, like logged_at; empty if not voided                     |
 * | voided_by     |                                                                             |
 * | void_reason   |                                                                             |
 * | notes         | the crew's internal note on the payment                                     |
 * | kind          | PAYMENT or REFUND (money given back)                                        |
 * | net_amount    | what the row adds to the takings: the amount of a RECORDED payment, minus   |
 * |               | that of a RECORDED refund, 0 for a VOIDED or MOVED one. Its sum is the net  |
 * |               | taken (paid less refunded), as the events' paidCents sum it                 |
 * | reason        | a refund's reason                                                           |
 * | refund_of     | the payment a refund gives back (part of), if named                         |
 * | moved_to      | status MOVED: the event the payment moved to with its patron (rebooking)     |
 * | moved_from    | a payment moved in: the event it came from (same amount, method, days)      |
 *
 * A rebooking leaves the original row MOVED (net 0) and adds a RECORDED copy with the same
 * logged_at and received_on on the new event, so a day's net takings do not change.
 * The operator zone is `custom.timeZone` of amplify_outputs.json (see src/lib/domain/dates.ts).
 */
import type { Payment, PaymentSource } from '../../graphql/types';
import { toCsv, type CsvCell } from './csv';
import { toAwsDate, toZoneIso } from '../domain/dates';
import { centsToPlain } from '../domain/money';

export const PAYMENT_CSV_COLUMNS = [
  'payment_id',
  'event_id',
  'patron_email',
  'patron_name',
  'amount',
  'currency',
  'method',
  'status',
  'received_on',
  'logged_at',
  'logged_by',
  'voided_at',
  'voided_by',
  'void_reason',
  'notes',
  'kind',
  'net_amount',
  'reason',
  'refund_of',
  'moved_to',
  'moved_from',
] as const;

/** What a row needs of a payment (the script's selection and the dashboard's both include it). */
export type CsvPayment = Pick<
  Payment,
  | 'id'
  | 'eventId'
  | 'patronEmail'
  | 'patronName'
  | 'amountCents'
  | 'currency'
  | 'method'
  | 'status'
  | 'receivedAt'
  | 'loggedAt'
  | 'loggedBy'
  | 'voidedAt'
  | 'voidedBy'
  | 'voidReason'
  | 'notes'
> &
  Partial<Pick<Payment, 'kind' | 'reason' | 'refundOf' | 'movedTo' | 'movedFrom'>>;

/** What a payment adds to the takings (cents): a recorded payment its amount, a recorded refund minus its amount, else 0. */
export function netCents(p: Pick<Payment, 'status' | 'amountCents'> & Partial<Pick<Payment, 'kind'>>): number {
  if (p.status !== 'RECORDED') return 0;
  return p.kind === 'REFUND' ? -p.amountCents : p.amountCents;
}

export function paymentCsvCells(p: CsvPayment): CsvCell[] {
  return [
    p.id,
    p.eventId,
    p.patronEmail,
    p.patronName,
    centsToPlain(p.amountCents),
    p.currency,
    p.method,
    p.status,
    toAwsDate(p.receivedAt),
    toZoneIso(p.loggedAt),
    p.loggedBy,
    p.voidedAt ? toZoneIso(p.voidedAt) : null,
    p.voidedBy,
    p.voidReason,
    p.notes,
    p.kind ?? 'PAYMENT',
    centsToPlain(netCents(p)),
    p.reason,
    p.refundOf,
    p.movedTo,
    p.movedFrom,
  ];
}

/** Header and rows, CRLF-separated (RFC 4180). */
export function paymentsCsv(payments: readonly CsvPayment[]): string {
  return toCsv(PAYMENT_CSV_COLUMNS, payments.map(paymentCsvCells));
}

/**
 * A file name that says what the file holds: `payments-2026-11-01-to-2026-11-30-cash.csv`,
 * `payments-pat@example.com-2026-11-01-to-2026-11-30.csv`, `payments-2026-12-04-sunset-sail.csv`.
 */
export function paymentsCsvFilename(source: PaymentSource, patronEmail = ''): string {
  const days = (from?: string, to?: string) => (from && to ? [toAwsDate(from), 'to', toAwsDate(to)] : []);
  const parts =
    source.kind === 'event'
      ? [source.eventId, patronEmail || source.patronEmail]
      : source.kind === 'patron'
        ? [source.email, ...days(source.from, source.to)]
        : [...days(source.from, source.to), source.method?.toLowerCase()];
  const name = ['payments', ...parts.filter(Boolean)].join('-');
  // Only what every file system takes: letters, digits and . @ _ -
  return `${name.replace(/[^A-Za-z0-9.@_-]+/g, '_')}.csv`;
}
