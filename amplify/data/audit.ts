import { redactPersonal } from '../domain/personal';
import { auditPk, patronAuditPk } from './keys';

/**
 * The one audit builder, whoever writes: the APPSYNC_JS resolvers (through `auditPut` in
 * resolvers/lib/tx.ts) and every Lambda that changes records outside the API (the waiver page, the
 * reminders, the team, mail events; through `auditPut` in functions/dynamo.ts). Both hand a change
 * to `auditItem` and write what it returns, so an auditor reading one `AUDIT#<entity>` partition
 * meets one schema. Imported by the resolvers, so it stays within what APPSYNC_JS accepts: plain
 * functions, no classes, loops, try/catch or `++`. The id and the time come in as arguments: a
 * resolver passes util.autoUlid()/util.time.nowISO8601(), a Lambda its own ULID and ISO time.
 *
 * - `entity`: the event id (the partition is per event, so an event's history is one Query), or
 *   another partition's name (TEAM, CASHCOUNT#<day>);
 * - `operation`: the GraphQL field, or for a change made outside the API the name in WRITERS;
 * - `actor`: who did it. A signed-in caller's email (or username); a waiver signer is
 *   `waiver:<email they typed>`: self-asserted on an unauthenticated form, so kept apart from
 *   anyone who signs in with the same address; a scheduled or event-driven Lambda its own name;
 * - `before`/`after`: the item as it was and as it became, without its keys (PK, SK, GSI*); left
 *   out, not stored as NULL, when there is none (as any optional attribute in this table). Stored
 *   whole: what a reader may see of them is decided on the way out (auditEntry, by role).
 * No `expiresAt`: audit records never expire.
 */
export interface AuditRecord {
  type: 'Audit';
  id: string;
  entity: string;
  operation: string;
  actor: string;
  at: string;
  /** Absent when the thing did not exist before (a creation)... */
  before?: Record<string, unknown> | null;
  /** ...or does not exist after (a removal). */
  after?: Record<string, unknown> | null;
}

/**
 * The writers outside the API: the operation and actor each one's records carry, named here once
 * so the records' vocabulary is one list.
 */
export const WRITERS = {
  /** A signature through the public waiver form (its actor is waiverActor of the signer). */
  waiver: { operation: 'signWaiver' },
  /** The scheduled reminder job's delivery of a reminder. */
  reminders: { operation: 'sendReminder', actor: 'scheduler:reminders' },
  /** SES's word on a message's delivery (bounced, complained, delivered). */
  mailEvents: { operation: 'mailDelivery', actor: 'ses:events' },
} as const;

/** The actor of a signature made through the public waiver form. */
export function waiverActor(email: string): string {
  return 'waiver:' + email;
}

/** Keeps only what a person wants to read in an audit record: the item without its keys. */
export function plain(item: object | null | undefined): Record<string, unknown> | null {
  if (!item) return null;
  const source = item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  Object.keys(source).forEach((k) => {
    if (k !== 'PK' && k !== 'SK' && k.indexOf('GSI') !== 0) out[k] = source[k];
  });
  return out;
}

export function auditKey(entity: string, at: string, id: string): { PK: string; SK: string } {
  return { PK: auditPk(entity), SK: at + '#' + id };
}

/**
 * The patron a change is about, if any: the payment's `patronEmail`, the roster entry's, walk-up's,
 * check-in's or delivery's `email`, a receipt's `to`; the after-image first (a creation has no
 * before). Generic on purpose: a new operation whose images carry one of these is found by patron
 * without touching this file.
 */
export function patronOf(before: object | null | undefined, after: object | null | undefined): string | null {
  let found: string | null = null;
  [after, before].forEach((image) => {
    const source = (image || {}) as Record<string, unknown>;
    ['patronEmail', 'email', 'to'].forEach((field) => {
      const v = source[field];
      if (found === null && typeof v === 'string' && v.indexOf('@') > 0) found = v.toLowerCase();
    });
  });
  return found;
}

/** The GSI1 keys that put a record in its patron's trail (none when it is about no patron). */
export function auditPatronKeys(
  entity: string,
  at: string,
  id: string,
  patron: string | null,
): { GSI1PK?: string; GSI1SK?: string } {
  if (!patron) return {};
  return { GSI1PK: patronAuditPk(patron), GSI1SK: auditKey(entity, at, id).SK };
}

/** A change as every writer describes it to the builder. */
export interface AuditChange {
  id: string;
  entity: string;
  operation: string;
  actor: string;
  at: string;
  before: object | null | undefined;
  after: object | null | undefined;
}

/** The record's attributes (its key from auditKey; its patron-trail keys included). */
export function auditRecord(change: AuditChange): AuditRecord & { GSI1PK?: string; GSI1SK?: string } {
  const record: AuditRecord & { GSI1PK?: string; GSI1SK?: string } = {
    type: 'Audit',
    id: change.id,
    entity: change.entity,
    operation: change.operation,
    actor: change.actor,
    at: change.at,
  };
  const before = plain(change.before);
  const after = plain(change.after);
  if (before) record.before = before;
  if (after) record.after = after;
  const keys = auditPatronKeys(change.entity, change.at, change.id, patronOf(before, after));
  if (keys.GSI1PK) {
    record.GSI1PK = keys.GSI1PK;
    record.GSI1SK = keys.GSI1SK;
  }
  return record;
}

/**
 * The builder: a change's audit item as each runtime's Put takes it, its key apart from its other
 * attributes (an AppSync PutItem names them apart; a Lambda's Put spreads both into its Item).
 * Written only where no item is (AUDIT_CONDITION): a record is never overwritten.
 */
export function auditItem(change: AuditChange): {
  key: { PK: string; SK: string };
  attributes: AuditRecord & { GSI1PK?: string; GSI1SK?: string };
} {
  return { key: auditKey(change.entity, change.at, change.id), attributes: auditRecord(change) };
}
export const AUDIT_CONDITION = 'attribute_not_exists(PK)';

/**
 * An audit record as stored, read into the one shape. Signatures stored before the shapes were
 * one carry `who` (the bare signer email) instead of `actor`, `entity: RosterEntry#<email>` with the
 * event in `eventId`, and PK/SK inside `before`/`after` (a first walk-up's `before` stored as NULL).
 * Here an image that is not there is `null`.
 */
export function readAudit(item: Record<string, unknown>): Required<AuditRecord> {
  const legacyWaiver = item.actor === undefined && typeof item.who === 'string';
  const entity = String(item.entity ?? '');
  return {
    type: 'Audit',
    id: String(item.id ?? ''),
    entity: legacyWaiver && typeof item.eventId === 'string' ? item.eventId : entity,
    operation: String(item.operation ?? ''),
    actor: legacyWaiver ? waiverActor(String(item.who)) : String(item.actor ?? ''),
    at: String(item.at ?? ''),
    before: plain(item.before as object | null | undefined),
    after: plain(item.after as object | null | undefined),
  };
}

/**
 * An audit record as the API answers it (AuditEntry, the records an auditor asks for): the one shape of readAudit, the
 * patron it is about, and the images as JSON text (AWSJSON), whatever operation wrote them, so an
 * operation added later shows without a change here. Each image holds only the personal fields the
 * caller's groups may read (amplify/domain/personal.ts): the others are null.
 */
export function auditEntry(item: Record<string, unknown>, groups: readonly string[]) {
  const read = readAudit(item);
  const record = { ...read, before: redactPersonal(read.before, groups), after: redactPersonal(read.after, groups) };
  return {
    id: record.id,
    entity: record.entity,
    operation: record.operation,
    actor: record.actor,
    at: record.at,
    patronEmail: patronOf(record.before, record.after),
    before: record.before ? JSON.stringify(record.before) : null,
    after: record.after ? JSON.stringify(record.after) : null,
  };
}
