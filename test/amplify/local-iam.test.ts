import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICIES_FILE } from '../../local/iam/policies';
import { extractPolicies } from './support/iam-policies';
import { synthesizedAssembly } from './support/synthesized';

/**
 * The local stack enforces the policies in local/iam/policies.json (a synth takes too long for
 * every `npm start`); they must be the ones the branch template deploys. After changing a grant,
 * `SCC_WRITE_IAM_POLICIES=1 npx vitest run test/amplify/local-iam.test.ts` writes them anew.
 */
describe('local IAM policies', () => {
  it('are exactly the policies synthesized for each Lambda and AppSync data source', { timeout: 240_000 }, async () => {
    const synthesized = extractPolicies(await synthesizedAssembly());
    if (process.env.SCC_WRITE_IAM_POLICIES === '1')
      writeFileSync(POLICIES_FILE, `${JSON.stringify(synthesized, null, 2)}\n`);
    expect(JSON.parse(readFileSync(POLICIES_FILE, 'utf8'))).toEqual(synthesized);
  });

  it('cover every function and data source the local stack runs', async () => {
    const { principals } = JSON.parse(readFileSync(POLICIES_FILE, 'utf8')) as { principals: Record<string, unknown> };
    expect(Object.keys(principals).sort()).toEqual([
      'MailerDataSource',
      'RetentionDataSource',
      'SccTableDataSource',
      'TeamDataSource',
      'mail-events',
      'mailer',
      'reminders',
      'retention',
      'team',
      'waiver',
    ]);
  });
});
