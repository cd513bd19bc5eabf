import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { takingsPk } from '../keys';
import { TAKINGS_METHODS } from '../takings';
import { validationError } from './lib/errors';
import { pageLimit, pageResponse, startCursor, yearsBetween } from './lib/page';
import { requireDay } from './lib/validate';

/** The most days one takings range covers: a season, as reconciliation shows it. */
const MAX_RANGE_DAYS = 366;
const DAY_MS = 86400000;

/**
 * takings (ADMINS ACCOUNTING): the daily takings items of the days from `from` to `to`, oldest day
 * first (each day's by event id); one Query a page, walking the years from the first to the last.
 */
export function request(ctx: Context) {
  const from = requireDay(ctx.args.from, 'from');
  const to = requireDay(ctx.args.to, 'to');
  if (from > to) validationError('from must not be after to.');
  const days =
    (util.time.parseISO8601ToEpochMilliSeconds(to + 'T12:00:00Z') -
      util.time.parseISO8601ToEpochMilliSeconds(from + 'T12:00:00Z')) /
      DAY_MS +
    1;
  if (days > MAX_RANGE_DAYS)
    validationError('A range of takings covers at most ' + MAX_RANGE_DAYS + ' days: pick a shorter range.');
  const limit = pageLimit(ctx.args.limit);
  const years = yearsBetween(from, to);
  const cursor = startCursor(ctx, 'takings|' + from + '|' + to, years, ctx.args.nextToken);
  return ddb.query({
    query: { PK: { eq: takingsPk(cursor.p) }, SK: { between: [from, to + '#\uffff'] } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: true,
  });
}

export function response(ctx: Context) {
  const page = pageResponse(ctx);
  return { items: page.items.map((item) => takingsOf(item as Record<string, unknown>)), nextToken: page.nextToken };
}

/** An item's totals as the API answers them: every method and count present, absent ones zero. */
function takingsOf(item: Record<string, unknown>) {
  const of = (name: string): number => (item[name] as number | undefined) || 0;
  const takings: Record<string, number> = {};
  const refunds: Record<string, number> = {};
  let takingsCents = 0;
  let refundsCents = 0;
  TAKINGS_METHODS.forEach((m) => {
    takings[m] = of('takings' + m);
    refunds[m] = of('refunds' + m);
    takingsCents += takings[m];
    refundsCents += refunds[m];
  });
  return {
    day: item.day,
    eventId: item.eventId,
    takings,
    refunds,
    takingsCents,
    refundsCents,
    netCents: takingsCents - refundsCents,
    counted: of('counted'),
    voided: of('voided'),
    moved: of('moved'),
    lateEntries: of('lateEntries'),
  };
}
