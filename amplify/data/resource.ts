import { type ClientSchema, a, defineData } from '@aws-amplify/backend';
import { boardingSchema } from './contract/boarding';
import { cancellationsSchema } from './contract/cancellations';
import { eventsSchema } from './contract/events';
import { liveSchema } from './contract/live';
import { livePublishSchema } from './contract/live-publish';
import { mailSchema } from './contract/mail';
import { paymentsSchema } from './contract/payments';
import { reconciliationSchema } from './contract/reconciliation';
import { recordsSchema } from './contract/records';
import { rosterSchema } from './contract/roster';
import { teamSchema } from './contract/team';
import { waiversSchema } from './contract/waivers';

export { MAILER_DATA_SOURCE, RETENTION_DATA_SOURCE, TABLE_DATA_SOURCE, TEAM_DATA_SOURCE } from './contract/builders';

/**
 * The GraphQL contract (docs/architecture.md, "The contract, by domain"): custom types and custom
 * operations only (no a.model), each field backed by APPSYNC_JS resolvers in ./resolvers on the
 * single table or a Lambda data source. Each domain is one module under ./contract, in the order a
 * reader needs it (types, inputs, queries, mutations); which groups may call each field is the one
 * table in ./contract/access-rules.ts, and the data sources are named in ./contract/builders.ts.
 *
 * Input types: an argument `a.ref('CreateEvent')` to a custom type becomes the GraphQL input
 * `CreateEventInput`, which is how the contract's input names arise.
 */
export const schema = a.schema({
  ...mailSchema,
  ...eventsSchema,
  ...rosterSchema,
  ...paymentsSchema,
  ...cancellationsSchema,
  ...waiversSchema,
  ...boardingSchema,
  ...recordsSchema,
  ...reconciliationSchema,
  ...teamSchema,
  ...liveSchema,
  ...livePublishSchema,
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: 'userPool' },
});
