/**
 * The fields that fold the access check into their own request (FOLDED_ACCESS: no access step runs
 * for them) refuse a token older than its member's last change of access exactly as the access step
 * does, on every path their first request can take, and write nothing. Every folded field has a case
 * here, so a field cannot be folded without its request carrying the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDED_ACCESS } from '../../amplify/data/access-step';
import { cognitoClient, signIn } from '../../local/stack/cognito';
import { stack } from '../support/stack';
import { CHECK_IN } from './support/boarding';
import { eventWithPayment, LOG_PAYMENT, VOID_PAYMENT, type Api } from './support/harness';
import { REFUND } from './support/refunds';
import { PASSWORD, RESET, SET_GROUP, startTeamPool, type TeamPool } from './support/team';

let t: TeamPool;
let ada: string;
beforeAll(async () => {
  t = await startTeamPool();
  ada = t.email('ada');
  await t.addUser(ada, 'ADMINS');
});
afterAll(() => t?.api.close());

const REVOKED = {
  type: 'Unauthorized',
  info: { reason: 'ACCESS_CHANGED' },
  message: 'An admin changed your access: sign in again.',
};
const errorOf = (r: { errors?: { errorType?: string; errorInfo?: unknown; message?: string }[] }) =>
  r.errors?.[0] && { type: r.errors[0].errorType, info: r.errors[0].errorInfo ?? null, message: r.errors[0].message };
let n = 0;
const key = () => `folded-${Date.now()}-${(n += 1)}`;

interface Target {
  eventId: string;
  email: string;
  paymentId: string;
}
/** One call per path of each folded field's first request: each would write if the caller's access stood. */
const CASES: Array<{ field: string; path: string; call: (x: Target) => [string, Record<string, unknown>] }> = [
  {
    field: 'Mutation.logPayment',
    path: 'the direct write (ConditionCheck)',
    call: (x) => [
      LOG_PAYMENT,
      {
        input: {
          idempotencyKey: key(),
          eventId: x.eventId,
          patronEmail: x.email,
          amountCents: 100,
          method: 'CASH',
          patronName: 'Pat Patron',
          eventStartsAt: '2037-12-20T18:00:00Z',
        },
      },
    ],
  },
  {
    field: 'Mutation.logPayment',
    path: 'the read first (TransactGetItems)',
    call: (x) => [
      LOG_PAYMENT,
      { input: { idempotencyKey: key(), eventId: x.eventId, patronEmail: x.email, amountCents: 100, method: 'CASH' } },
    ],
  },
  {
    field: 'Mutation.refundPayment',
    path: 'the read first',
    call: (x) => [
      REFUND,
      {
        input: {
          idempotencyKey: key(),
          eventId: x.eventId,
          patronEmail: x.email,
          amountCents: 100,
          method: 'CARD',
          reason: 'Weather',
          refundOf: x.paymentId,
        },
      },
    ],
  },
  {
    field: 'Mutation.voidPayment',
    path: 'the read first',
    call: (x) => [VOID_PAYMENT, { eventId: x.eventId, paymentId: x.paymentId, reason: 'Typo' }],
  },
  {
    field: 'Mutation.checkIn',
    path: 'the read first',
    call: (x) => [CHECK_IN, { eventId: x.eventId, email: x.email, person: 'patron' }],
  },
];

/** A member signed in as `group`, then changed by an admin: the token they still hold. */
async function changedMember(local: string, change: (email: string, adminToken: string) => Promise<unknown>) {
  const email = t.email(local);
  await t.addUser(email, 'ADMINS');
  const session = await signIn(cognitoClient(stack().cognitoEndpoint, stack().region), t.clientId, email, PASSWORD);
  await change(email, await t.token(ada));
  return session.idToken;
}

async function target(): Promise<Target> {
  const adaToken = await t.token(ada);
  const as = { ...t.api, tokens: { admin: adaToken, crew: adaToken } } as unknown as Api;
  return eventWithPayment(as, 10_000, `pat.${key()}@example.com`);
}

async function ledgerOf(x: Target) {
  const all = await t.api.gql(
    await t.token(ada),
    `query($eventId: ID!) { paymentsByEvent(eventId: $eventId, limit: 100) { items { id status refundedCents } } }`,
    { eventId: x.eventId },
  );
  return all.data!.paymentsByEvent.items;
}

describe('a field that folds the access check into its own request', () => {
  it('has a case here for every folded field', () => {
    expect([...new Set(CASES.map((c) => c.field))].sort()).toEqual([...FOLDED_ACCESS].sort());
  });

  const changes: Array<[string, (email: string, admin: string) => Promise<unknown>]> = [
    ['moved to another group', (email, admin) => t.api.gql(admin, SET_GROUP, { email, group: 'CREW' })],
    ['whose password was reset', (email, admin) => t.api.gql(admin, RESET, { email })],
  ];
  for (const [what, change] of changes) {
    it(`refuses a member ${what}, with the token they held, on every path, writing nothing`, async () => {
      const token = await changedMember(`m${key()}`, change);
      const x = await target();
      const before = await ledgerOf(x);
      for (const c of CASES) {
        const [query, variables] = c.call(x);
        expect(errorOf(await t.api.gql(token, query, variables)), `${c.field}: ${c.path}`).toEqual(REVOKED);
      }
      expect(await ledgerOf(x)).toEqual(before);
    });
  }

  it('still serves a member whose access stands', async () => {
    const x = await target();
    const [query, variables] = CASES[0]!.call(x);
    const r = await t.api.gql(await t.token(ada), query, variables);
    expect(r.errors).toBeUndefined();
  });
});
