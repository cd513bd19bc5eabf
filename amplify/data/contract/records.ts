import { a } from '@aws-amplify/backend';
import { allowed, table } from './builders';

/** The audit trails an auditor or insurer asks for. */
export const recordsSchema = {
  // types
  /** One audit record (amplify/data/audit.ts), any operation: images as JSON text, keys left out. */
  AuditEntry: a.customType({
    id: a.id().required(),
    /** the event id (or, for changes outside an event, what was changed) */
    entity: a.string().required(),
    /** the GraphQL field, or `signWaiver` / a Lambda's name for changes made outside the API */
    operation: a.string().required(),
    actor: a.string().required(),
    at: a.datetime().required(),
    /** the patron the change is about, if any */
    patronEmail: a.string(),
    before: a.json(),
    after: a.json(),
  }),
  AuditPage: a.customType({
    items: a.ref('AuditEntry').required().array().required(),
    nextToken: a.string(),
  }),
  // queries
  auditByEvent: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('AuditPage').required())
    .authorization(allowed('auditByEvent'))
    .handler(table('auditByEvent')),
  auditByPatron: a
    .query()
    .arguments({ email: a.email().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('AuditPage').required())
    .authorization(allowed('auditByPatron'))
    .handler(table('auditByPatron')),
};
