import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { WAIVER_TEXT_SK, waiverTextPk } from '../keys';
import { dataSourceError } from './lib/errors';
import { requireVersion, textOf } from './lib/waiver';

/**
 * waiverText (ADMINS ACCOUNTING): a waiver text exactly as signed, by its SHA-256,
 * whatever the text is today: one GetItem of the WAIVERTEXT item the waiver Lambda stores once.
 */
export function request(ctx: Context) {
  const version = requireVersion(ctx.args.version);
  ctx.stash.version = version;
  return ddb.get({ key: { PK: waiverTextPk(version), SK: WAIVER_TEXT_SK } });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  return textOf(ctx.stash.version as string, ctx.result || null, null);
}
