import { describe, expect, it } from 'vitest';
import { Conflict, ValidationError, ServiceUnavailable } from '../../../../amplify/functions/errors';
import { teamResult } from '../../../../amplify/functions/team/handler';
import { renderPasswordMail } from '../../../../amplify/functions/team/mail';
import {
  decodeCursor,
  encodeCursor,
  groupOf,
  keepsAnAdmin,
  memberOf,
  pageOf,
  temporaryPassword,
  type Member,
} from '../../../../amplify/functions/team/members';
import { parseTeamRequest } from '../../../../amplify/functions/team/request';

/** The team Lambda's rules, without a pool: what Cognito answers in, what the Team page gets out. */
const admin = (email: string, enabled = true): Member => ({
  email,
  name: null,
  group: 'ADMINS',
  enabled,
  status: 'CONFIRMED',
  createdAt: null,
});
const crew = (email: string): Member => ({ ...admin(email), group: 'CREW' });

describe('one enabled admin always remains (keepsAnAdmin)', () => {
  it('refuses demoting or disabling the only enabled admin, with reason LAST_ADMIN', () => {
    for (const change of [
      { kind: 'setGroup', group: 'CREW' },
      { kind: 'setGroup', group: 'ACCOUNTING' },
      { kind: 'disable' },
    ] as const) {
      expect(() => keepsAnAdmin(admin('a@x.test'), change, ['a@x.test'])).toThrow(
        expect.objectContaining({ name: 'Conflict', reason: 'LAST_ADMIN' }),
      );
    }
  });
  it('allows it while another enabled admin remains', () => {
    expect(() => keepsAnAdmin(admin('a@x.test'), { kind: 'disable' }, ['a@x.test', 'b@x.test'])).not.toThrow();
  });
  it('allows what keeps the admin an enabled admin, and anything done to others', () => {
    expect(() => keepsAnAdmin(admin('a@x.test'), { kind: 'setGroup', group: 'ADMINS' }, ['a@x.test'])).not.toThrow();
    expect(() => keepsAnAdmin(admin('a@x.test'), { kind: 'resetPassword' }, ['a@x.test'])).not.toThrow();
    expect(() => keepsAnAdmin(crew('c@x.test'), { kind: 'disable' }, ['a@x.test'])).not.toThrow();
    expect(() =>
      keepsAnAdmin(admin('d@x.test', false), { kind: 'setGroup', group: 'CREW' }, ['a@x.test']),
    ).not.toThrow();
  });
  it('does not count a disabled admin as the one remaining', () => {
    // enabledAdmins holds only enabled ones: b, disabled, is not in it.
    expect(() => keepsAnAdmin(admin('a@x.test'), { kind: 'disable' }, ['a@x.test'])).toThrow(Conflict);
  });
});

describe('a member as the pool describes them', () => {
  it('is named by email, lower-cased, in their most powerful group', () => {
    const m = memberOf(
      {
        username: 'sub-1',
        attributes: { email: 'Dee@X.test', name: 'Dee' },
        enabled: false,
        status: 'FORCE_CHANGE_PASSWORD',
        createdAt: new Date('2026-01-02T03:04:05Z'),
      },
      ['CREW', 'ADMINS', 'other'],
    );
    expect(m).toEqual({
      email: 'dee@x.test',
      name: 'Dee',
      group: 'ADMINS',
      enabled: false,
      status: 'FORCE_CHANGE_PASSWORD',
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(groupOf(['other'])).toBeNull();
  });
});

describe('pages', () => {
  const users = ['a', 'b', 'c', 'd', 'e'];
  it('page through an answer longer than asked (cognito-local ignores Limit), then on with Cognito’s token', () => {
    const first = pageOf(users, decodeCursor(null), 2, 'cognito-2');
    expect(first.items).toEqual(['a', 'b']);
    const second = pageOf(users, decodeCursor(first.next), 2, 'cognito-2');
    expect(second.items).toEqual(['c', 'd']);
    const third = pageOf(users, decodeCursor(second.next), 2, 'cognito-2');
    expect(third.items).toEqual(['e']);
    expect(decodeCursor(third.next)).toEqual({ p: 'cognito-2', skip: 0 });
    expect(pageOf(['x'], { skip: 0 }, 2, undefined).next).toBeNull();
  });
  it('refuse a token they did not give out', () => {
    for (const bad of [
      'nope',
      encodeCursor({ skip: -1 }),
      Buffer.from('{"skip":1.5}').toString('base64url'),
      Buffer.from('{"p":3,"skip":0}').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });
});

describe('temporary passwords', () => {
  it('meet Cognito’s default policy, whatever the random bytes', () => {
    for (const fill of [0, 7, 255]) {
      const p = temporaryPassword(new Uint8Array(16).fill(fill));
      expect(p).toHaveLength(16);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[!#%+\-=?@]/);
    }
    expect(temporaryPassword()).not.toBe(temporaryPassword());
  });
});

describe('requests from the resolvers', () => {
  const actor = 'ada@x.test';
  it('are checked before anything is done', () => {
    expect(
      parseTeamRequest({
        action: 'invite',
        actor,
        args: { input: { email: ' Dee@X.test ', name: ' Dee ', group: 'CREW' } },
      }),
    ).toEqual({ action: 'invite', actor, email: 'dee@x.test', name: 'Dee', group: 'CREW' });
    expect(parseTeamRequest({ action: 'list', actor, args: {} })).toEqual({
      action: 'list',
      actor,
      limit: 25,
      nextToken: null,
    });
    const refused = [
      { action: 'invite', actor, args: { input: { email: 'dee', name: 'Dee', group: 'CREW' } } },
      { action: 'invite', actor, args: { input: { email: 'd@x.test', name: 'Dee\u202e', group: 'CREW' } } },
      { action: 'invite', actor, args: { input: { email: 'd@x.test', name: 'x'.repeat(101), group: 'CREW' } } },
      { action: 'setGroup', actor, args: { email: 'd@x.test', group: 'CAPTAINS' } },
      { action: 'list', actor, args: { limit: 0 } },
      { action: 'list', actor, args: { limit: 61 } },
      { action: 'delete', actor, args: { email: 'd@x.test' } },
      { action: 'disable', args: { email: 'd@x.test' } },
    ];
    for (const r of refused) expect(() => parseTeamRequest(r), JSON.stringify(r)).toThrow(ValidationError);
  });
});

describe('what the resolver gets back for a failure', () => {
  it('is the contract’s error type, and never the words of an unexpected error', () => {
    expect(teamResult(new ValidationError('bad'))).toEqual({ error: { type: 'ValidationError', message: 'bad' } });
    expect(teamResult(new Conflict('last', 'LAST_ADMIN'))).toEqual({
      error: { type: 'Conflict', message: 'last', info: { reason: 'LAST_ADMIN', retryable: false } },
    });
    const hidden = teamResult(new Error('connect ECONNREFUSED 10.0.0.1:9229'));
    expect(hidden).toMatchObject({ error: { type: 'ServiceUnavailable', info: { retryable: true } } });
    expect(JSON.stringify(hidden)).not.toContain('ECONNREFUSED');
    expect(teamResult(new ServiceUnavailable('x'))).toMatchObject({ error: { type: 'ServiceUnavailable' } });
  });
});

describe('the temporary password mail', () => {
  it('says where and how to sign in, escapes what people typed, and names the dashboard when known', () => {
    const mail = renderPasswordMail({
      kind: 'invite',
      name: '<Dee>',
      email: 'dee@x.test',
      group: 'CREW',
      password: 'Ab3!xyzxyzxyzxyz',
      dashboardUrl: 'https://scc.example/',
    });
    expect(mail.subject).toBe('You are invited to Ship Captain Crew');
    expect(mail.text).toContain('temporary password: Ab3!xyzxyzxyzxyz');
    expect(mail.text).toContain('added to the team as crew');
    expect(mail.text).toContain('https://scc.example/');
    expect(mail.html).toContain('&lt;Dee&gt;');
    expect(mail.html).not.toContain('<Dee>');
    const reset = renderPasswordMail({ kind: 'reset', name: null, email: 'dee@x.test', group: 'CREW', password: 'p' });
    expect(reset.text).toContain('signed you out everywhere');
    expect(reset.text).not.toContain('http');
  });
});
