/**
 * `@aws-appsync/utils/dynamodb`: the request builders (get, put, update with operations, remove,
 * query, scan, sync, transact*, batch*). Shapes follow the module's published typings and the
 * requests AWS's EvaluateCode returned for them. Runs inside the resolver's vm.
 */
import { renderFilter, type DynamoDBExpression } from './transform';
import { isPlainObject, toMapValues } from './values';
import { buildUpdate } from './ddb-update';

export { operations } from './ddb-update';

// What a resolver passes is checked where it is used, as AWS's runtime does: the shapes here are
// what the module's typings promise, cast at the point of use.
type Input = Record<string, unknown>;

/** Copy the listed options that were given (AWS leaves out what the caller left out). */
function pick(from: Input, keys: string[], into: Input): Input {
  for (const key of keys) if (from[key] !== undefined && from[key] !== null) into[key] = from[key];
  return into;
}

/** Names/values maps AWS would send empty are dropped: DynamoDB refuses empty maps. */
function compact(expression: DynamoDBExpression): Partial<DynamoDBExpression> & { expression: string } {
  const out: Partial<DynamoDBExpression> & { expression: string } = { expression: expression.expression };
  if (Object.keys(expression.expressionNames).length > 0) out.expressionNames = expression.expressionNames;
  if (Object.keys(expression.expressionValues).length > 0) out.expressionValues = expression.expressionValues;
  return out;
}

function condition(filter: unknown): Input | undefined {
  if (filter === undefined || filter === null) return undefined;
  const rendered = renderFilter(filter);
  if (rendered === null) throw new TypeError('Invalid condition: it cannot be rendered as a DynamoDB expression');
  return compact(rendered);
}

function filterOf(filter: unknown): Input | undefined {
  if (filter === undefined || filter === null) return undefined;
  const rendered = renderFilter(filter);
  if (rendered === null) throw new TypeError('Invalid filter: it cannot be rendered as a DynamoDB expression');
  return rendered.expression === '' ? undefined : compact(rendered);
}

/** `['id', 'address.city', 'tags[0]']` → `{ expression: '#id, #address.#city, #tags[0]', … }`. */
function projectionOf(fields: unknown): Input | undefined {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const expressionNames: Record<string, string> = {};
  const paths = fields.map((field: string) =>
    String(field)
      .split('.')
      .map((segment) => {
        const bracket = segment.indexOf('[');
        const name = bracket === -1 ? segment : segment.slice(0, bracket);
        expressionNames[`#${name}`] = name;
        return `#${name}${bracket === -1 ? '' : segment.slice(bracket)}`;
      })
      .join('.'),
  );
  return { expression: paths.join(', '), expressionNames };
}

function withCondition(out: Input, payload: Input): Input {
  const rendered = condition(payload.condition);
  if (rendered) out.condition = rendered;
  return pick(payload, ['customPartitionKey', 'populateIndexFields', '_version'], out);
}

export function get(payload: Input): Input {
  const out: Input = { operation: 'GetItem', key: toMapValues(payload.key) };
  pick(payload, ['consistentRead'], out);
  const projection = projectionOf(payload.projection);
  if (projection) out.projection = projection;
  return out;
}

export function put(payload: Input): Input {
  const out: Input = {
    operation: 'PutItem',
    key: toMapValues(payload.key),
    attributeValues: toMapValues(payload.item),
  };
  return withCondition(out, payload);
}

export function remove(payload: Input): Input {
  return withCondition({ operation: 'DeleteItem', key: toMapValues(payload.key) }, payload);
}

export function update(payload: Input): Input {
  const out: Input = { operation: 'UpdateItem', key: toMapValues(payload.key), update: buildUpdate(payload.update) };
  return withCondition(out, payload);
}

/** Key conditions: equality on the partition key, one comparison on the sort key, joined by AND. */
function keyCondition(query: unknown): Input {
  if (!isPlainObject(query)) throw new TypeError('query must be an object of key conditions');
  const rendered = renderFilter(query);
  if (rendered === null) throw new TypeError('Invalid key condition');
  return compact(rendered);
}

const READ_OPTIONS = [
  'index',
  'limit',
  'nextToken',
  'consistentRead',
  'select',
  'scanIndexForward',
  'totalSegments',
  'segment',
];

function readRequest(operation: string, payload: Input): Input {
  const out: Input = { operation };
  if (operation === 'Query') out.query = keyCondition(payload.query);
  pick(payload, READ_OPTIONS, out);
  const filter = filterOf(payload.filter);
  if (filter) out.filter = filter;
  const projection = projectionOf(payload.projection);
  if (projection) out.projection = projection;
  return out;
}

export function query(payload: Input): Input {
  return readRequest('Query', payload);
}

export function scan(payload: Input): Input {
  return readRequest('Scan', payload ?? {});
}

export function sync(payload: Input): Input {
  const out = pick(payload ?? {}, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync'], {
    operation: 'Sync',
  });
  const filter = filterOf(payload?.filter);
  if (filter) out.filter = filter;
  return out;
}

export function batchGet(payload: Input): Input {
  const tables: Input = {};
  for (const [table, spec] of Object.entries((payload.tables ?? {}) as Record<string, Input>)) {
    const entry: Input = { keys: ((spec.keys ?? []) as Input[]).map((key) => toMapValues(key)) };
    pick(spec, ['consistentRead'], entry);
    const projection = projectionOf(spec.projection);
    if (projection) entry.projection = projection;
    tables[table] = entry;
  }
  return { operation: 'BatchGetItem', tables };
}

function perTable(operation: string, payload: Input): Input {
  const tables: Input = {};
  for (const [table, rows] of Object.entries((payload.tables ?? {}) as Record<string, Input[]>)) {
    tables[table] = rows.map((row) => toMapValues(row));
  }
  return { operation, tables };
}

export const batchPut = (payload: Input): Input => perTable('BatchPutItem', payload);
export const batchDelete = (payload: Input): Input => perTable('BatchDeleteItem', payload);

export function transactGet(payload: Input): Input {
  const transactItems = ((payload.items ?? []) as Input[]).map((item) => {
    const out: Input = { table: item.table, key: toMapValues(item.key) };
    const projection = projectionOf(item.projection);
    if (projection) out.projection = projection;
    return out;
  });
  return { operation: 'TransactGetItems', transactItems };
}

function transactItem(item: Input): Input {
  const kind = Object.keys(item)[0];
  const spec = item[kind] as Input;
  const out: Input = { table: spec.table, key: toMapValues(spec.key) };
  if (kind === 'putItem') {
    out.operation = 'PutItem';
    out.attributeValues = toMapValues(spec.item);
  } else if (kind === 'updateItem') {
    out.operation = 'UpdateItem';
    out.update = buildUpdate(spec.update);
  } else if (kind === 'deleteItem') {
    out.operation = 'DeleteItem';
  } else if (kind === 'conditionCheck') {
    out.operation = 'ConditionCheck';
  } else {
    throw new TypeError(`Unknown transactWrite item: ${kind}`);
  }
  const rendered = condition(spec.condition);
  if (rendered) out.condition = rendered;
  return out;
}

export function transactWrite(payload: Input): Input {
  return { operation: 'TransactWriteItems', transactItems: ((payload.items ?? []) as Input[]).map(transactItem) };
}

export const toStringSet = (values: string[]) => ({ SS: values });
export const toNumberSet = (values: number[]) => ({ NS: values });
export const toBinarySet = (values: string[]) => ({ BS: values });
