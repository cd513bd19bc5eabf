import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import type { AppSyncError } from '../runtime';
import { FieldError } from './execute';

/** One entry of AppSync's `errors` array. */
export interface AppSyncErrorJson {
  path?: (string | number)[] | null;
  data?: unknown;
  errorType?: string;
  errorInfo?: unknown;
  locations?: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

const locations = (err: { locations?: readonly { line: number; column: number }[] }) =>
  err.locations?.map((l) => ({ line: l.line, column: l.column, sourceName: null })) ?? null;

/**
 * AppSync's shapes: an error raised while resolving a field has all six keys; a request rejected
 * before execution (syntax, validation, variable coercion) has path null and no errorType.
 */
export function formatError(err: GraphQLError): AppSyncErrorJson {
  if (!err.path) return { path: null, locations: locations(err), message: appSyncWording(err.message) };
  const original = err.originalError;
  if (original instanceof FieldError) {
    return {
      path: [...err.path],
      data: original.data,
      errorType: original.errorType,
      errorInfo: original.errorInfo,
      locations: locations(err),
      message: original.message,
    };
  }
  return {
    path: [...err.path],
    data: null,
    errorType: undefined,
    errorInfo: null,
    locations: locations(err),
    message: err.message,
  };
}

/** A util.appendError entry, placed at the field that appended it. */
export function formatAppended(error: AppSyncError, info: GraphQLResolveInfo): AppSyncErrorJson {
  const path: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) path.unshift(p.key);
  const locs = info.fieldNodes.map((n) => n.loc && locationOf(n.loc.source.body, n.loc.start)).filter((l) => !!l);
  return {
    path,
    data: error.data ?? null,
    errorType: error.errorType,
    errorInfo: error.errorInfo ?? null,
    locations: locs,
    message: error.message,
  };
}

function locationOf(body: string, offset: number) {
  const before = body.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, sourceName: null };
}

/**
 * Variable coercion errors in AppSync's (graphql-java's) words rather than graphql-js's, e.g.
 * "Variable 'phone' has an invalid value. Unable to parse `x` as a valid phone number." — AppSync
 * names the innermost input field that failed.
 */
export function appSyncWording(message: string): string {
  const invalid = /^Variable "\$(\w+)" got invalid value .*?(?: at "([\w.[\]]+)")?; (.*)$/s.exec(message);
  if (invalid) {
    const [, variable, at, reason] = invalid;
    const name = at ? (at.split('.').pop() ?? variable).replace(/\[\d+\]$/, '') : variable;
    return `Variable '${name}' has an invalid value. ${reason}`;
  }
  const missing =
    /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)\.$/.exec(
      message,
    );
  if (missing) return `Variable '${missing[1]}' has coerced Null value for NonNull type '${missing[2]}'`;
  return message;
}
