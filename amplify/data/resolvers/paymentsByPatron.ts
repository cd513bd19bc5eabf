import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { patronHistoryPk } from '../keys';
import { validationError } from './lib/errors';
import { pageLimit, pageResponse, startCursor } from './lib/page';
import { normalEmail, utcInstant } from './lib/validate';

/** paymentsByPatron (ADMINS ACCOUNTING): a patron's payments across events, newest first, one GSI1 Query a page. */
export function request(ctx: Context) {
  const email = normalEmail(ctx.args.email, 'email');
  const from = ctx.args.from ? utcInstant(ctx.args.from, 'from') : null;
  const to = ctx.args.to ? utcInstant(ctx.args.to, 'to') : null;
  if (from && to && from > to) validationError('from must not be after to.');
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'paymentsByPatron|' + email + '|' + from + '|' + to, ['patron'], ctx.args.nextToken);
  // GSI1SK = <loggedAt>#<paymentId>: "#\uffff" puts the whole of `to`'s instant inside the range.
  let range: Record<string, unknown> | undefined;
  if (from && to) range = { between: [from, to + '#\uffff'] };
  else if (from) range = { ge: from };
  else if (to) range = { le: to + '#\uffff' };
  const query: Record<string, unknown> = { GSI1PK: { eq: patronHistoryPk(email) } };
  if (range) query.GSI1SK = range;
  return ddb.query({ index: 'GSI1', query, limit, nextToken: cursor.t, scanIndexForward: false });
}

export function response(ctx: Context) {
  return pageResponse(ctx);
}
