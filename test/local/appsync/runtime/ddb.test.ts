import { describe, expect, it } from 'vitest';
import { valueOf } from './support/helpers';

describe('@aws-appsync/utils/dynamodb requests', () => {
  it('get: the key as attribute values, with a projection', () => {
    expect(valueOf('ddb.get({ key: { id: "1" }, consistentRead: true, projection: ["id", "address.city"] })')).toEqual({
      operation: 'GetItem',
      key: { id: { S: '1' } },
      consistentRead: true,
      projection: {
        expression: '#id, #address.#city',
        expressionNames: { '#id': 'id', '#address': 'address', '#city': 'city' },
      },
    });
  });

  it('put: key, attribute values and a rendered condition', () => {
    expect(
      valueOf('ddb.put({ key: { id: "abc" }, item: { value: 10 }, condition: { id: { attributeExists: false } } })'),
    ).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
      condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } },
    });
  });

  it('remove: a DeleteItem on the key', () => {
    expect(valueOf('ddb.remove({ key: { id: "test" } })')).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'test' } },
    });
  });

  it('scan: passes its paging options through', () => {
    expect(valueOf('ddb.scan({ limit: 10, nextToken: "abc" })')).toEqual({
      operation: 'Scan',
      limit: 10,
      nextToken: 'abc',
    });
  });

  it('query: a key condition, an index, a filter and paging', () => {
    expect(
      valueOf(
        'ddb.query({ index: "GSI1", query: { GSI1PK: { eq: "PATRON#a@b.c" } }, filter: { status: { eq: "RECORDED" } }, limit: 5, scanIndexForward: false })',
      ),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '(#GSI1PK = :GSI1PK_eq)',
        expressionNames: { '#GSI1PK': 'GSI1PK' },
        expressionValues: { ':GSI1PK_eq': { S: 'PATRON#a@b.c' } },
      },
      index: 'GSI1',
      limit: 5,
      scanIndexForward: false,
      filter: {
        expression: '(#status = :status_eq)',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':status_eq': { S: 'RECORDED' } },
      },
    });
  });

  it('transactWrite: each item names its table and operation', () => {
    const request = valueOf(`ddb.transactWrite({ items: [
      { putItem: { table: "t", key: { PK: "P" }, item: { a: 1 }, condition: { PK: { attributeExists: false } } } },
      { updateItem: { table: "t", key: { PK: "E" }, update: { paidCents: ddb.operations.increment(500) }, condition: { balanceCents: { ge: 500 } } } },
      { deleteItem: { table: "t", key: { PK: "D" } } },
      { conditionCheck: { table: "t", key: { PK: "C" }, condition: { PK: { attributeExists: true } } } },
    ] })`) as { operation: string; transactItems: Record<string, unknown>[] };
    expect(request.operation).toBe('TransactWriteItems');
    expect(request.transactItems.map((i) => [i.table, i.operation])).toEqual([
      ['t', 'PutItem'],
      ['t', 'UpdateItem'],
      ['t', 'DeleteItem'],
      ['t', 'ConditionCheck'],
    ]);
    expect(request.transactItems[1]).toMatchObject({
      update: {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1',
        expressionNames: { '#expName_1': 'paidCents' },
      },
      condition: { expression: '(#balanceCents >= :balanceCents_ge)' },
    });
  });

  it('batchGet, batchPut and batchDelete group rows per table', () => {
    expect(valueOf('ddb.batchGet({ tables: { post: { keys: [{ id: "1" }], consistentRead: false } } })')).toEqual({
      operation: 'BatchGetItem',
      tables: { post: { keys: [{ id: { S: '1' } }], consistentRead: false } },
    });
    expect(valueOf('ddb.batchPut({ tables: { post: [{ id: "one", value: "x" }] } })')).toEqual({
      operation: 'BatchPutItem',
      tables: { post: [{ id: { S: 'one' }, value: { S: 'x' } }] },
    });
    expect(valueOf('ddb.batchDelete({ tables: { post: [{ id: "one" }] } })')).toEqual({
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }] },
    });
  });

  it('transactGet: a TransactGetItems of keyed items', () => {
    expect(valueOf('ddb.transactGet({ items: [{ table: "post", key: { id: "1" } }] })')).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'post', key: { id: { S: '1' } } }],
    });
  });
});

describe('ddb.update with operations', () => {
  const update = (source: string) =>
    (valueOf(`ddb.update({ key: { id: "1" }, update: ${source} })`) as { update: unknown }).update;

  it.each([
    ['{ age: ddb.operations.add(10) }', 'SET #expName_1 = :expValue_1', { N: 10 }],
    ['{ age: ddb.operations.replace(10) }', 'SET #expName_1 = :expValue_1', { N: 10 }],
    ['{ age: ddb.operations.increment(10) }', 'SET #expName_1 = #expName_1 + :expValue_1', { N: 10 }],
    ['{ age: ddb.operations.decrement(10) }', 'SET #expName_1 = #expName_1 - :expValue_1', { N: 10 }],
    ['{ age: ddb.operations.append([1]) }', 'SET #expName_1 = list_append(#expName_1, :expValue_1)', { L: [{ N: 1 }] }],
    [
      '{ age: ddb.operations.prepend([1]) }',
      'SET #expName_1 = list_append(:expValue_1, #expName_1)',
      { L: [{ N: 1 }] },
    ],
  ])('%s', (source, expression, value) => {
    expect(update(source)).toEqual({
      expression,
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': value },
    });
  });

  it('removes an attribute with operations.remove()', () => {
    expect(update('{ address: ddb.operations.remove() }')).toEqual({
      expression: 'REMOVE #expName_1',
      expressionNames: { '#expName_1': 'address' },
    });
  });

  it('sets list items by index with updateListItem', () => {
    expect(
      update('{ friendsIds: [ddb.operations.updateListItem("102", 1), ddb.operations.updateListItem("112", 2)] }'),
    ).toEqual({
      expression: 'SET #expName_1[1] = :expValue_1, #expName_1[2] = :expValue_2',
      expressionNames: { '#expName_1': 'friendsIds' },
      expressionValues: { ':expValue_1': { S: '102' }, ':expValue_2': { S: '112' } },
    });
  });

  it('joins several attributes into one SET … REMOVE … expression', () => {
    expect(update('{ name: "Ann", visits: ddb.operations.increment(), notes: ddb.operations.remove() }')).toEqual({
      expression: 'SET #expName_1 = :expValue_1, #expName_2 = #expName_2 + :expValue_2 REMOVE #expName_3',
      expressionNames: { '#expName_1': 'name', '#expName_2': 'visits', '#expName_3': 'notes' },
      expressionValues: { ':expValue_1': { S: 'Ann' }, ':expValue_2': { N: 1 } },
    });
  });
});
