import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamHandler } from '../../amplify/functions/team/handler';
import { scanAll, stack } from '../support/stack';
import type { GraphQLResponse } from './support/harness';
import {
  DISABLE,
  ENABLE,
  INVITE,
  PASSWORD,
  RESET,
  SET_GROUP,
  startTeamPool,
  TEAM_MEMBERS,
  type TeamPool,
} from './support/team';

/**
 * The team, end to end: the local API, the team Lambda in-process, the real
 * cognito-local (a pool of this file's own), DynamoDB Local and the local SES.
 */
let t: TeamPool;
let ada: string; // an admin
let bo: string; // a second admin
let cy: string; // crew
const token: Record<string, string> = {};

beforeAll(async () => {
  t = await startTeamPool();
  ada = t.email('ada');
  bo = t.email('bo');
  cy = t.email('cy');
  await t.addUser(ada, 'ADMINS');
  await t.addUser(bo, 'ADMINS');
  await t.addUser(cy, 'CREW');
  for (const e of [ada, bo, cy]) token[e] = await t.token(e);
});
afterAll(() => t?.api.close());

const members = async (as = ada) => {
  const all: Record<string, any>[] = [];
  let nextToken: string | null = null;
  do {
    const page: GraphQLResponse = await t.api.gql(token[as] ?? as, TEAM_MEMBERS, { limit: 60, nextToken });
    if (page.errors) throw new Error(JSON.stringify(page.errors));
    all.push(...page.data!.teamMembers.items);
    nextToken = page.data!.teamMembers.nextToken;
  } while (nextToken);
  return all;
};
const member = async (email: string) => (await members()).find((m) => m.email === email);
const errorOf = (r: { errors?: { errorType?: string; errorInfo?: unknown }[] }) =>
  r.errors?.[0] && { type: r.errors[0].errorType, info: r.errors[0].errorInfo ?? null };

describe('who may manage the team', () => {
  it('is ADMINS only: crew and accounting are refused every team field', async () => {
    const accounting = t.email('acc');
    await t.addUser(accounting, 'ACCOUNTING');
    for (const who of [token[cy]!, await t.token(accounting)]) {
      for (const [query, variables] of [
        [TEAM_MEMBERS, {}],
        [INVITE, { input: { email: t.email('x'), name: 'X', group: 'CREW' } }],
        [DISABLE, { email: ada }],
        [SET_GROUP, { email: ada, group: 'CREW' }],
      ] as const) {
        const r = await t.api.gql(who, query, variables);
        expect(errorOf(r)?.type).toBe('Unauthorized');
      }
    }
    expect(await member(ada)).toMatchObject({ group: 'ADMINS', enabled: true });
  });
});

describe('inviting', () => {
  it('adds the person to the group, mails them a temporary password, and audits it without the password', async () => {
    const dee = t.email('dee');
    const r = await t.api.gql(token[ada], INVITE, { input: { email: dee, name: 'Dee Deckhand', group: 'CREW' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.inviteTeamMember).toMatchObject({
      email: dee,
      name: 'Dee Deckhand',
      group: 'CREW',
      enabled: true,
      status: 'FORCE_CHANGE_PASSWORD',
      mailStatus: 'SENT',
    });

    const temporary = await t.mailedPassword(dee);
    const idToken = await t.choosePassword(dee, temporary, 'My-own-pass-2026!');
    expect(JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString())['cognito:groups']).toEqual(['CREW']);
    expect(await member(dee)).toMatchObject({ status: 'CONFIRMED' });

    const record = (await t.audit()).find((a) => a.operation === 'inviteTeamMember' && a.after?.email === dee)!;
    expect(record).toMatchObject({
      entity: 'TEAM',
      actor: ada,
      after: { email: dee, group: 'CREW', enabled: true, status: 'FORCE_CHANGE_PASSWORD' },
    });
    expect(record.before).toBeNull();
    expect(JSON.stringify(await scanAll(t.api.tableName))).not.toContain(temporary);
  });

  it('refuses someone already on the team, and bad input, changing nothing', async () => {
    const before = await scanAll(t.api.tableName);
    const again = await t.api.gql(token[ada], INVITE, { input: { email: cy, name: 'Cy', group: 'ADMINS' } });
    expect(errorOf(again)).toEqual({ type: 'Conflict', info: { reason: 'ALREADY_MEMBER', retryable: false } });
    const blank = await t.api.gql(token[ada], INVITE, {
      input: { email: t.email('blank'), name: '   ', group: 'CREW' },
    });
    expect(errorOf(blank)?.type).toBe('ValidationError');
    const markup = await t.api.gql(token[ada], INVITE, {
      input: { email: t.email('markup'), name: '<b>x</b>', group: 'CREW' },
    });
    expect(errorOf(markup)?.type).toBe('ValidationError');
    expect(await member(cy)).toMatchObject({ group: 'CREW' });
    expect((await members()).map((m) => m.email)).not.toContain(t.email('blank'));
    // The lock item's counter is the only thing allowed to differ: refusals audit nothing.
    const after = await scanAll(t.api.tableName);
    expect(after.filter((i) => i.PK?.S !== 'TEAM')).toEqual(before.filter((i) => i.PK?.S !== 'TEAM'));
  });
});

describe('when mail is down', () => {
  it('still adds the member, says the temporary password did not go out, and a reset sends another', async () => {
    const s = stack();
    const offline = teamHandler({
      dynamo: { tableName: t.api.tableName, region: s.region, endpoint: s.dynamodbEndpoint },
      // Nothing listens on port 9: SES is unreachable.
      mail: { region: s.region, endpoint: 'http://127.0.0.1:9', sender: 'team@scc.test' },
      cognito: { userPoolId: t.userPoolId, region: s.region, endpoint: s.cognitoEndpoint },
    });
    const eve = t.email('eve');
    const out = await offline({
      action: 'invite',
      actor: ada,
      args: { input: { email: eve, name: 'Eve', group: 'CREW' } },
    });
    expect(out).toMatchObject({
      value: {
        email: eve,
        status: 'FORCE_CHANGE_PASSWORD',
        mailStatus: 'FAILED',
        mailError: expect.stringContaining('could not be reached'),
      },
    });
    expect(JSON.stringify(out)).not.toContain('127.0.0.1');
    const reset = await t.api.gql(token[ada], RESET, { email: eve });
    expect(reset.data!.resetTeamMemberPassword).toMatchObject({ mailStatus: 'SENT' });
    await t.choosePassword(eve, await t.mailedPassword(eve), 'Eve-sails-2026!');
  });
});

describe('listing', () => {
  it('pages through every member once, each with group and status', async () => {
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const r: GraphQLResponse = await t.api.gql(token[ada], TEAM_MEMBERS, { limit: 2, nextToken });
      expect(r.errors).toBeUndefined();
      expect(r.data!.teamMembers.items.length).toBeLessThanOrEqual(2);
      seen.push(...r.data!.teamMembers.items.map((m: { email: string }) => m.email));
      nextToken = r.data!.teamMembers.nextToken;
      pages += 1;
    } while (nextToken);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([ada, bo, cy]));
    expect(await member(bo)).toMatchObject({ group: 'ADMINS', enabled: true, status: 'CONFIRMED' });
  });

  it('refuses a made-up page token and a page over 60', async () => {
    expect(errorOf(await t.api.gql(token[ada], TEAM_MEMBERS, { nextToken: 'not-ours' }))?.type).toBe('ValidationError');
    expect(errorOf(await t.api.gql(token[ada], TEAM_MEMBERS, { limit: 61 }))?.type).toBe('ValidationError');
  });
});

describe('changing a member', () => {
  it('moves a member to another group: their next token carries it, and the move is audited', async () => {
    const r = await t.api.gql(token[ada], SET_GROUP, { email: cy, group: 'ACCOUNTING' });
    expect(r.data!.setTeamMemberGroup).toMatchObject({ email: cy, group: 'ACCOUNTING' });
    const fresh = await t.token(cy);
    expect(JSON.parse(Buffer.from(fresh.split('.')[1]!, 'base64url').toString())['cognito:groups']).toEqual([
      'ACCOUNTING',
    ]);
    expect((await t.audit()).find((a) => a.operation === 'setTeamMemberGroup' && a.after?.email === cy)).toMatchObject({
      actor: ada,
      before: { group: 'CREW' },
      after: { group: 'ACCOUNTING' },
    });
    await t.api.gql(token[ada], SET_GROUP, { email: cy, group: 'CREW' });
    token[cy] = await t.token(cy);
  });

  it('disables a member: their token is refused at once; enabled again, they sign in and work', async () => {
    expect(
      (await t.api.gql(token[cy], `query { listEvents(from: "2030-01-01", to: "2030-01-02") { items { id } } }`))
        .errors,
    ).toBeUndefined();
    const off = await t.api.gql(token[ada], DISABLE, { email: cy });
    expect(off.data!.disableTeamMember).toMatchObject({ email: cy, enabled: false, signedOut: true });
    const refused = await t.api.gql(
      token[cy],
      `query { listEvents(from: "2030-01-01", to: "2030-01-02") { items { id } } }`,
    );
    expect(refused.status).toBe(401);

    const on = await t.api.gql(token[ada], ENABLE, { email: cy });
    expect(on.data!.enableTeamMember).toMatchObject({ enabled: true });
    token[cy] = await t.token(cy);
    expect(
      (await t.api.gql(token[cy], `query { listEvents(from: "2030-01-01", to: "2030-01-02") { items { id } } }`))
        .errors,
    ).toBeUndefined();
    const ops = (await t.audit()).filter((a) => a.after?.email === cy).map((a) => a.operation);
    expect(ops).toEqual(expect.arrayContaining(['disableTeamMember', 'enableTeamMember']));
  });

  it('resets a password: the old one stops working, a temporary one is mailed, and the member chooses a new one', async () => {
    const r = await t.api.gql(token[ada], RESET, { email: cy });
    expect(r.data!.resetTeamMemberPassword).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', mailStatus: 'SENT' });
    await expect(t.token(cy, PASSWORD)).rejects.toThrow();
    const temporary = await t.mailedPassword(cy);
    await t.choosePassword(cy, temporary, PASSWORD);
    token[cy] = await t.token(cy);
    expect(token[cy]).toBeTruthy();
  });

  it('answers NotFound for someone not on the team', async () => {
    for (const q of [DISABLE, ENABLE, RESET])
      expect(errorOf(await t.api.gql(token[ada], q, { email: t.email('nobody') }))?.type).toBe('NotFound');
    expect(errorOf(await t.api.gql(token[ada], SET_GROUP, { email: t.email('nobody'), group: 'CREW' }))?.type).toBe(
      'NotFound',
    );
  });

  it('changes nothing and audits nothing when the member is already so', async () => {
    const count = (await t.audit()).length;
    expect(
      (await t.api.gql(token[ada], SET_GROUP, { email: bo, group: 'ADMINS' })).data!.setTeamMemberGroup,
    ).toMatchObject({ group: 'ADMINS' });
    expect((await t.api.gql(token[ada], ENABLE, { email: bo })).data!.enableTeamMember).toMatchObject({
      enabled: true,
    });
    expect((await t.audit()).length).toBe(count);
  });
});

describe('the last admin', () => {
  // Read from the pool itself: the loser of a round may be disabled, and so unable to ask the API.
  const enabledAdmins = () => t.enabledAdmins();

  it('cannot be demoted or disabled, by anyone, themselves included', async () => {
    expect((await t.api.gql(token[ada], DISABLE, { email: bo })).errors).toBeUndefined();
    for (const q of [
      [SET_GROUP, { email: ada, group: 'CREW' }],
      [SET_GROUP, { email: ada, group: 'ACCOUNTING' }],
      [DISABLE, { email: ada }],
    ] as const) {
      const r = await t.api.gql(token[ada], q[0], q[1]);
      expect(errorOf(r)).toEqual({ type: 'Conflict', info: { reason: 'LAST_ADMIN', retryable: false } });
      expect(r.errors![0]!.message).toContain('last admin');
    }
    // A disabled admin does not count: bo, still in ADMINS but disabled, leaves ada the last.
    expect(await enabledAdmins()).toEqual([ada]);
    expect((await t.api.gql(token[ada], ENABLE, { email: bo })).errors).toBeUndefined();
    token[bo] = await t.token(bo);
  });

  it('survives two admins demoting each other at the same moment: exactly one wins, one admin remains', async () => {
    for (let round = 0; round < 4; round += 1) {
      expect((await enabledAdmins()).sort()).toEqual([ada, bo].sort());
      const [one, two] = await Promise.all([
        t.api.gql(token[ada], SET_GROUP, { email: bo, group: 'CREW' }),
        round % 2
          ? t.api.gql(token[bo], DISABLE, { email: ada })
          : t.api.gql(token[bo], SET_GROUP, { email: ada, group: 'CREW' }),
      ]);
      const outcomes = [one, two].map((r) =>
        r.errors ? (r.errors[0]!.errorInfo as { reason: string }).reason : 'done',
      );
      expect(outcomes.sort()).toEqual(['LAST_ADMIN', 'done']);
      const left = await enabledAdmins();
      expect(left).toHaveLength(1);
      // Back to two admins for the next round, by the one who is left.
      const winner = left[0]!;
      const loser = winner === ada ? bo : ada;
      await t.api.gql(token[winner], ENABLE, { email: loser });
      await t.api.gql(token[winner], SET_GROUP, { email: loser, group: 'ADMINS' });
      token[loser] = await t.token(loser);
    }
  });
});
