import type { Context, LambdaFunctionURLEvent } from 'aws-lambda';

import { waiverTextFor } from '../../waivers';
import { sendMail } from '../mailer/ses';
import { createWaiverHandler } from './app';
import { dynamoWaiverStore } from './store';

/**
 * The waiver Lambda, behind CloudFront's `/g/*\/waiver` behavior through its Function URL.
 * Env: TABLE_NAME, ORIGIN_VERIFY_SECRET, SENDER_EMAIL, AUDIT_EMAIL (Bcc of each copy, optional),
 * TIME_ZONE (the operator's IANA zone, amplify/time-zone.ts); locally also DYNAMODB_ENDPOINT, SES_ENDPOINT.
 */
const handle = createWaiverHandler({ store: dynamoWaiverStore(), waiverText: waiverTextFor, sendMail });

export const handler = (event: LambdaFunctionURLEvent, context: Context) => handle(event, context);
