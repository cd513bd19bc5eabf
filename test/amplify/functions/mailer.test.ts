/**
 * The mailer Lambda's one catch: whatever goes wrong (a malformed call, SES not
 * reachable, no sender set up, a broken config) is its FAILED result with words crew can act on,
 * never a throw, and one Powertools log line with the status and the detail. Against the local SES.
 */
import { afterAll, describe, expect, it } from 'vitest';

import type { MailerConfig } from '../../../amplify/functions/config';
import { handler, mailerHandler, type MailerEvent } from '../../../amplify/functions/mailer/handler';
import { lambdaContext } from '../../../local/appsync/datasources/lambda';
import { startIamGate } from '../../../local/iam/gate';
import { sesMessages, stack } from '../../support/stack';
import { policiesWithout } from '../../support/iam';
import { logLines } from './support/log-lines';

const lines = logLines();

// The mailer reaches SES as it does on AWS: through the local IAM, as its synthesized role, so a
// grant missing from the template fails here. It touches no table; the gate still names one.
const gateFor = (policies?: Parameters<typeof startIamGate>[0]['policies'], upstream = stack().sesUrl) =>
  startIamGate({
    upstream: { dynamodb: stack().dynamodbEndpoint, ses: upstream },
    region: stack().region,
    tableName: 'scc-mailer-none',
    policies,
  });
const gate = await gateFor();
const ses = gate.endpoint('mailer', 'ses');
// SES down: the discard port, where nothing listens, behind the same gate.
const downGate = await gateFor(undefined, 'http://127.0.0.1:9');
const sesDown = downGate.endpoint('mailer', 'ses');
afterAll(() => Promise.all([gate.close(), downGate.close()]));

const config = (mail: Partial<MailerConfig['mail']> = {}, timeZone = 'America/Los_Angeles'): MailerConfig => ({
  mail: { region: stack().region, endpoint: ses, sender: 'receipts@scc.test', audit: 'audit-mailer@scc.test', ...mail },
  timeZone,
  links: {},
});

const receipt = (patronEmail: string, id = '01MAILER'): MailerEvent => ({
  kind: 'receipt',
  payment: {
    id,
    patronName: 'Pat',
    patronEmail,
    amountCents: 2500,
    method: 'CASH',
    receivedAt: '2026-12-01T18:00:00Z',
    loggedBy: 'crew@example.com',
  },
  event: { title: 'Mailer sail', startsAt: '2026-12-05T02:30:00Z' },
  patron: { balanceCents: 0 },
});

describe('the mailer over an explicit config', () => {
  it('sends the receipt to the patron, with a blind copy to the audit address it was given', async () => {
    const result = await mailerHandler(config())(receipt('sent-mailer@example.com'), lambdaContext('mailer') as never);
    expect(result).toMatchObject({ status: 'SENT', error: null });
    const [mail] = await sesMessages('sent-mailer@example.com');
    expect(mail).toMatchObject({ messageId: result.messageId, from: 'receipts@scc.test' });
    expect(mail!.destination.bcc).toEqual(['audit-mailer@scc.test']);
  });

  const failures: [string, MailerConfig, unknown, RegExp, number][] = [
    [
      'a call without a payment and event (ValidationError)',
      config(),
      { kind: 'receipt' },
      /^The mailer was called without a payment and event\.$/,
      400,
    ],
    [
      'SES not reachable (ServiceUnavailable)',
      config({ endpoint: sesDown }),
      receipt('down-mailer@example.com'),
      /could not be reached just now: try again/,
      503,
    ],
    [
      'no sender set up',
      config({ sender: undefined }),
      receipt('nosender-mailer@example.com'),
      /no sender address\): tell an admin/,
      503,
    ],
    [
      'a time zone that is not one',
      config({}, 'Mars/Olympus_Mons'),
      receipt('zone-mailer@example.com'),
      /^The receipt could not be sent\./,
      503,
    ],
  ];

  it.each(failures)('answers %s with FAILED, logged once with its status', async (_name, cfg, event, says, status) => {
    const context = lambdaContext('mailer');
    const result = await mailerHandler(cfg)(event as MailerEvent, context as never);
    expect(result.status).toBe('FAILED');
    expect(result.messageId).toBeNull();
    expect(result.error).toMatch(says);
    expect(result.error).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Error:/);
    const logged = lines('mailer');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'ERROR',
      message: 'receipt not sent',
      status,
      function_request_id: context.awsRequestId,
    });
    expect(typeof logged[0]!.error).toBe('string');
    const to = (event as MailerEvent).payment?.patronEmail;
    if (to) expect(await sesMessages(to)).toEqual([]);
  });
});

describe('the grant the mailer sends with', () => {
  it('is needed: without ses:SendEmail in its role, SES refuses and the receipt is FAILED, nothing sent', async () => {
    const denied = await gateFor(policiesWithout('mailer', 'SendMailFromVerifiedIdentity'));
    try {
      const result = await mailerHandler({
        ...config(),
        mail: { ...config().mail, endpoint: denied.endpoint('mailer', 'ses') },
      })(receipt('denied-mailer@example.com'), lambdaContext('mailer') as never);
      expect(result).toMatchObject({ status: 'FAILED', messageId: null });
      expect(lines('mailer')[0]).toMatchObject({ level: 'ERROR', message: 'receipt not sent' });
      expect(JSON.stringify(lines('mailer')[0])).toMatch(/AccessDenied/);
      expect(await sesMessages('denied-mailer@example.com')).toEqual([]);
    } finally {
      await denied.close();
    }
  });
});

describe('the AWS entry point', () => {
  it('reads its config from the environment Lambda gives it, and follows it when it changes', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        SES_ENDPOINT: ses,
        SENDER_EMAIL: 'env-sender@scc.test',
        AUDIT_EMAIL: '',
        TIME_ZONE: 'America/Los_Angeles',
      });
      const sent = await handler(receipt('env-mailer@example.com'), lambdaContext('mailer') as never);
      expect(sent.status).toBe('SENT');
      const [mail] = await sesMessages('env-mailer@example.com');
      expect(mail).toMatchObject({ from: 'env-sender@scc.test' });
      expect(mail!.destination.bcc ?? []).toEqual([]);
      process.env.SES_ENDPOINT = sesDown;
      expect((await handler(receipt('env-down-mailer@example.com'), lambdaContext('mailer') as never)).status).toBe(
        'FAILED',
      );
    } finally {
      process.env = saved;
    }
  });
});
