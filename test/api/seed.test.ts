import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../local/seed';
import { planSeason } from '../../local/seed/season';
import { scanAll } from '../support/stack';
import { startApi, type Api } from './support/harness';

let api: Api;
const now = new Date('2026-11-22T17:00:00Z');
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('seedDemoData', () => {
  it('plans a season of sunset sails, whale watches and private charters over the next 60 days', () => {
    const season = planSeason('2026-11-22');
    const kinds = new Set(season.map((e) => e.title.split(':')[0]));
    expect(kinds).toEqual(new Set(['Sunset Sail', 'Whale Watch', 'Private Charter']));
    expect(season[0]!.startsAt > '2026-11-22').toBe(true);
    expect(season.at(-1)!.startsAt < '2027-01-22').toBe(true);
  });

  it('plans each event from its own date: seasons planned on different days agree on the days they share', () => {
    const early = planSeason('2026-11-22');
    const later = planSeason('2026-11-25');
    const shared = early.filter((e) => later.some((l) => l.startsAt === e.startsAt));
    expect(shared.length).toBeGreaterThan(15);
    for (const e of shared) expect(later.find((l) => l.startsAt === e.startsAt)).toEqual(e);
  });

  it('loads it through the API once: totals add up, a second run changes nothing', async () => {
    const signed: string[] = [];
    const signWaiver = async (eventId: string, p: { email: string }) => void signed.push(`${eventId}/${p.email}`);
    const logged: string[] = [];
    await seedDemoData({ graphqlUrl: api.url, tokens: api.tokens, now, signWaiver, log: (line) => logged.push(line) });
    const items = await scanAll(api.tableName);
    const events = items.filter((i) => i.type?.S === 'Event');
    const payments = items.filter((i) => i.type?.S === 'Payment');
    const patrons = items.filter((i) => i.type?.S === 'RosterEntry');
    // The start log's counts are what the table holds (events load four at a time).
    expect(logged).toContain(
      `demo data: ${events.length} events, ${patrons.length} patrons, ${payments.length} payments`,
    );
    // The season, and a sailing two hours on for the reminder job at start (none of the season's is within 24 hours).
    expect(events.length).toBe(planSeason('2026-11-22').length + 1);
    expect(events.length).toBeGreaterThan(15);
    const tour = events.find((e) => e.title?.S === 'Harbor Tour')!;
    expect(tour.id!.S).toBe('2026-11-22-harbor-tour-1100');
    expect(tour.startsAt!.S).toBe('2026-11-22T19:00:00.000Z');
    const tourRoster = patrons
      .filter((p) => p.eventId?.S === tour.id!.S)
      .map((p) => [p.name!.S, Number(p.balanceCents!.N) > 0, signed.includes(`${tour.id!.S}/${p.email!.S}`)]);
    expect(tourRoster.sort()).toEqual([
      ['Liam O\u2019Brien', false, true],
      ['Noah Begay', true, true],
      ['Sofia Rossi', true, false],
    ]);
    expect(payments.length).toBeGreaterThan(10);
    expect(signed.length).toBeGreaterThan(0);
    expect(events.map((e) => e.id!.S)).toContain('2026-11-27-sunset-sail');
    for (const ev of events) {
      const paid = payments.filter((p) => p.eventId?.S === ev.id!.S).reduce((s, p) => s + Number(p.amountCents!.N), 0);
      expect(Number(ev.paidCents!.N)).toBe(paid);
    }
    await seedDemoData({ graphqlUrl: api.url, tokens: api.tokens, now });
    expect(await scanAll(api.tableName)).toEqual(items);
  });
});

/** The season's events, without the Harbor Tours each start adds when nothing departs within 24 hours. */
const seasonEvents = (items: Awaited<ReturnType<typeof scanAll>>) =>
  items.filter((i) => i.type?.S === 'Event' && i.title?.S !== 'Harbor Tour');

describe('seedDemoData resuming a season an interrupted run began', () => {
  let fresh: Api;
  beforeAll(async () => {
    fresh = await startApi();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  /** Items stop changing once the interrupted run's other events have finished what they started. */
  async function settled(tableName: string) {
    let before = JSON.stringify(await scanAll(tableName));
    for (let tries = 0; tries < 40; tries += 1) {
      await new Promise((r) => setTimeout(r, 500));
      const now = JSON.stringify(await scanAll(tableName));
      if (now === before) return;
      before = now;
    }
    throw new Error('the interrupted seed never stopped writing');
  }

  it('loads what is missing, keeps what exists, and counts every payment once', async () => {
    const season = planSeason('2026-11-22');
    const signed: string[] = [];
    const interrupt = async (eventId: string, p: { email: string }) => {
      if (signed.length >= 5) throw new Error('stopped');
      signed.push(`${eventId}/${p.email}`);
    };
    await expect(
      seedDemoData({ graphqlUrl: fresh.url, tokens: fresh.tokens, now, signWaiver: interrupt }),
    ).rejects.toThrow('stopped');
    await settled(fresh.tableName);
    const partial = (await scanAll(fresh.tableName)).filter((i) => i.type?.S === 'Event').length;
    expect(partial).toBeLessThan(season.length);

    const resumed: string[] = [];
    await seedDemoData({
      graphqlUrl: fresh.url,
      tokens: fresh.tokens,
      now,
      resume: true,
      signWaiver: async (eventId, p) => void resumed.push(`${eventId}/${p.email}`),
    });

    const items = await scanAll(fresh.tableName);
    const events = seasonEvents(items);
    const payments = items.filter((i) => i.type?.S === 'Payment' && events.some((e) => e.id!.S === i.eventId?.S));
    expect(events.length).toBe(season.length);
    expect(payments.length).toBe(season.reduce((n, e) => n + e.patrons.reduce((m, p) => m + p.payments.length, 0), 0));
    for (const ev of events) {
      const planned = season.find(
        (e) => e.title === ev.title!.S && Date.parse(e.startsAt) === Date.parse(ev.startsAt!.S!),
      )!;
      expect(Number(ev.rosterCount!.N)).toBe(planned.patrons.length);
      const paid = payments.filter((p) => p.eventId?.S === ev.id!.S).reduce((s, p) => s + Number(p.amountCents!.N), 0);
      expect(Number(ev.paidCents!.N)).toBe(paid);
    }
    // Nobody is asked to sign twice.
    expect(new Set([...signed, ...resumed]).size).toBe(signed.length + resumed.length);
  });

  it('resumes on a later day without clashing with what the earlier days logged', async () => {
    const before = await scanAll(fresh.tableName);
    const later = new Date(now.getTime() + 3 * 86_400_000);
    await seedDemoData({ graphqlUrl: fresh.url, tokens: fresh.tokens, now: later, resume: true });

    const items = await scanAll(fresh.tableName);
    const events = seasonEvents(items);
    const payments = items.filter((i) => i.type?.S === 'Payment' && events.some((e) => e.id!.S === i.eventId?.S));
    const plans = [...planSeason('2026-11-22'), ...planSeason('2026-11-25')];
    const planned = new Map(plans.map((e) => [e.startsAt, e]));
    expect(events.length).toBe(planned.size);
    expect(payments.length).toBe(
      [...planned.values()].reduce((n, e) => n + e.patrons.reduce((m, p) => m + p.payments.length, 0), 0),
    );
    // What the first days' seed wrote is untouched: each of its payments is there once, as it was.
    const paymentIds = (list: typeof items) =>
      list
        .filter((i) => i.type?.S === 'Payment')
        .map((p) => p.id!.S)
        .sort();
    expect(paymentIds(items).filter((id) => paymentIds(before).includes(id))).toEqual(paymentIds(before));
    for (const ev of events) {
      const paid = payments.filter((p) => p.eventId?.S === ev.id!.S).reduce((s, p) => s + Number(p.amountCents!.N), 0);
      expect(Number(ev.paidCents!.N)).toBe(paid);
    }
  });
});
