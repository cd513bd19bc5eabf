import { util, type Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk } from '../keys';
import { conflict, dataSourceError, validationError } from './lib/errors';
import { table } from './lib/tx';
import { requireId } from './lib/validate';

/**
 * eventTitles (ADMINS ACCOUNTING CREW): the title and start of up to 100 events, in the
 * order asked (null for one that does not exist), in one BatchGetItem. Reconciliation names the
 * events it totals with it: ACCOUNTING may not read an event (getEvent carries its roster). Screens
 * naming another event (where a payment moved) show it by title rather than id (src/lib/controllers/event-titles.ts).
 */
export function request(ctx: Context) {
  const ids = (ctx.args.ids || []) as string[];
  if (ids.length < 1 || ids.length > 100) validationError('ids must list 1 to 100 event ids.');
  const seen: Record<string, boolean> = {};
  const keys = ids.map((raw) => {
    const id = requireId(raw, 'ids');
    // DynamoDB refuses a batch that names one key twice.
    if (seen[id]) validationError('ids lists ' + id + ' twice.');
    seen[id] = true;
    return util.dynamodb.toMapValues({ PK: eventPk(id), SK: EVENT_SK });
  });
  ctx.stash.table = table(ctx);
  return { operation: 'BatchGetItem', tables: { [table(ctx)]: { keys } } };
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const name = ctx.stash.table as string;
  const left = ctx.result.unprocessedKeys ? ctx.result.unprocessedKeys[name] : null;
  // Throttled in part: an answer with holes would name some events wrongly as missing.
  if (left && left.length) conflict('Too many reads at once: try again.', { retryable: true });
  const items = (ctx.result.data[name] || []) as (Record<string, unknown> | null)[];
  return items.map((item) =>
    item ? { id: item.id, title: item.title, startsAt: item.startsAt, status: item.status || null } : null,
  );
}
