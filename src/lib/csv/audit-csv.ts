/**
 * Audit trails as people read them, and as CSV: the dashboard's Export CSV. Columns, in order:
 *
 * | column       | what                                                                  |
 * |--------------|-----------------------------------------------------------------------|
 * | at           | when, ISO 8601 in the operator zone (2026-11-29T19:15:02-08:00)        |
 * | actor        | who: a signed-in user's email, `waiver:<email>` for a public signature |
 * | operation    | what: the GraphQL field (logPayment, voidPayment…) or `signWaiver`     |
 * | entity       | the event (or what else was changed)                                  |
 * | patron_email | the patron it is about, if any                                        |
 * | before       | the item before, as JSON; empty for a creation                         |
 * | after        | the item after, as JSON; empty for a removal                           |
 * | audit_id     | the record's id                                                       |
 *
 * Every operation is written the same way, so one added later exports without a change here.
 */
import type { AuditEntry, AuditSource } from '../../graphql/types';
import { toCsv } from './csv';
import { formatDateTime, toZoneIso } from '../domain/dates';
import { formatCents } from '../domain/money';

export const AUDIT_CSV_COLUMNS = [
  'at',
  'actor',
  'operation',
  'entity',
  'patron_email',
  'before',
  'after',
  'audit_id',
] as const;

export function auditCsv(entries: readonly AuditEntry[]): string {
  return toCsv(
    AUDIT_CSV_COLUMNS,
    entries.map((e) => [
      toZoneIso(e.at),
      e.actor,
      e.operation,
      e.entity,
      e.patronEmail,
      json(e.before),
      json(e.after),
      e.id,
    ]),
  );
}

/** `audit-2026-12-04-sunset-sail.csv`, `audit-pat@example.com.csv`: only what every file system takes. */
export function auditCsvFilename(source: AuditSource): string {
  const name = `audit-${source.kind === 'event' ? source.eventId : source.email}`;
  return `${name.replace(/[^A-Za-z0-9.@_-]+/g, '_')}.csv`;
}

/** AWSJSON arrives as JSON text (the API) or parsed (some clients): always JSON text in the file. */
function json(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One field that a change touched: its value before and after (undefined: not there). */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/**
 * What changed between the two images, field by field, in the after-image's order: only fields
 * whose value differs (all of them for a creation or a removal). Generic: any operation's images.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = parsed(before);
  const a = parsed(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((f) => ({ field: f, before: b[f], after: a[f] }));
}

function parsed(image: unknown): Record<string, unknown> {
  if (image === null || image === undefined) return {};
  const value = typeof image === 'string' ? (JSON.parse(image) as unknown) : image;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** `logPayment` → "Log payment": any operation, named or added later, reads as words. */
export const operationLabel = (operation: string) => {
  const words = operation.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A field's value as a person reads it: cents as dollars, instants in the operator zone, lists joined. */
export function fieldValue(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'number' && field.endsWith('Cents')) return formatCents(value);
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatDateTime(value);
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') || '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
