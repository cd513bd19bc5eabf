/**
 * The retention Lambda on its own, against DynamoDB Local: it raises expiresAt on an event's
 * payments, page by page, never lowers it, touches nothing else, and refuses malformed input.
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  extendRetention,
  parseRetentionRequest,
  RETENTION_MARGIN_MS,
} from '../../../../amplify/functions/retention/extend';
import { ValidationError, ServiceUnavailable } from '../../../../amplify/functions/errors';
import { retentionHandler } from '../../../../amplify/functions/retention/handler';
import { createTestTable, dynamoClient, scanAll, stack } from '../../../support/stack';
import { logLines } from '../support/log-lines';
import { startIamGate, type IamGate } from '../../../../local/iam/gate';

let tableName: string;
/** The retention Lambda's DynamoDB, as its synthesized IAM role (local/iam). */
let asRetention: IamGate;
const db = DynamoDBDocumentClient.from(dynamoClient());
const KEEP = 2_000_000_000;

beforeAll(async () => {
  tableName = await createTestTable('scc-retention');
  asRetention = await startIamGate({
    upstream: { dynamodb: stack().dynamodbEndpoint },
    region: stack().region,
    tableName,
  });
  const put = (Item: Record<string, unknown>) => db.send(new PutCommand({ TableName: tableName, Item }));
  await put({ PK: 'EVENT#e1', SK: 'EVENT', type: 'Event', startsAt: '2027-01-01T00:00:00Z' });
  await put({ PK: 'EVENT#e1', SK: 'PATRON#ann@example.com', type: 'RosterEntry' });
  for (let i = 0; i < 7; i++) {
    await put({
      PK: 'EVENT#e1',
      SK: `PAYMENT#0${i}`,
      type: 'Payment',
      status: i === 3 ? 'VOIDED' : 'RECORDED',
      expiresAt: KEEP - 1000 + i,
    });
  }
  await put({ PK: 'EVENT#e1', SK: 'PAYMENT#later', type: 'Payment', status: 'RECORDED', expiresAt: KEEP + 50 });
  await put({ PK: 'EVENT#e1', SK: 'WAIVER#2026-12-01#w1', type: 'Waiver' });
  await put({ PK: 'EVENT#e2', SK: 'PAYMENT#other', type: 'Payment', status: 'RECORDED', expiresAt: KEEP - 1000 });
});

const expiries = async (pk: string) =>
  Object.fromEntries(
    (await scanAll(tableName))
      .filter((i) => i.PK?.S === pk)
      .map((i) => [i.SK!.S, i.expiresAt ? Number(i.expiresAt.N) : undefined]),
  );

describe('extendRetention', () => {
  it('raises every payment of the event that expires sooner, across pages, and nothing else', async () => {
    const outcome = await extendRetention(db, tableName, { eventId: 'e1', keepUntil: KEEP }, 2);
    expect(outcome).toEqual({ eventId: 'e1', keepUntil: KEEP, extended: 7 });
    expect(await expiries('EVENT#e1')).toEqual({
      EVENT: undefined,
      'PATRON#ann@example.com': undefined,
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`PAYMENT#0${i}`, KEEP])),
      'PAYMENT#later': KEEP + 50,
      'WAIVER#2026-12-01#w1': undefined,
    });
    expect(await expiries('EVENT#e2')).toEqual({ 'PAYMENT#other': KEEP - 1000 });
  });

  it('does nothing the second time, and never lowers a date', async () => {
    expect(await extendRetention(db, tableName, { eventId: 'e1', keepUntil: KEEP }, 2)).toMatchObject({ extended: 0 });
    expect(await extendRetention(db, tableName, { eventId: 'e1', keepUntil: KEEP - 5000 })).toMatchObject({
      extended: 0,
    });
    expect((await expiries('EVENT#e1'))['PAYMENT#00']).toBe(KEEP);
  });
});

describe('a run short of time (AppSync waits 30 s at most)', () => {
  it('stops between pages before the timeout, keeps what it extended, and the next run finishes', async () => {
    for (let i = 0; i < 5; i++)
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: 'EVENT#e3', SK: `PAYMENT#0${i}`, type: 'Payment', status: 'RECORDED', expiresAt: KEEP - 10 },
        }),
      );
    const outOfTime = () => RETENTION_MARGIN_MS - 1;
    await expect(extendRetention(db, tableName, { eventId: 'e3', keepUntil: KEEP }, 2, outOfTime)).rejects.toThrow(
      ServiceUnavailable,
    );
    const kept = Object.values(await expiries('EVENT#e3')).filter((e) => e === KEEP);
    expect(kept).toHaveLength(2);
    expect(await extendRetention(db, tableName, { eventId: 'e3', keepUntil: KEEP }, 2, () => 20_000)).toMatchObject({
      extended: 3,
    });
    expect(Object.values(await expiries('EVENT#e3'))).toEqual(Array(5).fill(KEEP));
  });
});

describe('the retention handler', () => {
  it('refuses malformed input before touching the table', async () => {
    for (const bad of [
      null,
      {},
      { eventId: '', keepUntil: KEEP },
      { eventId: 'e2', keepUntil: '2000000000' },
      { eventId: 'e2', keepUntil: 1.5 },
      { eventId: 'e2', keepUntil: 12 },
    ]) {
      expect(() => parseRetentionRequest(bad), JSON.stringify(bad)).toThrow(ValidationError);
    }
    const handler = retentionHandler({
      tableName,
      region: stack().region,
      endpoint: asRetention.endpoint('retention', 'dynamodb'),
    });
    await expect(handler({ eventId: 'e2' })).rejects.toThrow(ValidationError);
    expect(await expiries('EVENT#e2')).toEqual({ 'PAYMENT#other': KEEP - 1000 });
  });

  it('extends through its own client when bound to a table', async () => {
    const handler = retentionHandler({
      tableName,
      region: stack().region,
      endpoint: asRetention.endpoint('retention', 'dynamodb'),
    });
    expect(await handler({ eventId: 'e2', keepUntil: KEEP })).toEqual({ eventId: 'e2', keepUntil: KEEP, extended: 1 });
  });
});

describe('the retention handler when something fails', () => {
  const lines = logLines();

  it('throws bad input as a ValidationError (400), and logs it once', async () => {
    const handler = retentionHandler({
      tableName,
      region: stack().region,
      endpoint: asRetention.endpoint('retention', 'dynamodb'),
    });
    const error = await handler({ eventId: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(lines('retention')).toMatchObject([{ level: 'ERROR', message: 'payments retention failed', status: 400 }]);
  });

  it.each([
    ['DynamoDB unreachable', { endpoint: 'http://127.0.0.1:9' }, /ECONNREFUSED/],
    ['the table missing', { tableName: 'scc-retention-no-such-table' }, /ResourceNotFoundException/],
  ])('throws %s as ServiceUnavailable (503), its detail in the log only', async (_name, change, detail) => {
    const handler = retentionHandler({
      tableName,
      region: stack().region,
      endpoint: stack().dynamodbEndpoint,
      ...change,
    });
    const error = await handler({ eventId: 'e1', keepUntil: KEEP }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailable);
    // AppSync hands the resolver this name as ctx.error.type, and the message as ctx.error.message.
    expect(error).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
    expect((error as Error).message).not.toMatch(detail);
    const [line] = lines('retention');
    expect(line).toMatchObject({ level: 'ERROR', message: 'payments retention failed', status: 503 });
    expect(line!.error).toMatch(detail);
  });
});
