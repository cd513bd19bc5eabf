/**
 * A bookkeeper's payment history as CSV, from the GraphQL API of a deployed stack or `npm start`:
 *
 *   SCC_USERNAME=accounting@example.com SCC_PASSWORD=… \
 *     npx tsx examples/payment-history.ts --since 2026-10-01 [--until 2026-10-31] [--email pat@example.com] > payments.csv
 *
 * Signs in as an ACCOUNTING user with aws-amplify (SRP against Cognito; USER_PASSWORD_AUTH against
 * cognito-local, which has no SRP), reads the endpoints from amplify_outputs.json (or --outputs),
 * and pages through paymentsBetween (or paymentsByPatron with --email) until nextToken runs out.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';

interface Outputs {
  data: { url: string };
  auth: Record<string, unknown>;
  custom?: { local?: { cognitoEndpoint?: string } };
}

const FIELDS = 'id eventId patronEmail patronName amountCents currency method notes receivedAt loggedAt loggedBy status voidedAt voidReason';
const BETWEEN = `query($from: AWSDateTime!, $to: AWSDateTime!, $nextToken: String) {
  page: paymentsBetween(from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${FIELDS} } nextToken } }`;
const BY_PATRON = `query($email: AWSEmail!, $from: AWSDateTime, $to: AWSDateTime, $nextToken: String) {
  page: paymentsByPatron(email: $email, from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${FIELDS} } nextToken } }`;

export const CSV_COLUMNS = ['loggedAt', 'receivedAt', 'eventId', 'patronEmail', 'patronName', 'amount', 'currency', 'method', 'status', 'loggedBy', 'paymentId', 'voidedAt', 'voidReason', 'notes'];

export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote what CSV needs quoted; a leading = + - @ is neutralised so a spreadsheet never runs it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(p: Record<string, any>): string {
  const amount = (p.amountCents / 100).toFixed(2);
  return [p.loggedAt, p.receivedAt, p.eventId, p.patronEmail, p.patronName, amount, p.currency, p.method, p.status, p.loggedBy, p.id, p.voidedAt, p.voidReason, p.notes]
    .map(csvCell)
    .join(',');
}

function dayStart(day: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`${flag} must be a date like 2026-10-01`);
  return `${day}T00:00:00.000Z`;
}

async function idToken(outputs: Outputs, username: string, password: string): Promise<string> {
  Amplify.configure(outputs as any);
  const local = outputs.custom?.local;
  if (local?.cognitoEndpoint) {
    const config = Amplify.getConfig();
    Amplify.configure({ ...config, Auth: { Cognito: { ...config.Auth!.Cognito, userPoolEndpoint: local.cognitoEndpoint } as any } });
  }
  const result = await signIn({ username, password, options: { authFlowType: local ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH' } });
  if (!result.isSignedIn) throw new Error(`sign-in needs another step: ${result.nextStep.signInStep}`);
  const token = (await fetchAuthSession()).tokens?.idToken?.toString();
  if (!token) throw new Error('signed in, but no ID token came back');
  return token;
}

async function main() {
  const { values } = parseArgs({
    options: { since: { type: 'string' }, until: { type: 'string' }, email: { type: 'string' }, outputs: { type: 'string', default: 'amplify_outputs.json' } },
  });
  if (!values.since) throw new Error('usage: payment-history.ts --since YYYY-MM-DD [--until YYYY-MM-DD] [--email address] [--outputs amplify_outputs.json]');
  const username = process.env.SCC_USERNAME;
  const password = process.env.SCC_PASSWORD;
  if (!username || !password) throw new Error('set SCC_USERNAME and SCC_PASSWORD (an ACCOUNTING user)');
  const outputs = JSON.parse(fs.readFileSync(values.outputs!, 'utf8')) as Outputs;
  const from = dayStart(values.since, '--since');
  // --until is inclusive: up to the last millisecond of that day.
  const to = values.until ? new Date(Date.parse(dayStart(values.until, '--until')) + 86_400_000 - 1).toISOString() : new Date().toISOString();
  const token = await idToken(outputs, username, password);

  process.stdout.write(CSV_COLUMNS.join(',') + '\n');
  let nextToken: string | null = null;
  do {
    const variables: Record<string, unknown> = values.email ? { email: values.email, from, to, nextToken } : { from, to, nextToken };
    const res = await fetch(outputs.data.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query: values.email ? BY_PATRON : BETWEEN, variables }),
    });
    const body = (await res.json()) as { data?: { page: { items: Record<string, any>[]; nextToken: string | null } }; errors?: { message: string; errorType?: string }[] };
    if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ') ?? `HTTP ${res.status}`);
    for (const p of body.data.page.items) process.stdout.write(csvRow(p) + '\n');
    nextToken = body.data.page.nextToken;
  } while (nextToken);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  main().catch((e: Error) => {
    process.stderr.write(`payment-history: ${e.message}\n`);
    process.exit(1);
  });
}
