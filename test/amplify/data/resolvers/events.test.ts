import { describe, expect, it } from 'vitest';
import { ctx, run } from './support/context';

const create = (input: Record<string, unknown>) =>
  run(
    'createEvent.ts',
    'request',
    ctx('createEvent', {
      arguments: { input: { startsAt: '2027-06-05T18:30:00-07:00', capacity: 40, priceCents: 6_500, ...input } },
    }),
  );
const idOf = (out: Awaited<ReturnType<typeof create>>) =>
  (out.value as any).transactItems[0].key.PK.S.slice('EVENT#'.length);

describe('createEvent ids', () => {
  it('slugs the title: accents and symbols become single dashes, none at the ends', async () => {
    expect(idOf(await create({ title: '  Sunset Sail -- & Supper!! ' }))).toBe('2027-06-05-sunset-sail-supper');
    expect(idOf(await create({ title: 'Crêpes à bord' }))).toBe('2027-06-05-crepes-a-bord');
    const long = idOf(await create({ title: 'a'.repeat(79) + ' ' + 'b'.repeat(20) }));
    expect(long).toBe('2027-06-05-' + 'a'.repeat(79));
  });

  it('keeps an id given by the caller, refusing one that is not lower-case letters, digits and dashes', async () => {
    expect(idOf(await create({ title: 'X', id: 'okafor-wedding' }))).toBe('okafor-wedding');
    expect((await create({ title: 'X', id: 'Okafor Wedding' })).error?.errorType).toBe('ValidationError');
  });

  it('stores startsAt in UTC so events sort by their real start', async () => {
    const out = await create({ title: 'Whale Watch' });
    expect((out.value as any).transactItems[0].attributeValues.GSI2SK.S).toBe(
      '2027-06-06T01:30:00.000Z#2027-06-05-whale-watch',
    );
  });
});

describe('updateEvent.write', () => {
  const event = {
    PK: 'EVENT#e',
    SK: 'EVENT',
    id: 'e',
    title: 'T',
    startsAt: '2027-06-06T01:30:00.000Z',
    crew: [],
    capacity: 40,
    headCount: 12,
    priceCents: 100,
  };

  it('refuses a capacity below the people booked, naming the head count', async () => {
    const out = await run(
      'updateEvent.write.ts',
      'request',
      ctx('updateEvent', { arguments: { input: { id: 'e', capacity: 11 } }, stash: { loaded: { event } } }),
    );
    expect(out.error).toMatchObject({
      errorType: 'Conflict',
      message: 'Capacity 11 is below the 12 people already booked on this event.',
    });
  });

  it('moves the event to its new year partition when its start moves', async () => {
    const out = await run(
      'updateEvent.write.ts',
      'request',
      ctx('updateEvent', {
        arguments: { input: { id: 'e', startsAt: '2028-01-02T10:00:00Z' } },
        stash: { loaded: { event } },
      }),
    );
    expect(JSON.stringify((out.value as any).transactItems[0].update)).toContain('EVENTS#2028');
  });
});

describe('write requests', () => {
  it('never send an empty expression name or value map (DynamoDB refuses them)', async () => {
    const event = {
      PK: 'EVENT#e',
      SK: 'EVENT',
      id: 'e',
      title: 'T',
      startsAt: '2027-06-06T01:30:00.000Z',
      crew: [],
      capacity: 40,
      headCount: 12,
      priceCents: 100,
      boat: 'B',
    };
    const out = await run(
      'updateEvent.write.ts',
      'request',
      ctx('updateEvent', { arguments: { input: { id: 'e', boat: null } }, stash: { loaded: { event } } }),
    );
    const [update] = (out.value as any).transactItems;
    expect(update.update).toEqual({ expression: 'REMOVE #boat', expressionNames: { '#boat': 'boat' } });
    for (const part of [update.update, update.condition]) {
      for (const map of [part.expressionNames, part.expressionValues])
        if (map !== undefined) expect(Object.keys(map).length).toBeGreaterThan(0);
    }
  });
});
