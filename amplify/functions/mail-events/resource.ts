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
  // In the data stack: it publishes to the API (amplify/functions/live.ts), whose URL would otherwise
  // tie the function stack, which the API's Lambda data sources live in, to the data stack in a loop.
  resourceGroupName: 'data',
});
