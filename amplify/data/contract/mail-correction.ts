import { a } from '@aws-amplify/backend';

/** The table data source (amplify/backend.ts), named as resource.ts names it. */
const TABLE_DATA_SOURCE = 'SccTableDataSource';
const ADMINS = 'ADMINS';
const CREW = 'CREW';

const tableSteps = (field: string, steps: string[]) =>
  steps.map((step) => a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: `../resolvers/${field}.${step}.ts` }));

/**
 * Correcting the address a booking is mailed at. The email is the booking's key, so a corrected
 * address is the booking moved, in one transaction, to the new key with its payments and waiver
 * pointer; what SES reported about the old address (a bounce, a suppression) stays with the old one.
 */
export const mailCorrectionSchema = {
  correctPatronEmail: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), newEmail: a.email().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(tableSteps('correctPatronEmail', ['load', 'payments', 'write'])),
};
