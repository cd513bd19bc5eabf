import { eventsByYearPk } from '../../data/keys';

/**
 * Which reminders are due (pure): a patron booked on a sailing that departs within `hours` of
 * `now` gets one reminder per kind: WAIVER while no waiver covers the booking, BALANCE while money
 * is owed. Whether one was already sent is the store's to decide, by a conditional write.
 */
export type ReminderKind = 'WAIVER' | 'BALANCE';

export interface ReminderEvent {
  id: string;
  title: string;
  startsAt: string;
  boat?: string | null;
  /** CANCELLED once cancelEvent ran. */
  status?: string | null;
}

export interface ReminderEntry {
  email: string;
  name: string;
  /** MOVED once rebookPatron moved the booking to another sailing. */
  status?: string | null;
  balanceCents?: number;
  waiverSignedAt?: string | null;
  /** mail to this booking's address bounced hard or drew a complaint (amplify/functions/mail-events) */
  mailSuppressed?: boolean | null;
}

export interface DueReminder {
  event: ReminderEvent;
  entry: ReminderEntry;
  kind: ReminderKind;
}

/** The default lead time: the day before departure. */
export const DEFAULT_REMINDER_HOURS = 24;

/** REMINDER_HOURS as configured: a whole number of hours from 1 to 336 (two weeks), else the default. */
export function reminderHours(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_REMINDER_HOURS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 336)
    throw new Error(`REMINDER_HOURS=${raw} is not a whole number of hours from 1 to 336`);
  return n;
}

/** The GSI2 ranges to read: sailings starting after `now` and at most `hours` later (a range across New Year reads two years). */
export function departureWindow(now: Date, hours: number): { partition: string; from: string; to: string }[] {
  const from = now.toISOString();
  const to = new Date(now.getTime() + hours * 3_600_000).toISOString();
  const years = [...new Set([from.slice(0, 4), to.slice(0, 4)])];
  // GSI2SK is `<startsAt>#<eventId>`: "#" sorts after every digit of a time, "~" after every id.
  return years.map((y) => ({ partition: eventsByYearPk(y), from, to: `${to}#~` }));
}

export function kindsDue(entry: ReminderEntry): ReminderKind[] {
  const kinds: ReminderKind[] = [];
  if (!entry.waiverSignedAt) kinds.push('WAIVER');
  if ((entry.balanceCents ?? 0) > 0) kinds.push('BALANCE');
  return kinds;
}

/** A cancelled sailing sends no reminder, and a booking moved away is reminded on its new sailing. */
export function dueReminders(event: ReminderEvent, roster: ReminderEntry[]): DueReminder[] {
  if (event.status === 'CANCELLED') return [];
  // An address that bounced hard or complained (mailSuppressed) is not mailed again until corrected.
  return roster
    .filter((entry) => entry.status !== 'MOVED' && entry.mailSuppressed !== true)
    .flatMap((entry) => kindsDue(entry).map((kind) => ({ event, entry, kind })));
}

/**
 * The messages of the reminder job's one log line per run: a run's counts (`sent`, `failed`,
 * `skipped`), or its failure. The alarms count failures from them (amplify/site/alarms.ts).
 */
export const REMINDERS_RUN_LOG = 'reminders run';
export const REMINDERS_FAILED_LOG = 'reminders run failed';
