/**
 * Dates in what the Lambdas send people (receipts, waiver pages and emails): always in the
 * operator's zone (TIME_ZONE, see amplify/time-zone.ts), with the zone's abbreviation where a time
 * is shown, so "6:30 PM" can't be read in the reader's own zone.
 */

function zoneAbbreviation(date: Date, timeZone: string): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}

/** "Friday, December 4, 2026 at 6:30 PM (PST)"; text that is no instant is returned as it came. */
export function formatWhen(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(date) +
    ` (${zoneAbbreviation(date, timeZone)})`
  );
}

/** "Sunday, November 29, 2026": the operator's calendar day of an instant. */
export function formatDay(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone }).format(date);
}

/** "2026-11-30": the operator's calendar day of an instant, as YYYY-MM-DD (what a date input sends). */
export function dayOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
