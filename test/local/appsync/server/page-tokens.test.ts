import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../../../api/support/harness';

const LIST = `query($from: AWSDate!, $to: AWSDate!, $nextToken: String) {
  listEvents(from: $from, to: $to, limit: 1, nextToken: $nextToken) { items { id } nextToken } }`;
const RANGE = { from: '2031-01-01', to: '2032-12-31' };

let api: Api;
let other: Api;
let token: string;
beforeAll(async () => {
  [api, other] = await Promise.all([startApi(), startApi()]);
  for (const [title, startsAt] of [
    ['Token sail one', '2031-06-01T17:00:00Z'],
    ['Token sail two', '2031-06-02T17:00:00Z'],
    ['Token sail three', '2032-06-02T17:00:00Z'],
  ]) {
    const made = await api.gql(
      api.tokens.admin,
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      { input: { title, startsAt, capacity: 10, priceCents: 100 } },
    );
    expect(made.errors).toBeUndefined();
  }
  const first = await api.gql(api.tokens.crew, LIST, RANGE);
  token = first.data!.listEvents.nextToken;
  expect(token).toEqual(expect.any(String));
}, 60_000);
afterAll(async () => {
  await api?.close();
  await other?.close();
});

/** The checksum page tokens carried before (a keyed polynomial hash, with no key set anywhere). */
function oldChecksum(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.:#@ ';
  let h = 7;
  for (const ch of text) h = (h * 131 + alphabet.indexOf(ch) + 2) % 2147483647;
  return String(h);
}

async function refused(nextToken: string, on = api) {
  const res = await on.gql(on.tokens.crew, LIST, { ...RANGE, nextToken });
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]).toMatchObject({
    errorType: 'ValidationError',
    message: 'nextToken is not valid for this query: start again without it.',
  });
  expect(JSON.stringify(res)).not.toMatch(/code\.js|SyntaxError/);
}

describe('page tokens cannot be forged', () => {
  it('a genuine token reads the next page', async () => {
    const next = await api.gql(api.tokens.crew, LIST, { ...RANGE, nextToken: token });
    expect(next.errors).toBeUndefined();
    expect(next.data!.listEvents.items).toHaveLength(1);
  });

  it('a token made up with the old public checksum is a ValidationError, not a Code error naming code.js', async () => {
    const scope = 'listEvents|' + RANGE.from + '|' + RANGE.to;
    for (const body of ['Zm9v', 'bm90IGpzb24=', 'eyJwIjoiMjAzMSJ9']) {
      await refused(`${body}.${oldChecksum(scope + body)}`);
      await refused(`${body}.${oldChecksum(body)}`);
    }
  });

  it('an edited token (another partition, or its signature moved onto another body) is a ValidationError', async () => {
    const [body, signature] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
    const cursor = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
    await refused(`${Buffer.from(JSON.stringify({ ...cursor, p: '2032' })).toString('base64')}.${signature}`);
    await refused(`${body}.${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    await refused(`${body}.`);
    await refused('.');
  });

  it("another API's token (another secret) is a ValidationError there", async () => {
    await refused(token, other);
  });
});
