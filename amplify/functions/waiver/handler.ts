import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';

import { waiverTextFor } from '../../waivers';
import { checkSettingsAtColdStart, fromEnvironment, waiverConfigFromEnv, type WaiverConfig } from '../config';
import { errorDetail } from '../errors';
import { livePublisher } from '../live';
import { mailSender } from '../mailer/ses';
import { createWaiverHandler } from './app';
import { dynamoWaiverStore } from './store';

/**
 * The waiver Lambda, behind CloudFront's `/g/*\/waiver` behavior through its Function URL.
 * `waiverHandler` builds it over an explicit config (the local edge passes one); `handler`, the
 * AWS entry point, reads that config from the environment: TABLE_NAME, ORIGIN_VERIFY_SECRET,
 * SENDER_EMAIL, AUDIT_EMAIL (Bcc of each copy, optional), TIME_ZONE (the operator's IANA zone,
 * amplify/time-zone.ts), LIVE_API_URL (the API a signature is published through); locally also
 * DYNAMODB_ENDPOINT, SES_ENDPOINT.
 */
export function waiverHandler(config: WaiverConfig) {
  const logger = new Logger({ serviceName: 'waiver' });
  const publish = livePublisher(config.live, (err, change) =>
    logger.error('live publish failed', { eventId: change.eventId, error: errorDetail(err) }),
  );
  return createWaiverHandler({
    config,
    store: dynamoWaiverStore(config.dynamo),
    waiverText: waiverTextFor,
    sendMail: mailSender(config.mail),
    logger,
    publish,
  });
}

// On Lambda, refuse to start with a setting missing or wrong (amplify/functions/config.ts).
checkSettingsAtColdStart('waiver');
const fromEnv = fromEnvironment(waiverConfigFromEnv, waiverHandler);

export const handler = (event: LambdaFunctionURLEvent, context: Context) => fromEnv()(event, context);
