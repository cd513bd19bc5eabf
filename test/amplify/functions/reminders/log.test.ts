/**
 * The reminder job's one log line per run is what the alarms count (amplify/site/alarms.ts: metric
 * filters on `$.message` and `$.failed`): a run logs its counts at the top level of the JSON line,
 * a failed run logs its own message. Against DynamoDB Local, through the handler Lambda runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { remindersHandler } from '../../../../amplify/functions/reminders/handler';
import { REMINDERS_FAILED_LOG, REMINDERS_RUN_LOG } from '../../../../amplify/functions/reminders/plan';
import { startIamGate, type IamGate } from '../../../../local/iam/gate';
import { createTestTable, stack } from '../../../support/stack';
import { logLines } from '../support/log-lines';

const lines = logLines();
// The job reaches DynamoDB and SES through the local IAM as its synthesized role, as on AWS.
const gates: IamGate[] = [];
afterAll(() => Promise.all(gates.map((g) => g.close())));
const config = async (tableName: string) => {
  const gate = await startIamGate({
    upstream: { dynamodb: stack().dynamodbEndpoint, ses: stack().sesUrl },
    region: stack().region,
    tableName,
  });
  gates.push(gate);
  return {
    dynamo: { tableName, region: stack().region, endpoint: gate.endpoint('reminders', 'dynamodb') },
    mail: { region: stack().region, endpoint: gate.endpoint('reminders', 'ses'), sender: 'ops@example.org' },
    env: { WAIVER_BASE_URL: 'http://localhost:3000/g', WAIVER_LINK_SECRET: 'x'.repeat(48) },
  };
};

describe("the reminder job's log line, as the alarms' metric filters read it", () => {
  it('gives a run its message and its failed count as a top-level number', async () => {
    const run = await remindersHandler(await config(await createTestTable('scc-reminders-log')))();
    const [line] = lines('reminders').filter((l) => l.message === REMINDERS_RUN_LOG);
    expect(line).toMatchObject({ level: 'INFO', failed: run.failed, sent: run.sent });
    expect(typeof line!.failed).toBe('number');
  });

  it('gives a failed run its own message, at ERROR', async () => {
    await expect(remindersHandler(await config(''))()).rejects.toThrow();
    expect(lines('reminders').map((l) => [l.level, l.message])).toEqual([['ERROR', REMINDERS_FAILED_LOG]]);
  });
});
