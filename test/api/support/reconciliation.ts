import { createDataClient, type DataClient } from '../../../src/graphql/client';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { contribution, merge, negate, type CountedPayment } from '../../../amplify/data/takings';
import { dayOf } from '../../../amplify/functions/dates';
import { backfillTakings, takingsAdd } from '../../../amplify/migrations/takings-backfill';
import { operatorTimeZone } from '../../../amplify/time-zone';
import { dynamoClient } from '../../support/stack';
import { LOG_PAYMENT, putRaw, type Api } from './harness';
import { book, REBOOK, REFUND } from './refunds';

/** The dashboard's own client (src/graphql/client.ts), over HTTP as the holder of `token`. */
export const clientAs = (api: Api, token: () => string): DataClient =>
  createDataClient(async (query, variables) => {
    const res = await api.gql(token(), query, variables);
    if (res.errors?.length) throw { errors: res.errors };
    return res.data;
  });

/**
 * A payment logged at a given instant, written straight to the table (the API stamps loggedAt with
 * now): only for days in the past, which no mutation can make. Refunds and moves come from the real
 * refundPayment and rebookPatron (refundNow, moveNow), back-dated with backDate when a day needs it.
 */
export async function storedPayment(
  api: Api,
  id: string,
  eventId: string,
  loggedAt: string,
  amountCents: number,
  method: string,
  over: Record<string, unknown> = {},
) {
  const email = 'recon@example.com';
  await putRaw(api.tableName, {
    PK: `EVENT#${eventId}`,
    SK: `PAYMENT#${id}`,
    type: 'Payment',
    GSI1PK: `PATRON#${email}`,
    GSI1SK: `${loggedAt}#${id}`,
    GSI3PK: `PAYMENTS#${loggedAt.slice(0, 4)}`,
    GSI3SK: `${loggedAt}#${id}`,
    id,
    eventId,
    patronEmail: email,
    patronName: 'Rec Oncile',
    amountCents,
    currency: 'USD',
    method,
    receivedAt: loggedAt,
    loggedAt,
    loggedBy: 'crew@scc.test',
    status: 'RECORDED',
    idempotencyKey: id,
    ...over,
  });
}

type StoredPayment = CountedPayment & { loggedAt: string; receivedAt: string; inTotals?: boolean };

let keys = 0;
const key = (tag: string) => `recon-${tag}-${Date.now()}-${(keys += 1)}`;

/** A refund of `amountCents` to the patron, by refundPayment as accounting issues it; its id. */
export async function refundNow(
  api: Api,
  eventId: string,
  patronEmail: string,
  amountCents: number,
  method: string,
  reason: string,
): Promise<string> {
  const res = await api.gql(api.tokens.accounting, REFUND, {
    input: { idempotencyKey: key('refund'), eventId, patronEmail, amountCents, method, reason },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.refundPayment.id as string;
}

/**
 * A new patron on `from` pays `amountCents` by `method` and is moved by rebookPatron to `to`: the
 * original becomes MOVED on `from`, its copy (movedFrom) is RECORDED on `to`. Their ids.
 */
export async function moveNow(api: Api, from: string, to: string, email: string, amountCents: number, method: string) {
  await book(api, from, email);
  const paid = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey: key('move'), eventId: from, patronEmail: email, amountCents, method },
  });
  if (paid.errors) throw new Error(JSON.stringify(paid.errors));
  const moved = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to });
  if (moved.errors) throw new Error(JSON.stringify(moved.errors));
  return { original: paid.data!.logPayment.id as string, copy: moved.data!.rebookPatron.payments[0].id as string };
}

/**
 * Moves a stored payment's loggedAt (and the indexes sorted by it) to `loggedAt`: a day no mutation
 * can reach. A payment already in the daily takings takes its contribution with it, in the same
 * transaction, so the totals stay the sum of each day's ledger.
 */
export async function backDate(api: Api, eventId: string, id: string, loggedAt: string) {
  const db = DynamoDBDocumentClient.from(dynamoClient());
  const Key = { PK: `EVENT#${eventId}`, SK: `PAYMENT#${id}` };
  const item = (await db.send(new GetCommand({ TableName: api.tableName, Key, ConsistentRead: true }))).Item as
    StoredPayment | undefined;
  if (!item) throw new Error(`No payment ${id} on ${eventId}.`);
  const day = (at: string) => dayOf(new Date(at), operatorTimeZone());
  const moves = item.inTotals
    ? merge([
        negate(contribution(item, day(item.loggedAt), day(item.receivedAt))),
        contribution(item, day(loggedAt), day(loggedAt)),
      ])
    : [];
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: api.tableName,
            Key,
            UpdateExpression: 'SET loggedAt = :at, receivedAt = :at, GSI1SK = :sk, GSI3PK = :year, GSI3SK = :sk',
            // As read: the totals moved are those of the item at the day and state it was read in.
            ConditionExpression: 'loggedAt = :was AND receivedAt = :received AND #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':at': loggedAt,
              ':sk': `${loggedAt}#${id}`,
              ':year': `PAYMENTS#${loggedAt.slice(0, 4)}`,
              ':was': item.loggedAt,
              ':received': item.receivedAt,
              ':status': item.status,
            },
          },
        },
        ...moves.map((d) => takingsAdd(api.tableName, d)),
      ],
    }),
  );
}

/** Counts the payments written straight to the table (storedPayment) into the daily takings, as the migration does. */
export const countStored = (api: Api) =>
  backfillTakings(DynamoDBDocumentClient.from(dynamoClient()), api.tableName, operatorTimeZone());
