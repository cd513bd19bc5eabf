import { randomUUID } from 'node:crypto';
import type fc from 'fast-check';
import { expect } from 'vitest';
import {
  EVENT_FIELDS,
  LOG_PAYMENT,
  NOTIFY,
  REMOVE_PATRON,
  ROSTER_FIELDS,
  UPDATE_EVENT,
  UPDATE_PATRON,
  VOID_PAYMENT,
  ADD_PATRON,
  type Api,
  type GraphQLResponse,
} from '../../api/support/harness';

/**
 * The model of one event's ledger and roster, and the commands of properties.test.ts: each sends
 * one mutation (or a few at once) and checks the API's answer and state against the model.
 */
/** getEvent with the head count (an addition to the contract's Event) */
const GET_EVENT = `query($id: ID!) { getEvent(id: $id) { event { ${EVENT_FIELDS} headCount } roster { ${ROSTER_FIELDS} } } }`;

export interface Model {
  capacity: number;
  priceCents: number;
  patrons: Map<string, { due: number; paid: number; party: number }>;
  payments: { id: string; email: string; amountCents: number; status: 'RECORDED' | 'VOIDED' }[];
  /** accepted changes, each of which must have written exactly one audit record */
  changes: number;
  lastLog?: { input: Record<string, unknown>; id: string };
}
export interface Real {
  eventId: string;
  api: Api;
}

export const ok = <T>(res: GraphQLResponse<T>): T => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const refused = (res: GraphQLResponse, errorType: string) => {
  expect(res.status).toBeLessThan(500);
  expect(res.errors?.[0]?.errorType, JSON.stringify(res.errors)).toBe(errorType);
};

/** The API's view of the event must be the model's, after every step. */
async function matchesModel(m: Model, r: Real) {
  const detail = ok(await r.api.gql(r.api.tokens.admin, GET_EVENT, { id: r.eventId })).getEvent;
  const paidOf = (email: string) =>
    m.payments.filter((p) => p.email === email && p.status === 'RECORDED').reduce((s, p) => s + p.amountCents, 0);
  let due = 0;
  let paid = 0;
  for (const [email, patron] of m.patrons) {
    const entry = detail.roster.find((e: any) => e.email === email);
    expect(patron.paid).toBe(paidOf(email));
    expect(entry).toMatchObject({
      amountDueCents: patron.due,
      paidCents: patron.paid,
      balanceCents: patron.due - patron.paid,
    });
    expect(entry.balanceCents).toBeGreaterThanOrEqual(0);
    due += patron.due;
    paid += patron.paid;
  }
  expect(detail.roster).toHaveLength(m.patrons.size);
  const people = [...m.patrons.values()].reduce((s, p) => s + p.party, 0);
  for (const [email, patron] of m.patrons)
    expect(detail.roster.find((e: any) => e.email === email).partySize).toBe(patron.party);
  expect(detail.event).toMatchObject({
    dueCents: due,
    paidCents: paid,
    balanceCents: due - paid,
    rosterCount: m.patrons.size,
    headCount: people,
    capacity: m.capacity,
    priceCents: m.priceCents,
  });
  expect(people).toBeLessThanOrEqual(m.capacity);
}

export const headCount = (m: Model) => [...m.patrons.values()].reduce((s, p) => s + p.party, 0);

export class AddPatron implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly email: string,
    readonly dueCents: number,
    readonly party = 1,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const input = {
      eventId: r.eventId,
      email: this.email,
      name: 'Random Patron',
      amountDueCents: this.dueCents,
      partySize: this.party,
    };
    const res = await r.api.gql(r.api.tokens.crew, ADD_PATRON, { input });
    if (m.patrons.has(this.email) || headCount(m) + this.party > m.capacity) return refused(res, 'Conflict');
    ok(res);
    m.patrons.set(this.email, { due: this.dueCents, paid: 0, party: this.party });
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `addPatron(${this.email}, ${this.dueCents}, party ${this.party})`;
}

export class LogPayment implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly email: string,
    readonly amountCents: number,
    readonly method: string,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const input = {
      idempotencyKey: randomUUID(),
      eventId: r.eventId,
      patronEmail: this.email,
      amountCents: this.amountCents,
      method: this.method,
    };
    const res = await r.api.gql(r.api.tokens.crew, LOG_PAYMENT, { input });
    const patron = m.patrons.get(this.email);
    if (!patron) return refused(res, 'NotFound');
    if (this.amountCents > patron.due - patron.paid) return refused(res, 'Conflict');
    const payment = ok(res).logPayment;
    expect(payment).toMatchObject({ amountCents: this.amountCents, status: 'RECORDED', patronEmail: this.email });
    patron.paid += this.amountCents;
    m.payments.push({ id: payment.id, email: this.email, amountCents: this.amountCents, status: 'RECORDED' });
    m.changes += 1;
    m.lastLog = { input, id: payment.id };
    await matchesModel(m, r);
  }
  toString = () => `logPayment(${this.email}, ${this.amountCents}, ${this.method})`;
}

export class VoidPayment implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    const payment = m.payments[this.pick % m.payments.length]!;
    const res = await r.api.gql(r.api.tokens.admin, VOID_PAYMENT, {
      eventId: r.eventId,
      paymentId: payment.id,
      reason: 'Random void',
    });
    if (payment.status === 'VOIDED') return refused(res, 'Conflict');
    expect(ok(res).voidPayment).toMatchObject({ id: payment.id, status: 'VOIDED', amountCents: payment.amountCents });
    payment.status = 'VOIDED';
    // A void reverses exactly its own amount: matchesModel compares the totals to this.
    m.patrons.get(payment.email)!.paid -= payment.amountCents;
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `voidPayment(#${this.pick})`;
}

/** A logPayment as a careful client sends it: a collision with a transaction in flight is retried. */
async function logWithRetries(r: Real, input: Record<string, unknown>): Promise<GraphQLResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await r.api.gql(r.api.tokens.crew, LOG_PAYMENT, { input });
    const retryable = (res.errors?.[0]?.errorInfo as { retryable?: boolean } | undefined)?.retryable;
    if (!retryable || attempt === 30) return res;
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
  }
}

/** Several payments for one patron at the same moment (two devices at the dock). */
export class ConcurrentPayments implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly email: string,
    readonly amounts: number[],
    readonly sameKey: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const key = randomUUID();
    const inputs = this.amounts.map((amountCents) => ({
      idempotencyKey: this.sameKey ? key : randomUUID(),
      eventId: r.eventId,
      patronEmail: this.email,
      amountCents: this.sameKey ? this.amounts[0] : amountCents,
      method: 'CARD',
    }));
    const results = await Promise.all(inputs.map((input) => logWithRetries(r, input)));
    const patron = m.patrons.get(this.email);
    if (!patron) return results.forEach((res) => refused(res, 'NotFound'));
    const accepted = new Map<string, number>();
    results.forEach((res, i) => {
      if (!res.errors) accepted.set(res.data!.logPayment.id, inputs[i]!.amountCents);
    });
    const balance = patron.due - patron.paid;
    const paid = [...accepted.values()].reduce((a, b) => a + b, 0);
    expect(paid).toBeLessThanOrEqual(balance);
    // One payment for one key: every copy gets its answer, or every copy is refused.
    if (this.sameKey)
      expect(results.filter((res) => !res.errors)).toHaveLength(accepted.size === 1 ? results.length : 0);
    results.forEach((res, i) => {
      if (!res.errors) return;
      refused(res, 'Conflict');
      // Refused only if it could not fit beside the ones that were recorded.
      if (!this.sameKey) expect(inputs[i]!.amountCents).toBeGreaterThan(balance - paid);
    });
    if (this.sameKey && accepted.size === 0) expect(inputs[0]!.amountCents).toBeGreaterThan(balance);
    for (const [id, amountCents] of accepted) {
      patron.paid += amountCents;
      m.payments.push({ id, email: this.email, amountCents, status: 'RECORDED' });
      m.changes += 1;
    }
    await matchesModel(m, r);
  }
  toString = () => `concurrentPayments(${this.email}, ${this.amounts.join('+')}${this.sameKey ? ', same key' : ''})`;
}

export class ChangeDue implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly email: string,
    readonly dueCents: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.api.gql(r.api.tokens.admin, UPDATE_PATRON, {
      input: { eventId: r.eventId, email: this.email, amountDueCents: this.dueCents },
    });
    const patron = m.patrons.get(this.email);
    if (!patron) return refused(res, 'NotFound');
    // The due amount can't drop below what was paid: the balance would go negative.
    if (this.dueCents < patron.paid) return refused(res, 'Conflict');
    ok(res);
    patron.due = this.dueCents;
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `updatePatron(${this.email}, due ${this.dueCents})`;
}

export class RemovePatron implements fc.AsyncCommand<Model, Real> {
  constructor(readonly email: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.api.gql(r.api.tokens.admin, REMOVE_PATRON, { eventId: r.eventId, email: this.email });
    const patron = m.patrons.get(this.email);
    if (!patron) return refused(res, 'NotFound');
    if (patron.paid > 0) return refused(res, 'Conflict');
    ok(res);
    m.patrons.delete(this.email);
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `removePatron(${this.email})`;
}

export class ChangeParty implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly email: string,
    readonly party: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.api.gql(r.api.tokens.crew, UPDATE_PATRON, {
      input: { eventId: r.eventId, email: this.email, partySize: this.party },
    });
    const patron = m.patrons.get(this.email);
    if (!patron) return refused(res, 'NotFound');
    if (this.party - patron.party > m.capacity - headCount(m)) return refused(res, 'Conflict');
    // A due amount that was the price for the party follows the party; one set by hand stays.
    const due = patron.due === m.priceCents * patron.party ? m.priceCents * this.party : patron.due;
    if (due < patron.paid) return refused(res, 'Conflict');
    expect(ok(res).updatePatron).toMatchObject({ partySize: this.party, amountDueCents: due });
    Object.assign(patron, { party: this.party, due });
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `updatePatron(${this.email}, party ${this.party})`;
}

export class ChangeEvent implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly capacity: number | null,
    readonly priceCents: number | null,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const input = {
      id: r.eventId,
      title: 'Property sail, changed',
      capacity: this.capacity ?? undefined,
      priceCents: this.priceCents ?? undefined,
    };
    const res = await r.api.gql(r.api.tokens.admin, UPDATE_EVENT, { input });
    if (this.capacity !== null && this.capacity < headCount(m)) return refused(res, 'Conflict');
    ok(res);
    m.capacity = this.capacity ?? m.capacity;
    m.priceCents = this.priceCents ?? m.priceCents;
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `updateEvent(capacity ${this.capacity}, price ${this.priceCents})`;
}

export class SendReceipt implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    const payment = m.payments[this.pick % m.payments.length]!;
    const res = await r.api.gql(r.api.tokens.crew, NOTIFY, { eventId: r.eventId, paymentId: payment.id });
    if (payment.status === 'VOIDED') return refused(res, 'Conflict');
    expect(ok(res).notifyPatron).toMatchObject({ paymentId: payment.id, to: payment.email, status: 'SENT' });
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `notifyPatron(#${this.pick})`;
}

export class RetryLastPayment implements fc.AsyncCommand<Model, Real> {
  constructor(readonly changeAmount: boolean) {}
  check = (m: Readonly<Model>) => m.lastLog !== undefined;
  async run(m: Model, r: Real) {
    const last = m.lastLog!;
    const input = this.changeAmount ? { ...last.input, amountCents: Number(last.input.amountCents) + 1 } : last.input;
    const res = await r.api.gql(r.api.tokens.crew, LOG_PAYMENT, { input });
    if (this.changeAmount) refused(res, 'Conflict');
    else expect(ok(res).logPayment.id).toBe(last.id);
    await matchesModel(m, r);
  }
  toString = () => `retryLastPayment(${this.changeAmount ? 'other amount' : 'same'})`;
}
