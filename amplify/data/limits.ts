/**
 * What one GraphQL request may cost, the same on AWS (set on the API in amplify/backend.ts) and
 * in the local AppSync (local/appsync/server/limits.ts). AppSync also refuses any request over
 * 1 MB, which it does not let us change.
 *
 * The dashboard's deepest query (an event with its roster) is 3 levels and GraphiQL's schema
 * introspection is 13; every dashboard request runs one resolver. Ten leaves room for a
 * bookkeeping script batching a few queries, while 50 aliased logPayment mutations are refused.
 */
export const QUERY_DEPTH_LIMIT = 15;
export const RESOLVER_COUNT_LIMIT = 10;
