/** The GraphQL documents the benchmarks send, and a helper to put an event with patrons in place through the API. */
import { addPatron, createEvent } from '../../src/graphql/operations';
import type { Api } from './stack';

// The dashboard's own documents and selection sets: what the product really sends.
export {
  addPatron as ADD_PATRON,
  createEvent as CREATE_EVENT,
  getEvent as GET_EVENT,
  logPayment as LOG_PAYMENT,
  paymentsByPatron as PAYMENTS_BY_PATRON,
} from '../../src/graphql/operations';
export const TYPENAME = '{ __typename }';

let events = 0;

/** An event with `patrons` patrons (p0@bench.test …), each owing `dueCents`. */
export async function eventWithPatrons(
  api: Api,
  token: string,
  patrons: number,
  dueCents: number,
  title = 'Bench sail',
) {
  events += 1;
  const ev = await api.must<{ createEvent: { id: string } }>(token, createEvent, {
    input: {
      title: `${title} ${events} ${Date.now().toString(36)}`,
      startsAt: '2027-06-20T18:00:00Z',
      capacity: Math.max(patrons, 1) * 2,
      priceCents: dueCents,
    },
  });
  const eventId = ev.createEvent.id;
  const emails = Array.from({ length: patrons }, (_, i) => `p${i}@bench.test`);
  // One at a time: each addPatron moves the event's counters, and parallel ones would collide.
  for (const [i, email] of emails.entries()) {
    await api.must(token, addPatron, { input: { eventId, email, name: `Patron ${i}`, amountDueCents: dueCents } });
  }
  return { eventId, emails };
}

export const newKey = (prefix = 'bench') =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
