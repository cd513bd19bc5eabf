import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { groupsOf } from '../../domain/personal';
import { WAIVER_TEXT_SK, waiverTextPk } from '../keys';
import { dataSourceError } from './lib/errors';
import { signedWaiverOf, textOf } from './lib/waiver';

/** signedWaiver, step 2: the exact text it signed, by the SHA-256 on the signature (one GetItem). */
export function request(ctx: Context) {
  const waiver = ctx.stash.waiver as Record<string, unknown> | null;
  if (!waiver) runtime.earlyReturn(null);
  return ddb.get({ key: { PK: waiverTextPk(String(waiver!.waiverVersion)), SK: WAIVER_TEXT_SK } });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const waiver = ctx.stash.waiver as Record<string, unknown>;
  return {
    waiver: signedWaiverOf(waiver, groupsOf(ctx.identity)),
    text: textOf(String(waiver.waiverVersion), ctx.result || null, waiver.text),
  };
}
