import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';

import { documentClient } from '../dynamo';
import { extendRetention, parseRetentionRequest, type RetentionOutcome } from './extend';

/**
 * The retention Lambda, invoked by updateEvent's last step with `{ eventId, keepUntil }`.
 * Env: TABLE_NAME; locally also DYNAMODB_ENDPOINT. Bad input throws RetentionInputError, which
 * AppSync hands the resolver as ctx.error.
 */
export interface RetentionConfig {
  tableName: string;
  region?: string;
  /** DynamoDB Local; unset on AWS. */
  endpoint?: string;
}

/** A handler bound to one table: the local AppSync serves several tables in one process (tests). */
export function retentionHandler(config: RetentionConfig): (event: unknown, context?: Context) => Promise<RetentionOutcome> {
  // One client and one logger per handler, created once and reused across invocations.
  let db: DynamoDBDocumentClient | undefined;
  const logger = new Logger({ serviceName: 'retention' });
  return async (event, context) => {
    if (context) logger.addContext(context);
    const request = parseRetentionRequest(event);
    db ??= documentClient(config);
    const outcome = await extendRetention(db, config.tableName, request);
    logger.info('payments retention checked', { ...outcome });
    return outcome;
  };
}

let fromEnv: ReturnType<typeof retentionHandler> | undefined;

export function handler(event: unknown, context: Context): Promise<RetentionOutcome> {
  if (!fromEnv) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not configured');
    fromEnv = retentionHandler({ tableName, region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT || undefined });
  }
  return fromEnv(event, context);
}
