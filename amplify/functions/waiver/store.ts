import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

import { eventPk, EVENT_SK, patronSk, submissionSk, WAIVER_TEXT_SK, waiverTextPk, walkUpSk } from '../../data/keys';
import type { DynamoConfig } from '../config';
import { documentClient } from '../dynamo';
import { Conflict, Gone, NotFound, TooManyRequests, ServiceUnavailable } from '../errors';
import { hasEnded, isCancelled, movedTo, type EventItem } from './event';
import { secondsLeft, type LimitName } from './limits';
import { signatureItems, type WaiverRecord } from './signature';

export type { EventItem } from './event';
export type { WaiverRecord } from './signature';

/**
 * The waiver Lambda's DynamoDB access: one GetItem for the event, and per signature one
 * TransactGetItems of what the signature changes and one TransactWriteItems (docs/architecture.md, the table) whose
 * every item is conditioned on what was read (see ./signature.ts for the items themselves).
 */

export type SignatureOutcome =
  /**
   * Stored: on the roster entry of that email, as a claim on it (`held`: the public link under a
   * booked email), or as a walk-up (not on the roster).
   */
  | { kind: 'signed'; waiverId: string; walkUp: boolean; held: boolean; people: number }
  /** The form's one-time token was used already: that earlier signature is the one. */
  | { kind: 'duplicate'; waiverId: string };

export interface WaiverStore {
  getEvent(eventId: string): Promise<EventItem | undefined>;
  /** The roster entry of an email on an event, if any (a personal link asks whether it was moved). */
  getEntry(eventId: string, email: string): Promise<Record<string, unknown> | undefined>;
  /** `event` is the event as the caller read it; the write holds only if it is still so. */
  recordSignature(event: EventItem, waiver: WaiverRecord, token: string, auditId: string): Promise<SignatureOutcome>;
}

export class EventNotFoundError extends NotFound {
  constructor(eventId: string) {
    super(`event ${eventId} not found`);
    this.name = 'EventNotFoundError';
  }
}

export class RateLimitedError extends TooManyRequests {
  constructor(
    readonly limit: LimitName,
    retryAfterSeconds: number,
  ) {
    super(`waiver rate limit reached: ${limit}`, retryAfterSeconds);
    this.name = 'RateLimitedError';
  }
}

export class EventEndedError extends Gone {
  constructor(eventId: string) {
    super(`event ${eventId} has ended`);
    this.name = 'EventEndedError';
  }
}

/** The sailing was cancelled: nothing is signed for it. */
export class EventCancelledError extends Gone {
  constructor(eventId: string) {
    super(`event ${eventId} was cancelled`);
    this.name = 'EventCancelledError';
  }
}

/**
 * Someone of the signer's party is checked in: a new waiver can name other minors, so the people
 * aboard would no longer be the party's. Crew undo the check-ins first (the boarding count stays
 * the people who belong to the sailing).
 */
export class PartyAboardError extends Conflict {
  constructor(eventId: string) {
    super(`someone of this party is checked in on ${eventId}`, 'PARTY_ABOARD');
    this.name = 'PartyAboardError';
  }
}

/**
 * The signer's booking was moved to another sailing (rebookPatron): a signature here would raise
 * this event's waiversSigned for an entry that counts nowhere, so it is refused and points there.
 */
export class PatronMovedError extends Gone {
  constructor(
    eventId: string,
    readonly movedTo: string,
  ) {
    super(`the booking on ${eventId} was moved to ${movedTo}`);
    this.name = 'PatronMovedError';
  }
}

const MAX_ATTEMPTS = 8;

/** The store over one table; its client is built once, here, and reused across invocations. */
export function dynamoWaiverStore(config: DynamoConfig): WaiverStore {
  const db = documentClient(config);
  const tableName = () => {
    if (!config.tableName) throw new ServiceUnavailable('TABLE_NAME is not configured');
    return config.tableName;
  };
  const getEvent = async (eventId: string) => {
    const out = await db.send(
      new GetCommand({ TableName: tableName(), Key: { PK: eventPk(eventId), SK: EVENT_SK }, ConsistentRead: true }),
    );
    return out.Item as EventItem | undefined;
  };
  // The versions this instance has seen stored: one PutItem per text per cold start, not per signature.
  const textsStored = new Set<string>();
  return {
    getEvent,

    async getEntry(eventId, email) {
      const out = await db.send(
        new GetCommand({
          TableName: tableName(),
          Key: { PK: eventPk(eventId), SK: patronSk(email) },
          ConsistentRead: true,
        }),
      );
      return out.Item;
    },

    async recordSignature(firstRead, waiver, token, auditId) {
      // The text first, so a stored signature's version always names a stored text (an unused one
      // left by a failed signature is harmless: it is the same text under the same hash).
      if (!textsStored.has(waiver.waiverVersion)) {
        await storeText(db, tableName(), waiver);
        textsStored.add(waiver.waiverVersion);
      }
      // Anything read can change before the write (a crew edit, a booking, the same person signing
      // twice at once): the conditions catch it, and we read again and retry, so no count drifts.
      let event = firstRead;
      for (let attempt = 1; ; attempt++) {
        const written = await writeSignature(db, tableName(), event, waiver, token, auditId);
        if (written.kind !== 'raced') return written.outcome;
        if (written.item === 'submission') {
          const used = await db.send(
            new GetCommand({
              TableName: tableName(),
              Key: { PK: eventPk(waiver.eventId), SK: submissionSk(token) },
              ConsistentRead: true,
            }),
          );
          if (used.Item) return { kind: 'duplicate', waiverId: String(used.Item.waiverId) };
        }
        if (written.item === 'eventRate' || written.item === 'clientEventRate' || written.item === 'clientRate') {
          throw new RateLimitedError(written.item, secondsLeft(waiver.signedAt));
        }
        if (written.item === 'event') {
          const now = await getEvent(waiver.eventId);
          if (!now) throw new EventNotFoundError(waiver.eventId);
          if (isCancelled(now)) throw new EventCancelledError(waiver.eventId);
          if (hasEnded(now, new Date(waiver.signedAt))) throw new EventEndedError(waiver.eventId);
          event = now;
        }
        if (attempt >= MAX_ATTEMPTS) throw written.error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    },
  };
}

/**
 * The text signed, stored once under its SHA-256, so an auditor can read what was signed: written only if absent, so it never
 * changes once stored; already there is success. Not in the signature's transaction: every signature
 * would then write one shared item, and concurrent ones would cancel each other.
 */
async function storeText(db: DynamoDBDocumentClient, TableName: string, waiver: WaiverRecord) {
  try {
    await db.send(
      new PutCommand({
        TableName,
        Item: {
          PK: waiverTextPk(waiver.waiverVersion),
          SK: WAIVER_TEXT_SK,
          type: 'WaiverText',
          version: waiver.waiverVersion,
          text: waiver.text,
          storedAt: waiver.signedAt,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

type Written =
  { kind: 'done'; outcome: SignatureOutcome } | { kind: 'raced'; item: string | undefined; error: unknown };

async function writeSignature(
  db: DynamoDBDocumentClient,
  TableName: string,
  event: EventItem,
  waiver: WaiverRecord,
  token: string,
  auditId: string,
): Promise<Written> {
  const PK = eventPk(waiver.eventId);
  const read = await db.send(
    new TransactGetCommand({
      TransactItems: [
        { Get: { TableName, Key: { PK, SK: patronSk(waiver.email) } } },
        { Get: { TableName, Key: { PK, SK: walkUpSk(waiver.email) } } },
      ],
    }),
  );
  const [entry, walkUp] = (read.Responses ?? []).map((r) => r?.Item);
  const moved = movedTo(entry);
  if (moved !== undefined) throw new PatronMovedError(waiver.eventId, moved);
  if ([entry, walkUp].some((i) => typeof i?.aboard === 'number' && i.aboard > 0))
    throw new PartyAboardError(waiver.eventId);
  const plan = signatureItems({ event, entry, walkUp, waiver, token, auditId });
  try {
    await db.send(new TransactWriteCommand({ TransactItems: plan.items.map((i) => withTable(i.write, TableName)) }));
    return {
      kind: 'done',
      outcome: { kind: 'signed', waiverId: waiver.id, walkUp: plan.walkUp, held: plan.held, people: plan.people },
    };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const reasons = err.CancellationReasons ?? [];
    const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    // A failed condition names what changed; a TransactionConflict (another transaction on the same
    // items in flight) is simply tried again.
    if (failed < 0 && !reasons.some((r) => r.Code === 'TransactionConflict')) throw err;
    // A used token explains everything else (the same signature is already stored); then a limit.
    const failedNamed = (name: string) =>
      reasons[plan.items.findIndex((i) => i.name === name)]?.Code === 'ConditionalCheckFailed';
    const item =
      ['submission', 'clientRate', 'clientEventRate', 'eventRate'].find(failedNamed) ?? plan.items[failed]?.name;
    return { kind: 'raced', item, error: err };
  }
}

/** Puts the table name into each transaction item (./signature.ts builds them without it). */
function withTable(write: Record<string, Record<string, unknown>>, TableName: string) {
  const [op, body] = Object.entries(write)[0]!;
  return { [op]: { TableName, ...body } };
}
