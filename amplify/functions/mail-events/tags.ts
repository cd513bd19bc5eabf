/**
 * Which record a message SCC sends is about, carried on the message as SES message tags so that
 * SES's delivery, bounce and complaint events (which repeat the tags in `mail.tags`) find the
 * record again. A tag value may hold only ASCII letters, digits, `_` and `-`, so the record's key
 * (`EVENT#…`, `PATRON#ann@example.com`) travels base64url-encoded: that alphabet is exactly those.
 */
export type MailKind = 'receipt' | 'waiverLink' | 'cancelNotice' | 'reminder';
export const MAIL_KINDS: readonly MailKind[] = ['receipt', 'waiverLink', 'cancelNotice', 'reminder'];

/** The message's record: its kind, the table key of the item that records its delivery, and the patron it went to. */
export interface MailRecord {
  kind: MailKind;
  PK: string;
  SK: string;
  /** the patron's address (the To): a bounce of the operator's blind copy is not the patron's */
  to: string;
}

export const TAG_KIND = 'scc-kind';
export const TAG_PK = 'scc-pk';
export const TAG_SK = 'scc-sk';
export const TAG_TO = 'scc-to';

/** The configuration set every message is sent with (its event destination publishes the events). */
export const CONFIGURATION_SET_ENV = 'SES_CONFIGURATION_SET';

const encode = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const decode = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

/** The SES `Tags` of a message about `record`. */
export function messageTags(record: MailRecord): { Name: string; Value: string }[] {
  return [
    { Name: TAG_KIND, Value: record.kind },
    { Name: TAG_PK, Value: encode(record.PK) },
    { Name: TAG_SK, Value: encode(record.SK) },
    { Name: TAG_TO, Value: encode(record.to.toLowerCase()) },
  ];
}

/** The record named by an event's `mail.tags` (each tag a list of values), or null if it names none of ours. */
export function recordOfTags(tags: Record<string, string[] | undefined> | undefined): MailRecord | null {
  const one = (name: string) => tags?.[name]?.[0];
  const kind = one(TAG_KIND) as MailKind | undefined;
  const pk = one(TAG_PK);
  const sk = one(TAG_SK);
  const to = one(TAG_TO);
  if (!kind || !MAIL_KINDS.includes(kind) || !pk || !sk || !to) return null;
  const record = { kind, PK: decode(pk), SK: decode(sk), to: decode(to) };
  // Only an event partition's items are messages' records; anything else is not ours to write.
  return record.PK.startsWith('EVENT#') ? record : null;
}
