import { createHash } from 'node:crypto';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../amplify/edge/routes';
import { mailSender } from '../../amplify/functions/mailer/ses';
import { createWaiverHandler } from '../../amplify/functions/waiver/app';
import { dynamoWaiverStore } from '../../amplify/functions/waiver/store';
import {
  DEFAULT_WAIVER_TEXT,
  DEFAULT_WAIVER_VERSION,
  SECRET,
  formBody,
} from '../amplify/functions/waiver/support/fixtures';
import { ctx, run } from '../amplify/data/resolvers/support/context';
import { stack } from '../support/stack';
import {
  ADD_PATRON,
  eventWithPatron,
  LOG_PAYMENT,
  startApi,
  UPDATE_PATRON,
  VOID_PAYMENT,
  type Api,
} from './support/harness';

/**
 * The records an auditor or insurer asks for, through the API as ADMINS, ACCOUNTING
 * and (refused) CREW: audit trails per event and per patron, newest first and paged, and signed
 * waivers with the exact text signed, found by its hash after the text has changed.
 */
const AUDIT_FIELDS = 'id entity operation actor at patronEmail before after';
const AUDIT_BY_EVENT = `query($eventId: ID!, $limit: Int, $nextToken: String) {
  auditByEvent(eventId: $eventId, limit: $limit, nextToken: $nextToken) { items { ${AUDIT_FIELDS} } nextToken } }`;
const AUDIT_BY_PATRON = `query($email: AWSEmail!, $limit: Int, $nextToken: String) {
  auditByPatron(email: $email, limit: $limit, nextToken: $nextToken) { items { ${AUDIT_FIELDS} } nextToken } }`;
const WAIVER_FIELDS =
  'id eventId name email phone dateOfBirth minors { name dateOfBirth } signature signedAt waiverVersion ip userAgent';
const SIGNED_WAIVERS = `query($eventId: ID!, $limit: Int, $nextToken: String) {
  signedWaivers(eventId: $eventId, limit: $limit, nextToken: $nextToken) { items { ${WAIVER_FIELDS} } nextToken } }`;
const SIGNED_WAIVER = `query($eventId: ID!, $signedAt: String!, $id: ID!) {
  signedWaiver(eventId: $eventId, signedAt: $signedAt, id: $id) { waiver { ${WAIVER_FIELDS} } text { version text } } }`;
const WAIVER_TEXT = 'query($version: String!) { waiverText(version: $version) { version text } }';

let api: Api;
/** The waiver text the Lambda serves now: a test changes it as a deploy would. */
let waiverText = DEFAULT_WAIVER_TEXT;
let sign: (eventId: string, fields: Record<string, string | string[]>, version: string) => Promise<number>;
/** The same, on a fresh Lambda instance (its own client and its own memory of the texts it stored). */
let signOnNewInstance: typeof sign;

beforeAll(async () => {
  api = await startApi();
  const s = stack();
  const instance = () =>
    createWaiverHandler({
      config: { timeZone: 'America/Los_Angeles', originVerifySecret: SECRET, mail: { audit: undefined } },
      store: dynamoWaiverStore({ tableName: api.tableName, region: s.region, endpoint: s.dynamodbEndpoint }),
      waiverText: async () => waiverText,
      sendMail: mailSender({ region: s.region, endpoint: s.sesUrl, sender: 'bookings@example.com' }),
    });
  const post = async (
    handle: ReturnType<typeof instance>,
    eventId: string,
    fields: Record<string, string | string[]>,
    version: string,
  ) =>
    (
      await handle({
        rawPath: `/g/${eventId}/waiver`,
        body: formBody(fields, version),
        isBase64Encoded: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          [ORIGIN_VERIFY_HEADER]: SECRET,
          'user-agent': 'RecordsTest/1.0',
        },
        requestContext: { http: { method: 'POST', sourceIp: '203.0.113.7', userAgent: 'RecordsTest/1.0' } },
      } as unknown as LambdaFunctionURLEvent)
    ).statusCode;
  const handle = instance();
  sign = (eventId, fields, version) => post(handle, eventId, fields, version);
  signOnNewInstance = (eventId, fields, version) => post(instance(), eventId, fields, version);
}, 60_000);
afterAll(async () => {
  await api?.close();
});

const ok = <T = any>(res: { data: any; errors?: unknown }): T => {
  expect(res.errors).toBeUndefined();
  return res.data as T;
};

async function allPages(
  query: string,
  field: string,
  variables: Record<string, unknown>,
  token = api.tokens.accounting,
) {
  const items: any[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const data: any = ok(await api.gql(token, query, { ...variables, nextToken }));
    items.push(...data[field].items);
    nextToken = data[field].nextToken;
    pages += 1;
  } while (nextToken);
  return { items, pages };
}

describe('an event’s audit trail (auditByEvent)', () => {
  it('shows who did what and when, with before → after, newest first, to ADMINS and ACCOUNTING', async () => {
    const { eventId, email } = await eventWithPatron(api, 20_000, 'trail@example.com');
    ok(await api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId, email, name: 'Trail Renamed' } }));
    for (const token of [api.tokens.admin, api.tokens.accounting]) {
      const items = ok(await api.gql(token, AUDIT_BY_EVENT, { eventId })).auditByEvent.items;
      expect(items.map((i: any) => i.operation)).toEqual(['updatePatron', 'addPatron', 'createEvent']);
      const [rename] = items;
      expect(rename).toMatchObject({ entity: eventId, actor: stack().users.crew, patronEmail: email });
      expect(JSON.parse(rename.before)).toMatchObject({ name: 'Pat Patron' });
      expect(JSON.parse(rename.after)).toMatchObject({ name: 'Trail Renamed' });
      expect(JSON.parse(rename.after)).not.toHaveProperty('PK');
      expect(items.at(-1).before).toBeNull();
      expect(items.map((i: any) => i.at)).toEqual([...items.map((i: any) => i.at)].sort().reverse());
    }
  });

  it('is refused to CREW, and to no one signed in', async () => {
    const { eventId } = await eventWithPatron(api, 1_000, 'refused@example.com');
    const crew = await api.gql(api.tokens.crew, AUDIT_BY_EVENT, { eventId });
    expect(crew.data).toBeNull();
    expect(crew.errors?.[0]?.errorType).toBe('Unauthorized');
    expect(
      (await api.gql(api.tokens.crew, AUDIT_BY_PATRON, { email: 'refused@example.com' })).errors?.[0]?.errorType,
    ).toBe('Unauthorized');
    expect((await api.gql(undefined, AUDIT_BY_EVENT, { eventId })).errors?.[0]?.errorType).toBe(
      'UnauthorizedException',
    );
  });

  it('pages through many records newest first, each once, none skipped', async () => {
    const { eventId, email } = await eventWithPatron(api, 100_000, 'many@example.com');
    // 23 payments: with createEvent and addPatron, 25 records, read 4 at a time.
    for (let n = 1; n <= 23; n += 1) {
      ok(
        await api.gql(api.tokens.crew, LOG_PAYMENT, {
          input: {
            idempotencyKey: `many-${eventId}-${n}`,
            eventId,
            patronEmail: email,
            amountCents: n,
            method: 'CASH',
          },
        }),
      );
    }
    const { items, pages } = await allPages(AUDIT_BY_EVENT, 'auditByEvent', { eventId, limit: 4 });
    expect(pages).toBeGreaterThanOrEqual(7);
    expect(items).toHaveLength(25);
    expect(new Set(items.map((i) => i.id)).size).toBe(25);
    // Newest first: the last payment logged (23 cents) heads the list, the event's creation ends it.
    expect(items.slice(0, 23).map((i) => JSON.parse(i.after).amountCents)).toEqual(
      Array.from({ length: 23 }, (_, i) => 23 - i),
    );
    expect(items.at(-1).operation).toBe('createEvent');
  }, 60_000);

  it('refuses a token of another event’s trail, and a limit out of range, as ValidationError', async () => {
    const a = await eventWithPatron(api, 1_000, 'tok-a@example.com');
    const b = await eventWithPatron(api, 1_000, 'tok-b@example.com');
    const first = ok(await api.gql(api.tokens.admin, AUDIT_BY_EVENT, { eventId: a.eventId, limit: 1 })).auditByEvent;
    expect(first.nextToken).toBeTruthy();
    const other = await api.gql(api.tokens.admin, AUDIT_BY_EVENT, {
      eventId: b.eventId,
      limit: 1,
      nextToken: first.nextToken,
    });
    expect(other.errors?.[0]?.errorType).toBe('ValidationError');
    expect(
      (await api.gql(api.tokens.admin, AUDIT_BY_EVENT, { eventId: a.eventId, limit: 0 })).errors?.[0]?.errorType,
    ).toBe('ValidationError');
  });
});

describe('a patron’s audit trail (auditByPatron)', () => {
  it('gathers the changes about one patron across events, newest first, and nothing about others', async () => {
    const email = 'across@example.com';
    const a = await eventWithPatron(api, 5_000, email);
    const b = await eventWithPatron(api, 5_000, email);
    ok(
      await api.gql(api.tokens.admin, ADD_PATRON, {
        input: { eventId: a.eventId, email: 'neighbour@example.com', name: 'Neighbour' },
      }),
    );
    const paid = ok(
      await api.gql(api.tokens.crew, LOG_PAYMENT, {
        input: {
          idempotencyKey: `across-${b.eventId}`,
          eventId: b.eventId,
          patronEmail: 'ACROSS@example.com',
          amountCents: 700,
          method: 'CHECK',
        },
      }),
    );
    ok(
      await api.gql(api.tokens.admin, VOID_PAYMENT, {
        eventId: b.eventId,
        paymentId: paid.logPayment.id,
        reason: 'entered twice',
      }),
    );
    const { items } = await allPages(AUDIT_BY_PATRON, 'auditByPatron', { email: 'Across@Example.com', limit: 2 });
    expect(items.map((i) => [i.operation, i.entity])).toEqual([
      ['voidPayment', b.eventId],
      ['logPayment', b.eventId],
      ['addPatron', b.eventId],
      ['addPatron', a.eventId],
    ]);
    expect(items.every((i) => i.patronEmail === email)).toBe(true);
    expect(JSON.parse(items[0].after)).toMatchObject({ status: 'VOIDED', voidReason: 'entered twice' });
  });

  it('includes a waiver signed through the public form, by the signer', async () => {
    const { eventId } = await eventWithPatron(api, 5_000, 'signs@example.com');
    expect(await sign(eventId, { email: 'signs@example.com' }, DEFAULT_WAIVER_VERSION)).toBe(303);
    const [latest] = ok(await api.gql(api.tokens.accounting, AUDIT_BY_PATRON, { email: 'signs@example.com' }))
      .auditByPatron.items;
    expect(latest).toMatchObject({ operation: 'signWaiver', actor: 'waiver:signs@example.com', entity: eventId });
  });
});

describe('signed waivers', () => {
  it('lists an event’s signatures newest first: signer, minors, typed signature, time, version', async () => {
    const { eventId } = await eventWithPatron(api, 5_000, 'family@example.com');
    expect(
      await sign(
        eventId,
        {
          email: 'family@example.com',
          name: 'Fam Ily',
          signature: 'Fam Ily',
          minorName: ['Kid Ily'],
          minorDateOfBirth: ['2016-02-03'],
        },
        DEFAULT_WAIVER_VERSION,
      ),
    ).toBe(303);
    expect(
      await sign(
        eventId,
        { email: 'walkup@example.com', name: 'Walk Up', signature: 'walk up' },
        DEFAULT_WAIVER_VERSION,
      ),
    ).toBe(303);
    const { items, pages } = await allPages(SIGNED_WAIVERS, 'signedWaivers', { eventId, limit: 1 });
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(items.map((w) => w.email)).toEqual(['walkup@example.com', 'family@example.com']);
    // Accounting reads the signature, not the signer's personal details (amplify/domain/personal.ts)...
    expect(items[1]).toMatchObject({
      eventId,
      name: 'Fam Ily',
      signature: 'Fam Ily',
      minors: [{ name: 'Kid Ily', dateOfBirth: null }],
      waiverVersion: DEFAULT_WAIVER_VERSION,
      phone: null,
      dateOfBirth: null,
      ip: null,
      userAgent: null,
    });
    // ...which an admin, answering to an insurer, does.
    const asAdmin = await allPages(SIGNED_WAIVERS, 'signedWaivers', { eventId }, api.tokens.admin);
    expect(asAdmin.items[1]).toMatchObject({
      eventId,
      name: 'Fam Ily',
      minors: [{ name: 'Kid Ily', dateOfBirth: '2016-02-03' }],
      phone: expect.any(String),
      dateOfBirth: expect.any(String),
      ip: '203.0.113.7',
      userAgent: 'RecordsTest/1.0',
    });
    expect((await api.gql(api.tokens.crew, SIGNED_WAIVERS, { eventId })).errors?.[0]?.errorType).toBe('Unauthorized');
    expect(
      (await api.gql(api.tokens.crew, WAIVER_TEXT, { version: DEFAULT_WAIVER_VERSION })).errors?.[0]?.errorType,
    ).toBe('Unauthorized');
  });

  it('keeps the exact text each signed, found by its hash, after the text changes', async () => {
    const { eventId } = await eventWithPatron(api, 5_000, 'before@example.com');
    waiverText = DEFAULT_WAIVER_TEXT;
    expect(await sign(eventId, { email: 'before@example.com' }, DEFAULT_WAIVER_VERSION)).toBe(303);
    // A deploy changes the text: a new version, with its own hash.
    waiverText = `${DEFAULT_WAIVER_TEXT}\n\n## Added this season\n\nLife jackets are worn on deck by every minor.\n`;
    const newVersion = createHash('sha256').update(waiverText).digest('hex');
    try {
      expect(
        await sign(
          eventId,
          { email: 'after@example.com', name: 'After Change', signature: 'After Change' },
          newVersion,
        ),
      ).toBe(303);
    } finally {
      waiverText = DEFAULT_WAIVER_TEXT;
    }
    const items = ok(await api.gql(api.tokens.admin, SIGNED_WAIVERS, { eventId })).signedWaivers.items;
    const byEmail = Object.fromEntries(items.map((w: any) => [w.email, w]));
    expect(byEmail['before@example.com'].waiverVersion).toBe(DEFAULT_WAIVER_VERSION);
    expect(byEmail['after@example.com'].waiverVersion).toBe(newVersion);
    const old = ok(await api.gql(api.tokens.accounting, WAIVER_TEXT, { version: DEFAULT_WAIVER_VERSION })).waiverText;
    expect(old).toEqual({ version: DEFAULT_WAIVER_VERSION, text: DEFAULT_WAIVER_TEXT });
    const doc = ok(
      await api.gql(api.tokens.accounting, SIGNED_WAIVER, {
        eventId,
        signedAt: byEmail['after@example.com'].signedAt,
        id: byEmail['after@example.com'].id,
      }),
    ).signedWaiver;
    expect(doc.waiver.email).toBe('after@example.com');
    expect(doc.text.text).toContain('Life jackets are worn on deck by every minor.');
    expect(createHash('sha256').update(doc.text.text).digest('hex')).toBe(newVersion);
  });

  it('stores a new text once when its first signatures arrive at the same moment, on separate Lambda instances', async () => {
    const { eventId } = await eventWithPatron(api, 5_000, 'race-a@example.com');
    waiverText = `${DEFAULT_WAIVER_TEXT}\n\nRace edition ${eventId}.\n`;
    const version = createHash('sha256').update(waiverText).digest('hex');
    try {
      const statuses = await Promise.all(
        ['race-a', 'race-b', 'race-c', 'race-d'].map((who) =>
          signOnNewInstance(eventId, { email: `${who}@example.com` }, version),
        ),
      );
      expect(statuses).toEqual([303, 303, 303, 303]);
    } finally {
      waiverText = DEFAULT_WAIVER_TEXT;
    }
    const items = ok(await api.gql(api.tokens.admin, SIGNED_WAIVERS, { eventId })).signedWaivers.items;
    expect(items.map((w: any) => w.waiverVersion)).toEqual([version, version, version, version]);
    expect(ok(await api.gql(api.tokens.admin, WAIVER_TEXT, { version })).waiverText.text).toBe(
      `${DEFAULT_WAIVER_TEXT}\n\nRace edition ${eventId}.\n`,
    );
  });

  it('answers null for a signature or a text that is not there, and ValidationError for a malformed hash', async () => {
    const { eventId } = await eventWithPatron(api, 5_000, 'none@example.com');
    expect(
      ok(await api.gql(api.tokens.admin, SIGNED_WAIVER, { eventId, signedAt: '2026-01-01T00:00:00.000Z', id: 'nope' }))
        .signedWaiver,
    ).toBeNull();
    expect(ok(await api.gql(api.tokens.admin, WAIVER_TEXT, { version: '0'.repeat(64) })).waiverText).toBeNull();
    expect((await api.gql(api.tokens.admin, WAIVER_TEXT, { version: 'abc' })).errors?.[0]?.errorType).toBe(
      'ValidationError',
    );
    expect(
      (await api.gql(api.tokens.admin, SIGNED_WAIVER, { eventId, signedAt: 'yesterday', id: 'x' })).errors?.[0]
        ?.errorType,
    ).toBe('ValidationError');
  });
});

describe('every read of the records', () => {
  it.each([
    ['auditByEvent.ts', { eventId: 'e1' }, 'Query', undefined, 'AUDIT#e1'],
    ['auditByPatron.ts', { email: 'Pat@Example.com' }, 'Query', 'GSI1', 'AUDIT#PATRON#pat@example.com'],
    ['signedWaivers.ts', { eventId: 'e1' }, 'Query', undefined, 'EVENT#e1'],
    [
      'signedWaiver.load.ts',
      { eventId: 'e1', signedAt: '2026-06-01T17:04:05.123Z', id: 'w1' },
      'GetItem',
      undefined,
      'EVENT#e1',
    ],
    [
      'waiverText.ts',
      { version: DEFAULT_WAIVER_VERSION },
      'GetItem',
      undefined,
      `WAIVERTEXT#${DEFAULT_WAIVER_VERSION}`,
    ],
  ])('%s is one %s on its own key, never a Scan', async (file, args, operation, index, pk) => {
    const out = await run(file, 'request', ctx(file.split('.')[0]!, { arguments: args }));
    const request = out.value as Record<string, any>;
    expect(request.operation).toBe(operation);
    expect(request.index).toBe(index);
    expect(JSON.stringify(operation === 'Query' ? request.query.expressionValues : request.key)).toContain(
      JSON.stringify({ S: pk }),
    );
  });
});
