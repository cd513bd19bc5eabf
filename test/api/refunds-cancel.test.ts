/** cancelEvent and notifyCancellation end to end: a cancelled sailing, its notices, and the writes it then refuses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IN } from './support/boarding';
import { ADD_PATRON, LOG_PAYMENT, startApi, type Api } from './support/harness';
import { scanAll, sesMessages } from '../support/stack';
import { book, CANCEL, expectSums, ledger, mail, newEvent, NOTIFY_CANCELLATION } from './support/refunds';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('cancelEvent', () => {
  it('marks the sailing cancelled, notifies each patron (recorded on their entry) and refuses new payments, bookings and check-ins', async () => {
    const eventId = await newEvent(api);
    const [a, b] = [mail(10), mail(11)];
    await book(api, eventId, a);
    await book(api, eventId, b);
    const res = await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Gale warning' });
    expect(res.errors).toBeUndefined();
    const c = res.data!.cancelEvent;
    expect(c.event).toMatchObject({ status: 'CANCELLED', cancelReason: 'Gale warning' });
    expect(c.notices.map((n: any) => [n.email, n.status]).sort()).toEqual(
      [
        [a, 'SENT'],
        [b, 'SENT'],
      ].sort(),
    );
    expect(c.unnotified).toBe(0);
    expect((await sesMessages(a))[0]!.subject).toMatch(/^Cancelled: /);
    const l = await ledger(api, eventId);
    expect(l.entry(a).cancelNoticeStatus).toBe('SENT');
    const payment = await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: { idempotencyKey: 'after-cancel-' + eventId, eventId, patronEmail: a, amountCents: 100, method: 'CASH' },
    });
    expect(payment.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    const booking = await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email: mail(12), name: 'Late' } });
    expect(booking.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    const boarding = await api.gql(api.tokens.crew, CHECK_IN, { eventId, email: a, person: 'patron' });
    expect(boarding.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    const twice = await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'again' });
    expect(twice.errors?.[0]?.errorType).toBe('Conflict');
    const retry = await api.gql(api.tokens.admin, NOTIFY_CANCELLATION, { eventId });
    expect(retry.data!.notifyCancellation).toMatchObject({ notices: [], unnotified: 0 });
  });

  it('lets one of two concurrent cancellations win, with one audit record of it', async () => {
    const eventId = await newEvent(api);
    await book(api, eventId, mail(13));
    const results = await Promise.all(
      [1, 2, 3].map(() => api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Fog' })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const audits = (await scanAll(api.tableName)).filter(
      (i) => i.PK?.S === `AUDIT#${eventId}` && i.operation?.S === 'cancelEvent',
    );
    // one record of the cancellation, and one of the one patron's notice
    expect(audits.filter((a) => a.after?.M?.status?.S === 'CANCELLED')).toHaveLength(1);
    expect(audits).toHaveLength(2);
  });

  it('keeps a payment racing the cancellation either recorded before it or refused, never lost from the totals', async () => {
    const eventId = await newEvent(api);
    const email = mail(14);
    await book(api, eventId, email);
    await Promise.all([
      api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Squall' }),
      ...Array.from({ length: 5 }, (_, i) =>
        api.gql(api.tokens.crew, LOG_PAYMENT, {
          input: {
            idempotencyKey: `race-${i}-${eventId}`,
            eventId,
            patronEmail: email,
            amountCents: 100,
            method: 'CASH',
          },
        }),
      ),
    ]);
    expectSums(await ledger(api, eventId), expect);
  });
});
