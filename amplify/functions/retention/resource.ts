import { defineFunction } from '@aws-amplify/backend';

/**
 * The retention Lambda: updateEvent's last step (a Lambda data source named RetentionDataSource,
 * see amplify/data/resource.ts). Payments are kept until 7 years after their event (their TTL
 * attribute `expiresAt`); when an event moves later, this extends every payment of the event so
 * that none is deleted before its event's new date + 7 years. An event may hold hundreds of
 * payments, more than one resolver step can reach (a Query page, 100 transaction items), hence a
 * Lambda that pages. AppSync waits 30 s at most for a data source: the run stops short of its
 * timeout and says to save again (extend.ts), which carries on where it stopped.
 */
export const retention = defineFunction({
  name: 'retention',
  entry: './handler.ts',
  timeoutSeconds: 25,
  runtime: 24,
});
