import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { auditPk, eventPk, EVENT_SK, patronSk, waiverSk } from '../../data/keys';
import { documentClient } from '../dynamo';
import type { SigningInput } from './validate';

/**
 * The waiver Lambda's DynamoDB access: one GetItem for the event, and one TransactWriteItems per
 * signature (DESIGN.md §3) that keeps the event's counters equal to what its roster says.
 */

/** The event item, attributes named as the GraphQL `Event` fields. */
export interface EventItem {
  id: string;
  title: string;
  startsAt: string;
  boat?: string | null;
  rosterCount?: number;
  waiversSigned?: number;
  [attribute: string]: unknown;
}

/** What one signature stores (the waiver record, minus its keys): the signer's input and context. */
export interface WaiverRecord extends SigningInput {
  id: string;
  eventId: string;
  /** SHA-256 (hex) of `text`. */
  waiverVersion: string;
  text: string;
  signedAt: string;
  ip: string;
  userAgent: string;
}

export interface SignatureOutcome {
  /** The signer was not on the roster and was added as a walk-up. */
  walkUp: boolean;
  /** The roster entry had not signed before, so the event's waiversSigned went up. */
  firstSignature: boolean;
}

export interface WaiverStore {
  getEvent(eventId: string): Promise<EventItem | undefined>;
  recordSignature(waiver: WaiverRecord, auditId: string): Promise<SignatureOutcome>;
}

export class EventNotFoundError extends Error {
  constructor(eventId: string) {
    super(`event ${eventId} not found`);
    this.name = 'EventNotFoundError';
  }
}

let doc: DynamoDBDocumentClient | undefined;
let docEndpoint: string | undefined;

// Created once per process and reused across invocations; config is read at first use so tests
// can set the environment first, and rebuilt if the local endpoint changes between test files.
function db(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
  if (!doc || endpoint !== docEndpoint) {
    doc = documentClient({ region: process.env.AWS_REGION, endpoint });
    docEndpoint = endpoint;
  }
  return doc;
}

function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not configured');
  return name;
}

const isSigned = (entry: Record<string, unknown> | undefined) => entry?.waiverSignedAt != null;

/** The roster entry index in the transaction below; its condition failing means a race. */
const ROSTER_INDEX = 1;
const EVENT_INDEX = 2;
const MAX_ATTEMPTS = 6;

export function dynamoWaiverStore(): WaiverStore {
  return {
    async getEvent(eventId) {
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: eventPk(eventId), SK: EVENT_SK } }));
      return out.Item as EventItem | undefined;
    },

    async recordSignature(waiver, auditId) {
      // A concurrent signature by the same email can change the roster entry between our read and
      // our write, or collide with our transaction; the conditions catch the first, DynamoDB reports
      // the second, and either way we re-read and retry, so the counters never drift.
      for (let attempt = 1; ; attempt++) {
        try {
          return await writeSignature(waiver, auditId);
        } catch (err) {
          const reasons = err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []) : [];
          if (reasons[EVENT_INDEX]?.Code === 'ConditionalCheckFailed') throw new EventNotFoundError(waiver.eventId);
          const raced = reasons[ROSTER_INDEX]?.Code === 'ConditionalCheckFailed' || reasons.some((r) => r.Code === 'TransactionConflict');
          if (!raced || attempt >= MAX_ATTEMPTS) throw err;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
        }
      }
    },
  };
}

async function writeSignature(waiver: WaiverRecord, auditId: string): Promise<SignatureOutcome> {
  const TableName = tableName();
  const PK = eventPk(waiver.eventId);
  const rosterKey = { PK, SK: patronSk(waiver.email) };
  const { Item: before } = await db().send(new GetCommand({ TableName, Key: rosterKey, ConsistentRead: true }));
  const walkUp = !before;
  const firstSignature = !isSigned(before);
  const signedFields = { waiverSignedAt: waiver.signedAt, waiverId: waiver.id };

  const after: Record<string, unknown> = before
    ? { ...before, ...signedFields }
    : {
        ...rosterKey,
        type: 'RosterEntry',
        eventId: waiver.eventId,
        email: waiver.email,
        name: waiver.name,
        phone: waiver.phone,
        partySize: 1 + waiver.minors.length,
        amountDueCents: 0,
        paidCents: 0,
        balanceCents: 0,
        walkUp: true,
        createdAt: waiver.signedAt,
        ...signedFields,
      };

  const rosterWrite = before
    ? {
        Update: {
          TableName,
          Key: rosterKey,
          UpdateExpression: 'SET waiverSignedAt = :at, waiverId = :id',
          ConditionExpression: firstSignature
            ? 'attribute_exists(PK) AND (attribute_not_exists(waiverSignedAt) OR attribute_type(waiverSignedAt, :null))'
            : 'attribute_exists(PK) AND attribute_type(waiverSignedAt, :string)',
          ExpressionAttributeValues: { ':at': waiver.signedAt, ':id': waiver.id, ...(firstSignature ? { ':null': 'NULL' } : { ':string': 'S' }) },
        },
      }
    : { Put: { TableName, Item: after, ConditionExpression: 'attribute_not_exists(PK)' } };

  const counters = [
    ...(walkUp ? ['rosterCount = if_not_exists(rosterCount, :zero) + :one'] : []),
    ...(firstSignature ? ['waiversSigned = if_not_exists(waiversSigned, :zero) + :one'] : []),
  ];
  const eventWrite = counters.length
    ? {
        Update: {
          TableName,
          Key: { PK, SK: EVENT_SK },
          UpdateExpression: `SET ${counters.join(', ')}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
        },
      }
    : { ConditionCheck: { TableName, Key: { PK, SK: EVENT_SK }, ConditionExpression: 'attribute_exists(PK)' } };

  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName,
            Item: { PK, SK: waiverSk(waiver.signedAt, waiver.id), type: 'Waiver', ...waiver },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        rosterWrite,
        eventWrite,
        {
          Put: {
            TableName,
            Item: {
              PK: auditPk(waiver.eventId),
              SK: `${waiver.signedAt}#${auditId}`,
              type: 'Audit',
              id: auditId,
              eventId: waiver.eventId,
              at: waiver.signedAt,
              who: waiver.email,
              operation: 'signWaiver',
              entity: `RosterEntry#${waiver.email}`,
              waiverId: waiver.id,
              before: before ?? null,
              after,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    }),
  );
  return { walkUp, firstSignature };
}
