import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADD_PATRON,
  CREATE_EVENT,
  eventWithPatron,
  LOG_PAYMENT,
  NOTIFY,
  startApi,
  VOID_PAYMENT,
  type Api,
  type GraphQLResponse,
} from '../api/support/harness';
import { scanAll, sesMessages } from '../support/stack';
import {
  hostileNumber,
  hostileString,
  hostileValue,
  injectedMarkup,
  MARKUP,
  mergeMarkup,
  textOf,
} from './support/hostile';
import { uncleanError } from './support/appsync';

/**
 * Every mutation with one argument at a time replaced by hostile input (or left out): never a 5xx,
 * every error typed and free of internals, and a refused request leaves the table exactly as it
 * was. The other arguments stay valid, so the hostile one reaches as deep as it can.
 */
const SEED = Number(process.env.SCC_FUZZ_SEED ?? 31_337);
const RUNS = Number(process.env.SCC_FUZZ_RUNS ?? 40);

const UPDATE_EVENT = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id title capacity priceCents } }`;
const UPDATE_PATRON = `mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { email name amountDueCents } }`;
const REMOVE_PATRON = `mutation($eventId: ID!, $email: AWSEmail!) { removePatron(eventId: $eventId, email: $email) { email } }`;

let api: Api;
let eventId: string;
let email: string;
let paymentId: string;
beforeAll(async () => {
  api = await startApi();
  ({ eventId, email } = await eventWithPatron(api, 5_000_000, 'fuzz.target@example.com'));
  const p = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey: 'fuzz-seed', eventId, patronEmail: email, amountCents: 1_000, method: 'CASH' },
  });
  paymentId = p.data!.logPayment.id;
});
afterAll(async () => {
  await api?.close();
});

interface Target {
  query: string;
  /** valid arguments; fuzzing replaces one path in them */
  valid: () => Record<string, any>;
  paths: string[];
}

let n = 0;
const fresh = () => `${Date.now().toString(36)}-${(n += 1)}`;
const targets: Record<string, Target> = {
  createEvent: {
    query: CREATE_EVENT,
    valid: () => ({
      input: {
        title: `Fuzz sail ${fresh()}`,
        startsAt: '2027-09-01T18:00:00Z',
        endsAt: '2027-09-01T21:00:00Z',
        boat: 'Hawaiian Chieftain',
        captain: 'Cap',
        crew: ['a@example.com'],
        capacity: 20,
        priceCents: 1_000,
      },
    }),
    paths: [
      'input',
      'input.id',
      'input.title',
      'input.startsAt',
      'input.endsAt',
      'input.boat',
      'input.captain',
      'input.crew',
      'input.capacity',
      'input.priceCents',
    ],
  },
  updateEvent: {
    query: UPDATE_EVENT,
    valid: () => ({ input: { id: eventId, title: 'Fuzz target sail', capacity: 60 } }),
    paths: [
      'input',
      'input.id',
      'input.title',
      'input.startsAt',
      'input.endsAt',
      'input.boat',
      'input.captain',
      'input.crew',
      'input.capacity',
      'input.priceCents',
    ],
  },
  addPatron: {
    query: ADD_PATRON,
    valid: () => ({
      input: {
        eventId,
        email: `fuzz-${fresh()}@example.com`,
        name: 'Fuzzy Patron',
        phone: '555-0100',
        partySize: 1,
        amountDueCents: 100,
        notes: 'n',
      },
    }),
    paths: [
      'input',
      'input.eventId',
      'input.email',
      'input.name',
      'input.phone',
      'input.partySize',
      'input.amountDueCents',
      'input.notes',
    ],
  },
  updatePatron: {
    query: UPDATE_PATRON,
    valid: () => ({ input: { eventId, email, name: 'Fuzz Target' } }),
    paths: [
      'input',
      'input.eventId',
      'input.email',
      'input.name',
      'input.phone',
      'input.partySize',
      'input.amountDueCents',
      'input.notes',
    ],
  },
  removePatron: {
    query: REMOVE_PATRON,
    valid: () => ({ eventId, email }),
    paths: ['eventId', 'email'],
  },
  logPayment: {
    query: LOG_PAYMENT,
    valid: () => ({
      input: {
        idempotencyKey: `fuzz-${fresh()}`,
        eventId,
        patronEmail: email,
        amountCents: 1,
        method: 'CARD',
        notes: 'n',
        receivedAt: '2026-01-01T10:00:00Z',
      },
    }),
    paths: [
      'input',
      'input.idempotencyKey',
      'input.eventId',
      'input.patronEmail',
      'input.amountCents',
      'input.method',
      'input.notes',
      'input.receivedAt',
    ],
  },
  voidPayment: {
    query: VOID_PAYMENT,
    // A fuzzed reason that is valid voids the payment; later cases then meet a Conflict, also fine.
    valid: () => ({ eventId, paymentId, reason: 'Fuzz' }),
    paths: ['eventId', 'paymentId', 'reason'],
  },
  notifyPatron: {
    query: NOTIFY,
    valid: () => ({ eventId, paymentId }),
    paths: ['eventId', 'paymentId'],
  },
};

const INT_FIELDS = ['capacity', 'priceCents', 'partySize', 'amountDueCents', 'amountCents'];

/** Mostly values of the field's own GraphQL type (which pass coercion and reach the resolver), some of any type, some left out. */
function valueFor(path: string): fc.Arbitrary<unknown> {
  const field = path.split('.').at(-1)!;
  const typed = INT_FIELDS.includes(field)
    ? hostileNumber
    : field === 'crew'
      ? fc.array(hostileString, { maxLength: 4 })
      : hostileString;
  return fc.oneof(
    { weight: 6, arbitrary: typed },
    { weight: 2, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** The valid arguments with one path replaced (or removed, for `undefined`). */
function withHostile(valid: Record<string, any>, path: string, value: unknown): Record<string, any> {
  const copy = structuredClone(valid);
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((o, k) => o[k], copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('fuzzing every mutation', () => {
  for (const [name, target] of Object.entries(targets)) {
    it(`${name}: no 5xx, typed errors, and nothing written when refused`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...target.paths).chain((path) => fc.tuple(fc.constant(path), valueFor(path))),
          async ([path, value]) => {
            const variables = withHostile(target.valid(), path, value);
            const before = await scanAll(api.tableName);
            const res = await api.gql(api.tokens.admin, target.query, variables);
            expect(uncleanError(res)).toBeNull();
            if (res.errors) expect(await scanAll(api.tableName)).toEqual(before);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    }, 120_000);
  }
});

describe('fuzzing the request itself', () => {
  const post = (body: BodyInit, type = 'application/json') =>
    fetch(api.url, { method: 'POST', headers: { 'content-type': type, authorization: api.tokens.admin }, body });

  it('answers bodies that are not JSON, or not GraphQL, with a typed 4xx and writes nothing', async () => {
    const bodies: BodyInit[] = [
      '',
      'null',
      '[]',
      '{"query": 1}',
      `{"query": "mutation { logPayment(input: {idempotencyKey: \\"k\\", eventId: \\"e\\", patronEmail: \\"a@b.co\\", amountCents: NaN, method: CASH}) { id } }"}`,
      `{"query": ${JSON.stringify(LOG_PAYMENT)}, "variables": {"input": {"idempotencyKey": "raw-1", "eventId": "x", "patronEmail": "a@b.co", "amountCents": 1e400, "method": "CASH"}}}`,
      `{"query": ${JSON.stringify(LOG_PAYMENT)}, "variables": {"input": {"idempotencyKey": "raw-2", "eventId": "x", "patronEmail": "a@b.co", "amountCents": NaN, "method": "CASH"}}}`,
      Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]),
      'x'.repeat(1024 * 1024 + 1),
      `{"query": "${'{'.repeat(5000)}"}`,
    ];
    const before = await scanAll(api.tableName);
    for (const body of bodies) {
      const res = await post(body);
      const text = await res.text();
      expect(res.status, text.slice(0, 200)).toBeLessThan(500);
      const parsed = JSON.parse(text) as GraphQLResponse;
      expect(parsed.errors?.length).toBeGreaterThan(0);
      expect(
        uncleanError({ ...parsed, status: res.status, errorTypeHeader: res.headers.get('x-amzn-errortype') }),
      ).toBeNull();
    }
    expect(await scanAll(api.tableName)).toEqual(before);
  }, 60_000);

  it('survives random bytes as a body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        const res = await post(Buffer.from(bytes));
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);
});

describe('hostile text that is accepted', () => {
  it('never becomes markup in the receipt email', async () => {
    // Its own event: the fuzzing above may have filled or resized the shared one.
    const { eventId } = await eventWithPatron(api, 10_000, 'receipts.owner@example.com');
    const receipt = async (name: string, notes: string) => {
      const patronEmail = `receipt-${fresh()}@example.com`.toLowerCase();
      expect(
        (await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email: patronEmail, name, notes } })).errors,
      ).toBeUndefined();
      const p = await api.gql(api.tokens.crew, LOG_PAYMENT, {
        input: { idempotencyKey: `r-${fresh()}`, eventId, patronEmail, amountCents: 100, method: 'OTHER', notes },
      });
      const sent = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: p.data!.logPayment.id });
      expect(sent.data!.notifyPatron.status).toBe('SENT');
      const [mail] = await sesMessages(patronEmail);
      return mail!.body.html ?? '';
    };
    const known = mergeMarkup([await receipt('Plain Patron', 'paid at the dock')]);
    for (const markup of MARKUP) {
      const html = await receipt(`Pat ${markup}`, `note ${markup}`);
      expect(injectedMarkup(html, known), markup).toEqual([]);
      expect(textOf(html)).toContain(`Pat ${markup}`);
    }
  }, 60_000);
});
