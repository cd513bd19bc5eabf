import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTING, ADMINS, CREW, mayRead } from '../../amplify/domain/personal';
import { ORIGIN_VERIFY_HEADER } from '../../amplify/edge/routes';
import { mailSender } from '../../amplify/functions/mailer/ses';
import { createWaiverHandler } from '../../amplify/functions/waiver/app';
import { dynamoWaiverStore } from '../../amplify/functions/waiver/store';
import { RealtimeClient } from '../../local/appsync/realtime-client';
import { auditCsv } from '../../src/lib/csv/audit-csv';
import { paymentsCsv } from '../../src/lib/csv/payments-csv';
import {
  DEFAULT_WAIVER_TEXT,
  DEFAULT_WAIVER_VERSION,
  SECRET,
  formBody,
} from '../amplify/functions/waiver/support/fixtures';
import { stack } from '../support/stack';
import { ADD_PATRON, CREATE_EVENT, LOG_PAYMENT, startApi, UPDATE_PATRON, type Api } from './support/harness';

/**
 * Personal data by role on every path out (amplify/domain/personal.ts). A patron with distinctive
 * personal values is seeded; then, as each role, every query of the schema (found by introspection,
 * so a query added later is walked without a change here), every subscription the role may open,
 * and the CSVs the dashboard writes from what the role is given are searched for each value the
 * role may not read. ADMINS must find every one, so the values are really there to be found.
 */
const VALUES = {
  phone: '+44 7700 900461',
  notes: 'Crew note: zebra-lighthouse-41',
  dateOfBirth: '1961-07-23',
  ip: '198.51.100.231',
  userAgent: 'PrivacyProbe/9.41 (leak-check)',
} as const;
type Field = keyof typeof VALUES;
const ROLES = [
  { name: ADMINS, token: (a: Api) => a.tokens.admin },
  { name: CREW, token: (a: Api) => a.tokens.crew },
  { name: ACCOUNTING, token: (a: Api) => a.tokens.accounting },
] as const;
const PATRON = 'privacy-probe@example.com';

let api: Api;
let eventId: string;
let signature: { signedAt: string; id: string };

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface FieldDef {
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}
interface TypeDef {
  name: string;
  kind: string;
  fields: FieldDef[] | null;
}
let types: Map<string, TypeDef>;
let schemaRoots: { query: string; subscription: string };

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const required = (t: TypeRef) => t.kind === 'NON_NULL';

/** Every field of a type, objects down to a depth, so whatever a query can answer is asked for. */
function selection(typeName: string, depth = 0): string {
  const t = types.get(typeName)!;
  return t
    .fields!.map((f) => {
      const inner = named(f.type);
      if (inner.kind === 'OBJECT') return depth < 4 ? `${f.name} { ${selection(inner.name!, depth + 1)} }` : '';
      return f.name;
    })
    .filter(Boolean)
    .join(' ');
}

/** An argument value for a query, by its name and type: unknown required ones fail the test, so a new one is added here. */
function argument(field: string, arg: string, type: TypeRef): unknown {
  const scalar = named(type).name;
  if (field === 'signedWaiver' && arg === 'id') return signature.id;
  if (arg === 'signedAt') return signature.signedAt;
  if (arg === 'eventId' || arg === 'id') return eventId;
  if (arg === 'ids') return [eventId];
  if (arg === 'email') return PATRON;
  if (arg === 'query') return 'Privacy';
  if (arg === 'version') return DEFAULT_WAIVER_VERSION;
  if (arg === 'limit') return 100;
  if (arg === 'from') return scalar === 'AWSDate' ? '2037-12-01' : '2000-01-01T00:00:00Z';
  if (arg === 'to') return scalar === 'AWSDate' ? '2037-12-31' : '2099-12-31T00:00:00Z';
  if (required(type)) throw new Error(`privacy.test.ts knows no value for ${field}(${arg}): add one to argument()`);
  return undefined;
}

function operation(kind: 'query' | 'subscription', f: FieldDef): { text: string; variables: Record<string, unknown> } {
  const args = f.args.map((a) => ({ a, value: argument(f.name, a.name, a.type) })).filter((x) => x.value !== undefined);
  const typeText = (t: TypeRef): string =>
    t.kind === 'NON_NULL' ? `${typeText(t.ofType!)}!` : t.kind === 'LIST' ? `[${typeText(t.ofType!)}]` : t.name!;
  const decl = args.length ? `(${args.map(({ a }) => `$${a.name}: ${typeText(a.type)}`).join(', ')})` : '';
  const call = args.length ? `(${args.map(({ a }) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const inner = named(f.type);
  const body = inner.kind === 'OBJECT' ? ` { ${selection(inner.name!)} }` : '';
  return {
    text: `${kind}${decl} { ${f.name}${call}${body} }`,
    variables: Object.fromEntries(args.map(({ a, value }) => [a.name, value])),
  };
}

/** Fails on each value the role may not read found in `output`; answers which values were found. */
function expectOnlyReadable(role: string, path: string, output: string): Field[] {
  const found = (Object.keys(VALUES) as Field[]).filter((f) => output.includes(VALUES[f]));
  const leaked = found.filter((f) => !mayRead([role], f));
  expect(leaked, `${role} reads ${leaked.join(', ')} through ${path}`).toEqual([]);
  return found;
}

beforeAll(async () => {
  api = await startApi();
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: 'Privacy sail', startsAt: '2037-12-20T18:00:00Z', capacity: 20, priceCents: 10_000 },
  });
  eventId = ev.data!.createEvent.id;
  const added = await api.gql(api.tokens.admin, ADD_PATRON, {
    input: { eventId, email: PATRON, name: 'Privacy Probe', phone: VALUES.phone },
  });
  expect(added.errors).toBeUndefined();
  // A change with notes, so the audit images hold them before and after.
  expect(
    (await api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId, email: PATRON, notes: VALUES.notes } })).errors,
  ).toBeUndefined();
  expect(
    (
      await api.gql(api.tokens.crew, LOG_PAYMENT, {
        input: {
          idempotencyKey: `privacy-${eventId}`,
          eventId,
          patronEmail: PATRON,
          amountCents: 2_500,
          method: 'CASH',
        },
      })
    ).errors,
  ).toBeUndefined();

  const s = stack();
  const handle = createWaiverHandler({
    config: { timeZone: 'America/Los_Angeles', originVerifySecret: SECRET, mail: { audit: undefined } },
    store: dynamoWaiverStore({ tableName: api.tableName, region: s.region, endpoint: s.dynamodbEndpoint }),
    waiverText: async () => DEFAULT_WAIVER_TEXT,
    sendMail: mailSender({ region: s.region, endpoint: s.sesUrl, sender: 'bookings@example.com' }),
  });
  const signed = await handle({
    rawPath: `/g/${eventId}/waiver`,
    body: formBody(
      {
        email: PATRON,
        name: 'Privacy Probe',
        signature: 'Privacy Probe',
        phone: VALUES.phone,
        dateOfBirth: VALUES.dateOfBirth,
        minorName: ['Kid Probe'],
        minorDateOfBirth: ['2016-02-03'],
      },
      DEFAULT_WAIVER_VERSION,
    ),
    isBase64Encoded: false,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      [ORIGIN_VERIFY_HEADER]: SECRET,
      'user-agent': VALUES.userAgent,
    },
    requestContext: { http: { method: 'POST', sourceIp: VALUES.ip, userAgent: VALUES.userAgent } },
  } as unknown as LambdaFunctionURLEvent);
  expect(signed.statusCode).toBe(303);
  const waivers = await api.gql(
    api.tokens.admin,
    'query($e: ID!) { signedWaivers(eventId: $e) { items { id signedAt } } }',
    { e: eventId },
  );
  signature = waivers.data!.signedWaivers.items[0];

  const schema = await api.gql(
    api.tokens.admin,
    `{ __schema { queryType { name } subscriptionType { name }
    types { name kind fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } } } }`,
  );
  types = new Map((schema.data!.__schema.types as TypeDef[]).map((t) => [t.name, t]));
  schemaRoots = {
    query: schema.data!.__schema.queryType.name,
    subscription: schema.data!.__schema.subscriptionType.name,
  };
}, 90_000);
afterAll(async () => {
  await api?.close();
});

describe('personal data by role, on every path out', () => {
  it('every query answers each role only the personal fields it may read', async () => {
    const queries = types.get(schemaRoots.query)!.fields!;
    expect(queries.length).toBeGreaterThan(10);
    const seenByAdmin = new Set<Field>();
    for (const role of ROLES) {
      for (const f of queries) {
        const { text, variables } = operation('query', f);
        const res = await api.gql(role.token(api), text, variables);
        const found = expectOnlyReadable(role.name, f.name, JSON.stringify(res));
        if (role.name === ADMINS) found.forEach((v) => seenByAdmin.add(v));
      }
    }
    // The values are there to be found: an admin reads every one of them somewhere.
    expect([...seenByAdmin].sort()).toEqual(Object.keys(VALUES).sort());
  }, 120_000);

  it('the CSVs the dashboard writes hold only what the role may read', async () => {
    for (const role of [ROLES[0], ROLES[2]]) {
      const audit = await api.gql(
        role.token(api),
        `query($e: ID!) { auditByEvent(eventId: $e, limit: 100) { items { id entity operation actor at patronEmail before after } } }`,
        { e: eventId },
      );
      const found = expectOnlyReadable(role.name, 'the audit CSV', auditCsv(audit.data!.auditByEvent.items));
      if (role.name === ADMINS) expect(found).toEqual(expect.arrayContaining(['phone', 'notes']));
      const byPatron = await api.gql(
        role.token(api),
        `query($p: AWSEmail!) { auditByPatron(email: $p, limit: 100) { items { id entity operation actor at patronEmail before after } } }`,
        { p: PATRON },
      );
      expectOnlyReadable(role.name, 'the patron audit CSV', auditCsv(byPatron.data!.auditByPatron.items));
      const payments = await api.gql(
        role.token(api),
        `query($e: ID!) { paymentsByEvent(eventId: $e) { items { id eventId patronEmail patronName amountCents currency method status receivedAt loggedAt loggedBy voidedAt voidedBy voidReason notes kind reason refundOf movedTo movedFrom } } }`,
        { e: eventId },
      );
      expectOnlyReadable(role.name, 'the payments CSV', paymentsCsv(payments.data!.paymentsByEvent.items));
    }
  }, 60_000);

  it('every subscription a role may open carries only what it may read', async () => {
    const subscriptions = types.get(schemaRoots.subscription)!.fields!;
    const auth = (token: string) => ({ Authorization: token, host: new URL(api.url).host });
    const clients: { role: string; client: RealtimeClient }[] = [];
    for (const role of ROLES) {
      const client = await RealtimeClient.open(api.url.replace('http://', 'ws://'), auth(role.token(api)));
      await client.init();
      for (const f of subscriptions) {
        const { text, variables } = operation('subscription', f);
        await client.start(f.name, text, variables, auth(role.token(api)));
      }
      clients.push({ role: role.name, client });
    }
    // Changes that carry the patron's phone and notes to whoever may subscribe.
    expect(
      (
        await api.gql(api.tokens.crew, UPDATE_PATRON, {
          input: { eventId, email: PATRON, notes: `${VALUES.notes} again`, phone: VALUES.phone },
        })
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await api.gql(api.tokens.crew, LOG_PAYMENT, {
          input: {
            idempotencyKey: `privacy-live-${eventId}`,
            eventId,
            patronEmail: PATRON,
            amountCents: 1_000,
            method: 'CARD',
            notes: 'paid at the dock',
          },
        })
      ).errors,
    ).toBeUndefined();
    const admin = clients[0]!.client;
    await admin.next((m) => m.type === 'data' && m.id === 'onRosterChanged');
    await admin.next((m) => m.type === 'data' && m.id === 'onPaymentChanged');
    await new Promise((r) => setTimeout(r, 500));
    for (const { role, client } of clients) {
      expectOnlyReadable(role, 'the subscriptions', JSON.stringify(client.messages));
      client.close();
    }
  }, 60_000);
});
