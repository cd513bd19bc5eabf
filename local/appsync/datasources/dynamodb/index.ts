/**
 * The DynamoDB data source: runs each AppSync DynamoDB request object against DynamoDB (Local) and
 * shapes ctx.result / ctx.error as AppSync does (resolver reference for DynamoDB, per operation).
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DataSource, DataSourceOutcome } from '../types';
import { isRecord } from '../types';
import {
  batchTables,
  deleteItemInput,
  toSdkItem,
  getItemInput,
  putItemInput,
  readInput,
  RequestError,
  transactGetInput,
  transactWriteInput,
  updateItemInput,
} from './requests';
import { PaginationTokens } from './tokens';
import { wireClient } from './wire';

type Item = Record<string, AttributeValue>;

export interface DynamoDBDataSourceOptions {
  name: string;
  tableName: string;
  client: DynamoDBClient;
  tokens: PaginationTokens;
}

export function dynamoClient(endpoint: string, region: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** AppSync hands resolvers plain JSON: sets become lists, binary becomes base64. */
function plain(v: unknown): unknown {
  if (v instanceof Set) return [...v].map(plain);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(plain);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

export const toPlain = (item: Item | undefined | null): Record<string, unknown> | null =>
  item ? (plain(unmarshall(item)) as Record<string, unknown>) : null;

const keyId = (key: Item) =>
  JSON.stringify(
    Object.keys(key)
      .sort()
      .map((k) => [k, key[k]]),
  );

function keyOf(item: Item, keyNames: string[]): Item {
  return Object.fromEntries(keyNames.filter((k) => k in item).map((k) => [k, item[k]]));
}

/** Socket-level failures: DynamoDB did not answer at all (stopped, restarting, network down). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function unreachable(e: unknown): boolean {
  const err = e as { code?: unknown; name?: unknown; message?: unknown };
  return (
    (typeof err.code === 'string' && UNREACHABLE.has(err.code)) ||
    err.name === 'TimeoutError' ||
    err.message === 'socket hang up'
  );
}

function failure(e: unknown): DataSourceOutcome {
  const err = e as Error & { name?: string };
  if (e instanceof RequestError)
    return { result: null, error: { message: e.message, type: 'DynamoDB:ValidationException' } };
  // Node's own text ("connect ECONNREFUSED 127.0.0.1:8000") would reach the user and show our
  // internal address; AppSync answers a DynamoDB it cannot reach with a typed 5xx-class error.
  if (unreachable(e)) {
    return {
      result: null,
      error: { message: 'DynamoDB is unavailable at the moment: try again.', type: 'DynamoDB:ServiceUnavailable' },
    };
  }
  return { result: null, error: { message: err.message, type: `DynamoDB:${err.name ?? 'DynamoDbException'}` } };
}

/** A cancelled transaction: AppSync's `{ keys: null, cancellationReasons: [{ type, message, item? }] }`. */
function cancelled(e: TransactionCanceledException, resultKey: 'keys' | 'items'): DataSourceOutcome {
  const cancellationReasons = (e.CancellationReasons ?? []).map((r) => ({
    ...(r.Item ? { item: toPlain(r.Item) } : {}),
    type: r.Code ?? 'None',
    message: r.Message ?? 'None',
  }));
  return {
    result: { [resultKey]: null, cancellationReasons },
    error: { message: e.message, type: 'DynamoDB:TransactionCanceledException' },
  };
}

export function dynamoDBDataSource({ name, tableName, client: sdk, tokens }: DynamoDBDataSourceOptions): DataSource {
  const client = wireClient(sdk);
  /**
   * AppSync's handling of a failed condition ("Handling a condition check failure"): it reads the
   * item as it is now; when that already is the desired result (PutItem: the same item, ignoring
   * `equalsIgnore` attributes; DeleteItem: no item) the write counts as done; otherwise ctx.error is
   * DynamoDB:ConditionalCheckFailedException and ctx.result the current item. UpdateItem has no
   * knowable desired result, so it always fails.
   */
  async function conditional(
    r: Record<string, unknown>,
    key: Item,
    desired: Item | null | undefined,
    write: () => Promise<unknown>,
  ): Promise<DataSourceOutcome> {
    try {
      return { result: await write() };
    } catch (e) {
      if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
      const current = (await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true })))
        .Item;
      const ignore = new Set(
        isRecord(r.condition) && Array.isArray(r.condition.equalsIgnore) ? r.condition.equalsIgnore.map(String) : [],
      );
      const comparable = (item: Item) =>
        JSON.stringify(
          Object.keys(item)
            .filter((k) => !ignore.has(k))
            .sort()
            .map((k) => [k, item[k]]),
        );
      if (desired === null && !current) return { result: null };
      if (desired && current && comparable(desired) === comparable(current)) return { result: toPlain(current) };
      return {
        result: toPlain(current),
        error: { message: (e as Error).message, type: 'DynamoDB:ConditionalCheckFailedException' },
      };
    }
  }

  async function read(r: Record<string, unknown>): Promise<DataSourceOutcome> {
    let startKey: Item | undefined;
    if (typeof r.nextToken === 'string' && r.nextToken) {
      startKey = tokens.decode(r.nextToken);
      if (!startKey)
        return {
          result: null,
          error: { message: 'Invalid pagination token given.', type: 'DynamoDB:ValidationException' },
        };
    }
    const input = readInput(tableName, r, startKey);
    const out =
      r.operation === 'Query' ? await client.send(new QueryCommand(input)) : await client.send(new ScanCommand(input));
    return {
      result: {
        items: (out.Items ?? []).map(toPlain),
        nextToken: tokens.encode(out.LastEvaluatedKey),
        scannedCount: out.ScannedCount ?? 0,
      },
    };
  }

  async function batchGet(r: Record<string, unknown>): Promise<DataSourceOutcome> {
    const tables = batchTables(r);
    const requestItems = Object.fromEntries(
      Object.entries(tables).map(([t, spec]) => {
        const s = spec as {
          keys?: Item[];
          consistentRead?: boolean;
          projection?: { expression: string; expressionNames?: Record<string, string> };
        };
        return [
          t,
          {
            Keys: (s.keys ?? []).map(toSdkItem),
            ConsistentRead: s.consistentRead,
            ProjectionExpression: s.projection?.expression,
            ExpressionAttributeNames: s.projection?.expressionNames,
          },
        ];
      }),
    );
    const out = await client.send(new BatchGetItemCommand({ RequestItems: requestItems }));
    const data: Record<string, (Record<string, unknown> | null)[]> = {};
    const unprocessedKeys: Record<string, unknown[]> = {};
    for (const [t, spec] of Object.entries(requestItems)) {
      const keyNames = spec.Keys[0] ? Object.keys(spec.Keys[0]) : [];
      const found = new Map((out.Responses?.[t] ?? []).map((item) => [keyId(keyOf(item, keyNames)), item]));
      // AppSync keeps the order of the requested keys, with null where nothing was found.
      data[t] = spec.Keys.map((k) => toPlain(found.get(keyId(k))));
      unprocessedKeys[t] = (out.UnprocessedKeys?.[t]?.Keys ?? []).map(toPlain);
    }
    return { result: { data, unprocessedKeys } };
  }

  async function batchWrite(r: Record<string, unknown>, put: boolean): Promise<DataSourceOutcome> {
    const tables = Object.fromEntries(
      Object.entries(batchTables(r)).map(([t, items]) => [t, (items as unknown[]).map(toSdkItem)]),
    );
    const requestItems = Object.fromEntries(
      Object.entries(tables).map(([t, items]) => [
        t,
        items.map((i) => (put ? { PutRequest: { Item: i } } : { DeleteRequest: { Key: i } })),
      ]),
    );
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
    const data: Record<string, unknown[]> = {};
    const unprocessed: Record<string, unknown[]> = {};
    for (const [t, items] of Object.entries(tables)) {
      const left = out.UnprocessedItems?.[t] ?? [];
      unprocessed[t] = left.map((w) => toPlain(put ? w.PutRequest?.Item : w.DeleteRequest?.Key));
      const leftIds = new Set(unprocessed[t].map((x) => JSON.stringify(x)));
      data[t] = items.map(toPlain).filter((x) => !leftIds.has(JSON.stringify(x)));
    }
    return { result: put ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed } };
  }

  async function run(r: Record<string, unknown>): Promise<DataSourceOutcome> {
    switch (r.operation) {
      case 'GetItem':
        return { result: toPlain((await client.send(new GetItemCommand(getItemInput(tableName, r)))).Item) };
      case 'PutItem': {
        const input = putItemInput(tableName, r);
        return conditional(r, toSdkItem(r.key), input.Item, async () => {
          await client.send(new PutItemCommand(input));
          return toPlain(input.Item);
        });
      }
      case 'UpdateItem': {
        const input = updateItemInput(tableName, r);
        return conditional(r, input.Key, undefined, async () =>
          toPlain((await client.send(new UpdateItemCommand(input))).Attributes),
        );
      }
      case 'DeleteItem': {
        const input = deleteItemInput(tableName, r);
        return conditional(r, input.Key, null, async () =>
          toPlain((await client.send(new DeleteItemCommand(input))).Attributes),
        );
      }
      case 'Query':
      case 'Scan':
        return read(r);
      case 'BatchGetItem':
        return batchGet(r);
      case 'BatchPutItem':
        return batchWrite(r, true);
      case 'BatchDeleteItem':
        return batchWrite(r, false);
      case 'TransactGetItems':
        try {
          const out = await client.send(new TransactGetItemsCommand({ TransactItems: transactGetInput(r) }));
          return { result: { items: (out.Responses ?? []).map((x) => toPlain(x.Item)), cancellationReasons: null } };
        } catch (e) {
          if (e instanceof TransactionCanceledException) return cancelled(e, 'items');
          throw e;
        }
      case 'TransactWriteItems': {
        const items = transactWriteInput(r);
        try {
          await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        } catch (e) {
          if (e instanceof TransactionCanceledException) return cancelled(e, 'keys');
          throw e;
        }
        const keys = (r.transactItems as { key: unknown }[]).map((t) => toPlain(toSdkItem(t.key)));
        return { result: { keys, cancellationReasons: null } };
      }
      default:
        throw new RequestError(`Unsupported operation '${String(r.operation)}' for a DynamoDB data source.`);
    }
  }

  return {
    name,
    type: 'AMAZON_DYNAMODB',
    async invoke(request) {
      if (!isRecord(request)) return failure(new RequestError('The request must be an object with an operation.'));
      try {
        return await run(request);
      } catch (e) {
        return failure(e);
      }
    },
  };
}
