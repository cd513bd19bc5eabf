/**
 * The subscription utilities, checked against the AppSync developer guide's own examples
 * (transformation helpers, extensions, enhanced filtering, unsubscribing with filters), evaluated
 * exactly as `npm run appsync:evaluate` evaluates a file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compileResolver } from '../../../../local/appsync/runtime';
import { evaluateFile } from '../../../../local/appsync/runtime/evaluate';
import {
  filterProblem,
  matchesFilter,
  type SubscriptionFilter,
} from '../../../../local/appsync/runtime/modules/subscription-filter';
import { valueOf } from './support/helpers';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scc-subscription-filter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const group = (...filters: [string, string, unknown][]) => ({
  filters: filters.map(([fieldName, operator, value]) => ({ fieldName, operator, value })),
});

const BOOKS = `{
  percentageUp: { lte: 50, gte: 20 },
  and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
  or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
}`;

describe('util.transform.toSubscriptionFilter: the transformation helpers reference', () => {
  it('argument 1: each operator of a field and each member of an or is an alternative, multiplied out', async () => {
    const file = write(
      'books.js',
      `import { util } from '@aws-appsync/utils';
export function request(ctx) { return util.transform.toSubscriptionFilter(${BOOKS}); }
export function response(ctx) { return null; }
`,
    );
    const { code, stdout } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      ['local/appsync/evaluate-cli.ts', '--code', file, '--function', 'request'],
      { cwd: root },
    ).then((r) => ({ code: 0, ...r }));
    expect(code).toBe(0);
    const common: [string, string, unknown][] = [
      ['title', 'ne', 'Book1'],
      ['downvotes', 'gt', 2000],
    ];
    expect(JSON.parse(JSON.parse(stdout).evaluationResult)).toEqual({
      filterGroup: [
        group(['percentageUp', 'lte', 50], ...common, ['author', 'eq', 'Admin']),
        group(['percentageUp', 'lte', 50], ...common, ['isPublished', 'eq', false]),
        group(['percentageUp', 'gte', 20], ...common, ['author', 'eq', 'Admin']),
        group(['percentageUp', 'gte', 20], ...common, ['isPublished', 'eq', false]),
      ],
    });
  });

  it('argument 2: ignored fields are dropped wherever they stand, and an or member left empty offers nothing', () => {
    expect(
      valueOf(`util.transform.toSubscriptionFilter(${BOOKS.replace('2000', '20')}, ['percentageUp', 'author'])`),
    ).toEqual({
      filterGroup: [group(['title', 'ne', 'Book1'], ['downvotes', 'gt', 20], ['isPublished', 'eq', false])],
    });
  });

  // The guide prints this example's `downvotes: { lt: 20 }` back as "gt": AWS carries operators
  // through unchanged (its EvaluateCode answers show it), so "lt" is what comes out.
  it('argument 3: at least one rule must hold, so each rule is added as an alternative to every group', () => {
    const filter = BOOKS.replace('gt: 2000', 'lt: 20');
    expect(
      valueOf(
        `util.transform.toSubscriptionFilter(${filter}, ['percentageUp', 'author'], { upvotes: { gte: 250 }, author: { eq: 'Person1' } })`,
      ),
    ).toEqual({
      filterGroup: [
        group(['title', 'ne', 'Book1'], ['downvotes', 'lt', 20], ['isPublished', 'eq', false], ['upvotes', 'gte', 250]),
        group(
          ['title', 'ne', 'Book1'],
          ['downvotes', 'lt', 20],
          ['isPublished', 'eq', false],
          ['author', 'eq', 'Person1'],
        ),
      ],
    });
  });

  it.each([
    ['{}', { filterGroup: [] }],
    ['{ a: {} }', { filterGroup: [] }],
    ['{ and: [] }', { filterGroup: [] }],
    ['{ z: { eq: 0 }, and: [{ a: { eq: 1 } }] }', { filterGroup: [group(['z', 'eq', 0], ['a', 'eq', 1])] }],
    ['{ not: { a: { eq: 1 } } }', { filterGroup: [group(['not', 'a', { eq: 1 }])] }],
    ['{ a: { bogus: 1 } }', { filterGroup: [group(['a', 'bogus', 1])] }],
    ['{}, [], { r1: { eq: 1 } }', { filterGroup: [group(['r1', 'eq', 1])] }],
    ['null', null],
    ['[]', null],
    ['\'{"a":{"eq":1}}\'', null],
  ])('toSubscriptionFilter(%s)', (args, expected) => {
    expect(valueOf(`util.transform.toSubscriptionFilter(${args})`)).toEqual(expected);
  });
});

describe('extensions: the subscription resolver examples of the developer guide', () => {
  it('enhanced filtering: onSpecialTicketCreated sets an or of two filters and returns null', async () => {
    const file = write(
      'special.js',
      `import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  const filter = {
    or: [
      { severity: { ge: 7 }, priority: { in: ['high', 'medium'] } },
      { category: { eq: 'security' }, group: { in: ['admin', 'operators'] } },
      { 'location.address.country': { eq: 'USA' } },
    ],
  };
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  return null;
}
`,
    );
    expect(await evaluateFile(file, 'response', {})).toEqual({
      evaluationResult: 'null',
      logs: [],
      stash: '{}',
      outErrors: '[]',
    });
    const evaluation = compileResolver(`import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ or: [
    { severity: { ge: 7 }, priority: { in: ['high', 'medium'] } },
    { category: { eq: 'security' }, group: { in: ['admin', 'operators'] } },
    { 'location.address.country': { eq: 'USA' } },
  ] }));
  return null;
}`).run('response', {});
    const filter = evaluation.extensions?.subscriptionFilter as SubscriptionFilter;
    expect(filter).toEqual({
      filterGroup: [
        group(['severity', 'ge', 7], ['priority', 'in', ['high', 'medium']]),
        group(['category', 'eq', 'security'], ['group', 'in', ['admin', 'operators']]),
        group(['location.address.country', 'eq', 'USA']),
      ],
    });
    expect(filterProblem(filter)).toBeNull();
    expect(matchesFilter(filter, { severity: 8, priority: 'high' })).toBe(true);
    expect(matchesFilter(filter, { severity: 8, priority: 'low' })).toBe(false);
    expect(matchesFilter(filter, { category: 'security', group: 'operators' })).toBe(true);
    expect(matchesFilter(filter, { location: { address: { country: 'USA' } } })).toBe(true);
    expect(matchesFilter(filter, { location: { address: { country: 'CAN' } } })).toBe(false);
  });

  it('unsubscribing: a subscription sets its filter and its invalidation filter; the mutation asks to invalidate', () => {
    const subscription = compileResolver(`import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  const filter = { groupId: { eq: ctx.args.groupId } };
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  const invalidation = { groupId: { eq: ctx.args.groupId }, userId: { eq: ctx.args.userId } };
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter(invalidation));
  return null;
}`).run('response', { arguments: { userId: 'user-1', groupId: 'group-1' } });
    expect(subscription.value).toBeNull();
    expect(subscription.extensions).toEqual({
      subscriptionFilter: { filterGroup: [group(['groupId', 'eq', 'group-1'])] },
      invalidationFilter: { filterGroup: [group(['groupId', 'eq', 'group-1'], ['userId', 'eq', 'user-1'])] },
      invalidations: [],
    });

    const mutation = compileResolver(`import { extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  const { userId, groupId } = ctx.args;
  extensions.invalidateSubscriptions({ subscriptionField: 'onGroupMessageCreated', payload: { userId, groupId } });
  return { userId, groupId };
}`).run('response', { arguments: { userId: 'user-1', groupId: 'group-1' } });
    expect(mutation.value).toEqual({ userId: 'user-1', groupId: 'group-1' });
    expect(mutation.extensions?.invalidations).toEqual([
      { subscriptionField: 'onGroupMessageCreated', payload: { userId: 'user-1', groupId: 'group-1' } },
    ]);
    const invalidation = subscription.extensions?.invalidationFilter as SubscriptionFilter;
    expect(matchesFilter(invalidation, { userId: 'user-1', groupId: 'group-1' })).toBe(true);
    expect(matchesFilter(invalidation, { userId: 'user-2', groupId: 'group-2' })).toBe(false);
  });

  it("extensions reference: invalidateSubscriptions returns the handler's own result through evaluate", async () => {
    const file = write(
      'delete.js',
      `import { extensions } from '@aws-appsync/utils';
export const request = (ctx) => ({ payload: null });
export function response(ctx) {
  extensions.invalidateSubscriptions({
    subscriptionField: 'onUserDelete',
    payload: { group: 'Developer', type: 'Full-Time' },
  });
  return ctx.result;
}
`,
    );
    expect(await evaluateFile(file, 'response', { result: { id: 'u1' } })).toEqual({
      evaluationResult: '{"id":"u1"}',
      logs: [],
      stash: '{}',
      outErrors: '[]',
    });
  });

  it('records a copy: changing the filter object after the call changes nothing', () => {
    const evaluation = compileResolver(`import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return {}; }
export function response(ctx) {
  const filter = { filterGroup: [{ filters: [{ fieldName: 'userId', operator: 'eq', value: 1 }] }] };
  extensions.setSubscriptionFilter(filter);
  filter.filterGroup[0].filters[0].value = 2;
  return null;
}`).run('response', {});
    expect(evaluation.extensions?.subscriptionFilter).toEqual({ filterGroup: [group(['userId', 'eq', 1])] });
  });
});

describe('filterProblem: what the real-time endpoint refuses', () => {
  it.each([
    [null, /no filterGroup/],
    [{ filterGroup: [] }, null],
    [{ filterGroup: [{ filters: [] }] }, /non-empty/],
    [{ filterGroup: [group(['a', 'like', 1])] }, /unknown operator like/],
    [{ filterGroup: [group(['a', 'in', [1, 2, 3, 4, 5, 6]])] }, /at most 5 values/],
    [{ filterGroup: [group(['a.b.c.d.e.f', 'eq', 1])] }, /nest at most 5/],
    [{ filterGroup: Array.from({ length: 11 }, () => group(['a', 'eq', 1])) }, /at most 10 filter groups/],
    [
      { filterGroup: [group(...Array.from({ length: 6 }, (_, i): [string, string, unknown] => [`f${i}`, 'eq', 1]))] },
      /at most 5 filters/,
    ],
  ])('%j', (filter, problem) => {
    if (problem === null) expect(filterProblem(filter)).toBeNull();
    else expect(filterProblem(filter)).toMatch(problem);
  });
});
