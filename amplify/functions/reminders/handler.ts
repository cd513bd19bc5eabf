import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';

import { operatorTimeZone } from '../../time-zone';
import { documentClient } from '../dynamo';
import { sendMail } from '../mailer/ses';
import { reminderHours } from './plan';
import { runReminders, type ReminderConfig, type ReminderRun } from './run';

/**
 * The reminder job, invoked by its EventBridge Scheduler schedule (resource.ts) and locally by
 * local/reminders.ts. Env: TABLE_NAME, REMINDER_HOURS (default 24), WAIVER_LINK_SECRET,
 * WAIVER_BASE_URL, SENDER_EMAIL, AUDIT_EMAIL, TIME_ZONE; locally DYNAMODB_ENDPOINT, SES_ENDPOINT.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ReminderConfig {
  if (!env.TABLE_NAME) throw new Error('TABLE_NAME is not configured');
  return {
    tableName: env.TABLE_NAME,
    hours: reminderHours(env.REMINDER_HOURS),
    linkSecret: env.WAIVER_LINK_SECRET,
    waiverBaseUrl: env.WAIVER_BASE_URL,
    timeZone: operatorTimeZone(env.TIME_ZONE),
    auditEmail: env.AUDIT_EMAIL || undefined,
  };
}

const logger = new Logger({ serviceName: 'reminders' });

export const handler = async (_event: unknown, context?: Context): Promise<ReminderRun> => {
  if (context) logger.addContext(context);
  const config = configFromEnv();
  const db = documentClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT });
  const run = await runReminders({ db, sendMail, now: () => new Date(), newId: ulid }, config);
  logger.info('reminders run', { ...run, hours: config.hours });
  return run;
};
