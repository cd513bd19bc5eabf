import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { eventPk, waiverSk } from '../keys';
import { dataSourceError, validationError } from './lib/errors';
import { requireId } from './lib/validate';

/** signedWaiver, step 1 (ADMINS ACCOUNTING): the signature, one GetItem by its key. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const id = requireId(ctx.args.id, 'id');
  const signedAt = typeof ctx.args.signedAt === 'string' ? ctx.args.signedAt : '';
  // As the Lambda stores it (Date#toISOString): the key holds it verbatim, so nothing else can match.
  if (!util.matches('[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z', signedAt)) {
    validationError("signedAt must be the signature's time as stored, like 2026-06-01T17:04:05.123Z.");
  }
  return ddb.get({ key: { PK: eventPk(eventId), SK: waiverSk(signedAt, id) }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  ctx.stash.waiver = ctx.result || null;
  return ctx.result || null;
}
