import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patronOf } from '../../amplify/data/audit';
import { auditPk, patronAuditPk } from '../../amplify/data/keys';
import { documentClient } from '../../amplify/functions/dynamo';
import { handler as runReminderJob } from '../../amplify/functions/reminders/handler';
import { teamLock } from '../../amplify/functions/team/lock';
import type { Edge } from '../../local/edge';
import { scanAll, stack } from '../support/stack';
import { waiverSigning } from './support/boarding';
import { ADD_PATRON, CREATE_EVENT, LOG_PAYMENT, NOTIFY, startApi, type Api } from './support/harness';

/**
 * Every writer of audit records (the resolvers, and each Lambda that changes records outside the
 * API: the waiver page, the reminder job, SES's mail events, the team) leaves records of one shape
 * in the table, read here raw, as an auditor's own tool would read them.
 */
let api: Api;
let edge: Edge | undefined;
let records: Record<string, any>[];

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** What the one shape says of a record, whoever wrote it. */
function shape(record: Record<string, any>) {
  const image = (v: unknown) =>
    v === undefined
      ? 'absent'
      : v !== null &&
          typeof v === 'object' &&
          !Object.keys(v).some((k) => k === 'PK' || k === 'SK' || k.startsWith('GSI'))
        ? 'keyless'
        : 'wrong';
  const patron = patronOf(record.before, record.after);
  return {
    attributes: Object.keys(record)
      .filter((k) => !['before', 'after', 'GSI1PK', 'GSI1SK'].includes(k))
      .sort(),
    type: record.type,
    keyIsItsEntityTimeAndId: record.PK === auditPk(record.entity) && record.SK === `${record.at}#${record.id}`,
    id: ULID.test(record.id),
    at: ISO.test(record.at),
    actor: typeof record.actor === 'string' && record.actor !== '',
    images: [image(record.before), image(record.after)].filter((i) => i !== 'keyless' && i !== 'absent'),
    anImage: record.before !== undefined || record.after !== undefined,
    patronTrail: patron
      ? record.GSI1PK === patronAuditPk(patron) && record.GSI1SK === record.SK
      : record.GSI1PK === undefined && record.GSI1SK === undefined,
  };
}

async function until(ok: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ok()) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
}
const audits = async () =>
  (await scanAll(api.tableName)).map((i) => unmarshall(i)).filter((i) => String(i.PK).startsWith('AUDIT#'));

beforeAll(async () => {
  Object.assign(process.env, { WAIVER_LINK_SECRET: 'audit-shape-secret', WAIVER_BASE_URL: 'http://localhost:3999/g' });
  api = await startApi();
  const startsAt = new Date(Date.now() + 6 * 3_600_000).toISOString();
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: 'Audit shape sail', startsAt, capacity: 10, priceCents: 5_000 },
  });
  const eventId = ev.data!.createEvent.id as string;
  // SES's mailbox simulator reports a delivery to this address (as SES does).
  const delivered = `success+audit${Date.now()}@simulator.amazonses.com`;
  for (const email of ['signer@example.com', 'owes@example.com', delivered])
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name: 'Audie Shape' } });
  const paid = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: {
      idempotencyKey: `audit-shape-${Date.now()}`,
      eventId,
      patronEmail: delivered,
      amountCents: 5_000,
      method: 'CASH',
    },
  });
  // The waiver page: a signature through the patron's personal link.
  const signing = await waiverSigning(api);
  edge = signing.edge;
  await signing.sign(eventId, 'signer@example.com', 'Audie Shape');
  // SES's mail events: a receipt, delivered.
  await api.gql(api.tokens.admin, NOTIFY, { eventId, paymentId: paid.data!.logPayment.id });
  await until(async () => (await audits()).some((r) => r.operation === 'mailDelivery'));
  // The reminder job, as its own IAM role: the patron who owes and has not signed.
  Object.assign(process.env, {
    TABLE_NAME: api.tableName,
    AWS_REGION: stack().region,
    DYNAMODB_ENDPOINT: api.iam.endpoint('reminders', 'dynamodb'),
    SES_ENDPOINT: api.iam.endpoint('reminders', 'ses'),
    TIME_ZONE: 'America/Los_Angeles',
    REMINDER_HOURS: '',
  });
  await runReminderJob(undefined);
  // The team: a change released with its record, as the team Lambda does.
  const lock = teamLock(documentClient({ region: stack().region, endpoint: stack().dynamodbEndpoint }), api.tableName);
  const holder = ulid();
  await lock.acquire(holder);
  await lock.release(holder, {
    id: holder,
    operation: 'setTeamMemberGroup',
    actor: 'admin@scc.test',
    at: new Date().toISOString(),
    before: { email: 'deck@scc.test', groups: ['CREW'], enabled: true },
    after: { email: 'deck@scc.test', groups: ['ADMINS'], enabled: true },
  });
  records = await audits();
}, 120_000);
afterAll(async () => {
  await edge?.close();
  await api?.close();
});

describe('an audit record, whoever wrote it', () => {
  it('is written by the resolvers and by every Lambda that changes records', () => {
    const operations = new Set(records.map((r) => r.operation));
    for (const op of [
      'createEvent',
      'addPatron',
      'logPayment',
      'notifyPatron',
      'signWaiver',
      'mailDelivery',
      'sendReminder',
      'setTeamMemberGroup',
    ]) {
      expect(operations, op).toContain(op);
    }
  });

  it("has the shape of a resolver's: the same attributes, its key from its entity, time and ULID, key-less images, its patron's trail", () => {
    const resolvers = shape(records.find((r) => r.operation === 'addPatron')!);
    expect(resolvers).toEqual({
      attributes: ['PK', 'SK', 'actor', 'at', 'entity', 'id', 'operation', 'type'],
      type: 'Audit',
      keyIsItsEntityTimeAndId: true,
      id: true,
      at: true,
      actor: true,
      images: [],
      anImage: true,
      patronTrail: true,
    });
    const others = records.filter((r) => r.operation !== 'addPatron');
    expect(Object.fromEntries(others.map((r) => [`${r.operation} by ${r.actor}`, shape(r)]))).toEqual(
      Object.fromEntries(others.map((r) => [`${r.operation} by ${r.actor}`, resolvers])),
    );
  });

  it('never expires', () => {
    expect(records.filter((r) => 'expiresAt' in r)).toEqual([]);
  });
});
