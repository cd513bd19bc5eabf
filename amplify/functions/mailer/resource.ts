import { defineFunction } from '@aws-amplify/backend';

/**
 * The mailer Lambda: notifyPatron's receipt step (a Lambda data source named MailerDataSource,
 * see amplify/data/resource.ts). SENDER_EMAIL must be an SES-verified identity; AUDIT_EMAIL gets a
 * blind copy of every receipt. Both can be set at synth time from the environment.
 */
export const mailer = defineFunction({
  name: 'mailer',
  entry: './handler.ts',
  timeoutSeconds: 15,
  runtime: 24,
  environment: {
    SENDER_EMAIL: process.env.SCC_SENDER_EMAIL ?? 'receipts@shipcaptaincrew.example',
    AUDIT_EMAIL: process.env.SCC_AUDIT_EMAIL ?? 'audit@shipcaptaincrew.example',
  },
});
