import {
  ADD_PATRON,
  CREATE_EVENT,
  EVENT_FIELDS,
  GET_EVENT,
  LOG_PAYMENT,
  PAYMENT_FIELDS,
  PAYMENTS_BY_EVENT,
  ROSTER_FIELDS,
  type Api,
} from './harness';

/** Refunds, cancellations and moves: their operations and shared setup, for the API and reliability tests. */
export const REFUND_FIELDS = `${PAYMENT_FIELDS} kind reason refundOf refundedCents movedTo movedToPaymentId movedFrom movedFromPaymentId`;
export const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { ${REFUND_FIELDS} } }`;
const CANCEL_FIELDS = `event { ${EVENT_FIELDS} headCount status cancelledAt cancelledBy cancelReason } notices { eventId email status sentAt messageId error } unnotified`;
export const CANCEL = `mutation($eventId: ID!, $reason: String!) { cancelEvent(eventId: $eventId, reason: $reason) { ${CANCEL_FIELDS} } }`;
export const NOTIFY_CANCELLATION = `mutation($eventId: ID!) { notifyCancellation(eventId: $eventId) { ${CANCEL_FIELDS} } }`;
const MOVED_ENTRY = `${ROSTER_FIELDS} status movedTo movedFrom`;
export const REBOOK = `mutation($eventId: ID!, $email: AWSEmail!, $toEventId: ID!) {
  rebookPatron(eventId: $eventId, email: $email, toEventId: $toEventId) { from { ${MOVED_ENTRY} } to { ${MOVED_ENTRY} } payments { ${REFUND_FIELDS} } } }`;
export const GET_EVENT_WITH_STATUS = GET_EVENT.replace('waiversSigned }', 'waiversSigned headCount status } ').replace(
  'notes } }',
  'notes status movedTo movedFrom cancelNoticeStatus cancelNoticeError } }',
);

let n = 0;
/** A patron's address no earlier run has booked. */
export const mail = (i: number) => `patron${i}-${Date.now()}@example.com`;
const key = () => `k-${Date.now()}-${(n += 1)}-${Math.random().toString(36).slice(2)}`;

export async function newEvent(api: Api, capacity = 50, priceCents = 10_000): Promise<string> {
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: `Refund sail ${key()}`, startsAt: '2037-11-20T18:00:00Z', capacity, priceCents },
  });
  if (ev.errors) throw new Error(JSON.stringify(ev.errors));
  return ev.data!.createEvent.id as string;
}

export async function book(api: Api, eventId: string, email: string, partySize = 1) {
  const p = await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email, name: 'Rae Refund', partySize } });
  if (p.errors) throw new Error(JSON.stringify(p.errors));
}

export async function pay(api: Api, eventId: string, patronEmail: string, amountCents: number, method = 'CASH') {
  const res = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey: key(), eventId, patronEmail, amountCents, method },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.logPayment as { id: string; loggedAt: string; receivedAt: string };
}

export function refund(
  api: Api,
  input: { eventId: string; patronEmail: string; amountCents: number; refundOf?: string; idempotencyKey?: string },
  token = api.tokens.admin,
) {
  return api.gql(token, REFUND, { input: { idempotencyKey: key(), method: 'CARD', reason: 'Weather', ...input } });
}

/** The event, its entries and its payments as the API answers them, and the sums an auditor would check. */
export async function ledger(api: Api, eventId: string) {
  const res = await api.gql(api.tokens.admin, GET_EVENT_WITH_STATUS, { id: eventId });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const { event, roster } = res.data!.getEvent;
  const page = await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT.replace(PAYMENT_FIELDS, REFUND_FIELDS), {
    eventId,
    limit: 100,
  });
  const payments = page.data!.paymentsByEvent.items as any[];
  const recorded = payments.filter((p) => p.status === 'RECORDED');
  const booked = (roster as any[]).filter((r) => r.status !== 'MOVED');
  const signed = (p: any) => (p.kind === 'REFUND' ? -p.amountCents : p.amountCents);
  return {
    event,
    roster: roster as any[],
    payments,
    paidFromPayments: recorded.reduce((s, p) => s + signed(p), 0),
    paidFromEntries: booked.reduce((s, r) => s + r.paidCents, 0),
    dueFromEntries: booked.reduce((s, r) => s + r.amountDueCents, 0),
    headFromEntries: booked.reduce((s, r) => s + r.partySize, 0),
    entry: (email: string) => (roster as any[]).find((r) => r.email === email),
  };
}

/** Every total of the event is the sum of what it counts. */
export function expectSums(l: Awaited<ReturnType<typeof ledger>>, expect: (v: unknown) => any) {
  expect(l.event.paidCents).toBe(l.paidFromPayments);
  expect(l.event.paidCents).toBe(l.paidFromEntries);
  expect(l.event.dueCents).toBe(l.dueFromEntries);
  expect(l.event.balanceCents).toBe(l.dueFromEntries - l.paidFromEntries);
  expect(l.event.headCount).toBe(l.headFromEntries);
  expect(l.event.rosterCount).toBe(l.roster.filter((r) => r.status !== 'MOVED').length);
  for (const r of l.roster.filter((e) => e.status !== 'MOVED')) {
    const mine = l.payments.filter((p) => p.patronEmail === r.email && p.status === 'RECORDED');
    expect(r.paidCents).toBe(mine.reduce((s, p) => s + (p.kind === 'REFUND' ? -p.amountCents : p.amountCents), 0));
    expect(r.balanceCents).toBe(r.amountDueCents - r.paidCents);
  }
}
