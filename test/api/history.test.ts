import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADD_PATRON,
  CREATE_EVENT,
  LOG_PAYMENT,
  PAYMENT_FIELDS,
  PAYMENTS_BY_EVENT,
  putRaw,
  startApi,
  type Api,
} from './support/harness';

/** The three payment queries: newest first, paged, with checked tokens. */
let api: Api;
let eventId: string;
const email = 'history@example.com';
const BY_PATRON = `query($email: AWSEmail!, $from: AWSDateTime, $to: AWSDateTime, $limit: Int, $nextToken: String) {
  paymentsByPatron(email: $email, from: $from, to: $to, limit: $limit, nextToken: $nextToken) { items { ${PAYMENT_FIELDS} } nextToken } }`;
const BETWEEN = `query($from: AWSDateTime!, $to: AWSDateTime!, $method: PaymentMethod, $limit: Int, $nextToken: String) {
  paymentsBetween(from: $from, to: $to, method: $method, limit: $limit, nextToken: $nextToken) { items { ${PAYMENT_FIELDS} } nextToken } }`;

/** A payment logged in the past (the API stamps loggedAt with now, so history is written directly). */
async function oldPayment(id: string, loggedAt: string, amountCents: number, method: string) {
  await putRaw(api.tableName, {
    PK: `EVENT#${eventId}`,
    SK: `PAYMENT#${id}`,
    type: 'Payment',
    GSI1PK: `PATRON#${email}`,
    GSI1SK: `${loggedAt}#${id}`,
    GSI3PK: `PAYMENTS#${loggedAt.slice(0, 4)}`,
    GSI3SK: `${loggedAt}#${id}`,
    id,
    eventId,
    patronEmail: email,
    patronName: 'Hist Ory',
    amountCents,
    currency: 'USD',
    method,
    receivedAt: loggedAt,
    loggedAt,
    loggedBy: 'crew@scc.test',
    status: 'RECORDED',
    idempotencyKey: id,
  });
}

async function allPages(query: string, variables: Record<string, unknown>, field: string) {
  const ids: string[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const res: any = await api.gql(api.tokens.accounting, query, { ...variables, nextToken });
    expect(res.errors).toBeUndefined();
    ids.push(...res.data[field].items.map((p: any) => p.id));
    nextToken = res.data[field].nextToken;
    pages += 1;
  } while (nextToken && pages < 20);
  return ids;
}

beforeAll(async () => {
  api = await startApi();
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: 'History Sail', startsAt: '2027-01-10T18:00:00Z', capacity: 10, priceCents: 100_000 },
  });
  eventId = ev.data!.createEvent.id;
  await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email, name: 'Hist Ory' } });
  await oldPayment('01H0000000000000000000000A', '2025-12-30T10:00:00.000Z', 100, 'CASH');
  await oldPayment('01H0000000000000000000000B', '2025-12-31T23:59:59.000Z', 200, 'CARD');
  await oldPayment('01H0000000000000000000000C', '2026-01-01T00:00:01.000Z', 300, 'CASH');
  await oldPayment('01H0000000000000000000000D', '2026-01-02T12:00:00.000Z', 400, 'CASH');
  await oldPayment('01H0000000000000000000000E', '2026-02-01T12:00:00.000Z', 500, 'CHECK');
});
afterAll(async () => {
  await api?.close();
});

describe('paymentsBetween', () => {
  it('walks a range across a new year, newest first, in pages', async () => {
    const ids = await allPages(
      BETWEEN,
      { from: '2025-12-30T00:00:00Z', to: '2026-01-31T00:00:00Z', limit: 2 },
      'paymentsBetween',
    );
    expect(ids.map((id) => id.slice(-1))).toEqual(['D', 'C', 'B', 'A']);
  });

  it('keeps only one method when asked ("all cash taken")', async () => {
    const ids = await allPages(
      BETWEEN,
      { from: '2025-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z', method: 'CASH', limit: 1 },
      'paymentsBetween',
    );
    expect(ids.map((id) => id.slice(-1))).toEqual(['D', 'C', 'A']);
  });

  it('refuses a token issued for another query', async () => {
    const first: any = await api.gql(api.tokens.accounting, BETWEEN, {
      from: '2025-12-30T00:00:00Z',
      to: '2026-01-31T00:00:00Z',
      limit: 1,
    });
    const token = first.data.paymentsBetween.nextToken;
    expect(token).toBeTruthy();
    const other = await api.gql(api.tokens.accounting, BETWEEN, {
      from: '2025-01-01T00:00:00Z',
      to: '2026-01-31T00:00:00Z',
      nextToken: token,
    });
    expect(other.errors?.[0]?.errorType).toBe('ValidationError');
    const edited = await api.gql(api.tokens.accounting, BETWEEN, {
      from: '2025-12-30T00:00:00Z',
      to: '2026-01-31T00:00:00Z',
      nextToken: 'A' + token,
    });
    expect(edited.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('paymentsByPatron', () => {
  it("pages a patron's payments newest first, optionally between two dates, whatever the email's case", async () => {
    const all = await allPages(BY_PATRON, { email: 'History@Example.com', limit: 2 }, 'paymentsByPatron');
    expect(all.map((id) => id.slice(-1))).toEqual(['E', 'D', 'C', 'B', 'A']);
    const some = await allPages(
      BY_PATRON,
      { email, from: '2025-12-31T00:00:00Z', to: '2026-01-02T12:00:00Z' },
      'paymentsByPatron',
    );
    expect(some.map((id) => id.slice(-1))).toEqual(['D', 'C', 'B']);
  });
});

describe('paymentsByEvent', () => {
  it('lists the payments of an event newest first', async () => {
    await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: { idempotencyKey: 'hist-new', eventId, patronEmail: email, amountCents: 600, method: 'ACH' },
    });
    const res = await api.gql(api.tokens.crew, PAYMENTS_BY_EVENT, { eventId, limit: 3 });
    const items = res.data!.paymentsByEvent.items;
    expect(items.map((p: any) => p.amountCents)).toEqual([600, 500, 400]);
    expect(res.data!.paymentsByEvent.nextToken).toBeTruthy();
  });
});
