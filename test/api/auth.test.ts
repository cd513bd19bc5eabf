import { createRequire } from 'node:module';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_RULES, mayCall, type Field } from '../../amplify/data/contract/access-rules';
import { RealtimeClient } from '../../local/appsync/realtime-client';
import { startApi, type Api } from './support/harness';

/**
 * Every field × {no token, forged, expired, CREW, ADMINS, ACCOUNTING}, each group allowed or refused
 * as the access rules (amplify/data/contract/access-rules.ts) say.
 */
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

const ROLES = { admin: 'ADMINS', crew: 'CREW', accounting: 'ACCOUNTING' } as const;
type Role = keyof typeof ROLES;
const allowedTo = (field: Field) => (Object.keys(ROLES) as Role[]).filter((role) => mayCall(field, [ROLES[role]]));
const SUBSCRIPTIONS = [
  'onEventChanged',
  'onRosterChanged',
  'onPaymentChanged',
  'onCheckInChanged',
] as const satisfies readonly Field[];
type Operation = Exclude<Field, (typeof SUBSCRIPTIONS)[number]>;

// A call of each query and mutation whose arguments reach the resolver but change nothing (unknown
// ids, or a value the resolver refuses once past the group rule), so each call is independent.
const calls: Record<Operation, string> = {
  listEvents: `{ listEvents(from: "2030-01-01", to: "2030-01-02") { items { id } } }`,
  getEvent: `{ getEvent(id: "no-such-event") { event { id } } }`,
  eventTitles: `{ eventTitles(ids: ["no-such-event"]) { id } }`,
  createEvent: `mutation { createEvent(input: { title: "", startsAt: "2030-01-01T00:00:00Z", capacity: 1, priceCents: 0 }) { id } }`,
  updateEvent: `mutation { updateEvent(input: { id: "no-such-event", title: "x" }) { id } }`,
  findPatrons: `{ findPatrons(query: "nobody-at-all") { items { email } } }`,
  addPatron: `mutation { addPatron(input: { eventId: "no-such-event", email: "a@example.com", name: "A" }) { email } }`,
  updatePatron: `mutation { updatePatron(input: { eventId: "no-such-event", email: "a@example.com", name: "A" }) { email } }`,
  correctPatronEmail: `mutation { correctPatronEmail(eventId: "no-such-event", email: "a@example.com", newEmail: "b@example.com") { email } }`,
  removePatron: `mutation { removePatron(eventId: "no-such-event", email: "a@example.com") { email } }`,
  paymentsByEvent: `{ paymentsByEvent(eventId: "no-such-event") { items { id } } }`,
  paymentsByPatron: `{ paymentsByPatron(email: "nobody@example.com") { items { id } } }`,
  paymentsBetween: `{ paymentsBetween(from: "2030-01-01T00:00:00Z", to: "2030-01-02T00:00:00Z") { items { id } } }`,
  logPayment: `mutation { logPayment(input: { idempotencyKey: "auth-matrix", eventId: "no-such-event", patronEmail: "a@example.com", amountCents: 1, method: CASH }) { id } }`,
  voidPayment: `mutation { voidPayment(eventId: "no-such-event", paymentId: "01NOPE", reason: "x") { id } }`,
  refundPayment: `mutation { refundPayment(input: { idempotencyKey: "auth-matrix-refund", eventId: "no-such-event", patronEmail: "a@example.com", amountCents: 1, method: CASH, reason: "x" }) { id } }`,
  notifyPatron: `mutation { notifyPatron(eventId: "no-such-event", paymentId: "01NOPE") { status } }`,
  cancelEvent: `mutation { cancelEvent(eventId: "no-such-event", reason: "x") { unnotified } }`,
  notifyCancellation: `mutation { notifyCancellation(eventId: "no-such-event") { unnotified } }`,
  rebookPatron: `mutation { rebookPatron(eventId: "no-such-event", email: "a@example.com", toEventId: "no-such-event-either") { payments { id } } }`,
  matchWaiverClaim: `mutation { matchWaiverClaim(eventId: "no-such-event", email: "a@example.com", waiverId: "01NOPE") { email } }`,
  sendWaiverLink: `mutation { sendWaiverLink(eventId: "no-such-event", email: "a@example.com") { status } }`,
  sendWaiverLinks: `mutation { sendWaiverLinks(eventId: "no-such-event") { status } }`,
  sendWaiverLinksPage: `mutation { sendWaiverLinksPage(eventId: "no-such-event") { nextToken } }`,
  signedWaivers: `{ signedWaivers(eventId: "no-such-event") { items { id } } }`,
  signedWaiver: `{ signedWaiver(eventId: "no-such-event", signedAt: "2030-01-01T00:00:00.000Z", id: "01NOPE") { waiver { id } } }`,
  waiverText: `{ waiverText(version: "no-such-version") { version } }`,
  boarding: `{ boarding(eventId: "no-such-event") { event { id } } }`,
  checkIn: `mutation { checkIn(eventId: "no-such-event", email: "a@example.com", person: "patron") { status } }`,
  undoCheckIn: `mutation { undoCheckIn(eventId: "no-such-event", email: "a@example.com", person: "patron", reason: "x") { status } }`,
  auditByEvent: `{ auditByEvent(eventId: "no-such-event") { items { id } } }`,
  auditByPatron: `{ auditByPatron(email: "nobody@example.com") { items { id } } }`,
  // a day far ahead is refused (nothing written) once past the group rule
  cashCounts: `{ cashCounts(from: "2030-01-01", to: "2030-01-02") { items { id } } }`,
  takings: `{ takings(from: "2030-01-01", to: "2030-01-02") { items { day } } }`,
  recordCashCount: `mutation { recordCashCount(day: "2099-01-01", countedCents: 1, expectedCents: 1) { id } }`,
  teamMembers: `{ teamMembers(limit: 1) { items { email } } }`,
  // an empty name is refused before the pool is touched
  inviteTeamMember: `mutation { inviteTeamMember(input: { email: "auth-matrix@example.com", name: "", group: CREW }) { email } }`,
  setTeamMemberGroup: `mutation { setTeamMemberGroup(email: "nobody@example.com", group: CREW) { email } }`,
  disableTeamMember: `mutation { disableTeamMember(email: "nobody@example.com") { email } }`,
  enableTeamMember: `mutation { enableTeamMember(email: "nobody@example.com") { email } }`,
  resetTeamMemberPassword: `mutation { resetTeamMemberPassword(email: "nobody@example.com") { email } }`,
};

it('tries every field of the access rules', () => {
  expect([...Object.keys(calls), ...SUBSCRIPTIONS].sort()).toEqual(Object.keys(ACCESS_RULES).sort());
});

describe.each(Object.entries(calls) as [Operation, string][])('%s', (field, query) => {
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

  it.each(Object.keys(ROLES) as Role[])(`as %s: allowed only to ${allowedTo(field).join(', ')}`, async (role) => {
    const res = await api.gql(api.tokens[role], query);
    const types = (res.errors ?? []).map((e) => e.errorType);
    if (allowedTo(field).includes(role)) {
      expect(types).not.toContain('Unauthorized');
    } else {
      expect(res.errors?.[0]).toMatchObject({
        errorType: 'Unauthorized',
        message: `Not Authorized to access ${field} on type ${query.startsWith('mutation') ? 'Mutation' : 'Query'}`,
      });
    }
  });
});

describe.each(SUBSCRIPTIONS)('%s', (field) => {
  const auth = (token: string) => ({ Authorization: token, host: new URL(api.url).host });
  it.each(Object.keys(ROLES) as Role[])(`as %s: allowed only to ${allowedTo(field).join(', ')}`, async (role) => {
    const client = await RealtimeClient.open(api.url.replace('http://', 'ws://'), auth(api.tokens[role]));
    try {
      await client.init();
      const answer = await client.start(
        's',
        `subscription { ${field}(eventId: "no-such-event") { __typename } }`,
        {},
        auth(api.tokens[role]),
      );
      if (allowedTo(field).includes(role)) {
        expect(answer).toEqual({ type: 'start_ack', id: 's' });
      } else {
        expect(answer).toEqual({
          type: 'error',
          id: 's',
          payload: {
            errors: [{ errorType: 'Unauthorized', message: `Not Authorized to access ${field} on type Subscription` }],
          },
        });
      }
    } finally {
      client.close();
    }
  });
});
