import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';

import { operatorTimeZone } from '../../time-zone';
import {
  checkSettingsAtColdStart,
  dynamoConfigFromEnv,
  fromEnvironment,
  mailConfigFromEnv,
  type DynamoConfig,
  type MailConfig,
} from '../config';
import { documentClient } from '../dynamo';
import { errorDetail, typedError } from '../errors';
import { mailSender } from '../mailer/ses';
import { reminderHours, REMINDERS_FAILED_LOG, REMINDERS_RUN_LOG } from './plan';
import { runReminders, type ReminderConfig, type ReminderRun } from './run';

/** The reminder job's configuration, passed in whole (as the other Lambdas', amplify/functions/config.ts). */
export interface RemindersConfig {
  dynamo: DynamoConfig;
  mail: MailConfig;
  /** REMINDER_HOURS (default 24), WAIVER_LINK_SECRET, WAIVER_BASE_URL, TIME_ZONE, AUDIT_EMAIL. */
  env: Record<string, string | undefined>;
}

/** What a run needs, checked: a missing table name or an unknown zone refuses the run. */
export function reminderSettings(config: RemindersConfig): ReminderConfig {
  if (!config.dynamo.tableName) throw new Error('TABLE_NAME is not configured');
  const { env } = config;
  return {
    tableName: config.dynamo.tableName,
    hours: reminderHours(env.REMINDER_HOURS),
    linkSecret: env.WAIVER_LINK_SECRET,
    waiverBaseUrl: env.WAIVER_BASE_URL,
    timeZone: operatorTimeZone(env.TIME_ZONE),
    auditEmail: config.mail.audit,
  };
}

export function remindersConfigFromEnv(env: Record<string, string | undefined>): RemindersConfig {
  const { REMINDER_HOURS, WAIVER_LINK_SECRET, WAIVER_BASE_URL, TIME_ZONE } = env;
  return {
    dynamo: dynamoConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    env: { REMINDER_HOURS, WAIVER_LINK_SECRET, WAIVER_BASE_URL, TIME_ZONE },
  };
}

export type RemindersHandler = (event?: unknown, context?: Context) => Promise<ReminderRun>;

/**
 * The reminder job, invoked by its EventBridge Scheduler schedule (resource.ts) and locally by
 * local/reminders.ts: one factory over an explicit config, its clients built once. A failed run
 * is logged once and thrown as its typed error, so the scheduler's retry policy sees it.
 */
export function remindersHandler(config: RemindersConfig): RemindersHandler {
  const logger = new Logger({ serviceName: 'reminders' });
  const db = documentClient({ region: config.dynamo.region, endpoint: config.dynamo.endpoint });
  const sendMail = mailSender(config.mail);
  return async (_event, context) => {
    if (context) logger.addContext(context);
    try {
      const settings = reminderSettings(config);
      const run = await runReminders({ db, sendMail, now: () => new Date(), newId: ulid }, settings);
      logger.info(REMINDERS_RUN_LOG, { ...run, hours: settings.hours });
      return run;
    } catch (err) {
      const failure = typedError(err);
      logger.error(REMINDERS_FAILED_LOG, { status: failure.status, error: errorDetail(err) });
      throw failure;
    }
  };
}

// On Lambda, refuse to start with a setting missing or wrong (amplify/functions/config.ts).
checkSettingsAtColdStart('reminders');
const fromEnv = fromEnvironment(remindersConfigFromEnv, remindersHandler);

/** The AWS entry point. Env: TABLE_NAME, REMINDER_HOURS, WAIVER_LINK_SECRET, WAIVER_BASE_URL, SENDER_EMAIL, AUDIT_EMAIL, TIME_ZONE. */
export const handler: RemindersHandler = (event, context) => fromEnv()(event, context);
