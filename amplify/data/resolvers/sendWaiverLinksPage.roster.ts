import { util, type Context } from '@aws-appsync/utils';
import { eventPk } from '../keys';
import { dataSourceError, validationError } from './lib/errors';
import { MAX_LINKS_PER_CALL, skipSuppressed } from './lib/outreach';
import { encodeToken, nextCursor, startCursor, type PageCursor } from './lib/page';

/**
 * sendWaiverLinksPage, step 2: the next MAX_LINKS_PER_CALL roster entries, of which those no waiver
 * covers are this call's patrons (DynamoDB applies the limit before the filter, so a page may hold
 * fewer, even none, and still have a nextToken: the caller follows it to the end).
 */
export function request(ctx: Context) {
  const pk = eventPk(ctx.args.eventId);
  const cursor: PageCursor = startCursor(ctx, 'sendWaiverLinksPage|' + ctx.args.eventId, [pk], ctx.args.nextToken);
  // Written out: addPatron stores waiverSignedAt as null, which the helpers' filter shorthand cannot test for.
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :patron)',
      expressionNames: { '#pk': 'PK', '#sk': 'SK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': pk, ':patron': 'PATRON#' }),
    },
    filter: {
      // Not signed, and still booked here (a moved booking is reached on its new sailing).
      expression:
        '(attribute_not_exists(#signed) OR attribute_type(#signed, :null)) AND (attribute_not_exists(#status) OR #status <> :moved)',
      expressionNames: { '#signed': 'waiverSignedAt', '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':null': 'NULL', ':moved': 'MOVED' }),
    },
    limit: MAX_LINKS_PER_CALL,
    nextToken: cursor.t,
    consistentRead: true,
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.stash.cursor) validationError('nextToken is not valid for this query: start again without it.');
    dataSourceError(ctx);
  }
  const pk = eventPk(ctx.args.eventId);
  const next = nextCursor([pk], pk, ctx.result.nextToken);
  ctx.stash.nextToken = next ? encodeToken(ctx, ctx.stash.pageScope as string, next) : null;
  ctx.stash.entries = skipSuppressed(ctx, ctx.result.items || []);
  return ctx.stash.entries;
}
