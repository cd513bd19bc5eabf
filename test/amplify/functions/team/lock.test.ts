import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPk, TEAM_ENTITY, TEAM_LOCK_SK, TEAM_PK } from '../../../../amplify/data/keys';
import { Conflict } from '../../../../amplify/functions/errors';
import { LEASE_MS, teamLock } from '../../../../amplify/functions/team/lock';
import { createTestTable, dynamoClient } from '../../../support/stack';

/** The team lock against DynamoDB Local: one holder at a time, a lease that outlives a dead holder, audited release. */
const db = DynamoDBDocumentClient.from(dynamoClient());
let tableName: string;
beforeAll(async () => {
  tableName = await createTestTable('scc-team-lock');
});

const audit = (id: string) => ({
  id,
  operation: 'disableTeamMember',
  actor: 'ada@x.test',
  at: '2026-11-30T12:00:00.000Z',
  before: { enabled: true },
  after: { enabled: false },
});
const records = async () =>
  (
    await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': auditPk(TEAM_ENTITY) },
      }),
    )
  ).Items ?? [];
const lockItem = async () =>
  (await db.send(new GetCommand({ TableName: tableName, Key: { PK: TEAM_PK, SK: TEAM_LOCK_SK } }))).Item;

describe('the team lock', () => {
  it('has one holder at a time: a second waits, then is refused as busy (retryable)', async () => {
    const lock = teamLock(db, tableName, { waitMs: 300 });
    await lock.acquire('one');
    await expect(lock.acquire('two')).rejects.toThrow(
      expect.objectContaining({ reason: 'TEAM_BUSY', retryable: true }),
    );
    await lock.release('one', null);
    await lock.acquire('two');
    await lock.release('two', null);
    expect(await lockItem()).not.toHaveProperty('holder');
  });

  it('lets a waiter in as soon as the holder releases', async () => {
    const lock = teamLock(db, tableName, { waitMs: 3_000 });
    await lock.acquire('first');
    const waiting = lock.acquire('second');
    setTimeout(() => void lock.release('first', null), 200);
    await expect(waiting).resolves.toBeUndefined();
    await lock.release('second', null);
  });

  it('of many taking it at once, admits exactly one', async () => {
    const lock = teamLock(db, tableName, { waitMs: 0 });
    const got = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => lock.acquire(`h${i}`)));
    expect(got.filter((g) => g.status === 'fulfilled')).toHaveLength(1);
    expect(
      got.filter((g) => g.status === 'rejected').every((g) => (g as PromiseRejectedResult).reason instanceof Conflict),
    ).toBe(true);
    await lock.release((await lockItem())!.holder as string, null);
  });

  it('is free again once a dead holder’s lease has passed', async () => {
    let clock = Date.now();
    const lock = teamLock(db, tableName, { waitMs: 0, now: () => clock });
    await lock.acquire('dead');
    await expect(lock.acquire('next')).rejects.toThrow(Conflict);
    clock += LEASE_MS + 1;
    await lock.acquire('next');
    await lock.release('next', null);
  });

  it('writes the change’s audit record as it releases, in the one audit shape, and counts the change', async () => {
    const lock = teamLock(db, tableName);
    const before = ((await lockItem())?.changes as number | undefined) ?? 0;
    await lock.acquire('writer');
    await lock.release('writer', audit('A1'));
    expect((await records()).find((r) => r.id === 'A1')).toMatchObject({
      type: 'Audit',
      entity: 'TEAM',
      operation: 'disableTeamMember',
      actor: 'ada@x.test',
      before: { enabled: true },
      after: { enabled: false },
    });
    expect((await lockItem())!.changes).toBe(before + 1);
  });

  it('still records a change whose holder lost the lease, and leaves the new holder’s lock alone', async () => {
    let clock = Date.now();
    const lock = teamLock(db, tableName, { waitMs: 0, now: () => clock });
    await lock.acquire('slow');
    clock += LEASE_MS + 1;
    await lock.acquire('newer');
    await lock.release('slow', audit('A2'));
    expect((await records()).some((r) => r.id === 'A2')).toBe(true);
    expect((await lockItem())!.holder).toBe('newer');
    await lock.release('newer', null);
  });
});
