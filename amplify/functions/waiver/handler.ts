import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';

import { waiverTextFor } from '../../waivers';
import { checkSettingsAtColdStart, fromEnvironment, waiverConfigFromEnv, type WaiverConfig } from '../config';
import { mailSender } from '../mailer/ses';
import { createWaiverHandler } from './app';
import { dynamoWaiverStore } from './store';

/**
 * The waiver Lambda, behind CloudFront's `/g/*\/waiver` behavior through its Function URL.
 * `waiverHandler` builds it over an explicit config (the local edge passes one); `handler`, the
 * AWS entry point, reads that config from the environment: TABLE_NAME, ORIGIN_VERIFY_SECRET,
 * SENDER_EMAIL, AUDIT_EMAIL (Bcc of each copy, optional), TIME_ZONE (the operator's IANA zone,
 * amplify/time-zone.ts); locally also DYNAMODB_ENDPOINT, SES_ENDPOINT.
 */
export function waiverHandler(config: WaiverConfig) {
  return createWaiverHandler({ config, store: dynamoWaiverStore(config.dynamo), waiverText: waiverTextFor, sendMail: mailSender(config.mail) });
}

// On Lambda, refuse to start with a setting missing or wrong (amplify/functions/config.ts).
checkSettingsAtColdStart('waiver');
const fromEnv = fromEnvironment(waiverConfigFromEnv, waiverHandler);

export const handler = (event: LambdaFunctionURLEvent, context: Context) => fromEnv()(event, context);
