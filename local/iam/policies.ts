/**
 * The IAM policies synthesized for each principal the local stack runs (policies.json, extracted
 * from the branch template by local/iam/extract.ts; test/amplify/local-iam.test.ts fails when the
 * two differ), bound to the local resources: the table, the user pool and the functions.
 */
import { readFileSync } from 'node:fs';
import type { PolicyDocument } from './evaluate';
import type { Account } from './requests';
import { LOCAL_API_ID } from '../appsync/auth/iam';

export interface SynthesizedPrincipal {
  /** `lambda` for a function's execution role, `appsync` for a data source's service role. */
  kind: 'lambda' | 'appsync';
  /** The role's logical id in the template. */
  role: string;
  /** AWS managed policies attached to the role, by ARN (none grants DynamoDB, SES or Cognito). */
  managedPolicies: string[];
  /** The role's policies, with `${Table}`, `${UserPool}`, `${Function:<name>}` and `${AWS::…}` left to bind. */
  policies: PolicyDocument[];
}

export interface SynthesizedPolicies {
  /** Principals by Lambda friendly name or AppSync data source name. */
  principals: Record<string, SynthesizedPrincipal>;
}

export const POLICIES_FILE = new URL('./policies.json', import.meta.url);

export function synthesizedPolicies(): SynthesizedPolicies {
  return JSON.parse(readFileSync(POLICIES_FILE, 'utf8')) as SynthesizedPolicies;
}

/** The local resources the placeholders stand for. */
export interface LocalResources extends Account {
  tableName: string;
  userPoolId?: string;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

export function functionArn(r: Account, name: string): string {
  return `arn:${r.partition}:lambda:${r.region}:${r.accountId}:function:${name}`;
}

/** A principal's policies with its placeholders replaced by the local resources' ARNs. */
export function bindPolicies(policies: PolicyDocument[], r: LocalResources): PolicyDocument[] {
  const text = JSON.stringify(policies).replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'AWS::Partition') return r.partition;
    if (name === 'AWS::Region') return r.region;
    if (name === 'AWS::AccountId') return r.accountId;
    if (name === 'AWS::URLSuffix') return 'amazonaws.com';
    if (name === 'Table') return `arn:${r.partition}:dynamodb:${r.region}:${r.accountId}:table/${r.tableName}`;
    if (name === 'UserPool')
      return `arn:${r.partition}:cognito-idp:${r.region}:${r.accountId}:userpool/${r.userPoolId ?? 'none'}`;
    if (name.startsWith('Function:')) return functionArn(r, name.slice('Function:'.length));
    if (name === 'GraphqlApi') return LOCAL_API_ID;
    // Anything else (another stack's bucket, a distribution) is nothing the local stack runs.
    return whole;
  });
  return JSON.parse(text) as PolicyDocument[];
}
