import { defineFunction } from '@aws-amplify/backend';

/**
 * The mail-events Lambda: records SES's delivery, bounce and complaint events on the records of
 * the messages they are about. amplify/site/mail-events.ts gives it its EventBridge rule and grants.
 */
export const mailEvents = defineFunction({
  name: 'mail-events',
  entry: './handler.ts',
  timeoutSeconds: 15,
  runtime: 24,
});
