import { createHash } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { backfillRecords } from '../../../amplify/migrations/records-backfill';
import { WAIVER_TEXT_SK, waiverTextPk } from '../../../amplify/data/keys';
import { createTestTable, dynamoClient } from '../../support/stack';

/** Records written before the audit reads (by patron, stored waiver texts) gain what those reads need, once, however often the migration runs. */
const db = DynamoDBDocumentClient.from(dynamoClient());
let table: string;
const TEXT = '# Waiver\n\nAn older text, signed before texts were kept once.\n';
const VERSION = createHash('sha256').update(TEXT).digest('hex');

beforeAll(async () => {
  table = await createTestTable('scc-backfill');
  const put = (Item: Record<string, unknown>) => db.send(new PutCommand({ TableName: table, Item }));
  // A payment's audit record from before the patron trail, and a legacy signature record (`who`, keys in images).
  await put({
    PK: 'AUDIT#e1',
    SK: '2026-03-01T10:00:00.000Z#01A',
    type: 'Audit',
    id: '01A',
    entity: 'e1',
    operation: 'logPayment',
    actor: 'crew@example.com',
    at: '2026-03-01T10:00:00.000Z',
    after: { patronEmail: 'Old@Example.com', amountCents: 500 },
  });
  await put({
    PK: 'AUDIT#e1',
    SK: '2026-02-01T09:00:00.000Z#u-1',
    type: 'Audit',
    id: 'u-1',
    eventId: 'e1',
    entity: 'RosterEntry#old@example.com',
    who: 'old@example.com',
    operation: 'signWaiver',
    at: '2026-02-01T09:00:00.000Z',
    after: { PK: 'EVENT#e1', SK: 'PATRON#old@example.com', email: 'old@example.com' },
  });
  await put({
    PK: 'AUDIT#e1',
    SK: '2026-01-01T08:00:00.000Z#01C',
    type: 'Audit',
    id: '01C',
    entity: 'e1',
    operation: 'createEvent',
    actor: 'admin@example.com',
    at: '2026-01-01T08:00:00.000Z',
    after: { id: 'e1', title: 'Sail' },
  });
  await put({
    PK: 'EVENT#e1',
    SK: 'WAIVER#2026-02-01T09:00:00.000Z#w1',
    type: 'Waiver',
    id: 'w1',
    eventId: 'e1',
    waiverVersion: VERSION,
    text: TEXT,
    signedAt: '2026-02-01T09:00:00.000Z',
  });
  await put({
    PK: 'EVENT#e1',
    SK: 'WAIVER#2026-02-02T09:00:00.000Z#w2',
    type: 'Waiver',
    id: 'w2',
    eventId: 'e1',
    waiverVersion: VERSION,
    text: TEXT,
    signedAt: '2026-02-02T09:00:00.000Z',
  });
  await put({
    PK: 'EVENT#e1',
    SK: 'WAIVER#2026-02-03T09:00:00.000Z#w3',
    type: 'Waiver',
    id: 'w3',
    eventId: 'e1',
    waiverVersion: '0'.repeat(64),
    text: 'tampered',
    signedAt: '2026-02-03T09:00:00.000Z',
  });
});

describe('the records backfill (amplify/migrations/records-backfill.ts)', () => {
  it('keys old audit records under their patron, stores each old text once, and refuses a text that does not match its hash', async () => {
    const first = await backfillRecords(db, table);
    expect(first).toMatchObject({
      scanned: 6,
      auditKeyed: 2,
      textsStored: 1,
      mismatched: ['WAIVER#2026-02-03T09:00:00.000Z#w3'],
    });
    const trail = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT#PATRON#old@example.com' },
        ScanIndexForward: false,
      }),
    );
    expect(trail.Items!.map((i) => i.id)).toEqual(['01A', 'u-1']);
    expect(
      (await db.send(new GetCommand({ TableName: table, Key: { PK: waiverTextPk(VERSION), SK: WAIVER_TEXT_SK } })))
        .Item,
    ).toMatchObject({ text: TEXT });
    expect(
      (
        await db.send(
          new GetCommand({ TableName: table, Key: { PK: waiverTextPk('0'.repeat(64)), SK: WAIVER_TEXT_SK } }),
        )
      ).Item,
    ).toBeUndefined();
    // The old signature keeps its own copy.
    expect(
      (
        await db.send(
          new GetCommand({ TableName: table, Key: { PK: 'EVENT#e1', SK: 'WAIVER#2026-02-01T09:00:00.000Z#w1' } }),
        )
      ).Item,
    ).toMatchObject({ text: TEXT });
  });

  it('writes nothing the second time', async () => {
    expect(await backfillRecords(db, table)).toMatchObject({ auditKeyed: 0, textsStored: 0 });
  });
});
