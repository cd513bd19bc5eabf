import * as ddb from '@aws-appsync/utils/dynamodb';
import type { Key } from './tx';
import { CLAIM_PREFIX, EVENT_SK, eventPk, patronSk } from '../../keys';
import { accessKey, accessPending, refuseIfRevoked } from './access';
import { dataSourceError } from './errors';
import { normalEmail, requireId } from './validate';

/**
 * The first step of the read-then-write pipelines: one TransactGetItems (strongly consistent) of
 * the named items, which the next step finds in `ctx.stash.loaded` (null where an item is absent).
 * When no access step ran before it (a field that folds the check, lib/access.ts), the caller's
 * access record is one more item of the same read, and the response refuses a revoked token first.
 */
export interface Wanted {
  name: string;
  key: Key;
}

const ACCESS_ITEM = 'access';

export function loadRequest(
  ctx: { env: Record<string, string>; stash: Record<string, unknown>; identity?: unknown },
  wanted: Wanted[],
) {
  const all = accessPending(ctx) ? wanted.concat([{ name: ACCESS_ITEM, key: accessKey(ctx) }]) : wanted;
  ctx.stash.loadNames = all.map((w) => w.name);
  return ddb.transactGet({ items: all.map((w) => ({ table: ctx.env.TABLE_NAME, key: w.key })) });
}

export function loadResponse(ctx: {
  error?: { message: string; type: string } | null;
  result: { items?: (Record<string, unknown> | null)[] } | null;
  stash: Record<string, unknown>;
  identity?: unknown;
}) {
  if (ctx.error) dataSourceError(ctx);
  const names = (ctx.stash.loadNames || []) as string[];
  const items = (ctx.result && ctx.result.items) || [];
  const loaded: Record<string, Record<string, unknown> | null> = {};
  names.forEach((name, i) => {
    if (name !== ACCESS_ITEM) loaded[name] = items[i] || null;
  });
  const access = names.indexOf(ACCESS_ITEM);
  if (access >= 0) {
    refuseIfRevoked(ctx, items[access]);
    ctx.stash.accessChecked = true;
  }
  ctx.stash.loaded = loaded;
  return loaded;
}

export function loadedItem<T>(ctx: { stash: Record<string, unknown> }, name: string): T | null {
  const loaded = (ctx.stash.loaded || {}) as Record<string, T | null>;
  return loaded[name] || null;
}

/** The event and one roster entry (args `eventId`, `email`), as `event` and `entry`. */
export function loadEventAndEntry(ctx: {
  args: Record<string, unknown>;
  env: Record<string, string>;
  stash: Record<string, unknown>;
}) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const email = normalEmail(ctx.args.email, 'email');
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(eventId), SK: patronSk(email) } },
  ]);
}

/**
 * One strongly consistent Query of an event's partition, from `first` to the last roster entry
 * ("BOARD#…" < "EVENT" < "GUEST#…" < "PATRON#…"): what getEvent and boarding read.
 */
export function eventPartitionQuery(eventId: string, first: string) {
  return ddb.query({
    query: { PK: { eq: eventPk(eventId) }, SK: { between: [first, 'PATRON#\uffff'] } },
    consistentRead: true,
  });
}

type Item = { SK: string };

/** The items of that Query by kind: the event (null if there is none), its roster and walk-ups, and all of them. */
export function eventPartition(items: Item[]): {
  event: Item | null;
  roster: Item[];
  walkUps: Item[];
  claims: Item[];
  all: Item[];
} {
  return {
    event: items.find((i) => i.SK === EVENT_SK) || null,
    roster: items.filter((i) => i.SK.indexOf('PATRON#') === 0),
    walkUps: items.filter((i) => i.SK.indexOf('GUEST#') === 0),
    // Matched claims are kept as records; what staff still have to decide is the held ones.
    claims: items.filter((i) => i.SK.indexOf(CLAIM_PREFIX) === 0 && (i as { status?: string }).status === 'HELD'),
    all: items,
  };
}
