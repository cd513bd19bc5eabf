import { util } from '@aws-appsync/utils';
import { auditItem } from '../../audit';

export { plain } from '../../audit';

/**
 * Raw TransactWriteItems entries (AppSync's request shape). Written out rather than through
 * ddb.transactWrite because the money updates need `SET paidCents = paidCents + :a` with a
 * condition on the same item (`balanceCents >= :a`), and the helper's operations give no control
 * over the placeholder names shared by update and condition.
 */
export interface Condition {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, unknown>;
}
export interface Key {
  PK: string;
  SK: string;
}

export function table(ctx: { env: Record<string, string> }): string {
  return ctx.env.TABLE_NAME;
}

export function putNew(tableName: string, key: Key, item: Record<string, unknown>) {
  return {
    table: tableName,
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(key),
    attributeValues: util.dynamodb.toMapValues(compact(item)),
    condition: { expression: 'attribute_not_exists(PK)' },
  };
}

/**
 * An UpdateItem. `set` fields become `SET #f = :f`, `add` fields `SET #f = #f + :f` (negative to
 * subtract), `remove` fields `REMOVE #f`. The condition's placeholders are prefixed `:c_`/`#c_` by
 * the caller so they never collide with these.
 */
export function updateItem(
  tableName: string,
  key: Key,
  change: { set?: Record<string, unknown>; add?: Record<string, number>; remove?: string[] },
  condition: Condition,
) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const set = change.set || {};
  Object.keys(set).forEach((f) => {
    names['#' + f] = f;
    values[':' + f] = set[f];
    sets.push('#' + f + ' = :' + f);
  });
  const add = change.add || {};
  Object.keys(add).forEach((f) => {
    names['#' + f] = f;
    values[':' + f] = add[f];
    sets.push('#' + f + ' = #' + f + ' + :' + f);
  });
  const removes = (change.remove || []).map((f) => {
    names['#' + f] = f;
    return '#' + f;
  });
  let expression = sets.length ? 'SET ' + sets.join(', ') : '';
  if (removes.length) expression = expression + (expression ? ' ' : '') + 'REMOVE ' + removes.join(', ');
  return {
    table: tableName,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(key),
    update: expressionOf({ expression, expressionNames: names, expressionValues: values }),
    condition: expressionOf(condition),
  };
}

/**
 * "The item still holds what was read": each named attribute equal to its value as read, an absent
 * (or NULL) one still absent. A write whose values, checks or audit before-image came from a read
 * carries this, so a change landing in between cancels it (a Conflict) instead of being lost.
 * Placeholders are `#c_r<i>`/`:c_r<i>`, apart from every other condition's.
 */
export function asRead(item: object, names: string[]): Condition {
  const parts = ['attribute_exists(PK)'];
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const n = '#c_r' + i;
    expressionNames[n] = name;
    const value = (item as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      parts.push('(attribute_not_exists(' + n + ') OR attribute_type(' + n + ', :c_rnull))');
      expressionValues[':c_rnull'] = 'NULL';
    } else {
      parts.push(n + ' = :c_r' + i);
      expressionValues[':c_r' + i] = value;
    }
  });
  return { expression: parts.join(' AND '), expressionNames, expressionValues };
}

/** Every stored attribute of an item as read (keys and index keys aside), plus `known` ones it lacks. */
export function attributesOf(item: object, known: string[]): string[] {
  const names = Object.keys(item).filter((k) => k !== 'PK' && k !== 'SK' && k !== 'type' && k.indexOf('GSI') !== 0);
  known.forEach((k) => {
    if (names.indexOf(k) < 0) names.push(k);
  });
  return names;
}

/**
 * The stored total `field` can grow by `delta` and stay within GraphQL's Int (what the API can
 * answer): DynamoDB compares the stored total, so concurrent additions cannot jointly overflow it.
 */
export function roomFor(field: string, delta: number, max: number): Condition {
  return bound(field, '<=', max - delta, delta > 0);
}

/** The stored count `field` can drop by `delta` without going below zero. */
export function enoughOf(field: string, delta: number): Condition {
  return bound(field, '>=', delta, delta > 0);
}

function bound(field: string, op: string, limit: number, needed: boolean): Condition {
  if (!needed) return { expression: 'attribute_exists(PK)' };
  const n = '#c_b_' + field;
  const v = ':c_b_' + field;
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, unknown> = {};
  expressionNames[n] = field;
  expressionValues[v] = limit;
  return { expression: n + ' ' + op + ' ' + v, expressionNames, expressionValues };
}

/** Conditions that must all hold (their placeholders already apart). */
export function allOf(conditions: Condition[]): Condition {
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, unknown> = {};
  conditions.forEach((c) => {
    const names = c.expressionNames || {};
    Object.keys(names).forEach((k) => {
      expressionNames[k] = names[k];
    });
    const values = c.expressionValues || {};
    Object.keys(values).forEach((k) => {
      expressionValues[k] = values[k];
    });
  });
  return {
    expression: conditions.map((c) => '(' + c.expression + ')').join(' AND '),
    expressionNames,
    expressionValues,
  };
}

/** A ConditionCheck: the transaction holds only if this item is as the condition says (it is not written). */
export function conditionCheck(tableName: string, key: Key, condition: Condition) {
  return {
    table: tableName,
    operation: 'ConditionCheck',
    key: util.dynamodb.toMapValues(key),
    condition: expressionOf(condition),
  };
}

export function deleteItem(tableName: string, key: Key, condition: Condition) {
  return {
    table: tableName,
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues(key),
    condition: expressionOf(condition),
  };
}

/**
 * An expression as AppSync takes it, values typed for DynamoDB. Empty name/value maps are left
 * out: DynamoDB refuses an empty ExpressionAttributeNames or ExpressionAttributeValues.
 */
function expressionOf(c: Condition) {
  const out: {
    expression: string;
    expressionNames?: Record<string, string>;
    expressionValues?: Record<string, unknown>;
  } = {
    expression: c.expression,
  };
  if (c.expressionNames && Object.keys(c.expressionNames).length > 0) out.expressionNames = c.expressionNames;
  if (c.expressionValues && Object.keys(c.expressionValues).length > 0)
    out.expressionValues = util.dynamodb.toMapValues(c.expressionValues);
  return out;
}

/** Drops absent attributes: an optional field not given is not stored (rather than stored as NULL). */
export function compact(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.keys(item).forEach((k) => {
    if (item[k] !== undefined && item[k] !== null) out[k] = item[k];
  });
  return out;
}

/** Who is calling: the token's email when it has one (what a person recognises), else the username. */
export function actor(ctx: { identity?: unknown }): string {
  const identity = (ctx.identity || {}) as { username?: string; sub?: string; claims?: Record<string, unknown> };
  const claims = identity.claims || {};
  const email = claims.email;
  if (typeof email === 'string' && email !== '') return email;
  return identity.username || identity.sub || 'unknown';
}

/**
 * The audit record of a mutation (built by ../../audit.ts, as every writer's), written in the same
 * transaction as the change.
 */
export function auditPut(
  tableName: string,
  ctx: { identity?: unknown; info: { fieldName: string } },
  entity: string,
  at: string,
  before: object | null | undefined,
  after: object | null | undefined,
) {
  const item = auditItem({
    id: util.autoUlid(),
    entity,
    operation: ctx.info.fieldName,
    actor: actor(ctx),
    at,
    before,
    after,
  });
  return putNew(tableName, item.key, item.attributes as unknown as Record<string, unknown>);
}
