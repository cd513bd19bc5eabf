import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient as makeClient } from '../../../../local/appsync/datasources';
import { dynamoDBDataSource } from '../../../../local/appsync/datasources/dynamodb';
import { PaginationTokens } from '../../../../local/appsync/datasources/dynamodb/tokens';
import type { InvocationContext } from '../../../../local/appsync/datasources';
import { freePort } from '../../../../local/stack/ports';
import { createTestTable, stack } from '../../../support/stack';

/**
 * A TCP relay to DynamoDB Local that drops the first `drops` connections it gets without a word,
 * as a DynamoDB Local restarting (or a stale keep-alive connection) would.
 */
async function flakyRelay(upstream: string, drops: number) {
  const target = new URL(upstream);
  let dropped = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    if (dropped < drops) {
      dropped += 1;
      socket.once('data', () => socket.resetAndDestroy());
      return;
    }
    const up = net.connect(Number(target.port), target.hostname);
    socket.pipe(up).pipe(socket);
    const close = () => {
      socket.destroy();
      up.destroy();
    };
    socket.on('error', close);
    up.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped: () => dropped,
    close: () =>
      new Promise<void>((resolve) => {
        open.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

let table: string;
let relay: Awaited<ReturnType<typeof flakyRelay>>;
beforeAll(async () => {
  table = await createTestTable('scc-appsync-wire');
  relay = await flakyRelay(stack().dynamodbEndpoint, 1);
});
afterAll(() => relay?.close());

describe('the DynamoDB data source over a connection that drops', () => {
  it('still completes a request whose connection was dropped before any answer', async () => {
    const client = makeClient(relay.endpoint, stack().region);
    const ds = dynamoDBDataSource({
      name: 'SccTableDataSource',
      tableName: table,
      client,
      tokens: new PaginationTokens('test'),
    });
    const ctx = {} as InvocationContext;
    const put = await ds.invoke(
      { operation: 'PutItem', key: { PK: { S: 'W' }, SK: { S: 'A' } }, attributeValues: { n: { N: 7 } } },
      ctx,
    );
    expect(put).toEqual({ result: { PK: 'W', SK: 'A', n: 7 } });
    expect(relay.dropped()).toBe(1);
    expect(
      await ds.invoke({ operation: 'GetItem', key: { PK: { S: 'W' }, SK: { S: 'A' } }, consistentRead: true }, ctx),
    ).toEqual({ result: { PK: 'W', SK: 'A', n: 7 } });
    client.destroy();
  });
});

describe('the DynamoDB data source when DynamoDB does not answer at all', () => {
  it('answers with a typed error that does not show the address it tried', async () => {
    const port = await freePort(); // nothing listens there
    const client = makeClient(`http://127.0.0.1:${port}`, stack().region);
    const ds = dynamoDBDataSource({
      name: 'SccTableDataSource',
      tableName: table,
      client,
      tokens: new PaginationTokens('test'),
    });
    const out = await ds.invoke(
      { operation: 'GetItem', key: { PK: { S: 'W' }, SK: { S: 'A' } } },
      {} as InvocationContext,
    );
    expect(out).toEqual({
      result: null,
      error: { type: 'DynamoDB:ServiceUnavailable', message: 'DynamoDB is unavailable at the moment: try again.' },
    });
    client.destroy();
  });
});
