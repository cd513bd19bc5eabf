import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
export function retentionHandler(config: RetentionConfig): (event: unknown) => Promise<RetentionOutcome> {
  // One client per handler, created at first use and reused across invocations.
  let db: DynamoDBDocumentClient | undefined;
  return async (event) => {
    const request = parseRetentionRequest(event);
    db ??= documentClient(config);
    const outcome = await extendRetention(db, config.tableName, request);
    console.log(JSON.stringify({ service: 'retention', level: 'INFO', message: 'payments retention checked', ...outcome }));
    return outcome;
  };
}

let fromEnv: ReturnType<typeof retentionHandler> | undefined;

export function handler(event: unknown): Promise<RetentionOutcome> {
  if (!fromEnv) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not configured');
    fromEnv = retentionHandler({ tableName, region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT || undefined });
  }
  return fromEnv(event);
}
