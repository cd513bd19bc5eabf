/**
 * Access that ends when it is taken away, end to end: the local API, the team Lambda in-process,
 * cognito-local and DynamoDB Local. An admin's change to a member (a new group, disabled, a new
 * password) refuses every token of theirs issued before it, on every request, at once; closes
 * their open subscriptions as AppSync's invalidation does; and revokes their refresh tokens, so
 * only signing in again gives them tokens, with their groups as they now are.
 */
import { GetTokensFromRefreshTokenCommand, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient, signIn } from '../../local/stack/cognito';
import { RealtimeClient } from '../../local/appsync/realtime-client';
import { stack } from '../support/stack';
import { ADD_PATRON, eventWithPatron, ROSTER_FIELDS, UPDATE_PATRON, type Api } from './support/harness';
import { DISABLE, PASSWORD, RESET, SET_GROUP, startTeamPool, TEAM_MEMBERS, type TeamPool } from './support/team';

let t: TeamPool;
let ada: string; // the admin who makes the changes
beforeAll(async () => {
  t = await startTeamPool();
  ada = t.email('ada');
  await t.addUser(ada, 'ADMINS');
});
afterAll(() => t?.api.close());

const LIST = 'query { listEvents(from: "2030-01-01", to: "2030-01-02") { items { id } } }';
const ON_ROSTER = `subscription($eventId: ID!) { onRosterChanged(eventId: $eventId) { ${ROSTER_FIELDS} } }`;
const errorOf = (r: { errors?: { errorType?: string; errorInfo?: unknown; message?: string }[] }) =>
  r.errors?.[0] && { type: r.errors[0].errorType, info: r.errors[0].errorInfo ?? null };
const REVOKED = { type: 'Unauthorized', info: { reason: 'ACCESS_CHANGED' } };

/** A member made for one test, signed in: their ID and refresh tokens. */
async function member(local: string, group: 'ADMINS' | 'CREW' | 'ACCOUNTING') {
  const email = t.email(local);
  await t.addUser(email, group);
  const session = await signIn(cognitoClient(stack().cognitoEndpoint, stack().region), t.clientId, email, PASSWORD);
  return { email, idToken: session.idToken, refreshToken: session.refreshToken! };
}
const refresh = (refreshToken: string) =>
  cognitoClient(stack().cognitoEndpoint, stack().region).send(
    new GetTokensFromRefreshTokenCommand({ ClientId: t.clientId, RefreshToken: refreshToken }),
  );
const admin = async () => ({ ...t.api, tokens: { admin: await t.token(ada) } }) as unknown as Api;

describe('a demoted admin', () => {
  it('is refused admin fields with the token they held, from the first request after the change', async () => {
    const bo = await member('bo', 'ADMINS');
    expect((await t.api.gql(bo.idToken, TEAM_MEMBERS, {})).errors).toBeUndefined();

    const moved = await t.api.gql(await t.token(ada), SET_GROUP, { email: bo.email, group: 'CREW' });
    expect(moved.data!.setTeamMemberGroup).toMatchObject({ email: bo.email, group: 'CREW', signedOut: true });

    // The token still says ADMINS and has not expired: the API refuses it all the same, every field.
    expect(JSON.parse(Buffer.from(bo.idToken.split('.')[1]!, 'base64url').toString())['cognito:groups']).toEqual([
      'ADMINS',
    ]);
    expect(errorOf(await t.api.gql(bo.idToken, TEAM_MEMBERS, {}))).toEqual(REVOKED);
    expect(errorOf(await t.api.gql(bo.idToken, DISABLE, { email: ada }))).toEqual(REVOKED);
    expect(errorOf(await t.api.gql(bo.idToken, LIST))).toEqual(REVOKED);
    expect((await t.api.gql(bo.idToken, TEAM_MEMBERS, {})).errors![0]!.message).toBe(
      'An admin changed your access: sign in again.',
    );
    // Nor can the session be stretched: Cognito refuses their refresh token.
    await expect(refresh(bo.refreshToken)).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it('signs in again as crew: the crew fields work, the admin ones are refused to the group', async () => {
    const cy = await member('cy', 'ADMINS');
    await t.api.gql(await t.token(ada), SET_GROUP, { email: cy.email, group: 'CREW' });
    const again = await t.token(cy.email);
    expect(JSON.parse(Buffer.from(again.split('.')[1]!, 'base64url').toString())['cognito:groups']).toEqual(['CREW']);
    expect((await t.api.gql(again, LIST)).errors).toBeUndefined();
    const refused = await t.api.gql(again, TEAM_MEMBERS, {});
    expect(refused.errors![0]!.errorType).toBe('Unauthorized');
    expect(refused.errors![0]!.errorInfo ?? null).toBeNull();
  });

  it('leaves every other member as they were', async () => {
    const dee = await member('dee', 'CREW');
    const eve = await member('eve', 'CREW');
    await t.api.gql(await t.token(ada), SET_GROUP, { email: dee.email, group: 'ACCOUNTING' });
    expect((await t.api.gql(eve.idToken, LIST)).errors).toBeUndefined();
    await expect(refresh(eve.refreshToken)).resolves.toBeDefined();
  });
});

describe('a disabled member', () => {
  it('is refused on every request with the token they held', async () => {
    const fay = await member('fay', 'CREW');
    await t.api.gql(await t.token(ada), DISABLE, { email: fay.email });
    const r = await t.api.gql(fay.idToken, LIST);
    // Locally the API also asks the pool whether the user is enabled and answers 401 first; on AWS
    // the access check answers ACCESS_CHANGED. Either way nothing is read.
    expect(r.data).toBeNull();
    expect(r.status === 401 || errorOf(r)?.info).toBeTruthy();
    await expect(refresh(fay.refreshToken)).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it('has their open subscriptions closed, as AppSync invalidates them, and receives nothing after', async () => {
    const gus = await member('gus', 'CREW');
    const hal = await member('hal', 'CREW');
    const as = await admin();
    const { eventId, email } = await eventWithPatron(as, 10_000, `pat.${Date.now()}@example.com`);
    const auth = (token: string) => ({ Authorization: token, host: new URL(t.api.url).host });
    const open = async (token: string) => {
      const c = await RealtimeClient.open(t.api.url.replace('http://', 'ws://'), auth(token));
      await c.init();
      expect(await c.start('r', ON_ROSTER, { eventId }, auth(token))).toEqual({ type: 'start_ack', id: 'r' });
      return c;
    };
    const watching = await open(gus.idToken);
    const bystander = await open(hal.idToken);

    await t.api.gql(as.tokens.admin, DISABLE, { email: gus.email });
    expect(await watching.next((m) => m.type === 'complete')).toEqual({
      type: 'complete',
      id: 'r',
      payload: { message: 'Subscription complete.' },
    });
    expect(await watching.closed).toEqual({ code: 1000, reason: 'Subscription invalidated' });

    // The phone number and notes of the next change reach the member still allowed, not the disabled one.
    const changed = await t.api.gql(as.tokens.admin, UPDATE_PATRON, {
      input: { eventId, email, phone: '+1 555 0100', notes: 'Seasick last time' },
    });
    expect(changed.errors).toBeUndefined();
    expect((await bystander.next((m) => m.type === 'data')).payload.data.onRosterChanged).toMatchObject({
      phone: '+1 555 0100',
    });
    expect(watching.messages.filter((m) => m.type === 'data')).toEqual([]);
    bystander.close();
  });
});

describe('an open subscription of a member moved to another group', () => {
  it('is closed, and cannot be started again with the token they held', async () => {
    const jo = await member('jo', 'ADMINS');
    const as = await admin();
    const { eventId } = await eventWithPatron(as, 10_000, `pat.jo.${Date.now()}@example.com`);
    const auth = { Authorization: jo.idToken, host: new URL(t.api.url).host };
    const connect = async () => {
      const c = await RealtimeClient.open(t.api.url.replace('http://', 'ws://'), auth);
      await c.init();
      return c;
    };
    const watching = await connect();
    expect(await watching.start('r', ON_ROSTER, { eventId }, auth)).toEqual({ type: 'start_ack', id: 'r' });

    await t.api.gql(as.tokens.admin, SET_GROUP, { email: jo.email, group: 'ACCOUNTING' });
    expect(await watching.next((m) => m.type === 'complete')).toMatchObject({ type: 'complete', id: 'r' });
    expect(await watching.closed).toEqual({ code: 1000, reason: 'Subscription invalidated' });

    const retry = await connect();
    expect(await retry.start('again', ON_ROSTER, { eventId }, auth)).toEqual({
      type: 'error',
      id: 'again',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'An admin changed your access: sign in again.' }] },
    });
    retry.close();
    expect(
      (
        await t.api.gql(as.tokens.admin, ADD_PATRON, {
          input: { eventId, email: `late.${Date.now()}@example.com`, name: 'Late' },
        })
      ).errors,
    ).toBeUndefined();
    expect(retry.messages.filter((m) => m.type === 'data')).toEqual([]);
  });
});

describe('a member whose password an admin reset', () => {
  it('is refused with the token they held, as the password it was issued for no longer works', async () => {
    const ivy = await member('ivy', 'ACCOUNTING');
    await t.api.gql(await t.token(ada), RESET, { email: ivy.email });
    expect(
      errorOf(
        await t.api.gql(
          ivy.idToken,
          'query { paymentsBetween(from: "2030-01-01T00:00:00Z", to: "2030-01-02T00:00:00Z") { items { id } } }',
        ),
      ),
    ).toEqual(REVOKED);
    await expect(refresh(ivy.refreshToken)).rejects.toBeInstanceOf(NotAuthorizedException);
  });
});
