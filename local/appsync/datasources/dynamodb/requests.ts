/**
 * AppSync DynamoDB request objects (what `@aws-appsync/utils/dynamodb` produces; see the
 * "JavaScript resolver function reference for DynamoDB") translated to DynamoDB API inputs.
 * Values already arrive typed (`{ S: … }`), so they pass through unchanged.
 */
import type { AttributeValue, Select } from '@aws-sdk/client-dynamodb';
import { isRecord } from '../types';

type Item = Record<string, AttributeValue>;

/**
 * AppSync's typed values are looser than DynamoDB's wire format: `{ N: 20 }` (a JSON number, as
 * util.dynamodb.toDynamoDB produces), `{ NULL: null }`, `{ B: "<base64>" }`. DynamoDB and the SDK
 * want `{ N: "20" }`, `{ NULL: true }` and bytes, so values are normalised on the way out.
 */
export function toSdkValue(v: unknown): AttributeValue {
  if (!isRecord(v)) throw new RequestError(`Not a typed DynamoDB value: ${JSON.stringify(v)}`);
  const [type, x] = Object.entries(v)[0] ?? [];
  switch (type) {
    case 'N':
      return { N: String(x) };
    case 'NS':
      return { NS: (x as unknown[]).map(String) };
    case 'B':
      return { B: typeof x === 'string' ? Buffer.from(x, 'base64') : (x as Uint8Array) };
    case 'BS':
      return {
        BS: (x as unknown[]).map((b) => (typeof b === 'string' ? Buffer.from(b, 'base64') : (b as Uint8Array))),
      };
    case 'NULL':
      return { NULL: true };
    case 'L':
      return { L: (x as unknown[]).map(toSdkValue) };
    case 'M':
      return { M: toSdkItem(x) };
    case 'S':
    case 'SS':
    case 'BOOL':
      return { [type]: x } as unknown as AttributeValue;
    default:
      throw new RequestError(`Unknown DynamoDB type '${String(type)}' in ${JSON.stringify(v)}`);
  }
}

export function toSdkItem(v: unknown): Item {
  if (!isRecord(v)) throw new RequestError(`Expected a map of typed DynamoDB values, got ${JSON.stringify(v)}`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toSdkValue(x)]));
}

export interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Item;
}

export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

const asExpression = (v: unknown, what: string): Expression | undefined => {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v) || typeof v.expression !== 'string')
    throw new RequestError(`'${what}' must be an object with an 'expression' string.`);
  return v as unknown as Expression;
};

/** DynamoDB refuses empty name/value maps, so merged maps that end up empty are left out. */
function merged(exprs: (Expression | undefined)[]) {
  const names: Record<string, string> = {};
  const values: Item = {};
  for (const e of exprs) {
    Object.assign(names, e?.expressionNames ?? {});
    Object.assign(values, toSdkItem(e?.expressionValues ?? {}));
  }
  return {
    ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
    ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
  };
}

const requireKey = (r: Record<string, unknown>, op: string): Item => {
  if (!isRecord(r.key)) throw new RequestError(`${op} requires a 'key'.`);
  return toSdkItem(r.key);
};

const SELECTS = new Set(['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT']);
function select(r: Record<string, unknown>, projection: Expression | undefined): Select | undefined {
  if (r.select === undefined || r.select === null) return projection ? 'SPECIFIC_ATTRIBUTES' : undefined;
  if (typeof r.select !== 'string' || !SELECTS.has(r.select))
    throw new RequestError(`Unsupported select '${String(r.select)}'.`);
  return r.select as Select;
}

function limit(r: Record<string, unknown>): number | undefined {
  if (r.limit === undefined || r.limit === null) return undefined;
  if (typeof r.limit !== 'number' || !Number.isInteger(r.limit) || r.limit < 1)
    throw new RequestError(`'limit' must be a positive integer.`);
  return r.limit;
}

export function getItemInput(table: string, r: Record<string, unknown>) {
  const projection = asExpression(r.projection, 'projection');
  return {
    TableName: table,
    Key: requireKey(r, 'GetItem'),
    ConsistentRead: r.consistentRead === true ? true : undefined,
    ProjectionExpression: projection?.expression,
    ExpressionAttributeNames: merged([projection]).ExpressionAttributeNames,
  };
}

export function putItemInput(table: string, r: Record<string, unknown>) {
  const condition = asExpression(r.condition, 'condition');
  const item = { ...toSdkItem(r.attributeValues ?? {}), ...requireKey(r, 'PutItem') };
  return { TableName: table, Item: item, ConditionExpression: condition?.expression, ...merged([condition]) };
}

export function updateItemInput(table: string, r: Record<string, unknown>) {
  const update = asExpression(r.update, 'update');
  if (!update) throw new RequestError(`UpdateItem requires an 'update' expression.`);
  const condition = asExpression(r.condition, 'condition');
  return {
    TableName: table,
    Key: requireKey(r, 'UpdateItem'),
    UpdateExpression: update.expression,
    ConditionExpression: condition?.expression,
    ReturnValues: 'ALL_NEW' as const,
    ...merged([update, condition]),
  };
}

export function deleteItemInput(table: string, r: Record<string, unknown>) {
  const condition = asExpression(r.condition, 'condition');
  return {
    TableName: table,
    Key: requireKey(r, 'DeleteItem'),
    ConditionExpression: condition?.expression,
    ReturnValues: 'ALL_OLD' as const,
    ...merged([condition]),
  };
}

/** Query and Scan share paging, filter, projection and index handling. */
export function readInput(table: string, r: Record<string, unknown>, startKey: Item | undefined) {
  const query = r.operation === 'Query' ? asExpression(r.query, 'query') : undefined;
  if (r.operation === 'Query' && !query) throw new RequestError(`Query requires a 'query' expression.`);
  const filter = asExpression(r.filter, 'filter');
  const projection = asExpression(r.projection, 'projection');
  return {
    TableName: table,
    IndexName: typeof r.index === 'string' ? r.index : undefined,
    KeyConditionExpression: query?.expression,
    FilterExpression: filter?.expression,
    ProjectionExpression: projection?.expression,
    Select: select(r, projection),
    Limit: limit(r),
    ConsistentRead: r.consistentRead === true ? true : undefined,
    ScanIndexForward: r.operation === 'Query' && r.scanIndexForward === false ? false : undefined,
    Segment: typeof r.segment === 'number' ? r.segment : undefined,
    TotalSegments: typeof r.totalSegments === 'number' ? r.totalSegments : undefined,
    ExclusiveStartKey: startKey,
    ...merged([query, filter, projection]),
  };
}

/** A transact condition: AppSync returns the item on a failed check unless told not to. */
function transactCondition(c: unknown) {
  const condition = asExpression(c, 'condition');
  if (!condition) return {};
  const wantsItem =
    (c as { returnValuesOnConditionCheckFailure?: unknown }).returnValuesOnConditionCheckFailure !== false;
  return {
    ConditionExpression: condition.expression,
    ReturnValuesOnConditionCheckFailure: wantsItem ? ('ALL_OLD' as const) : undefined,
  };
}

export function transactWriteInput(r: Record<string, unknown>) {
  if (!Array.isArray(r.transactItems) || r.transactItems.length === 0)
    throw new RequestError(`TransactWriteItems requires 'transactItems'.`);
  return r.transactItems.map((raw: unknown, i) => {
    if (!isRecord(raw) || typeof raw.table !== 'string') throw new RequestError(`transactItems[${i}] needs a 'table'.`);
    const condition = asExpression(raw.condition, 'condition');
    const base = { TableName: raw.table, Key: requireKey(raw, String(raw.operation)) };
    switch (raw.operation) {
      case 'PutItem': {
        const { Key, ...rest } = base;
        return {
          Put: {
            ...rest,
            Item: { ...toSdkItem(raw.attributeValues ?? {}), ...Key },
            ...transactCondition(raw.condition),
            ...merged([condition]),
          },
        };
      }
      case 'UpdateItem': {
        const update = asExpression(raw.update, 'update');
        if (!update) throw new RequestError(`transactItems[${i}] UpdateItem needs an 'update'.`);
        return {
          Update: {
            ...base,
            UpdateExpression: update.expression,
            ...transactCondition(raw.condition),
            ...merged([update, condition]),
          },
        };
      }
      case 'DeleteItem':
        return { Delete: { ...base, ...transactCondition(raw.condition), ...merged([condition]) } };
      case 'ConditionCheck':
        if (!condition) throw new RequestError(`transactItems[${i}] ConditionCheck needs a 'condition'.`);
        return {
          ConditionCheck: {
            ...base,
            ...transactCondition(raw.condition),
            ConditionExpression: condition.expression,
            ...merged([condition]),
          },
        };
      default:
        throw new RequestError(`transactItems[${i}] has unsupported operation '${String(raw.operation)}'.`);
    }
  });
}

export function transactGetInput(r: Record<string, unknown>) {
  if (!Array.isArray(r.transactItems) || r.transactItems.length === 0)
    throw new RequestError(`TransactGetItems requires 'transactItems'.`);
  return r.transactItems.map((raw: unknown, i) => {
    if (!isRecord(raw) || typeof raw.table !== 'string') throw new RequestError(`transactItems[${i}] needs a 'table'.`);
    const projection = asExpression(raw.projection, 'projection');
    return {
      Get: {
        TableName: raw.table,
        Key: requireKey(raw, 'TransactGetItems'),
        ProjectionExpression: projection?.expression,
        ExpressionAttributeNames: merged([projection]).ExpressionAttributeNames,
      },
    };
  });
}

export function batchTables(r: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(r.tables) || Object.keys(r.tables).length === 0)
    throw new RequestError(`${String(r.operation)} requires 'tables'.`);
  return r.tables;
}
