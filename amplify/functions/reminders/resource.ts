import { defineFunction } from '@aws-amplify/backend';

/** How often the reminder job runs, on AWS (EventBridge Scheduler) and under `npm start` alike. */
export const REMINDER_EVERY_MINUTES = 15;

/**
 * The reminder job: every 15 minutes, a reminder to each patron of a sailing that
 * departs within REMINDER_HOURS (default 24) who has not signed or still owes money, once per
 * patron, sailing and kind. amplify/backend.ts gives it the table, SES and the link secret.
 */
export const reminders = defineFunction({
  name: 'reminders',
  entry: './handler.ts',
  timeoutSeconds: 120,
  runtime: 24,
  schedule: `every ${REMINDER_EVERY_MINUTES}m`,
  resourceGroupName: 'data',
  environment: {
    REMINDER_HOURS: process.env.SCC_REMINDER_HOURS ?? '24',
  },
});
