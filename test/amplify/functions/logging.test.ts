/**
 * The Lambdas' one log shape (Powertools Logger): whichever function writes it, a line is JSON with
 * level, message, timestamp, its service's name and the invocation's request id. Each function runs
 * for real (DynamoDB Local, the local SES; the waiver Lambda bundled and behind the local edge, as
 * `npm start` runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handler as mailer } from '../../../amplify/functions/mailer/handler';
import { retentionHandler } from '../../../amplify/functions/retention/handler';
import { lambdaContext } from '../../../local/appsync/datasources/lambda';
import { startIamGate } from '../../../local/iam/gate';
import type { Edge } from '../../../local/edge';
import { createTestTable, stack } from '../../support/stack';
import { logLines } from './support/log-lines';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  seedEvent,
  startDistEdge,
  waiverEnvironment,
} from './waiver/support/fixtures';

const SHAPE = ['level', 'message', 'service', 'timestamp', 'function_request_id'];
const lines = logLines();

/** Each Lambda reaches DynamoDB and SES through the local IAM as its synthesized role, as on AWS. */
const gateOn = (tableName: string) =>
  startIamGate({
    upstream: { dynamodb: stack().dynamodbEndpoint, ses: stack().sesUrl },
    region: stack().region,
    tableName,
  });

describe('every Lambda logs one shape, with the request id', () => {
  it('the retention Lambda', async () => {
    const tableName = await createTestTable('scc-logging');
    const gate = await gateOn(tableName);
    const context = lambdaContext('retention');
    try {
      await retentionHandler({ tableName, region: stack().region, endpoint: gate.endpoint('retention', 'dynamodb') })(
        { eventId: 'e1', keepUntil: 2_000_000_000 },
        context as never,
      );
    } finally {
      await gate.close();
    }
    const [line] = lines('retention');
    expect(Object.keys(line!)).toEqual(expect.arrayContaining(SHAPE));
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'payments retention checked',
      function_request_id: context.awsRequestId,
      extended: 0,
    });
  });

  it('the mailer Lambda', async () => {
    const gate = await gateOn('scc-logging-none');
    Object.assign(process.env, {
      SES_ENDPOINT: gate.endpoint('mailer', 'ses'),
      SENDER_EMAIL: 'receipts@scc.test',
      AUDIT_EMAIL: '',
    });
    const context = lambdaContext('mailer');
    const result = await mailer(
      {
        kind: 'receipt',
        payment: {
          id: '01PAY',
          patronName: 'Pat',
          patronEmail: 'pat-log@example.com',
          amountCents: 100,
          method: 'CASH',
          receivedAt: '2026-12-01T18:00:00Z',
          loggedBy: 'crew@example.com',
        },
        event: { title: 'Log sail', startsAt: '2026-12-05T02:30:00Z' },
        patron: { balanceCents: 0 },
      } as never,
      context as never,
    ).finally(() => gate.close());
    expect(result.status).toBe('SENT');
    const [line] = lines('mailer');
    expect(Object.keys(line!)).toEqual(expect.arrayContaining(SHAPE));
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'receipt sent',
      function_request_id: context.awsRequestId,
      paymentId: '01PAY',
      messageId: result.messageId,
    });
  });

  describe('the waiver Lambda behind the local edge', () => {
    let edge: Edge;
    beforeAll(async () => {
      const table = await waiverEnvironment();
      await seedEvent(table, { id: 'log-sail' });
      edge = await startDistEdge();
    });
    afterAll(() => edge?.close());

    it('gives each request its own id, on every line it writes', async () => {
      const sign = (email: string) =>
        fetch(`${edge.url}/g/log-sail/waiver`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: formBody({ email }, VERSION),
          redirect: 'manual',
        });
      expect((await sign('one@example.com')).status).toBe(303);
      expect((await sign('two@example.com')).status).toBe(303);
      const logged = lines('waiver');
      expect(logged.map((l) => l.message)).toEqual([
        'waiver signed',
        'waiver copy sent',
        'waiver signed',
        'waiver copy sent',
      ]);
      for (const l of logged) expect(Object.keys(l)).toEqual(expect.arrayContaining(SHAPE));
      const ids = logged.map((l) => l.function_request_id);
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[3]).toBe(ids[2]);
      expect(ids[2]).not.toBe(ids[0]);
    });
  });
});
