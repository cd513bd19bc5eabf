import { a } from '@aws-amplify/backend';

/**
 * Publishing writes made outside the API (the waiver Lambda's signatures, the reminder job's
 * deliveries, SES's mail events) to the live subscriptions. AppSync publishes to a subscription
 * only when a mutation attached to it runs, so each of these Lambdas calls a publish mutation after
 * its write, signed with SigV4 as its own role (amplify/functions/live.ts). On AWS only those roles
 * are granted `appsync:GraphQL` on these fields (amplify/backend.ts); no Cognito user may call
 * them (no group holds PUBLISHERS, and the resolver refuses any caller that is not IAM). The
 * resolvers run on the NONE data source: they write nothing, and answer only what identifies the
 * change, which is all the dashboard's subscriptions select (src/graphql/operations.ts).
 */
export const PUBLISH_FIELDS = ['publishRosterChanged', 'publishEventChanged'] as const;

/** A group nobody is put in (the team Lambda assigns ADMINS, CREW or ACCOUNTING only). */
const PUBLISHERS = 'LIVE_PUBLISHERS';

const publish = (field: string) => a.handler.custom({ entry: `../resolvers/${field}.ts` });

export const livePublishSchema = {
  /** a roster entry of `eventId` changed: onRosterChanged's subscribers of that event reload it */
  publishRosterChanged: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization((allow) => [allow.groups([PUBLISHERS])])
    .handler(publish('publishRosterChanged')),
  /** the event's totals changed (a waiver signed, a walk-up): onEventChanged's subscribers reload it */
  publishEventChanged: a
    .mutation()
    .arguments({ eventId: a.id().required() })
    .returns(a.ref('Event').required())
    .authorization((allow) => [allow.groups([PUBLISHERS])])
    .handler(publish('publishEventChanged')),
};
