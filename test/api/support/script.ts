import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stack } from '../../support/stack';
import type { Api } from './harness';

const run = promisify(execFile);

/**
 * examples/payment-history.ts as a person runs it: a separate process, signed in as ACCOUNTING,
 * reading an amplify_outputs.json that points at this test's local AppSync. Returns its lines.
 */
export function bookkeepingScript(api: Api) {
  const s = stack();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-history-'));
  fs.writeFileSync(
    path.join(dir, 'amplify_outputs.json'),
    JSON.stringify({
      version: '1.4',
      auth: {
        aws_region: s.region,
        user_pool_id: s.userPoolId,
        user_pool_client_id: s.userPoolClientId,
        username_attributes: ['email'],
      },
      data: {
        url: api.url,
        aws_region: s.region,
        default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
        authorization_types: [],
      },
      custom: { timeZone: 'America/Los_Angeles', local: { cognitoEndpoint: s.cognitoEndpoint, graphqlUrl: api.url } },
    }),
  );
  return {
    async run(...args: string[]): Promise<string[]> {
      const { stdout } = await run(
        'npx',
        [
          'tsx',
          path.resolve('examples/payment-history.ts'),
          '--outputs',
          path.join(dir, 'amplify_outputs.json'),
          ...args,
        ],
        {
          env: { ...process.env, SCC_USERNAME: s.users.accounting, SCC_PASSWORD: s.demoPassword },
        },
      );
      return stdout.trim().split(/\r?\n/);
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
