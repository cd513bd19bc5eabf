import { util, type Context } from '@aws-appsync/utils';
import { cashCountPk, cashCountSk } from '../keys';
import { dataSourceError, dollars, validationError } from './lib/errors';
import { MAX_AMOUNT_CENTS, optionalText, requireDay, requireInt } from './lib/validate';
import { actor, auditPut, putNew, table } from './lib/tx';
import { dayIn, operatorZone } from './lib/zone';

/**
 * recordCashCount (ADMINS ACCOUNTING), last step: a person's count of the cash taken on one of the
 * operator's days. Each count is a new item with its audit record, in one transaction: a recount
 * adds another (the last one made is the day's count), so nothing is overwritten or deleted, and two
 * people counting at once both keep their count. The expected cash is the day's recorded cash as
 * the server summed it from the ledger in the steps before (lib/cash.ts), never a figure the caller
 * sends: `expectedCents`, if given (what the counter was shown), must be that sum, else a
 * ValidationError that names it. The count keeps it and the difference, because the expected amount
 * moves when a payment is logged or voided later, and what was expected when they counted is what an
 * auditor asks about. It may be negative (more cash given back than taken that day).
 */
export function request(ctx: Context) {
  const day = requireDay(ctx.args.day, 'day');
  const zone = operatorZone(ctx);
  const now = util.time.nowISO8601();
  if (day > dayIn(now, zone)) validationError('day cannot be in the future: cash is counted on the day or after.');
  const countedCents = requireInt(ctx.args.countedCents, 'countedCents', 0, MAX_AMOUNT_CENTS);
  const expectedCents = ctx.stash.cashCents as number;
  const shown = ctx.args.expectedCents;
  if (shown !== undefined && shown !== null && shown !== expectedCents) {
    validationError(
      'expectedCents ' +
        dollars(shown) +
        ' is not the day’s recorded cash, ' +
        dollars(expectedCents) +
        ': reload the day’s totals and count against them.',
    );
  }
  const notes = optionalText(ctx.args.notes, 'notes', 1000, true);
  const id = util.autoUlid();
  const count: Record<string, unknown> = {
    id,
    day,
    countedCents,
    expectedCents,
    differenceCents: countedCents - expectedCents,
    countedBy: actor(ctx),
    countedAt: now,
  };
  if (notes) count.notes = notes;
  ctx.stash.after = count;
  const tableName = table(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      putNew(tableName, { PK: cashCountPk(day), SK: cashCountSk(day, now, id) }, { type: 'CashCount', ...count }),
      auditPut(tableName, ctx, 'CASHCOUNT#' + day, now, null, count),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  return ctx.stash.after;
}
