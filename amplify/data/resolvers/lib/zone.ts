import { util } from '@aws-appsync/utils';
import { misconfigured } from './errors';
import { ERROR_TYPES } from '../../../domain/errors';

/**
 * Days in the operator's time zone (ctx.env.TIME_ZONE, set by amplify/backend.ts and by the local
 * AppSync from amplify/time-zone.ts). java.time does the zone arithmetic on AppSync (and js-joda
 * locally), so a day is 23 or 25 hours long on a DST change, as it should be.
 */
const DAY_MS = 86400000;
// The pattern AppSync's documentation parses with a zone: a date and a time.
const PATTERN = 'yyyy-MM-dd HH:mm:ss';

function startOfDay(day: string, zone: string): number {
  return util.time.parseFormattedToEpochMilliSeconds(day + ' 00:00:00', PATTERN, zone);
}

export function operatorZone(ctx: { env: Record<string, string> }): string {
  const zone = ctx.env.TIME_ZONE;
  if (!zone) misconfigured('The API has no operator time zone (TIME_ZONE) configured.', ERROR_TYPES.InternalFailure);
  return zone;
}

/** The calendar day (yyyy-MM-dd) of an instant in the zone. */
export function dayIn(instant: string, zone: string): string {
  return util.time.epochMilliSecondsToFormatted(util.time.parseISO8601ToEpochMilliSeconds(instant), 'yyyy-MM-dd', zone);
}

/**
 * The first and the last millisecond of a range of whole days (AWSDate, any offset suffix
 * ignored) in the zone, as UTC ISO 8601 like every stored timestamp.
 */
export function dayBounds(from: string, to: string, zone: string): { first: string; last: string } {
  const first = startOfDay(from.slice(0, 10), zone);
  // The day after `to`, by the calendar (noon UTC plus a day never lands on another date).
  const toNoon = util.time.parseFormattedToEpochMilliSeconds(to.slice(0, 10) + ' 12:00:00', PATTERN, 'UTC');
  const end = startOfDay(util.time.epochMilliSecondsToFormatted(toNoon + DAY_MS, 'yyyy-MM-dd', 'UTC'), zone);
  return { first: util.time.epochMilliSecondsToISO8601(first), last: util.time.epochMilliSecondsToISO8601(end - 1) };
}
