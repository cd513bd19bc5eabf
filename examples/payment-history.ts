/**
 * A bookkeeper's payment history as CSV, from the GraphQL API of a deployed stack or `npm start`:
 *
 *   SCC_USERNAME=accounting@example.com SCC_PASSWORD=… \
 *     npx tsx examples/payment-history.ts --since 2026-10-01 [--until 2026-10-31] [--email pat@example.com] > payments.csv
 *     npx tsx examples/payment-history.ts --totals --since 2026-10-01 [--until 2026-10-31] > reconciliation.csv
 *
 * Signs in as an ACCOUNTING user with aws-amplify (SRP against Cognito; USER_PASSWORD_AUTH against
 * cognito-local, which has no SRP), reads the endpoints and the operator's time zone from
 * amplify_outputs.json (or --outputs), and pages through paymentsBetween (or paymentsByPatron with
 * --email; with --totals, the daily takings) until nextToken runs out. Days are the operator's; the columns are the dashboard's
 * Export CSV's, documented in src/lib/csv/payments-csv.ts.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Amplify, type ResourcesConfig } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { csvLine } from '../src/lib/csv/csv';
import { dayRange, today, useTimeZone } from '../src/lib/domain/dates';
import { PAYMENT_CSV_COLUMNS, paymentCsvCells, type CsvPayment } from '../src/lib/csv/payments-csv';
import { TAKINGS_FIELDS } from '../src/graphql/operations';
import type { Takings } from '../src/graphql/types';
import { reconcileTakings } from '../src/lib/domain/reconciliation';
import { reconciliationCsv } from '../src/lib/csv/reconciliation-csv';

interface Outputs {
  data: { url: string };
  auth: Record<string, unknown>;
  custom?: { timeZone?: string; local?: { cognitoEndpoint?: string } };
}

const FIELDS =
  'id eventId patronEmail patronName amountCents currency method notes receivedAt loggedAt loggedBy status voidedAt voidedBy voidReason kind reason refundOf movedTo movedFrom';
const BETWEEN = `query($from: AWSDateTime!, $to: AWSDateTime!, $nextToken: String) {
  page: paymentsBetween(from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${FIELDS} } nextToken } }`;
const BY_PATRON = `query($email: AWSEmail!, $from: AWSDateTime, $to: AWSDateTime, $nextToken: String) {
  page: paymentsByPatron(email: $email, from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${FIELDS} } nextToken } }`;

// The daily takings the API keeps (one item per event and day), not every payment of the range.
const TOTALS = `query($from: AWSDate!, $to: AWSDate!, $nextToken: String) {
  page: takings(from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${TAKINGS_FIELDS} } nextToken } }`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * --since and --until (inclusive) as the first and last instant of those days in the operator's
 * zone, as the dashboard's date range: "--until 2026-11-29" ends at midnight in San Diego.
 */
export function sinceUntil(since: string, until?: string, now = new Date()): { from: string; to: string } {
  for (const [flag, day] of [
    ['--since', since],
    ['--until', until],
  ] as const) {
    if (day !== undefined && !DAY.test(day)) throw new Error(`${flag} must be a date like 2026-10-01`);
  }
  return dayRange(since, until ?? today(now));
}

async function idToken(outputs: Outputs, username: string, password: string): Promise<string> {
  Amplify.configure(outputs);
  const local = outputs.custom?.local;
  if (local?.cognitoEndpoint) {
    const config = Amplify.getConfig();
    const cognito = config.Auth?.Cognito;
    if (!cognito?.userPoolId || !cognito.userPoolClientId) throw new Error('amplify_outputs.json names no user pool.');
    // As the dashboard does (src/graphql/amplify-backend.ts): a spread can't prove the strict union.
    Amplify.configure({
      ...config,
      Auth: { Cognito: { ...cognito, userPoolEndpoint: local.cognitoEndpoint } },
    } as ResourcesConfig);
  }
  const result = await signIn({
    username,
    password,
    options: { authFlowType: local ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH' },
  });
  if (!result.isSignedIn) throw new Error(`sign-in needs another step: ${result.nextStep.signInStep}`);
  const token = (await fetchAuthSession()).tokens?.idToken?.toString();
  if (!token) throw new Error('signed in, but no ID token came back');
  return token;
}

async function main() {
  const { values } = parseArgs({
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      email: { type: 'string' },
      totals: { type: 'boolean', default: false },
      outputs: { type: 'string', default: 'amplify_outputs.json' },
    },
  });
  if (!values.since || (values.totals && values.email)) {
    throw new Error(
      'usage: payment-history.ts [--totals] --since YYYY-MM-DD [--until YYYY-MM-DD] [--email address (not with --totals)] [--outputs amplify_outputs.json]',
    );
  }
  const username = process.env.SCC_USERNAME;
  const password = process.env.SCC_PASSWORD;
  if (!username || !password) throw new Error('set SCC_USERNAME and SCC_PASSWORD (an ACCOUNTING user)');
  const outputs = JSON.parse(fs.readFileSync(values.outputs!, 'utf8')) as Outputs;
  useTimeZone(outputs.custom?.timeZone);
  const { from, to } = sinceUntil(values.since, values.until);
  const token = await idToken(outputs, username, password);

  async function* pages<T>(query: string, variables: Record<string, unknown>): AsyncGenerator<T[]> {
    let nextToken: string | null = null;
    do {
      const res = await fetch(outputs.data.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ query, variables: { ...variables, nextToken } }),
      });
      const body = (await res.json()) as {
        data?: { page: { items: T[]; nextToken: string | null } };
        errors?: { message: string; errorType?: string }[];
      };
      if (body.errors?.length || !body.data)
        throw new Error(
          body.errors?.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ') ?? `HTTP ${res.status}`,
        );
      yield body.data.page.items;
      nextToken = body.data.page.nextToken;
    } while (nextToken);
  }

  if (values.totals) {
    // Every page first: a total is printed whole or not at all.
    const all: Takings[] = [];
    const until = values.until ?? today();
    for await (const items of pages<Takings>(TOTALS, { from: values.since, to: until })) all.push(...items);
    process.stdout.write(reconciliationCsv(reconcileTakings(all, values.since, until)));
    return;
  }
  // The dashboard's columns (src/lib/csv/payments-csv.ts), one page at a time.
  process.stdout.write(csvLine(PAYMENT_CSV_COLUMNS));
  const variables = values.email ? { email: values.email, from, to } : { from, to };
  for await (const items of pages<CsvPayment>(values.email ? BY_PATRON : BETWEEN, variables)) {
    for (const p of items) process.stdout.write(csvLine(paymentCsvCells(p)));
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  main().catch((e: Error) => {
    process.stderr.write(`payment-history: ${e.message}\n`);
    process.exit(1);
  });
}
