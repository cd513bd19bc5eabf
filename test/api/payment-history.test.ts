import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sinceUntil } from '../../examples/payment-history';
import { today } from '../../src/lib/domain/dates';
import { paymentsCsv } from '../../src/lib/csv/payments-csv';
import { eventWithPatron, LOG_PAYMENT, startApi, type Api } from './support/harness';
import { bookkeepingScript } from './support/script';
import { readCsv } from '../support/csv';

/** The bookkeeper's script, run as a separate process against the local stack, as a person would. */
let api: Api;
let script: ReturnType<typeof bookkeepingScript>;

beforeAll(async () => {
  api = await startApi();
  script = bookkeepingScript(api);
  const a = await eventWithPatron(api, 50_000, 'first@example.com');
  const b = await eventWithPatron(api, 50_000, 'second@example.com');
  const pay = (eventId: string, patronEmail: string, amountCents: number, notes?: string) =>
    api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: {
        idempotencyKey: `h-${eventId}-${amountCents}`,
        eventId,
        patronEmail,
        amountCents,
        method: 'CHECK',
        notes,
      },
    });
  await pay(a.eventId, a.email, 1_250, 'Check #1041, "deposit", thanks');
  await pay(b.eventId, b.email, 9_900);
  await pay(a.eventId, a.email, 300);
});
afterAll(async () => {
  await api?.close();
  script?.remove();
});

const history = (...args: string[]) => script.run(...args);

describe('examples/payment-history.ts', () => {
  it('signs in as accounting and prints every payment since a day as the dashboard’s CSV, newest first', async () => {
    // "Today" is the operator's (San Diego) day, which is not always the UTC one.
    const lines = await history('--since', today());
    // Read as a spreadsheet reads it: every text cell is quoted (OWASP's CSV injection guidance).
    const rows = lines.map((l) => readCsv(`${l.replace(/\r$/, '')}\r\n`)[0]!);
    expect(lines[0]).toBe(paymentsCsv([]).trim());
    expect(rows[0]).toEqual(
      'payment_id,event_id,patron_email,patron_name,amount,currency,method,status,received_on,logged_at,logged_by,voided_at,voided_by,void_reason,notes,kind,net_amount,reason,refund_of,moved_to,moved_from'.split(
        ',',
      ),
    );
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[4])).toEqual(['3.00', '99.00', '12.50']);
    expect(rows[3]).toContain('Check #1041, "deposit", thanks');
    expect(rows[1]![8]).toBe(today());
    expect(rows[1]![9]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/);
  }, 60_000);

  it('ends a day at midnight in the operator zone: today’s payments are not in yesterday’s history', async () => {
    const yesterday = new Date(Date.parse(`${today()}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await history('--since', '2020-01-01', '--until', yesterday)).toHaveLength(1);
  }, 60_000);

  it("prints one patron's history with --email", async () => {
    const lines = await history('--since', '2020-01-01', '--email', 'second@example.com');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('second@example.com');
  }, 60_000);
});

describe('--since and --until', () => {
  it('are whole days in San Diego: Nov 29 ends at 07:59:59.999 UTC on Nov 30', () => {
    expect(sinceUntil('2026-11-29', '2026-11-29')).toEqual({
      from: '2026-11-29T08:00:00.000Z',
      to: '2026-11-30T07:59:59.999Z',
    });
  });

  it('have 23 hours on Mar 8 and 25 on Nov 1, 2026', () => {
    expect(sinceUntil('2026-03-08', '2026-03-08')).toEqual({
      from: '2026-03-08T08:00:00.000Z',
      to: '2026-03-09T06:59:59.999Z',
    });
    expect(sinceUntil('2026-11-01', '2026-11-01')).toEqual({
      from: '2026-11-01T07:00:00.000Z',
      to: '2026-11-02T07:59:59.999Z',
    });
  });

  it('run to the end of today without --until, and refuse what is not a date', () => {
    expect(sinceUntil('2026-11-01', undefined, new Date('2026-11-30T03:00:00Z')).to).toBe('2026-11-30T07:59:59.999Z');
    expect(() => sinceUntil('11/01/2026')).toThrow('--since must be a date like 2026-10-01');
  });
});
