import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { WRITERS } from '../../data/audit';
import { auditPut } from '../audit';
import { eventPk, reminderSk } from '../../data/keys';
import type { MailMessage } from '../mailer/ses';
import { mailFailure } from '../mailer/ses';
import { renderReminderEmail } from '../outreach/email';
import { personalWaiverUrl } from '../outreach/link';
import { departureWindow, dueReminders, type DueReminder, type ReminderEntry, type ReminderEvent } from './plan';

/**
 * One run of the reminder job (every 15 minutes: EventBridge Scheduler on AWS, a timer under
 * `npm start`). Each due reminder is claimed before it is sent, by a conditional write of its
 * `REMINDER#<kind>#<email>` item (absent, FAILED last time, or a stale SENDING claim), so runs
 * that overlap never send one twice; the outcome (SENT, or FAILED and why, retried by the next run)
 * goes on that item with an audit record.
 *
 * A claim is SENDING from the claim until its outcome is recorded. One still SENDING after
 * CLAIM_LEASE_MS belongs to a run that is gone (the Lambda's timeout, 120 s, ends any run long
 * before), which failed to send or to record: the next run re-claims it, conditioned on the claim
 * it read (its claimedAt and attempts), so of runs racing for it exactly one wins and sends. The
 * one case this resends is a run killed in the instant after SES accepted the mail and before its
 * outcome was written; the reminder then goes out again rather than never.
 */
/** How long a SENDING claim holds: past the Lambda's 120 s timeout, short of the next runs. */
export const CLAIM_LEASE_MS = 10 * 60_000;

export interface ReminderConfig {
  tableName: string;
  hours: number;
  linkSecret: string | undefined;
  waiverBaseUrl: string | undefined;
  timeZone: string;
  auditEmail?: string;
}

export interface ReminderDeps {
  db: DynamoDBDocumentClient;
  sendMail(message: MailMessage): Promise<{ messageId: string }>;
  now(): Date;
  newId(): string;
}

export interface ReminderRun {
  sent: number;
  failed: number;
  /** already claimed by this or another run */
  skipped: number;
}

async function queryAll(
  db: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function dueNow(db: DynamoDBDocumentClient, config: ReminderConfig, now: Date): Promise<DueReminder[]> {
  const due: DueReminder[] = [];
  for (const range of departureWindow(now, config.hours)) {
    const events = await queryAll(db, {
      TableName: config.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :p AND GSI2SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':p': range.partition, ':from': range.from, ':to': range.to },
    });
    for (const event of events as unknown as ReminderEvent[]) {
      const roster = await queryAll(db, {
        TableName: config.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :patron)',
        ExpressionAttributeValues: { ':pk': eventPk(event.id), ':patron': 'PATRON#' },
        ConsistentRead: true,
      });
      due.push(...dueReminders(event, roster as unknown as ReminderEntry[]));
    }
  }
  return due;
}

/** Claims the reminder for this run (its attempt number); null if it was sent, or is being sent, already. */
async function claim(
  db: DynamoDBDocumentClient,
  config: ReminderConfig,
  r: DueReminder,
  now: Date,
): Promise<number | null> {
  const at = now.toISOString();
  const staleBefore = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: { PK: eventPk(r.event.id), SK: reminderSk(r.kind, r.entry.email) },
        UpdateExpression:
          'SET #type = :type, eventId = :eventId, email = :email, kind = :kind, #status = :sending, claimedAt = :at, attempts = if_not_exists(attempts, :zero) + :one',
        // One write decides: the first run to claim sets claimedAt to now, so a second that read the
        // same stale claim no longer finds it stale.
        ConditionExpression:
          'attribute_not_exists(PK) OR #status = :failed OR (#status = :sending AND claimedAt < :staleBefore)',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: {
          ':type': 'Reminder',
          ':eventId': r.event.id,
          ':email': r.entry.email,
          ':kind': r.kind,
          ':sending': 'SENDING',
          ':failed': 'FAILED',
          ':at': at,
          ':zero': 0,
          ':one': 1,
          ':staleBefore': staleBefore,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes?.attempts as number;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException')
      return null;
    throw err;
  }
}

async function deliver(deps: ReminderDeps, config: ReminderConfig, r: DueReminder) {
  const url =
    r.kind === 'WAIVER' && config.linkSecret && config.waiverBaseUrl
      ? personalWaiverUrl(config.waiverBaseUrl, config.linkSecret, r.event.id, r.entry.email)
      : null;
  // Each kind is its own reminder: this one says only what it is about.
  const patron = {
    email: r.entry.email,
    name: r.entry.name,
    waiverSignedAt: r.kind === 'WAIVER' ? null : 'n/a',
    balanceCents: r.kind === 'BALANCE' ? r.entry.balanceCents : 0,
  };
  const mail = renderReminderEmail(r.event, patron, url, config.timeZone);
  try {
    const record = {
      kind: 'reminder' as const,
      PK: eventPk(r.event.id),
      SK: reminderSk(r.kind, r.entry.email),
      to: r.entry.email,
    };
    const { messageId } = await deps.sendMail({
      to: [r.entry.email],
      ...(config.auditEmail ? { bcc: [config.auditEmail] } : {}),
      ...mail,
      record,
    });
    return { status: 'SENT' as const, messageId, error: null };
  } catch (err) {
    return { status: 'FAILED' as const, messageId: null, error: `The reminder could not be sent. ${mailFailure(err)}` };
  }
}

export async function runReminders(deps: ReminderDeps, config: ReminderConfig): Promise<ReminderRun> {
  const run: ReminderRun = { sent: 0, failed: 0, skipped: 0 };
  for (const r of await dueNow(deps.db, config, deps.now())) {
    const attempts = await claim(deps.db, config, r, deps.now());
    if (attempts === null) {
      run.skipped += 1;
      continue;
    }
    const outcome = await deliver(deps, config, r);
    const at = deps.now().toISOString();
    const key = { PK: eventPk(r.event.id), SK: reminderSk(r.kind, r.entry.email) };
    const after = {
      eventId: r.event.id,
      email: r.entry.email,
      kind: r.kind,
      status: outcome.status,
      sentAt: at,
      attempts,
      messageId: outcome.messageId,
      error: outcome.error,
    };
    const auditId = deps.newId();
    await deps.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tableName,
              Key: key,
              UpdateExpression: 'SET #status = :status, sentAt = :at, messageId = :messageId, #error = :error',
              // Still this run's claim: nobody else may record over it.
              ConditionExpression: '#status = :sending AND attempts = :attempts',
              ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
              ExpressionAttributeValues: {
                ':status': outcome.status,
                ':at': at,
                ':messageId': outcome.messageId,
                ':error': outcome.error,
                ':sending': 'SENDING',
                ':attempts': attempts,
              },
            },
          },
          {
            Put: {
              TableName: config.tableName,
              ...auditPut({ id: auditId, entity: r.event.id, ...WRITERS.reminders, at, before: null, after }),
            },
          },
        ],
      }),
    );
    if (outcome.status === 'SENT') run.sent += 1;
    else run.failed += 1;
  }
  return run;
}
