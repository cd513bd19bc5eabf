import { describe, expect, it } from 'vitest';
import { ctx, run } from './support/context';

/**
 * A day is the operator's day (ctx.env.TIME_ZONE), in event ids and in listEvents' date range,
 * including the 23-hour and 25-hour days of 2026 in America/Los_Angeles (Mar 8 and Nov 1).
 */
const env = (zone?: string) => ({ TABLE_NAME: 'scc-unit', ...(zone ? { TIME_ZONE: zone } : {}) });

async function idFor(startsAt: string, zone = 'America/Los_Angeles') {
  const out = await run(
    'createEvent.ts',
    'request',
    ctx('createEvent', {
      arguments: { input: { title: 'Holiday Lights Cruise', startsAt, capacity: 40, priceCents: 6_500 } },
      env: env(zone),
    }),
  );
  if (out.error) throw new Error(out.error.message);
  return (out.value as any).transactItems[0].key.PK.S.slice('EVENT#'.length) as string;
}

async function listQuery(from: string, to: string, zone: string | undefined = 'America/Los_Angeles') {
  const context = ctx('listEvents', { arguments: { from, to }, env: env(zone) });
  const out = await run('listEvents.ts', 'request', context);
  const values = (out.value as any)?.query.expressionValues ?? {};
  const range = [values[':GSI2SK_between_start']?.S, values[':GSI2SK_between_end']?.S];
  return { out, range, partitions: out.stash.partitions };
}

describe('event ids carry the day in the operator zone', () => {
  it('dates a 6 PM sail on Dec 10 in San Diego Dec 10, though it is Dec 11 in UTC', async () => {
    expect(await idFor('2026-12-11T02:00:00Z')).toBe('2026-12-10-holiday-lights-cruise');
    expect(await idFor('2026-12-10T18:00:00-08:00')).toBe('2026-12-10-holiday-lights-cruise');
  });

  it('follows the zone the deployment sets', async () => {
    expect(await idFor('2026-12-11T02:00:00Z', 'Asia/Tokyo')).toBe('2026-12-11-holiday-lights-cruise');
    expect(await idFor('2026-12-10T23:30:00Z', 'UTC')).toBe('2026-12-10-holiday-lights-cruise');
  });

  it('dates the DST-change days right at their edges', async () => {
    expect(await idFor('2026-03-08T07:59:00Z')).toBe('2026-03-07-holiday-lights-cruise'); // 11:59 PM PST
    expect(await idFor('2026-03-08T08:00:00Z')).toBe('2026-03-08-holiday-lights-cruise'); // midnight PST
    expect(await idFor('2026-03-09T06:59:00Z')).toBe('2026-03-08-holiday-lights-cruise'); // 11:59 PM PDT
    expect(await idFor('2026-11-02T07:59:00Z')).toBe('2026-11-01-holiday-lights-cruise'); // 11:59 PM PST
    expect(await idFor('2026-11-02T08:00:00Z')).toBe('2026-11-02-holiday-lights-cruise');
  });

  it('is refused when the API has no zone configured, rather than guessing UTC', async () => {
    await expect(idFor('2026-12-11T02:00:00Z', '')).rejects.toThrow(/time zone/);
  });
});

describe('listEvents reads whole operator days', () => {
  it('from midnight to midnight in San Diego, as UTC instants', async () => {
    const { range, partitions } = await listQuery('2026-12-05', '2026-12-05');
    expect(range).toEqual(['2026-12-05T08:00:00.000Z', '2026-12-06T07:59:59.999Z#\uffff']);
    expect(partitions).toEqual(['2026']);
  });

  it('a spring-forward day has 23 hours and a fall-back day 25', async () => {
    expect((await listQuery('2026-03-08', '2026-03-08')).range).toEqual([
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T06:59:59.999Z#\uffff',
    ]);
    expect((await listQuery('2026-11-01', '2026-11-01')).range).toEqual([
      '2026-11-01T07:00:00.000Z',
      '2026-11-02T07:59:59.999Z#\uffff',
    ]);
  });

  it("reads next year's partition too when the last evening of the year is already January in UTC", async () => {
    const { partitions } = await listQuery('2026-12-31', '2026-12-31');
    expect(partitions).toEqual(['2026', '2027']);
  });

  it('uses the zone the deployment sets', async () => {
    expect((await listQuery('2026-12-05', '2026-12-05', 'Asia/Tokyo')).range).toEqual([
      '2026-12-04T15:00:00.000Z',
      '2026-12-05T14:59:59.999Z#\uffff',
    ]);
  });

  it('refuses a range that ends before it starts', async () => {
    expect((await listQuery('2026-12-06', '2026-12-05')).out.error?.errorType).toBe('ValidationError');
  });
});
