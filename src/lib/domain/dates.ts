/**
 * Dates in the operator's time zone (one zone on every surface), whatever the device's zone: the dashboard shows
 * and reads every time there, labelled with the zone, and sends the API AWSDate days and
 * AWSDateTime instants in UTC. The zone comes from amplify_outputs.json (`custom.timeZone`) through
 * `useTimeZone` at start.
 *
 * Hand-written over Intl rather than a library: Intl already carries the browser's zone database,
 * and @js-joda/timezone would add its own (over 30 KB gzip) to a 20 KB first paint. The one
 * conversion Intl lacks, a wall time in a zone to an instant, is `zonedToEpoch` below.
 */
import { DEFAULT_TIME_ZONE } from '../../../amplify/time-zone';

let zone = DEFAULT_TIME_ZONE;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Sets the operator's zone (an IANA name); the default is kept when none is given. */
export function useTimeZone(name?: string | null): void {
  if (name) zone = name;
}

export function timeZone(): string {
  return zone;
}

function format(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone })));
  return f;
}

const DAY_MS = 86_400_000;
const WALL = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
} as const;

/** The wall clock in the zone at an instant, as if it were UTC (milliseconds dropped). */
function wallAsUtc(ms: number): number {
  const p = Object.fromEntries(
    format(WALL)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (-8 h for PST). */
function offsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtc(whole) - whole;
}

/**
 * The instant of a wall time in the zone. Of the two 1:30 AMs on a fall-back night, the first;
 * a time skipped on a spring-forward night moves forward by the gap (2:30 AM is 3:30 AM), as
 * java.time does.
 */
function zonedToEpoch(day: string, time = '00:00'): number {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const fits = [wall - before, wall - after].filter((t, i) => offsetAt(t) === (i === 0 ? before : after));
  return fits.length ? Math.min(...fits) : wall - before;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The operator's calendar day of an instant, as AWSDate (2026-11-29). */
export function toAwsDate(date: Date | string): string {
  const p = Object.fromEntries(
    format(WALL)
      .formatToParts(new Date(date))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today in the operator's zone. */
export function today(now = new Date()): string {
  return toAwsDate(now);
}

/** A calendar day plus some days (AWSDate in and out; a day is a day, whatever the clocks do). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * When a payment was received, from a date input: today means now; an earlier day means noon that
 * day in the operator's zone, so the instant is on that day for the operator and in the ledger.
 */
export function receivedAtFromDateInput(value: string, now = new Date()): string {
  if (!value || value === today(now)) return now.toISOString();
  return new Date(zonedToEpoch(value, '12:00')).toISOString();
}

/** Whole operator days from one date to another as AWSDateTime bounds (inclusive range). */
export function dayRange(from: string, to: string): { from: string; to: string } {
  return {
    from: new Date(zonedToEpoch(from)).toISOString(),
    to: new Date(zonedToEpoch(addDays(to, 1)) - 1).toISOString(),
  };
}

/** The zone's abbreviation at an instant: "PST", or "PDT" in summer. */
export function zoneAbbreviation(iso: string | Date = new Date()): string {
  return (
    format({ timeZoneName: 'short' })
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  );
}

/** The zone's name for labels: "Pacific Time". */
export function zoneName(): string {
  return (
    format({ timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  );
}

/** "Sat, Jul 4, 6:00 PM – 9:00 PM PDT"; across a clock change each end has its own: "1:00 AM PST – 4:00 AM PDT". */
export function formatEventTime(startsAt: string, endsAt?: string | null): string {
  const start = format({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    new Date(startsAt),
  );
  const zones = [zoneAbbreviation(startsAt), endsAt ? zoneAbbreviation(endsAt) : ''];
  if (!endsAt) return `${start} ${zones[0]}`;
  return zones[0] === zones[1]
    ? `${start} – ${formatTime(endsAt)} ${zones[0]}`
    : `${start} ${zones[0]} – ${formatTime(endsAt)} ${zones[1]}`;
}

function formatTime(iso: string): string {
  return format({ hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** "Nov 29, 2026": the operator's day of an instant. */
export function formatDate(iso: string): string {
  return format({ month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(iso));
}

/** "Nov 29, 2026, 7:15 PM PST" */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)}, ${formatTime(iso)} ${zoneAbbreviation(iso)}`;
}

/** "Nov 29, 2026" for a calendar day (AWSDate), which has no zone. */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "18:30": the operator's wall time of an instant, for a time input. */
export function toZoneTime(iso: string): string {
  const p = Object.fromEntries(
    format(WALL)
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.hour}:${p.minute}`;
}

/** An instant as ISO 8601 in the operator's zone, with its offset: "2026-11-29T19:15:02-08:00". */
export function toZoneIso(iso: string): string {
  const ms = Date.parse(iso);
  const offset = offsetAt(ms) / 60_000;
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return `${new Date(wallAsUtc(ms)).toISOString().slice(0, 19)}${offset < 0 ? '-' : '+'}${hhmm}`;
}

/** A date and time typed in the operator's zone as AWSDateTime; undefined if either is not one. */
export function zoneDateTimeToIso(day: string, time: string): string | undefined {
  if (!DATE.test(day) || !TIME.test(time)) return undefined;
  return new Date(zonedToEpoch(day, time)).toISOString();
}
