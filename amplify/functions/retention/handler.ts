import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { checkSettingsAtColdStart, fromEnvironment, retentionConfigFromEnv, type RetentionConfig } from '../config';
import { documentClient } from '../dynamo';
import { errorDetail, typedError } from '../errors';
import { extendRetention, parseRetentionRequest, type RetentionOutcome } from './extend';

export type { RetentionConfig } from '../config';

/**
 * The retention Lambda, invoked by updateEvent's last step with `{ eventId, keepUntil }`. A failure
 * is thrown as a typed error (../errors.ts): bad input as a ValidationError, anything else as
 * ServiceUnavailable. AppSync hands the resolver its name as ctx.error's type.
 */
export type RetentionHandler = (event: unknown, context?: Context) => Promise<RetentionOutcome>;

/** A handler bound to one table: the local AppSync serves several tables in one process (tests). */
export function retentionHandler(config: RetentionConfig): RetentionHandler {
  // One client and one logger per handler, created once and reused across invocations.
  const db = documentClient(config);
  const logger = new Logger({ serviceName: 'retention' });
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      const request = parseRetentionRequest(event);
      const outcome = await extendRetention(
        db,
        config.tableName,
        request,
        undefined,
        context ? () => context.getRemainingTimeInMillis() : undefined,
      );
      logger.info('payments retention checked', { ...outcome });
      return outcome;
    } catch (err) {
      const failure = typedError(err);
      logger.error('payments retention failed', { status: failure.status, error: errorDetail(err) });
      throw failure;
    }
  };
}

// On Lambda, refuse to start with a setting missing or wrong (amplify/functions/config.ts).
checkSettingsAtColdStart('retention');
const fromEnv = fromEnvironment(retentionConfigFromEnv, retentionHandler);

/** The AWS entry point. Env: TABLE_NAME; locally also DYNAMODB_ENDPOINT. */
export function handler(event: unknown, context: Context): Promise<RetentionOutcome> {
  return fromEnv()(event, context);
}
