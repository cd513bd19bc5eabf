import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { paymentsByYearPk } from '../../keys';
import { conflict, dataSourceError } from './errors';
import { yearsBetween } from './page';
import { signedCents } from './sailing';
import { requireDay } from './validate';
import { dayBounds, operatorZone } from './zone';

/**
 * The cash an operator's day recorded, as the server sums it for a cash count: every RECORDED CASH
 * payment logged that day (the reconciliation's day, src/lib/domain/reconciliation.ts) less every RECORDED
 * CASH refund. A payment moved to another sailing is MOVED here and counts once, as its RECORDED copy
 * (same loggedAt). One GSI3 Query per year partition the day touches (a day in the operator's zone
 * can straddle a UTC new year: `part` 0 and 1), summed into `ctx.stash.cashCents`.
 */
export function cashQuery(ctx: Context, part: number) {
  const day = requireDay(ctx.args.day, 'day');
  const bounds = dayBounds(day, day, operatorZone(ctx));
  const years = yearsBetween(bounds.first, bounds.last);
  if (part === 0) ctx.stash.cashCents = 0;
  if (part >= years.length) runtime.earlyReturn(ctx.prev.result);
  return ddb.query({
    index: 'GSI3',
    query: {
      GSI3PK: { eq: paymentsByYearPk(years[part]) },
      GSI3SK: { between: [bounds.first, bounds.last + '#\uffff'] },
    },
    filter: { method: { eq: 'CASH' }, status: { eq: 'RECORDED' } },
  });
}

export function cashSummed(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  // One page reads 1 MB of payments, thousands of them: more in one day is refused rather than guessed.
  if (ctx.result.nextToken) {
    conflict(
      'This day has more payments than one cash count can add up: count it with the reconciliation CSV and tell an admin.',
      { reason: 'TOO_MANY_PAYMENTS' },
    );
  }
  const items = (ctx.result.items || []) as { kind?: string | null; amountCents: number }[];
  ctx.stash.cashCents = items.reduce((sum, p) => sum + signedCents(p), ctx.stash.cashCents as number);
  return ctx.stash.cashCents;
}
