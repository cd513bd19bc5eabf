import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { checkInSk, eventPk } from '../keys';
import { settle, type CheckInItem } from './lib/boarding';
import { dataSourceError } from './lib/errors';
import { plain } from './lib/tx';

/**
 * checkIn, step 3: only when the write lost a race on this person's check-in, read it as it now
 * stands: checked in by the other crew member is this request done (counted once), else Conflict.
 */
export function request(ctx: Context) {
  if (!ctx.stash.raced) runtime.earlyReturn(ctx.prev.result);
  return ddb.get({
    key: { PK: eventPk(ctx.args.eventId), SK: checkInSk(ctx.args.email, ctx.stash.person) },
    consistentRead: true,
  });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  return plain(settle(ctx.result as CheckInItem | null, 'CHECKED_IN'));
}
