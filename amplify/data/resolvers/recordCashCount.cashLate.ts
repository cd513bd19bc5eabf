import type { Context } from '@aws-appsync/utils';
import { cashQuery, cashSummed } from './lib/cash';

/** recordCashCount, step 2: the day's recorded cash in the next UTC year, when the day straddles one (else nothing). */
export function request(ctx: Context) {
  return cashQuery(ctx, 1);
}

export function response(ctx: Context) {
  return cashSummed(ctx);
}
