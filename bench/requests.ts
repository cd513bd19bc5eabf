import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { eventPk, patronSk } from '../amplify/data/keys';
import {
  addPatron,
  cancelEvent,
  checkIn,
  createEvent,
  getEvent,
  logPayment,
  rebookPatron,
  refundPayment,
  removePatron,
  undoCheckIn,
  updateEvent,
  updatePatron,
  voidPayment,
} from '../src/graphql/operations';
import type { Benchmark } from './lib/context';
import { eventWithPatrons, newKey } from './lib/operations';

/** What each field may take on its common path: one request, the access check folded in. */
const BUDGETS: Record<string, number> = { logPayment: 1, refundPayment: 1, checkIn: 1, getEvent: 1 };

/**
 * DynamoDB requests per operation, for every mutation the bench can drive on its own table (and
 * getEvent), counted at the proxy in front of DynamoDB Local as event-load counts getEvent's: each
 * call made on the common path (valid input, nothing in the way), as the dashboard sends it.
 * Mutations that need a second user pool, a signed waiver claim or a mail round trip are listed as
 * not counted, so the table shows what it leaves out.
 */
export const requests: Benchmark = async ({ stack, log }) => {
  const table = await stack.newTable('bench-requests');
  const api = await stack.api(table);
  const traced = await stack.api(table, { proxy: true });
  const proxy = traced.proxy!;
  const { admin, crew } = stack.tokens;
  const { eventId, emails } = await eventWithPatrons(api, admin, 3, 10_000, 'Counted sail');
  const [pat, sam, lee] = emails as [string, string, string];
  // A signed waiver lets the patron board (set as the waiver Lambda would, outside the API).
  await stack.ddb.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { PK: { S: eventPk(eventId) }, SK: { S: patronSk(pat) } },
      UpdateExpression: 'SET waiverSignedAt = :at',
      ExpressionAttributeValues: { ':at': { S: '2027-06-01T10:00:00.000Z' } },
    }),
  );
  const other = await api.must<{ createEvent: { id: string } }>(admin, createEvent, {
    input: { title: `Counted other ${newKey()}`, startsAt: '2027-06-21T18:00:00Z', capacity: 10, priceCents: 10_000 },
  });

  const rows: Array<{ field: string; how: string; count: number; operations: string[] }> = [];
  const count = async <T>(
    field: string,
    how: string,
    token: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> => {
    proxy.reset();
    const data = await traced.must<T>(token, query, variables);
    rows.push({ field, how, count: proxy.calls.length, operations: proxy.calls.map((c) => c.operation) });
    return data;
  };

  await count('getEvent', '150-patron events are event-load; here 3', admin, getEvent, { id: eventId });
  const paid = await count<{ logPayment: { id: string } }>(
    'logPayment',
    'with the name and start the dashboard read',
    crew,
    logPayment,
    {
      input: {
        idempotencyKey: newKey(),
        eventId,
        patronEmail: pat,
        amountCents: 3_000,
        method: 'CASH',
        patronName: 'Patron 0',
        eventStartsAt: '2027-06-20T18:00:00Z',
      },
    },
  );
  await count('logPayment', 'without them (a script)', crew, logPayment, {
    input: { idempotencyKey: newKey(), eventId, patronEmail: pat, amountCents: 1_000, method: 'CASH' },
  });
  await count('refundPayment', 'of a named payment, with what the event page read', admin, refundPayment, {
    input: {
      idempotencyKey: newKey(),
      eventId,
      patronEmail: pat,
      amountCents: 500,
      method: 'CASH',
      reason: 'Counted',
      refundOf: paid.logPayment.id,
      patronName: 'Patron 0',
      eventStartsAt: '2027-06-20T18:00:00Z',
      refundOfRefundedCents: 0,
    },
  });
  await count('refundPayment', 'without it (the payments page)', admin, refundPayment, {
    input: {
      idempotencyKey: newKey(),
      eventId,
      patronEmail: pat,
      amountCents: 500,
      method: 'CASH',
      reason: 'Counted',
      refundOf: paid.logPayment.id,
    },
  });
  const second = await api.must<{ logPayment: { id: string } }>(crew, logPayment, {
    input: { idempotencyKey: newKey(), eventId, patronEmail: sam, amountCents: 1_000, method: 'CARD' },
  });
  await count('voidPayment', '', admin, voidPayment, { eventId, paymentId: second.logPayment.id, reason: 'Counted' });
  await count('checkIn', 'the patron, waiver signed', crew, checkIn, { eventId, email: pat, person: 'patron' });
  await count('undoCheckIn', '', crew, undoCheckIn, { eventId, email: pat, person: 'patron', reason: 'Counted' });
  await count('createEvent', '', admin, createEvent, {
    input: { title: `Counted new ${newKey()}`, startsAt: '2027-06-22T18:00:00Z', capacity: 10, priceCents: 1_000 },
  });
  await count('updateEvent', 'the title', admin, updateEvent, {
    input: { id: other.createEvent.id, title: `Counted renamed ${newKey()}` },
  });
  await count('addPatron', '', admin, addPatron, {
    input: { eventId: other.createEvent.id, email: 'new@bench.test', name: 'New Patron' },
  });
  await count('updatePatron', 'the notes', admin, updatePatron, { input: { eventId, email: lee, notes: 'Counted' } });
  await count('rebookPatron', 'to another event', admin, rebookPatron, {
    eventId,
    email: lee,
    toEventId: other.createEvent.id,
  });
  await count('removePatron', '', admin, removePatron, { eventId: other.createEvent.id, email: 'new@bench.test' });
  await count('cancelEvent', 'no notices sent', admin, cancelEvent, {
    eventId: other.createEvent.id,
    reason: 'Counted',
  });

  const schema = await api.must<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>(
    admin,
    '{ __schema { mutationType { fields { name } } } }',
  );
  const counted = new Set(rows.map((r) => r.field));
  const notCounted = schema.__schema.mutationType.fields
    .map((f) => f.name)
    .filter((f) => !counted.has(f))
    .sort();
  log(`requests: ${rows.length} calls counted`);

  // Each field's first call is its common path (as the dashboard sends it); later ones are listed in the notes.
  const common = (field: string) => rows.find((r) => r.field === field)?.count ?? Number.NaN;
  return {
    id: 'requests',
    title: 'DynamoDB requests per operation, common path',
    method:
      "Each mutation called once on its common path through a counting proxy in front of DynamoDB Local (the dashboard's documents; logPayment as the dashboard sends it, with the patron's name and the event's start), every request the API makes counted, the access check included.",
    metrics: Object.keys(BUDGETS).map((field) => ({
      key: `${field}_requests`,
      label: `DynamoDB requests per ${field} (common path)`,
      value: common(field),
      unit: 'count',
      budget: { max: BUDGETS[field]!, source: 'docs/architecture.md, Budgets' },
    })),
    notes: [
      ...rows.map((r) => `${r.field}${r.how ? ` (${r.how})` : ''}: ${r.count} — ${r.operations.join(' → ')}`),
      `Not counted here (they need a team user pool, a held waiver claim, mail or a cash count day): ${notCounted.join(', ')}.`,
    ],
  };
};
