import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditChange } from '../../data/audit';
import { auditPut } from '../audit';
import { TEAM_ENTITY, TEAM_LOCK_SK, TEAM_PK } from '../../data/keys';
import { Conflict } from '../errors';

/**
 * The team lock: one item (PK TEAM, SK LOCK) that every change to the team takes, with a
 * conditional write, before it reads the user pool; it is released in the same transaction that
 * writes the change's audit record. While it is held no other change can read or change the pool,
 * so "one enabled admin remains" (members.ts keepsAnAdmin), checked against what the pool says
 * under the lock, holds whatever changes run at once: of two admins demoting each other, the
 * second reads the pool after the first has changed it, and is refused.
 *
 * A lease, not a flag: a holder that dies mid-change (a Lambda killed at its timeout) frees the
 * lock when `leaseUntil` passes. LEASE_MS is three times the function's timeout (resource.ts), so
 * a live holder never loses it. Not `expiresAt`: that is the table's TTL attribute.
 */
export const LEASE_MS = 60_000;
const KEY = { PK: TEAM_PK, SK: TEAM_LOCK_SK };

/** A change to the team as its audit record tells it (the entity is always the team's). */
export type TeamChange = Omit<AuditChange, 'entity'>;

export interface TeamLock {
  /** Takes the lock for `holder`, waiting up to `waitMs` for another change to finish. */
  acquire(holder: string): Promise<void>;
  /** Frees the lock and, for a change made, writes its audit record in the same transaction. */
  release(holder: string, audit: TeamChange | null): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function teamLock(
  db: DynamoDBDocumentClient,
  tableName: string,
  options: { waitMs?: number; now?: () => number } = {},
): TeamLock {
  const now = options.now ?? Date.now;
  const waitMs = options.waitMs ?? 5_000;
  const auditOf = (a: TeamChange) => ({ TableName: tableName, ...auditPut({ ...a, entity: TEAM_ENTITY }) });

  async function tryAcquire(holder: string): Promise<boolean> {
    const t = now();
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: KEY,
          UpdateExpression: 'SET holder = :me, leaseUntil = :until',
          ConditionExpression: 'attribute_not_exists(holder) OR leaseUntil < :now',
          ExpressionAttributeValues: { ':me': holder, ':until': t + LEASE_MS, ':now': t },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  return {
    async acquire(holder) {
      const deadline = now() + waitMs;
      for (let attempt = 0; ; attempt += 1) {
        if (await tryAcquire(holder)) return;
        if (now() >= deadline) break;
        // Changes take a few Cognito calls (~100 ms); a little jitter so two waiters do not collide again.
        await sleep(Math.min(50 * 2 ** attempt, 400) + Math.random() * 50);
      }
      throw new Conflict('Another change to the team is being saved: try again in a moment.', 'TEAM_BUSY', true);
    },
    async release(holder, change) {
      const free = {
        TableName: tableName,
        Key: KEY,
        UpdateExpression: 'REMOVE holder, leaseUntil SET changes = if_not_exists(changes, :zero) + :one',
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': holder, ':zero': 0, ':one': change ? 1 : 0 },
      };
      try {
        if (!change) await db.send(new UpdateCommand(free));
        else await db.send(new TransactWriteCommand({ TransactItems: [{ Update: free }, { Put: auditOf(change) }] }));
      } catch (err) {
        const lost =
          err instanceof ConditionalCheckFailedException ||
          (err instanceof TransactionCanceledException &&
            err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed');
        if (!lost) throw err;
        // The lease ran out and someone else holds the lock now: theirs stays; the change made
        // here is in the pool all the same, so its record is written on its own.
        if (change) await db.send(new PutCommand(auditOf(change)));
      }
    },
  };
}
