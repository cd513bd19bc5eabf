import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { rateItems } from '../../../amplify/functions/waiver/limits';
import { grantSendEmail, grantWaiverTableAccess } from '../../../amplify/site/grants';

const sesResources = (identity: string | undefined) => {
  const stack = new Stack(new App(), 'G', { env: { account: '111122223333', region: 'eu-west-1' } });
  const role = new Role(stack, 'R', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  grantSendEmail(role, stack, identity);
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  // The partition stays a token ({ Ref: AWS::Partition }) even in a stack with a concrete env.
  const render = (r: unknown): string =>
    typeof r === 'string'
      ? r
      : (r as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
          .map((p) => (typeof p === 'string' ? p : 'aws'))
          .join('');
  return policy.Properties.PolicyDocument.Statement.map((s: { Action: string; Resource: unknown }) => [
    s.Action,
    render(s.Resource),
  ]);
};

describe('grantSendEmail', () => {
  it('limits sending to the identity the deployment names (SCC_SES_IDENTITY)', () => {
    expect(sesResources('example.org')).toEqual([
      ['ses:SendEmail', 'arn:aws:ses:eu-west-1:111122223333:identity/example.org'],
    ]);
  });

  it('otherwise allows only this account’s identities in this region', () => {
    expect(sesResources(undefined)).toEqual([['ses:SendEmail', 'arn:aws:ses:eu-west-1:111122223333:identity/*']]);
  });
});

type Statement = {
  Sid: string;
  Action: string[];
  Resource: unknown;
  Condition: Record<string, Record<string, string[]>>;
};

const waiverStatements = () => {
  const stack = new Stack(new App(), 'W', { env: { account: '111122223333', region: 'eu-west-1' } });
  const table = new Table(stack, 'T', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
    sortKey: { name: 'SK', type: AttributeType.STRING },
  });
  const role = new Role(stack, 'R', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  grantWaiverTableAccess(role, table);
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  const tableId = Object.keys(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'))[0]!;
  const statements = (policy.Properties.PolicyDocument.Statement as Statement[]).map((st) => ({
    ...st,
    Action: [st.Action].flat(),
  }));
  return { statements, tableArn: { 'Fn::GetAtt': [tableId, 'Arn'] } };
};
/** IAM's StringLike: `*` matches any run of characters. */
const like = (pattern: string, value: string) =>
  new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  ).test(value);
const leadingKeys = (st: Statement) => st.Condition['ForAllValues:StringLike']!['dynamodb:LeadingKeys']!;

describe('grantWaiverTableAccess', () => {
  const { statements, tableArn } = waiverStatements();
  const write = statements.find((st) => st.Action.includes('dynamodb:UpdateItem'))!;
  const read = statements.find((st) => st.Action.includes('dynamodb:GetItem'))!;
  const texts = statements.find((st) => st.Sid === 'StoreWaiverTexts')!;
  const counters = rateItems('2026-12-01-sunset-sail', 40, '2001:db8::1', '2026-11-30T06:10:00.000Z').map(
    (c) => c.write.Update.Key.PK,
  );

  it('lets the waiver function raise the WAIVERRATE# rate counters its signature transaction updates', () => {
    expect(counters).toHaveLength(3);
    for (const pk of counters) {
      expect(pk).toMatch(/^WAIVERRATE#/);
      expect(
        leadingKeys(write).some((p) => like(p, pk)),
        pk,
      ).toBe(true);
    }
  });

  it('writes only event, audit and rate-counter partitions, by item: no delete, batch, scan or index', () => {
    expect(write.Action.sort()).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(leadingKeys(write)).toEqual(['EVENT#*', 'AUDIT#*', 'WAIVERRATE#*']);
    expect(like('WAIVERRATE#*', 'USER#admin@example.com')).toBe(false);
    for (const st of statements) expect(st.Resource).toEqual(tableArn);
    expect(statements.flatMap((st) => st.Action).filter((a) => /\*|Delete|Batch|Scan|Transact/.test(a))).toEqual([]);
  });

  it('lets the waiver function store the text signed under WAIVERTEXT#<sha256>, by a put only', () => {
    expect(texts.Action).toEqual(['dynamodb:PutItem']);
    expect(leadingKeys(texts)).toEqual(['WAIVERTEXT#*']);
    expect(leadingKeys(read).some((p) => like(p, 'WAIVERTEXT#ab12'))).toBe(false);
    expect(leadingKeys(write).some((p) => like(p, 'WAIVERTEXT#ab12'))).toBe(false);
  });

  it('never reads the counters: a signature raises them under a condition, it does not look first', () => {
    expect(read.Action.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(leadingKeys(read)).toEqual(['EVENT#*']);
    for (const pk of counters) expect(leadingKeys(read).some((p) => like(p, pk))).toBe(false);
  });
});
