import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_PATRON, CREATE_EVENT, GET_EVENT, LOG_PAYMENT, startApi, VOID_PAYMENT, type Api, type GraphQLResponse } from '../api/harness';
import { scanAll } from '../support/stack';
import { auditChainViolations } from './audit-chain';
import { ledgerViolations } from './ledger';
import { rosterViolations } from './roster';

/**
 * Random sequences of addPatron / logPayment / voidPayment / same-key retries (sequential and
 * concurrent), concurrent payments, updatePatron's due amount and removePatron against the real
 * API, each sequence on a fresh event, checked step by step against a model of the ledger
 * (fast-check's model-based testing). Reproduce a failure with SCC_PROPERTY_SEED=<seed> (and the
 * path fast-check prints).
 */
const SEED = Number(process.env.SCC_PROPERTY_SEED ?? 8_2026);
const NUM_RUNS = Number(process.env.SCC_PROPERTY_RUNS ?? 25);
const EMAILS = ['ann@example.com', 'bo@example.com', 'cy@example.com'];
const UPDATE_PATRON = `mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { email amountDueCents balanceCents } }`;
const REMOVE_PATRON = `mutation($eventId: ID!, $email: AWSEmail!) { removePatron(eventId: $eventId, email: $email) { email } }`;

interface Model {
  patrons: Map<string, { due: number; paid: number }>;
  payments: { id: string; email: string; amountCents: number; status: 'RECORDED' | 'VOIDED' }[];
  /** accepted changes, each of which must have written exactly one audit record */
  changes: number;
  lastLog?: { input: Record<string, unknown>; id: string };
}
interface Real {
  eventId: string;
}

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const ok = <T,>(res: GraphQLResponse<T>): T => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const refused = (res: GraphQLResponse, errorType: string) => {
  expect(res.status).toBeLessThan(500);
  expect(res.errors?.[0]?.errorType, JSON.stringify(res.errors)).toBe(errorType);
};

/** The API's view of the event must be the model's, after every step. */
async function matchesModel(m: Model, r: Real) {
  const detail = ok(await api.gql(api.tokens.admin, GET_EVENT, { id: r.eventId })).getEvent;
  const paidOf = (email: string) => m.payments.filter((p) => p.email === email && p.status === 'RECORDED').reduce((s, p) => s + p.amountCents, 0);
  let due = 0;
  let paid = 0;
  for (const [email, patron] of m.patrons) {
    const entry = detail.roster.find((e: any) => e.email === email);
    expect(patron.paid).toBe(paidOf(email));
    expect(entry).toMatchObject({ amountDueCents: patron.due, paidCents: patron.paid, balanceCents: patron.due - patron.paid });
    expect(entry.balanceCents).toBeGreaterThanOrEqual(0);
    due += patron.due;
    paid += patron.paid;
  }
  expect(detail.roster).toHaveLength(m.patrons.size);
  expect(detail.event).toMatchObject({ dueCents: due, paidCents: paid, balanceCents: due - paid, rosterCount: m.patrons.size });
}

class AddPatron implements fc.AsyncCommand<Model, Real> {
  constructor(readonly email: string, readonly dueCents: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId: r.eventId, email: this.email, name: 'Random Patron', amountDueCents: this.dueCents } });
    if (m.patrons.has(this.email)) return refused(res, 'Conflict');
    ok(res);
    m.patrons.set(this.email, { due: this.dueCents, paid: 0 });
    m.changes += 1;
    await matchesModel(m, r);
  }
  toString = () => `addPatron(${this.email}, ${this.dueCents})`;
}

class LogPayment implements fc.AsyncCommand<Model, Real> {
  constructor(readonly email: string, readonly amountCents: number, readonly method: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const input = { idempotencyKey: randomUUID(), eventId: r.eventId, patronEmail: this.email, amountCents: this.amountCents, method: this.method };
    const res = await api.gql(api.tokens.crew, LOG_PAYMENT, { input });
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

class VoidPayment implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.payments.length > 0;
  async run(m: Model, r: Real) {
    const payment = m.payments[this.pick % m.payments.length]!;
    const res = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId: r.eventId, paymentId: payment.id, reason: 'Random void' });
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
async function logWithRetries(input: Record<string, unknown>): Promise<GraphQLResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await api.gql(api.tokens.crew, LOG_PAYMENT, { input });
    const retryable = (res.errors?.[0]?.errorInfo as { retryable?: boolean } | undefined)?.retryable;
    if (!retryable || attempt === 30) return res;
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
  }
}

/** Several payments for one patron at the same moment (two devices at the dock). */
class ConcurrentPayments implements fc.AsyncCommand<Model, Real> {
  constructor(readonly email: string, readonly amounts: number[], readonly sameKey: boolean) {}
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
    const results = await Promise.all(inputs.map(logWithRetries));
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
    if (this.sameKey) expect(results.filter((res) => !res.errors)).toHaveLength(accepted.size === 1 ? results.length : 0);
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

class ChangeDue implements fc.AsyncCommand<Model, Real> {
  constructor(readonly email: string, readonly dueCents: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await api.gql(api.tokens.admin, UPDATE_PATRON, { input: { eventId: r.eventId, email: this.email, amountDueCents: this.dueCents } });
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

class RemovePatron implements fc.AsyncCommand<Model, Real> {
  constructor(readonly email: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId: r.eventId, email: this.email });
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

class RetryLastPayment implements fc.AsyncCommand<Model, Real> {
  constructor(readonly changeAmount: boolean) {}
  check = (m: Readonly<Model>) => m.lastLog !== undefined;
  async run(m: Model, r: Real) {
    const last = m.lastLog!;
    const input = this.changeAmount ? { ...last.input, amountCents: Number(last.input.amountCents) + 1 } : last.input;
    const res = await api.gql(api.tokens.crew, LOG_PAYMENT, { input });
    if (this.changeAmount) refused(res, 'Conflict');
    else expect(ok(res).logPayment.id).toBe(last.id);
    await matchesModel(m, r);
  }
  toString = () => `retryLastPayment(${this.changeAmount ? 'other amount' : 'same'})`;
}

const email = fc.constantFrom(...EMAILS);
const commands = fc.commands(
  [
    fc.tuple(email, fc.integer({ min: 0, max: 50_000 })).map(([e, due]) => new AddPatron(e, due)),
    fc.tuple(email, fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.constant(1)), fc.constantFrom('CARD', 'CASH', 'CHECK', 'ACH', 'OTHER')).map(
      ([e, a, method]) => new LogPayment(e, a, method),
    ),
    fc.nat(50).map((n) => new VoidPayment(n)),
    fc.tuple(email, fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 2, maxLength: 4 }), fc.boolean()).map(
      ([e, amounts, sameKey]) => new ConcurrentPayments(e, amounts, sameKey),
    ),
    fc.tuple(email, fc.integer({ min: 0, max: 50_000 })).map(([e, due]) => new ChangeDue(e, due)),
    email.map((e) => new RemovePatron(e)),
    fc.boolean().map((b) => new RetryLastPayment(b)),
  ],
  { maxCommands: 16, size: 'max' },
);
/** Most sequences start with a roster (else most payments are refused as NotFound). */
const opening = fc.array(fc.tuple(email, fc.integer({ min: 0, max: 50_000 })), { maxLength: 3 });

let events = 0;
async function freshEvent(): Promise<string> {
  events += 1;
  const res = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: `Property sail ${events} ${randomUUID().slice(0, 6)}`, startsAt: '2027-08-01T18:00:00Z', capacity: 100, priceCents: 5_000 },
  });
  return ok(res).createEvent.id;
}

describe('random sequences of ledger changes', () => {
  it('keep balances non-negative, totals equal to sums, voids exact, and one audit record per accepted change', async () => {
    await fc.assert(
      fc.asyncProperty(opening, commands, async (roster, cmds) => {
        const eventId = await freshEvent();
        const model: Model = { patrons: new Map(), payments: [], changes: 0 };
        for (const [e, due] of roster) await new AddPatron(e, due).run(model, { eventId });
        await fc.asyncModelRun(() => ({ model, real: { eventId } }), cmds);
        const items = (await scanAll(api.tableName)).map((i) => unmarshall(i));
        expect(ledgerViolations(items)).toEqual([]);
        expect(rosterViolations(items)).toEqual([]);
        expect(auditChainViolations(items)).toEqual([]);
        // createEvent writes the first audit record of the event; each accepted change one more.
        const audits = items.filter((i) => i.type === 'Audit' && i.entity === eventId);
        expect(audits).toHaveLength(1 + model.changes);
      }),
      { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 150_000);
});
