import { randomUUID } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADD_PATRON,
  CREATE_EVENT,
  LOG_PAYMENT,
  NOTIFY,
  startApi,
  unreachableSes,
  useMailerEnv,
  type Api,
} from '../api/support/harness';
import { scanAll, sesMessages } from '../support/stack';
import { ledgerViolations } from './support/ledger';

/**
 * SES unreachable for a batch of receipts: the payments stay as they were, each notification is
 * recorded FAILED (and can be sent again), and once SES is back the retry delivers the mail.
 */
const PATRONS = 6;
const NOTIFICATION_FIELDS = ['notificationStatus', 'notifiedAt', 'notificationError'];

let api: Api;
let down: Awaited<ReturnType<typeof unreachableSes>>;
let eventId: string;
const payments: { id: string; email: string }[] = [];

beforeAll(async () => {
  api = await startApi();
  down = await unreachableSes(api.tableName);
  const run = randomUUID().slice(0, 8);
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: `Receipts sail ${run}`, startsAt: '2027-07-04T18:00:00Z', capacity: 40, priceCents: 10_000 },
  });
  eventId = ev.data!.createEvent.id;
  for (let i = 0; i < PATRONS; i++) {
    const email = `ses-down-${run}-${i}@example.com`;
    await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email, name: `Receipt Patron ${i}` } });
    const p = await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: {
        idempotencyKey: `ses-${run}-${i}`,
        eventId,
        patronEmail: email,
        amountCents: 1_000 + i,
        method: 'CHECK',
      },
    });
    payments.push({ id: p.data!.logPayment.id, email });
  }
});
afterAll(async () => {
  await down?.close();
  await api?.close();
});

const items = async () => (await scanAll(api.tableName)).map((i) => unmarshall(i));
const paymentItems = async () => (await items()).filter((i) => i.type === 'Payment' && i.eventId === eventId);
const withoutNotification = (p: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(p).filter(([k]) => !NOTIFICATION_FIELDS.includes(k)));
const notifyAll = () =>
  Promise.all(payments.map((p) => api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: p.id })));

describe('notifyPatron while SES is down', () => {
  let before: Record<string, any>[];

  it('answers FAILED for every receipt, with the reason, and no error for the call', async () => {
    before = await paymentItems();
    useMailerEnv(down.endpoint);
    const results = await notifyAll();
    for (const [i, r] of results.entries()) {
      expect(r.status).toBe(200);
      expect(r.errors).toBeUndefined();
      expect(r.data!.notifyPatron).toMatchObject({
        paymentId: payments[i]!.id,
        to: payments[i]!.email,
        status: 'FAILED',
        messageId: null,
      });
      expect(r.data!.notifyPatron.error).toEqual(expect.any(String));
    }
  });

  it('leaves every payment and every total as it was', async () => {
    const after = await paymentItems();
    expect(after.map(withoutNotification)).toEqual(before.map(withoutNotification));
    expect(ledgerViolations(await items())).toEqual([]);
  });

  it('records each failure on its payment and in the audit, so it can be retried', async () => {
    const all = await items();
    for (const p of payments) {
      const stored = all.find((i) => i.type === 'Payment' && i.id === p.id)!;
      expect(stored).toMatchObject({
        status: 'RECORDED',
        notificationStatus: 'FAILED',
        notificationError: expect.any(String),
      });
      const audit = all.filter(
        (i) => i.type === 'Audit' && i.operation === 'notifyPatron' && i.after?.paymentId === p.id,
      );
      expect(audit.map((a) => a.after.status)).toEqual(['FAILED']);
    }
  });

  it('sends no mail', async () => {
    for (const p of payments) expect(await sesMessages(p.email)).toEqual([]);
  });

  it('fails again, still cleanly, when retried before SES is back', async () => {
    const again = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: payments[0]!.id });
    expect(again.errors).toBeUndefined();
    expect(again.data!.notifyPatron.status).toBe('FAILED');
  });
});

describe('notifyPatron once SES is back', () => {
  it('sends each receipt on retry and records SENT, clearing the failure', async () => {
    useMailerEnv(api.iam.endpoint('mailer', 'ses'));
    const results = await notifyAll();
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data!.notifyPatron).toMatchObject({ status: 'SENT', error: null, messageId: expect.any(String) });
    }
    const stored = await paymentItems();
    for (const p of stored) {
      expect(p.notificationStatus).toBe('SENT');
      expect(p.notificationError).toBeUndefined();
    }
  });

  it('puts exactly one receipt per payment in the mail store', async () => {
    for (const p of payments) {
      const mail = await sesMessages(p.email);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.body.text).toContain(p.id);
    }
  });

  it('still balances: payments and totals untouched by the whole episode', async () => {
    expect(ledgerViolations(await items())).toEqual([]);
    const stored = await paymentItems();
    expect(stored.map((p) => p.amountCents).sort()).toEqual(payments.map((_, i) => 1_000 + i).sort());
  });
});
