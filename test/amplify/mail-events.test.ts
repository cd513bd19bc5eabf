import { beforeAll, describe, expect, it } from 'vitest';
import type { Assembly } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

/**
 * Mail that is known to arrive or not, as deployed: one SES configuration set, named by every
 * sender, publishing delivery, bounce and complaint events to EventBridge, whose rule hands this
 * set's events to the mail-events Lambda, which may write only event and audit items.
 */
let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

const SENDERS = ['mailer', 'reminders', 'team', 'waiver'];

/** The policy documents attached to a function's own role. */
function rolePolicies(fnName: string): Record<string, any>[] {
  const fn = cdk.functionNamed(fnName);
  const roleId = cdk.resource(fn).Properties!.Role['Fn::GetAtt'][0] as string;
  return cdk
    .resources('AWS::IAM::Policy')
    .filter((p) => p.stack === fn.stack && JSON.stringify(p.resource.Properties!.Roles).includes(`"${roleId}"`))
    .map((p) => p.resource.Properties!.PolicyDocument);
}

describe('SES event publishing in the template', () => {
  it('has one configuration set, publishing delivery, bounce, complaint, reject and delay to the default bus', () => {
    const set = cdk.only('AWS::SES::ConfigurationSet');
    const name = cdk.resource(set).Properties!.Name as string;
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(cdk.resource(set).Properties!.SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE', 'COMPLAINT'] });
    const destination = cdk.resource(cdk.only('AWS::SES::ConfigurationSetEventDestination')).Properties!;
    expect(destination.ConfigurationSetName).toEqual({ Ref: set.id });
    expect(destination.EventDestination.Enabled).toBe(true);
    expect([...destination.EventDestination.MatchingEventTypes].sort()).toEqual([
      'bounce',
      'complaint',
      'delivery',
      'deliveryDelay',
      'reject',
    ]);
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination)).toContain('event-bus/default');
  });

  it.each(SENDERS)('has %s send through the configuration set, with ses:SendEmail on it', (fnName) => {
    const name = cdk.resource(cdk.only('AWS::SES::ConfigurationSet')).Properties!.Name as string;
    const fn = cdk.functionNamed(fnName);
    expect(cdk.resource(fn).Properties!.Environment.Variables.SES_CONFIGURATION_SET).toBe(name);
    const policies = rolePolicies(fnName).map((d) => JSON.stringify(d));
    expect(
      policies.some((p) => p.includes('SendThroughConfigurationSet') && p.includes(`configuration-set/${name}`)),
    ).toBe(true);
  });

  it("routes only this configuration set's SES events to the mail-events Lambda, with retries", () => {
    const name = cdk.resource(cdk.only('AWS::SES::ConfigurationSet')).Properties!.Name as string;
    const rules = cdk
      .resources('AWS::Events::Rule')
      .filter((r) => JSON.stringify(r.resource.Properties!.EventPattern ?? {}).includes('aws.ses'));
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.resource.Properties!;
    expect(rule.EventPattern).toMatchObject({
      source: ['aws.ses'],
      detail: { mail: { tags: { 'ses:configuration-set': [name] } } },
    });
    expect(rule.EventPattern['detail-type']).toEqual(
      expect.arrayContaining(['Email Delivered', 'Email Bounced', 'Email Complaint Received']),
    );
    const fn = cdk.functionNamed('mail-events');
    expect(JSON.stringify(rule.Targets)).toContain(fn.id);
    expect(rule.Targets[0].RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
  });

  it('lets the mail-events Lambda read and write only event and audit items: no Delete, no Scan', () => {
    const docs = rolePolicies('mail-events').filter((d) => JSON.stringify(d).includes('RecordMailOutcomes'));
    expect(docs).toHaveLength(1);
    const statement = docs[0].Statement.find((s: { Sid?: string }) => s.Sid === 'RecordMailOutcomes');
    expect([...statement.Action].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(statement.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*', 'AUDIT#*'] },
    });
    expect(JSON.stringify(docs[0])).not.toMatch(/dynamodb:(Scan|DeleteItem|BatchWriteItem|\*)/);
  });
});
