import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../examples/payment-history';
import { stack } from '../support/stack';
import { eventWithPatron, LOG_PAYMENT, startApi, type Api } from './harness';

/** The bookkeeper's script, run as a separate process against the local stack, as a person would. */
let api: Api;
let dir: string;
const run = promisify(execFile);

beforeAll(async () => {
  api = await startApi();
  const s = stack();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-history-'));
  fs.writeFileSync(path.join(dir, 'amplify_outputs.json'), JSON.stringify({
    version: '1.4',
    auth: { aws_region: s.region, user_pool_id: s.userPoolId, user_pool_client_id: s.userPoolClientId, username_attributes: ['email'] },
    data: { url: api.url, aws_region: s.region, default_authorization_type: 'AMAZON_COGNITO_USER_POOLS', authorization_types: [] },
    custom: { local: { cognitoEndpoint: s.cognitoEndpoint, graphqlUrl: api.url } },
  }));
  const a = await eventWithPatron(api, 50_000, 'first@example.com');
  const b = await eventWithPatron(api, 50_000, 'second@example.com');
  const pay = (eventId: string, patronEmail: string, amountCents: number, notes?: string) =>
    api.gql(api.tokens.crew, LOG_PAYMENT, { input: { idempotencyKey: `h-${eventId}-${amountCents}`, eventId, patronEmail, amountCents, method: 'CHECK', notes } });
  await pay(a.eventId, a.email, 1_250, 'Check #1041, "deposit", thanks');
  await pay(b.eventId, b.email, 9_900);
  await pay(a.eventId, a.email, 300);
});
afterAll(async () => {
  await api?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function history(...args: string[]) {
  const { stdout } = await run('npx', ['tsx', path.resolve('examples/payment-history.ts'), '--outputs', path.join(dir, 'amplify_outputs.json'), ...args], {
    env: { ...process.env, SCC_USERNAME: stack().users.accounting, SCC_PASSWORD: stack().demoPassword },
  });
  return stdout.trim().split('\n');
}

describe('examples/payment-history.ts', () => {
  it('signs in as accounting and prints every payment since a date as CSV, newest first', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const lines = await history('--since', today);
    expect(lines[0]).toBe('loggedAt,receivedAt,eventId,patronEmail,patronName,amount,currency,method,status,loggedBy,paymentId,voidedAt,voidReason,notes');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['3.00', '99.00', '12.50']);
    expect(lines[3]).toContain('"Check #1041, ""deposit"", thanks"');
  }, 60_000);

  it("prints one patron's history with --email", async () => {
    const lines = await history('--since', '2020-01-01', '--email', 'second@example.com');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('second@example.com');
  }, 60_000);

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe("'-5");
  });
});
