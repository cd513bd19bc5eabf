import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { groupsOf } from '../../domain/personal';
import { auditEntry } from '../audit';
import { patronAuditPk } from '../keys';
import { pageLimit, pageResponse, startCursor } from './lib/page';
import { normalEmail } from './lib/validate';

/**
 * auditByPatron (ADMINS ACCOUNTING): every change about one patron across events
 * (bookings, payments, receipts, waivers, check-ins), newest first: one GSI1 Query a page on
 * `AUDIT#PATRON#<email>`. Records from before this index carry its keys once the backfill has run
 * (amplify/migrations/records-backfill.ts).
 */
export function request(ctx: Context) {
  const email = normalEmail(ctx.args.email, 'email');
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'auditByPatron|' + email, ['patron'], ctx.args.nextToken);
  return ddb.query({
    index: 'GSI1',
    query: { GSI1PK: { eq: patronAuditPk(email) } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  const page = pageResponse(ctx);
  const groups = groupsOf(ctx.identity);
  return {
    items: page.items.map((item) => auditEntry(item as Record<string, unknown>, groups)),
    nextToken: page.nextToken,
  };
}
