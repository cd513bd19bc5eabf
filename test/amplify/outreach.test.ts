import { beforeAll, describe, expect, it } from 'vitest';
import type { Assembly } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

/**
 * Outreach as deployed: the reminder job runs on an EventBridge Scheduler schedule, and the
 * secret that signs personal waiver links reaches the functions that sign and check them from
 * Secrets Manager, never as a value in the template.
 */
let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

describe('waiver outreach in the template', () => {
  it('invokes the reminder function every 15 minutes from EventBridge Scheduler', () => {
    const schedules = cdk.resources('AWS::Scheduler::Schedule');
    const reminders = cdk.functionNamed('reminders');
    const ours = schedules.filter((s) => JSON.stringify(s.resource.Properties!.Target).includes(reminders.id));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.resource.Properties!.ScheduleExpression).toBe('cron(*/15 * * * ? *)');
  });

  it.each(['mailer', 'waiver', 'reminders'])(
    'gives %s the waiver link secret by reference to Secrets Manager',
    (name) => {
      const value = JSON.stringify(
        cdk.resource(cdk.functionNamed(name)).Properties!.Environment.Variables.WAIVER_LINK_SECRET,
      );
      expect(value).toContain('resolve:secretsmanager:');
      expect(cdk.resources('AWS::SecretsManager::Secret').some((s) => s.id.startsWith('WaiverLinkSecret'))).toBe(true);
    },
  );

  it('lets the reminder function read sailings by start and write only event and audit items', () => {
    const fn = cdk.resource(cdk.functionNamed('reminders')).Properties!;
    expect(fn.Environment.Variables.REMINDER_HOURS).toBe('24');
    const policies = cdk
      .resources('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.resource.Properties!.PolicyDocument).includes('ReadRostersWriteReminders'));
    expect(policies).toHaveLength(1);
    const actions = JSON.stringify(policies[0]!.resource.Properties!.PolicyDocument);
    expect(actions).not.toMatch(/dynamodb:(Scan|DeleteItem|BatchWriteItem)/);
  });
});
