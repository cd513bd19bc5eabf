import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';

import { WRITERS } from '../../data/audit';
import { auditPut } from '../audit';
import { dynamoConfigFromEnv, fromEnvironment, type DynamoConfig } from '../config';
import { liveConfigFromEnv, livePublisher, type LiveConfig } from '../live';
import { documentClient } from '../dynamo';
import { errorDetail, typedError, ServiceUnavailable } from '../errors';
import {
  afterRefusal,
  DELIVERY_ATTRIBUTES,
  OUTCOMES,
  outcomeAttributes,
  planDelivery,
  rosterKey,
  type DeliveryPlan,
  type SesEvent,
  type SesEventBridgeEvent,
} from './record';

/**
 * The mail-events Lambda: the target of the EventBridge rule that receives SES's sending events
 * for SCC's configuration set (amplify/site/mail-events.ts); locally the same handler is invoked
 * for the local SES stand-in's events (local/mail-events.ts). Thin: planDelivery decides, this
 * writes.
 */

export type MailEventResult = { recorded: boolean; why?: string };
export type MailEventsHandler = (event: SesEvent | SesEventBridgeEvent, context?: Context) => Promise<MailEventResult>;

const refused = (err: unknown) => {
  const name = (err as Error)?.name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
};

/**
 * The outcome on the message's record, audited, in one transaction. Conditioned on what it is
 * derived from: the record still names this message (a resend since has its own), and holds no
 * outcome of equal or higher precedence (a replay, or a delivery after its bounce, writes nothing).
 */
async function recordOutcome(
  db: DynamoDBDocumentClient,
  tableName: string,
  plan: DeliveryPlan,
  now: string,
): Promise<void> {
  const names = DELIVERY_ATTRIBUTES[plan.record.kind];
  const [status, rank, at, detail] = outcomeAttributes(plan.record.kind);
  const after = {
    email: plan.record.to,
    kind: plan.record.kind,
    messageId: plan.messageId,
    delivery: plan.outcome,
    deliveryAt: plan.at,
    detail: plan.detail,
  };
  const auditId = ulid();
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: { PK: plan.record.PK, SK: plan.record.SK },
            UpdateExpression: 'SET #status = :status, #rank = :rank, #at = :at, #detail = :detail',
            ConditionExpression: '#messageId = :messageId AND (attribute_not_exists(#rank) OR #rank < :rank)',
            ExpressionAttributeNames: {
              '#status': status!,
              '#rank': rank!,
              '#at': at!,
              '#detail': detail!,
              '#messageId': names.messageId,
            },
            ExpressionAttributeValues: {
              ':status': plan.outcome,
              ':rank': OUTCOMES[plan.outcome],
              ':at': plan.at,
              ':detail': plan.detail,
              ':messageId': plan.messageId,
            },
          },
        },
        {
          Put: {
            TableName: tableName,
            ...auditPut({ id: auditId, entity: plan.eventId, ...WRITERS.mailEvents, at: now, before: null, after }),
          },
        },
      ],
    }),
  );
}

/**
 * The booking's own summary of its mail (what the roster row shows): the last problem of any of
 * its messages, and whether its address is suppressed. Conditioned on the send time it is derived
 * from, so only a message sent later replaces it: a delivery clears an earlier message's bounce,
 * never a later one's. Suppression is only ever set here; it goes when the address is corrected.
 */
async function recordOnBooking(db: DynamoDBDocumentClient, tableName: string, plan: DeliveryPlan): Promise<void> {
  const problem = plan.outcome === 'BOUNCED' || plan.outcome === 'COMPLAINED';
  if (!problem && plan.outcome !== 'DELIVERED') return;
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: rosterKey(plan),
        UpdateExpression: problem
          ? 'SET mailProblem = :problem, mailProblemKind = :kind, mailProblemAt = :at, mailSentAt = :sentAt' +
            (plan.suppress ? ', mailSuppressed = :true' : '')
          : 'SET mailSentAt = :sentAt REMOVE mailProblem, mailProblemKind, mailProblemAt',
        ConditionExpression: problem
          ? 'attribute_exists(PK) AND (attribute_not_exists(mailSentAt) OR mailSentAt <= :sentAt)'
          : 'attribute_exists(PK) AND (attribute_not_exists(mailSentAt) OR mailSentAt < :sentAt)',
        ExpressionAttributeValues: problem
          ? {
              ':problem': plan.outcome,
              ':kind': plan.record.kind,
              ':at': plan.at,
              ':sentAt': plan.sentAt,
              ...(plan.suppress ? { ':true': true } : {}),
            }
          : { ':sentAt': plan.sentAt },
      }),
    );
  } catch (err) {
    // The entry is gone (removed from the roster), or a later message's outcome is already there.
    if (!refused(err)) throw err;
  }
}

/** The table, and (LIVE_API_URL) where a booking's new mail state is published to open screens. */
export interface MailEventsConfig extends DynamoConfig {
  live?: LiveConfig;
}

export function mailEventsHandler(config: MailEventsConfig): MailEventsHandler {
  const db = documentClient(config);
  const logger = new Logger({ serviceName: 'mail-events' });
  const publish = livePublisher(config.live, (err, change) =>
    logger.error('live publish failed', { eventId: change.eventId, error: errorDetail(err) }),
  );
  // The roster row shows the booking's mail state: its open screens reload it.
  const published = (plan: DeliveryPlan) => publish([{ eventId: plan.eventId, email: plan.record.to }]);
  return async (event, context) => {
    if (context) logger.addContext(context);
    const plan = planDelivery(event);
    if (!plan) return { recorded: false, why: 'not a delivery event about an SCC message' };
    try {
      if (!config.tableName) throw new Error('TABLE_NAME is not configured');
      try {
        await recordOutcome(db, config.tableName, plan, new Date().toISOString());
      } catch (err) {
        if (!refused(err)) throw err;
        const read = await db.send(
          new GetCommand({
            TableName: config.tableName,
            Key: { PK: plan.record.PK, SK: plan.record.SK },
            ConsistentRead: true,
          }),
        );
        const why = afterRefusal(read.Item, plan);
        // Thrown, so EventBridge's asynchronous invocation retries it once the send is recorded.
        if (why === 'not-yet') throw new ServiceUnavailable('The message is not on its record yet.');
        logger.info('mail event not recorded', {
          kind: plan.record.kind,
          outcome: plan.outcome,
          messageId: plan.messageId,
          why,
        });
        await recordOnBooking(db, config.tableName, plan);
        await published(plan);
        return { recorded: false, why };
      }
      await recordOnBooking(db, config.tableName, plan);
      await published(plan);
      logger.info('mail event recorded', { kind: plan.record.kind, outcome: plan.outcome, messageId: plan.messageId });
      return { recorded: true };
    } catch (err) {
      const failure = typedError(err);
      logger.error('mail event failed', { status: failure.status, messageId: plan.messageId, error: errorDetail(err) });
      throw failure;
    }
  };
}

export function mailEventsConfigFromEnv(env: Record<string, string | undefined>): MailEventsConfig {
  const dynamo = dynamoConfigFromEnv(env);
  return { ...dynamo, live: liveConfigFromEnv(env, dynamo.region) };
}

const fromEnv = fromEnvironment(mailEventsConfigFromEnv, mailEventsHandler);

/** The AWS entry point. Env: TABLE_NAME, LIVE_API_URL; locally also DYNAMODB_ENDPOINT. */
export const handler: MailEventsHandler = (event, context) => fromEnv()(event, context);
