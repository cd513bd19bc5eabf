/**
 * The one CSV of reconciliation totals, written by the dashboard's /reconciliation
 * Export CSV and by `examples/payment-history.ts --totals`, from the same totals
 * (src/lib/domain/reconciliation.ts). One row per line of the report, in this order:
 *
 * | section | day        | event_id | method | rows                                                      |
 * |---------|------------|----------|--------|-----------------------------------------------------------|
 * | day     | 2026-11-29 |          | CASH   | one per day and method with money in or out, oldest first |
 * | event   |            | <id>     |        | one per event with money in or out, by id                 |
 * | method  |            |          | CASH   | the range's total per method, every method                |
 * | total   |            |          |        | the range's total                                         |
 *
 * then `takings`, `refunds` and `net` (takings − refunds) in dollars as plain decimals (12.50), and
 * `from`/`to` (the range's first and last day, the operator's) on every row, so a row read alone
 * still says what it covers. Days are the operator's days of when each payment was logged.
 */
import { toCsv, type CsvCell } from './csv';
import { centsToPlain } from '../domain/money';
import { RECONCILED_METHODS, type Reconciliation, type Takings } from '../domain/reconciliation';

export const RECONCILIATION_CSV_COLUMNS = [
  'section',
  'day',
  'event_id',
  'method',
  'takings',
  'refunds',
  'net',
  'from',
  'to',
] as const;

function row(
  r: Reconciliation,
  section: string,
  day: string,
  eventId: string,
  method: string,
  takings: number,
  refunds: number,
): CsvCell[] {
  return [
    section,
    day,
    eventId,
    method,
    centsToPlain(takings),
    centsToPlain(refunds),
    centsToPlain(takings - refunds),
    r.from,
    r.to,
  ];
}

const whole = (t: Takings) => [t.takingsCents, t.refundsCents] as const;

export function reconciliationRows(r: Reconciliation): CsvCell[][] {
  return [
    ...r.days.flatMap((d) =>
      RECONCILED_METHODS.filter((m) => d.takings[m] || d.refunds[m]).map((m) =>
        row(r, 'day', d.day, '', m, d.takings[m], d.refunds[m]),
      ),
    ),
    ...r.events.map((e) => row(r, 'event', '', e.eventId, '', ...whole(e))),
    ...RECONCILED_METHODS.map((m) => row(r, 'method', '', '', m, r.takings[m], r.refunds[m])),
    row(r, 'total', '', '', '', ...whole(r)),
  ];
}

/** Header and rows, CRLF-separated (RFC 4180). */
export function reconciliationCsv(r: Reconciliation): string {
  return toCsv(RECONCILIATION_CSV_COLUMNS, reconciliationRows(r));
}

export function reconciliationCsvFilename(r: Pick<Reconciliation, 'from' | 'to'>): string {
  return `reconciliation-${r.from}-to-${r.to}.csv`;
}
