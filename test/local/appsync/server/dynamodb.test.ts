import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from '../../../support/stack';
import { gql, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.api.close());

const PUT = 'mutation Put($id: ID!, $email: AWSEmail!) { putThing(id: $id, email: $email) { id } }';
const LIST =
  'query List($limit: Int, $nextToken: String) { listThings(limit: $limit, nextToken: $nextToken) { items { id } nextToken } }';

describe('DynamoDB data source', () => {
  it('pages a Query with an opaque nextToken until the end', async () => {
    for (const id of ['a', 'b', 'c']) await gql(h.api.url, h.tokens.admin, PUT, { id, email: `${id}@example.com` });
    const first = await gql(h.api.url, h.tokens.crew, LIST, { limit: 2 });
    const page1 = first.body.data?.listThings as { items: { id: string }[]; nextToken: string };
    expect(page1.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(page1.nextToken).toEqual(expect.any(String));
    // AppSync's shape (base64 JSON with a version and a token), the key inside it sealed, not merely encoded.
    const outer = JSON.parse(Buffer.from(page1.nextToken, 'base64').toString('utf8')) as {
      version: number;
      token: string;
    };
    expect(outer).toEqual({ version: expect.any(Number), token: expect.any(String) });
    expect(Buffer.from(outer.token, 'base64').toString('latin1')).not.toContain('THING#');
    const second = await gql(h.api.url, h.tokens.crew, LIST, { limit: 2, nextToken: page1.nextToken });
    expect(second.body.data?.listThings).toEqual({ items: [{ id: 'c' }], nextToken: null });
  });

  it('refuses a nextToken it did not issue', async () => {
    const forged = Buffer.from(
      JSON.stringify({ version: 1, token: Buffer.from('{"PK":{"S":"x"}}').toString('base64'), mac: 'nope' }),
    ).toString('base64');
    const res = await gql(h.api.url, h.tokens.crew, LIST, { limit: 2, nextToken: forged });
    expect(res.body.data).toEqual({ listThings: null });
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'DynamoDB:ValidationException' });
  });

  it('refuses a token it issued once it has been edited', async () => {
    const first = await gql(h.api.url, h.tokens.crew, LIST, { limit: 1 });
    const issued = (first.body.data?.listThings as { nextToken: string }).nextToken;
    const outer = JSON.parse(Buffer.from(issued, 'base64').toString('utf8')) as { version: number; token: string };
    const sealed = Buffer.from(outer.token, 'base64');
    sealed[sealed.length - 20] ^= 1;
    const edited = Buffer.from(JSON.stringify({ ...outer, token: sealed.toString('base64') })).toString('base64');
    const res = await gql(h.api.url, h.tokens.crew, LIST, { limit: 1, nextToken: edited });
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'DynamoDB:ValidationException' });
  });

  it('returns the keys of a TransactWriteItems that went through', async () => {
    const res = await gql(h.api.url, h.tokens.admin, 'mutation { createPair(id: "p1") }');
    expect(res.body.errors).toBeUndefined();
    expect(JSON.parse(res.body.data?.createPair as string)).toEqual({
      keys: [
        { PK: 'PAIR#p1', SK: 'LEFT' },
        { PK: 'PAIR#p1', SK: 'RIGHT' },
      ],
      cancellationReasons: null,
    });
  });

  it('surfaces a cancelled transaction as AppSync does: ctx.error typed, cancellationReasons per item', async () => {
    await gql(h.api.url, h.tokens.admin, 'mutation { createPair(id: "p2") }');
    const before = await scanAll(h.table);
    const res = await gql(h.api.url, h.tokens.admin, 'mutation { createPair(id: "p2") }');
    expect(res.body.data).toEqual({ createPair: null });
    const [err] = res.body.errors ?? [];
    expect(err).toMatchObject({
      path: ['createPair'],
      errorType: 'DynamoDB:TransactionCanceledException',
      message: expect.stringContaining('Transaction cancelled'),
    });
    expect((err.errorInfo as { cancellationReasons: unknown[] }).cancellationReasons).toEqual([
      {
        item: { PK: 'PAIR#p2', SK: 'LEFT', id: 'p2' },
        type: 'ConditionalCheckFailed',
        message: expect.stringMatching(/conditional request failed/i),
      },
      {
        item: { PK: 'PAIR#p2', SK: 'RIGHT', id: 'p2' },
        type: 'ConditionalCheckFailed',
        message: expect.stringMatching(/conditional request failed/i),
      },
    ]);
    expect(await scanAll(h.table)).toEqual(before);
  });

  it("treats a conditional put whose item is already there, unchanged, as done (AppSync's condition handling)", async () => {
    const ADD = 'mutation Add($id: ID!, $email: AWSEmail!) { addThing(id: $id, email: $email) { id email } }';
    expect((await gql(h.api.url, h.tokens.admin, ADD, { id: 'c1', email: 'c1@example.com' })).body).toEqual({
      data: { addThing: { id: 'c1', email: 'c1@example.com' } },
    });
    expect((await gql(h.api.url, h.tokens.admin, ADD, { id: 'c1', email: 'c1@example.com' })).body).toEqual({
      data: { addThing: { id: 'c1', email: 'c1@example.com' } },
    });
  });

  it('fails a conditional put that would change the item, giving the current item as ctx.result', async () => {
    const ADD = 'mutation Add($id: ID!, $email: AWSEmail!) { addThing(id: $id, email: $email) { id email } }';
    await gql(h.api.url, h.tokens.admin, ADD, { id: 'c2', email: 'first@example.com' });
    const res = await gql(h.api.url, h.tokens.admin, ADD, { id: 'c2', email: 'second@example.com' });
    expect(res.body.data).toEqual({ addThing: null });
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException' });
    // AppSync cuts the error's data down to the selection set, as it would the field's value.
    expect(res.body.errors?.[0].data).toEqual({ id: 'c2', email: 'first@example.com' });
  });

  it('unmarshalls items for the resolver (GetItem of a missing key is null)', async () => {
    await gql(h.api.url, h.tokens.admin, PUT, { id: 'g', email: 'g@example.com' });
    const got = await gql(h.api.url, h.tokens.crew, '{ getThing(id: "g") { id email seenAt } }');
    expect(got.body).toEqual({ data: { getThing: { id: 'g', email: 'g@example.com', seenAt: null } } });
    const missing = await gql(h.api.url, h.tokens.crew, '{ getThing(id: "nobody") { id } }');
    expect(missing.body).toEqual({ data: { getThing: null } });
  });
});
