/**
 * Dates as crew read them (local time, short) and as the API wants them (AWSDate yyyy-mm-dd,
 * AWSDateTime ISO 8601 in UTC).
 */

/** A local calendar date as AWSDate, e.g. 2025-07-04. */
export function toAwsDate(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/**
 * When a payment was received, from a date input: today means now; an earlier day means local noon
 * that day, so the instant stays on that calendar day in any US time zone.
 */
export function receivedAtFromDateInput(value: string, now = new Date()): string {
  if (!value || value === toAwsDate(now)) return now.toISOString();
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d, 12, 0, 0).toISOString();
}

/** The start of a local day and the end of another as AWSDateTime bounds (inclusive range). */
export function dayRange(from: string, to: string): { from: string; to: string } {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return {
    from: new Date(fy, fm - 1, fd, 0, 0, 0, 0).toISOString(),
    to: new Date(ty, tm - 1, td, 23, 59, 59, 999).toISOString(),
  };
}

const dateTime = new Intl.DateTimeFormat('en-US', {
  weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/** "Sat, Jul 5, 6:00 PM – 9:00 PM" */
export function formatEventTime(startsAt: string, endsAt?: string | null): string {
  const start = dateTime.format(new Date(startsAt));
  return endsAt ? `${start} – ${timeOnly.format(new Date(endsAt))}` : start;
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return `${dateOnly.format(new Date(iso))}, ${timeOnly.format(new Date(iso))}`;
}

/** "18:30" in local time, for a time input. */
export function toLocalTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * A local date and time from inputs as AWSDateTime; undefined if either is missing. An end time
 * earlier than `after` (the start) is on the next day: a sail from 22:00 to 01:00.
 */
export function localDateTimeToIso(date: string, time: string, after?: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const nextDay = after !== undefined && time < after ? 1 : 0;
  return new Date(y, m - 1, d + nextDay, h, min).toISOString();
}
