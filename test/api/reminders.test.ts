import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPk, eventPk, reminderSk } from '../../amplify/data/keys';
import { handler as runReminderJob } from '../../amplify/functions/reminders/handler';
import { signWaiverToken } from '../../amplify/functions/outreach/link';
import { queryPrefix } from '../amplify/functions/waiver/support/fixtures';
import { dynamoClient, sesMessages, stack } from '../support/stack';
import { ADD_PATRON, CREATE_EVENT, LOG_PAYMENT, startApi, useMailerEnv, type Api } from './support/harness';
import { CANCEL, REBOOK } from './support/refunds';

/**
 * Reminders before departure. The scheduled job (EventBridge Scheduler on AWS, a timer
 * under npm start) is run here as deployed, on the API's table and the local SES: a patron of a
 * sailing departing within REMINDER_HOURS who has not signed, or still owes money, gets one
 * reminder of each kind, never two, however many runs overlap.
 */
let api: Api;
const SECRET = 'reminder-test-link-secret';

beforeAll(async () => {
  api = await startApi();
  Object.assign(process.env, {
    TABLE_NAME: api.tableName,
    AWS_REGION: stack().region,
    // The reminder job as its own IAM role, as the schedule runs it on AWS.
    DYNAMODB_ENDPOINT: api.iam.endpoint('reminders', 'dynamodb'),
    SES_ENDPOINT: api.iam.endpoint('reminders', 'ses'),
    WAIVER_LINK_SECRET: SECRET,
    WAIVER_BASE_URL: 'http://localhost:3999/g',
    TIME_ZONE: 'America/Los_Angeles',
    REMINDER_HOURS: '',
  });
});
afterAll(async () => {
  await api?.close();
});

let n = 0;
/** A sailing departing `hours` from now, with an unsigned patron who owes and an unsigned one who has paid up. */
async function sailingIn(hours: number) {
  n += 1;
  const tag = `${Date.now()}-${n}`;
  const startsAt = new Date(Date.now() + hours * 3_600_000).toISOString();
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: `Reminder sail ${tag}`, startsAt, capacity: 20, priceCents: 5_000 },
  });
  if (ev.errors) throw new Error(JSON.stringify(ev.errors));
  const eventId = ev.data!.createEvent.id as string;
  const owes = `owes-${tag}@example.com`;
  const paid = `paid-${tag}@example.com`;
  for (const email of [owes, paid])
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name: 'Remy Minder' } });
  const p = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey: `pay-${tag}`, eventId, patronEmail: paid, amountCents: 5_000, method: 'CASH' },
  });
  if (p.errors) throw new Error(JSON.stringify(p.errors));
  return { eventId, owes, paid };
}

const reminders = (eventId: string) => queryPrefix(api.tableName, eventPk(eventId), 'REMINDER#');
const mailsTo = async (email: string) => (await sesMessages(email)).filter((m) => m.subject.startsWith('Reminder: '));

describe('reminders before departure', () => {
  it('reminds each patron once per kind: the unsigned waiver (with their personal link) and money still owed', async () => {
    const { eventId, owes, paid } = await sailingIn(6);
    await runReminderJob(undefined);

    const owesMail = await mailsTo(owes);
    expect(owesMail).toHaveLength(2);
    const waiverMail = owesMail.find((m) => m.body.text?.includes('not signed'))!;
    expect(waiverMail.body.text).toContain(
      `http://localhost:3999/g/${eventId}/waiver?t=${signWaiverToken(SECRET, eventId, owes)}`,
    );
    expect(owesMail.find((m) => m.body.text?.includes('$50.00 is still due'))).toBeTruthy();
    const paidMail = await mailsTo(paid);
    expect(paidMail).toHaveLength(1);
    expect(paidMail[0]!.body.text).toContain('not signed');
    expect(paidMail[0]!.body.text).not.toContain('still due');

    const items = await reminders(eventId);
    expect(items.map((r) => `${r.kind} ${r.email} ${r.status}`).sort()).toEqual([
      `BALANCE ${owes} SENT`,
      `WAIVER ${owes} SENT`,
      `WAIVER ${paid} SENT`,
    ]);
    const audits = (await queryPrefix(api.tableName, auditPk(eventId), '2')).filter(
      (a) => a.operation === 'sendReminder',
    );
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actor: 'scheduler:reminders', after: { eventId, status: 'SENT' } });
  });

  it('never sends the same reminder twice, however many runs overlap', async () => {
    const { eventId, owes, paid } = await sailingIn(3);
    const runs = await Promise.all(Array.from({ length: 6 }, () => runReminderJob(undefined)));
    expect((await mailsTo(owes)).length).toBe(2);
    expect((await mailsTo(paid)).length).toBe(1);
    expect((await reminders(eventId)).every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
    // Every due reminder of this sailing was sent by exactly one run, and the others skipped it.
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBeGreaterThanOrEqual(3);
    await runReminderJob(undefined);
    expect((await mailsTo(owes)).length).toBe(2);
  });

  it('leaves sailings further off than REMINDER_HOURS alone, and reaches them when the lead time is longer', async () => {
    const { owes } = await sailingIn(30);
    await runReminderJob(undefined);
    expect(await mailsTo(owes)).toHaveLength(0);
    process.env.REMINDER_HOURS = '48';
    try {
      await runReminderJob(undefined);
    } finally {
      process.env.REMINDER_HOURS = '';
    }
    expect(await mailsTo(owes)).toHaveLength(2);
  });

  it('records FAILED with its reason when mail is down, and the next run sends it', async () => {
    const { eventId, paid } = await sailingIn(2);
    useMailerEnv('http://127.0.0.1:9');
    try {
      await runReminderJob(undefined);
    } finally {
      useMailerEnv(stack().sesUrl);
    }
    const [failed] = (await reminders(eventId)).filter((r) => r.email === paid);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, error: expect.stringMatching(/could not be sent/) });
    expect(await mailsTo(paid)).toHaveLength(0);
    await runReminderJob(undefined);
    const [sent] = (await reminders(eventId)).filter((r) => r.email === paid);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, error: null });
    expect(await mailsTo(paid)).toHaveLength(1);
  });

  it('sends a reminder whose run claimed it and never sent it, once, after the claim went stale; a fresh claim is left alone', async () => {
    const { eventId, owes, paid } = await sailingIn(4);
    const db = DynamoDBDocumentClient.from(dynamoClient());
    // Two runs died after claiming: one an hour ago (stale), one a moment ago (maybe still sending).
    const claim = (email: string, claimedAt: string) =>
      db.send(
        new PutCommand({
          TableName: api.tableName,
          Item: {
            PK: eventPk(eventId),
            SK: reminderSk('WAIVER', email),
            type: 'Reminder',
            eventId,
            email,
            kind: 'WAIVER',
            status: 'SENDING',
            claimedAt,
            attempts: 1,
          },
        }),
      );
    await claim(paid, new Date(Date.now() - 3_600_000).toISOString());
    await claim(owes, new Date().toISOString());
    // Several runs at once all see the stale claim: one re-claims it and sends.
    await Promise.all(Array.from({ length: 4 }, () => runReminderJob(undefined)));
    expect((await mailsTo(paid)).length).toBe(1);
    const byKey = Object.fromEntries((await reminders(eventId)).map((r) => [`${r.kind} ${r.email}`, r]));
    expect(byKey[`WAIVER ${paid}`]).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(byKey[`WAIVER ${owes}`]).toMatchObject({ status: 'SENDING', attempts: 1 });
    // Only the balance reminder went to the patron whose waiver claim is fresh.
    expect((await mailsTo(owes)).map((m) => m.body.text?.includes('still due'))).toEqual([true]);
    await runReminderJob(undefined);
    expect((await mailsTo(paid)).length).toBe(1);
  });
  it('sends nothing for a cancelled sailing, and reminds a moved booking on its new sailing only', async () => {
    const cancelled = await sailingIn(5);
    expect(
      (await api.gql(api.tokens.admin, CANCEL, { eventId: cancelled.eventId, reason: 'Gale warning' })).errors,
    ).toBeUndefined();
    const from = await sailingIn(6);
    const to = await sailingIn(7);
    expect(
      (await api.gql(api.tokens.admin, REBOOK, { eventId: from.eventId, email: from.owes, toEventId: to.eventId }))
        .errors,
    ).toBeUndefined();
    await runReminderJob(undefined);
    expect(await reminders(cancelled.eventId)).toEqual([]);
    expect(await mailsTo(cancelled.owes)).toEqual([]);
    expect((await reminders(from.eventId)).map((r) => r.email)).toEqual([from.paid]);
    expect(
      (await reminders(to.eventId))
        .filter((r) => r.email === from.owes)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['BALANCE', 'WAIVER']);
    const owesMail = await mailsTo(from.owes);
    expect(owesMail).toHaveLength(2);
    expect(owesMail.find((m) => m.body.text?.includes('not signed'))!.body.text).toContain(
      `/g/${to.eventId}/waiver?t=`,
    );
  });
});
