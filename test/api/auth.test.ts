import { createRequire } from 'node:module';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from './harness';

/** Every field × {no token, forged, expired, CREW, ADMINS, ACCOUNTING}, as DESIGN.md §4 assigns them. */
let api: Api;
let forged: string;
let expired: string;
beforeAll(async () => {
  api = await startApi();
  const claims = decodeJwt(api.tokens.admin);
  const { privateKey } = await generateKeyPair('RS256');
  forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(privateKey);
  // cognito-local signs with a key shipped in its package, so a genuine-but-expired token can be made.
  const { jwk } = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: JWK };
  const past = Math.floor(Date.now() / 1000) - 3600;
  expired = await new SignJWT({ ...claims, iat: past - 60, exp: past })
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .sign(await importJWK(jwk, 'RS256'));
});
afterAll(async () => {
  await api?.close();
});

type Group = 'admin' | 'crew' | 'accounting';
// Arguments that reach the resolver but change nothing (unknown ids), so each call is independent.
const fields: [field: string, query: string, allowed: Group[]][] = [
  ['listEvents', `{ listEvents(from: "2030-01-01", to: "2030-01-02") { items { id } } }`, ['admin', 'crew']],
  ['getEvent', `{ getEvent(id: "no-such-event") { event { id } } }`, ['admin', 'crew']],
  ['paymentsByEvent', `{ paymentsByEvent(eventId: "no-such-event") { items { id } } }`, ['admin', 'crew', 'accounting']],
  ['paymentsByPatron', `{ paymentsByPatron(email: "nobody@example.com") { items { id } } }`, ['admin', 'accounting']],
  ['paymentsBetween', `{ paymentsBetween(from: "2030-01-01T00:00:00Z", to: "2030-01-02T00:00:00Z") { items { id } } }`, ['admin', 'accounting']],
  ['findPatrons', `{ findPatrons(query: "nobody-at-all") { items { email } } }`, ['admin', 'crew', 'accounting']],
  ['createEvent', `mutation { createEvent(input: { title: "", startsAt: "2030-01-01T00:00:00Z", capacity: 1, priceCents: 0 }) { id } }`, ['admin']],
  ['updateEvent', `mutation { updateEvent(input: { id: "no-such-event", title: "x" }) { id } }`, ['admin']],
  ['addPatron', `mutation { addPatron(input: { eventId: "no-such-event", email: "a@example.com", name: "A" }) { email } }`, ['admin', 'crew']],
  ['updatePatron', `mutation { updatePatron(input: { eventId: "no-such-event", email: "a@example.com", name: "A" }) { email } }`, ['admin', 'crew']],
  ['correctPatronEmail', `mutation { correctPatronEmail(eventId: "no-such-event", email: "a@example.com", newEmail: "b@example.com") { email } }`, ['admin', 'crew']],
  ['removePatron', `mutation { removePatron(eventId: "no-such-event", email: "a@example.com") { email } }`, ['admin']],
  ['logPayment', `mutation { logPayment(input: { idempotencyKey: "auth-matrix", eventId: "no-such-event", patronEmail: "a@example.com", amountCents: 1, method: CASH }) { id } }`, ['admin', 'crew']],
  ['voidPayment', `mutation { voidPayment(eventId: "no-such-event", paymentId: "01NOPE", reason: "x") { id } }`, ['admin']],
  ['notifyPatron', `mutation { notifyPatron(eventId: "no-such-event", paymentId: "01NOPE") { status } }`, ['admin', 'crew']],
  ['sendWaiverLink', `mutation { sendWaiverLink(eventId: "no-such-event", email: "a@example.com") { status } }`, ['admin', 'crew']],
  ['sendWaiverLinks', `mutation { sendWaiverLinks(eventId: "no-such-event") { status } }`, ['admin', 'crew']],
  ['boarding', `{ boarding(eventId: "no-such-event") { event { id } } }`, ['admin', 'crew']],
  ['checkIn', `mutation { checkIn(eventId: "no-such-event", email: "a@example.com", person: "patron") { status } }`, ['admin', 'crew']],
  ['undoCheckIn', `mutation { undoCheckIn(eventId: "no-such-event", email: "a@example.com", person: "patron", reason: "x") { status } }`, ['admin', 'crew']],
  // issue 17 §4: a day far ahead is refused (nothing written) once past the group rule
  ['cashCounts', `{ cashCounts(from: "2030-01-01", to: "2030-01-02") { items { id } } }`, ['admin', 'accounting']],
  ['recordCashCount', `mutation { recordCashCount(day: "2099-01-01", countedCents: 1, expectedCents: 1) { id } }`, ['admin', 'accounting']],
];

describe.each(fields)('%s', (field, query, allowed) => {
  const badTokens: [string, () => string | undefined][] = [
    ['no token', () => undefined],
    ['a forged token', () => forged],
    ['an expired token', () => expired],
  ];
  it.each(badTokens)('refuses %s with 401 UnauthorizedException', async (_name, token) => {
    const res = await api.gql(token(), query);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.errorType).toBe('UnauthorizedException');
    expect(res.data).toBeNull();
  });

  it.each(['admin', 'crew', 'accounting'] as const)(`as %s: allowed only to ${allowed.join(', ')}`, async (group) => {
    const res = await api.gql(api.tokens[group], query);
    const types = (res.errors ?? []).map((e) => e.errorType);
    if (allowed.includes(group)) {
      expect(types).not.toContain('Unauthorized');
    } else {
      expect(res.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: `Not Authorized to access ${field} on type ${query.startsWith('mutation') ? 'Mutation' : 'Query'}` });
    }
  });
});
