import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../amplify/data/resource';
import { buildAppSyncSchema } from '../../local/appsync/server/schema';
import * as dashboard from '../../src/graphql/operations';

/**
 * The contract (docs/architecture.md, the contract by domain) as the schema serves it: every field resolved by its own file, and
 * the documents the dashboard sends valid against it (a renamed field fails here, not in a browser).
 */
const transformed = (schema as any).transform();
const built = buildAppSyncSchema(transformed.schema) as any;
const graphqlSchema = built.schema ?? built;

describe('the GraphQL contract', () => {
  it('has the queries and mutations of the contract, each with a resolver', () => {
    const fields = transformed.jsFunctions.map((f: any) => `${f.typeName}.${f.fieldName}`).sort();
    expect(fields).toEqual(
      [
        'Mutation.addPatron',
        'Mutation.checkIn',
        'Mutation.createEvent',
        'Mutation.logPayment',
        'Mutation.notifyPatron',
        'Mutation.removePatron',
        'Mutation.sendWaiverLink',
        'Mutation.sendWaiverLinks',
        'Mutation.sendWaiverLinksPage',
        'Mutation.undoCheckIn',
        'Mutation.updateEvent',
        'Mutation.updatePatron',
        'Mutation.voidPayment',
        'Query.boarding',
        'Query.findPatrons',
        'Query.getEvent',
        'Query.listEvents',
        'Query.paymentsBetween',
        'Query.paymentsByEvent',
        'Query.paymentsByPatron',
        // refunds, cancellations and rebooking
        'Mutation.cancelEvent',
        'Mutation.notifyCancellation',
        'Mutation.rebookPatron',
        'Mutation.refundPayment',
        // the records an auditor asks for
        'Query.auditByEvent',
        'Query.auditByPatron',
        'Query.signedWaiver',
        'Query.signedWaivers',
        'Query.waiverText',
        // the team
        'Query.teamMembers',
        'Mutation.inviteTeamMember',
        'Mutation.setTeamMemberGroup',
        'Mutation.disableTeamMember',
        'Mutation.enableTeamMember',
        'Mutation.resetTeamMemberPassword',
        // reconciliation
        'Mutation.recordCashCount',
        'Query.cashCounts',
        'Query.eventTitles',
        // daily takings, kept as the money moves
        'Query.takings',
        // live updates, one subscription per changed thing
        'Subscription.onCheckInChanged',
        'Subscription.onEventChanged',
        'Subscription.onPaymentChanged',
        'Subscription.onRosterChanged',
        // writes made by the Lambdas, published to those subscriptions (IAM only)
        'Mutation.publishEventChanged',
        'Mutation.publishRosterChanged',
        // a public-link signature under a booked email, attached once staff have checked who signed
        'Mutation.matchWaiverClaim',
        // a bounced address corrected: the booking moved to the right one
        'Mutation.correctPatronEmail',
      ].sort(),
    );
  });

  it.each(Object.entries(dashboard).filter(([, doc]) => typeof doc === 'string' && /^\s*(query|mutation)\b/.test(doc)))(
    "the dashboard's %s is valid against it",
    (_name, doc) => {
      expect(validate(graphqlSchema, parse(doc as string)).map((e) => e.message)).toEqual([]);
    },
  );
});
