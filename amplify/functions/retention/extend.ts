import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventPk } from '../../data/keys';
import { ValidationError, ServiceUnavailable } from '../errors';

export interface RetentionRequest {
  eventId: string;
  /** Epoch seconds: no payment of the event may expire before this. */
  keepUntil: number;
}

export interface RetentionOutcome {
  eventId: string;
  keepUntil: number;
  /** Payments whose expiresAt was raised to keepUntil. */
  extended: number;
}

/** What a run keeps in hand before the function's timeout: one more page takes far less. */
export const RETENTION_MARGIN_MS = 5_000;

/** ~2000-01-01 and ~2200-01-01 in epoch seconds: anything outside is a bug upstream, not a date. */
const EARLIEST = 946_684_800;
const LATEST = 7_258_118_400;

export function parseRetentionRequest(event: unknown): RetentionRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  if (typeof e.eventId !== 'string' || e.eventId.length === 0 || e.eventId.length > 200) {
    throw new ValidationError('eventId must be a non-empty string of at most 200 characters');
  }
  if (
    typeof e.keepUntil !== 'number' ||
    !Number.isInteger(e.keepUntil) ||
    e.keepUntil < EARLIEST ||
    e.keepUntil > LATEST
  ) {
    throw new ValidationError('keepUntil must be an integer number of epoch seconds');
  }
  return { eventId: e.eventId, keepUntil: e.keepUntil };
}

/**
 * Raises `expiresAt` to `keepUntil` on every payment of the event that would expire sooner, voided
 * ones included; never lowers it (an event moved earlier keeps its payments as long as before).
 * Pages through the event's payments with a consistent Query; each update is conditional on the
 * item still being a payment that expires sooner, so a concurrent change is never overwritten and
 * a repeated call does nothing.
 *
 * Bounded: AppSync waits at most 30 s for the function, so when `timeLeft()` (ms) runs low before
 * the last page it stops and throws ServiceUnavailable; what it extended stays extended, and saving the
 * event again (the resolver's error says so) carries on where it stopped, as the Query skips
 * payments already kept long enough.
 */
export async function extendRetention(
  db: DynamoDBDocumentClient,
  tableName: string,
  request: RetentionRequest,
  pageSize = 200,
  timeLeft: () => number = () => Infinity,
): Promise<RetentionOutcome> {
  let extended = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :payment)',
        FilterExpression: 'expiresAt < :keep',
        ProjectionExpression: 'PK, SK',
        ExpressionAttributeValues: {
          ':pk': eventPk(request.eventId),
          ':payment': 'PAYMENT#',
          ':keep': request.keepUntil,
        },
        ConsistentRead: true,
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'SET expiresAt = :keep',
            ConditionExpression: 'attribute_exists(PK) AND expiresAt < :keep',
            ExpressionAttributeValues: { ':keep': request.keepUntil },
          }),
        );
        extended += 1;
      } catch (err) {
        // Already kept at least that long (a concurrent or earlier run): nothing to do.
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    }
    startKey = page.LastEvaluatedKey;
    if (startKey && timeLeft() < RETENTION_MARGIN_MS) {
      throw new ServiceUnavailable(
        `Extended ${extended} payments of ${request.eventId} before running out of time; save the event again to finish.`,
      );
    }
  } while (startKey);
  return { eventId: request.eventId, keepUntil: request.keepUntil, extended };
}
