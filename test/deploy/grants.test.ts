import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { grantSendEmail } from '../../amplify/site/grants';

const sesResources = (identity: string | undefined) => {
  const stack = new Stack(new App(), 'G', { env: { account: '111122223333', region: 'eu-west-1' } });
  const role = new Role(stack, 'R', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  grantSendEmail(role, stack, identity);
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  // The partition stays a token ({ Ref: AWS::Partition }) even in a stack with a concrete env.
  const render = (r: unknown): string =>
    typeof r === 'string' ? r : (r as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'aws')).join('');
  return policy.Properties.PolicyDocument.Statement.map((s: { Action: string; Resource: unknown }) => [s.Action, render(s.Resource)]);
};

describe('grantSendEmail', () => {
  it('limits sending to the identity the deployment names (SCC_SES_IDENTITY)', () => {
    expect(sesResources('example.org')).toEqual([['ses:SendEmail', 'arn:aws:ses:eu-west-1:111122223333:identity/example.org']]);
  });

  it('otherwise allows only this account’s identities in this region', () => {
    expect(sesResources(undefined)).toEqual([['ses:SendEmail', 'arn:aws:ses:eu-west-1:111122223333:identity/*']]);
  });
});
