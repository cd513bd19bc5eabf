/**
 * Personal data by role: the one classification of the personal fields the product keeps, and who
 * may read each. Every way data leaves reads it from here: the resolvers (GraphQL fields, audit
 * images, signed waivers, subscription payloads), the Lambdas (emails, the waiver page) and the
 * browser (which columns a screen, a CSV or a printed page offers). docs/security.md says the same
 * in words, and test/api/privacy.test.ts walks every path out for every role against it.
 *
 * Written in the APPSYNC_JS subset, because resolvers import it: plain functions, no classes,
 * loops (forEach instead), recursion, try/catch, `++` or regex literals.
 *
 * A field is personal by its name, on whatever record carries it (a roster entry, a walk-up, a
 * signature, an audit image of any of them), so a new record with a `phone` is covered without a
 * change here. One exception, by record type: a payment's `notes` are about the money (what a
 * cheque was for), which accounting reconciles, not about the person.
 */

/** Signed-in staff, by Cognito group. */
export const ADMINS = 'ADMINS';
export const CREW = 'CREW';
export const ACCOUNTING = 'ACCOUNTING';
/** The patron reading what is theirs: their own waiver page, the copy emailed to them, their receipts. */
export const PATRON_SELF = 'PATRON_SELF';

export type Reader = typeof ADMINS | typeof CREW | typeof ACCOUNTING | typeof PATRON_SELF;

/**
 * Each personal field and who may read it. Crew meet the patrons: they call them (phone), read and
 * write notes about them, and would need an emergency contact or medical notes at sea. Admins
 * answer for everything. Accounting reconcile money: they know a patron by name and email, and need
 * none of these. Date of birth, IP address and user agent are evidence about a signature, for an
 * admin facing an insurer. A patron may read all of their own.
 */
export const PERSONAL_FIELDS: Record<string, Reader[]> = {
  phone: [ADMINS, CREW, PATRON_SELF],
  notes: [ADMINS, CREW, PATRON_SELF],
  emergencyContact: [ADMINS, CREW, PATRON_SELF],
  medicalNotes: [ADMINS, CREW, PATRON_SELF],
  dateOfBirth: [ADMINS, PATRON_SELF],
  ip: [ADMINS, PATRON_SELF],
  userAgent: [ADMINS, PATRON_SELF],
};

/** Record types (the `type` attribute) whose field of that name is not about a person. */
const NOT_PERSONAL_ON: Record<string, string[]> = {
  Payment: ['notes'],
};

/** Whether any of the caller's groups may read the field (a field not classified is not personal). */
export function mayRead(groups: readonly string[] | null | undefined, field: string): boolean {
  const readers = PERSONAL_FIELDS[field] as string[] | undefined;
  if (!readers) return true;
  const mine = groups || [];
  let allowed = false;
  readers.forEach((r) => {
    if (mine.indexOf(r) >= 0) allowed = true;
  });
  return allowed;
}

/** The caller's groups from a resolver's identity (Cognito user pools): none for anyone else. */
export function groupsOf(identity: unknown): string[] {
  const groups = ((identity || {}) as { groups?: string[] | null }).groups;
  return groups || [];
}

function personalHere(record: Record<string, unknown>, field: string): boolean {
  if (!PERSONAL_FIELDS[field]) return false;
  const type = typeof record.type === 'string' ? record.type : '';
  const exempt = NOT_PERSONAL_ON[type] || [];
  return exempt.indexOf(field) < 0;
}

function redactFlat(record: Record<string, unknown>, groups: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.keys(record).forEach((k) => {
    out[k] = personalHere(record, k) && !mayRead(groups, k) ? null : record[k];
  });
  return out;
}

/**
 * The record as the caller may read it: each personal field they may not read is null (kept as a
 * key, so a screen can say "not shown"), in the record itself and in the records of a list it holds
 * (a signature's minors). Two levels, not recursion, which APPSYNC_JS refuses; no record of ours
 * nests personal fields deeper.
 */
export function redactPersonal<T>(record: T, groups: readonly string[]): T {
  if (!record || typeof record !== 'object') return record;
  const top = redactFlat(record as Record<string, unknown>, groups);
  Object.keys(top).forEach((k) => {
    const v = top[k];
    if (Array.isArray(v)) {
      top[k] = v.map((x) =>
        x && typeof x === 'object' && !Array.isArray(x) ? redactFlat(x as Record<string, unknown>, groups) : x,
      );
    }
  });
  return top as T;
}
