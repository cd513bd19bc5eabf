import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SES_REVIEW_BOUNCE_RATE, SES_REVIEW_COMPLAINT_RATE } from '../../amplify/site/alarms';
import { BACKUP_RETENTION_DAYS } from '../../amplify/site/backup';
import { APPSYNC_WAIT_SECONDS, RESERVED_CONCURRENCY } from '../../amplify/site/functions';
import { LOG_RETENTION_DAYS } from '../../amplify/site/logging';
import { FUNCTION_SETTINGS, type FunctionName } from '../../amplify/functions/config';
import { REMINDERS_FAILED_LOG, REMINDERS_RUN_LOG } from '../../amplify/functions/reminders/plan';
import { TABLE } from '../../amplify/storage/table';
import deployed from '../../amplify/storage/deployed-indexes.json';
import type { Assembly, Located } from './support/assembly';
import { BRANCH, synthesizedAssembly } from './support/synthesized';

/**
 * Day one in production, read from the synthesized branch deployment (what `ampx pipeline-deploy`
 * deploys for `main`): settings each function checks are given to it, failures are logged and
 * alarmed, what must be kept is kept, and the limits AWS sets are respected.
 */
let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

const FUNCTIONS = Object.keys(FUNCTION_SETTINGS) as FunctionName[];
const props = (l: Located) => l.resource.Properties!;
const sameResource = (a: { stack: string; id: string }, b: { stack: string; id: string }) =>
  a.stack === b.stack && a.id === b.id;

describe('the synthesis the tests read', () => {
  it('is the branch (production) deployment, with its branch-only resources', () => {
    expect(BRANCH.type).toBe('branch');
    expect(cdk.resources('AWS::Backup::BackupPlan')).toHaveLength(1);
    expect(cdk.only('AWS::DynamoDB::Table').resource.DeletionPolicy).toBe('Retain');
  });
});

describe('the settings each function checks at cold start', () => {
  it.each(FUNCTIONS)('are all given to %s by the deployment (as variables or Amplify secrets)', (fn) => {
    const env = props(cdk.functionNamed(fn)).Environment.Variables as Record<string, unknown>;
    const secrets = Object.keys(JSON.parse((env.AMPLIFY_SSM_ENV_CONFIG as string | undefined) ?? '{}'));
    const optional = new Set(['TIME_ZONE', 'AUDIT_EMAIL', 'REMINDER_HOURS']);
    for (const name of FUNCTION_SETTINGS[fn]) {
      if (optional.has(name) && !(name in env)) continue;
      expect(Object.keys(env), `${fn} ${name}`).toContain(name);
    }
    // Every secret is checked: none the function reads goes unvalidated.
    for (const secret of secrets) expect(FUNCTION_SETTINGS[fn], `${fn} reads ${secret}`).toContain(secret);
  });
});

describe('logs', () => {
  it('every Lambda function of every stack writes to a log group of its own stack that keeps 90 days', () => {
    const functions = cdk.resources('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(5 + 3);
    for (const fn of functions) {
      const group = props(fn).LoggingConfig?.LogGroup;
      expect(group, fn.id).toBeDefined();
      const target = cdk.target(fn.stack, group);
      const resource = cdk.resource(target);
      expect(resource.Type, fn.id).toBe('AWS::Logs::LogGroup');
      expect(resource.Properties!.RetentionInDays, fn.id).toBe(LOG_RETENTION_DAYS);
    }
  });

  it('AppSync logs failing fields at ERROR, without the verbose content, to a 90-day group of its own', () => {
    const api = cdk.only('AWS::AppSync::GraphQLApi');
    const log = props(api).LogConfig;
    expect(log).toMatchObject({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true });
    const role = cdk.resource(cdk.target(api.stack, log.CloudWatchLogsRoleArn));
    expect(role.Properties!.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'appsync.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
    const groups = cdk
      .resources('AWS::Logs::LogGroup', 'data')
      .filter((g) => JSON.stringify(props(g).LogGroupName ?? '').includes('/aws/appsync/apis/'));
    expect(groups).toHaveLength(1);
    expect(props(groups[0]).RetentionInDays).toBe(LOG_RETENTION_DAYS);
    expect(JSON.stringify(props(groups[0]).LogGroupName)).toContain(
      JSON.stringify({ 'Fn::GetAtt': [api.id, 'ApiId'] }),
    );
    // The role writes to that group and nowhere else.
    const policies = cdk
      .resources('AWS::IAM::Policy', 'data')
      .filter((p) => JSON.stringify(props(p).Roles).includes(cdk.target(api.stack, log.CloudWatchLogsRoleArn).id));
    const statements = policies.flatMap((p) => props(p).PolicyDocument.Statement);
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [groups[0].id, 'Arn'] },
      }),
    ]);
  });
});

describe('alarms', () => {
  const alarms = () => cdk.resources('AWS::CloudWatch::Alarm');
  const dimension = (a: Located, name: string) => (props(a).Dimensions ?? []).find((d: any) => d.Name === name)?.Value;
  const alarmsOn = (namespace: string, metric: string) =>
    alarms().filter((a) => props(a).Namespace === namespace && props(a).MetricName === metric);

  it('all go to the one SNS topic, which takes HTTPS only', () => {
    const topic = cdk.only('AWS::SNS::Topic');
    expect(alarms().length).toBeGreaterThanOrEqual(17);
    for (const a of alarms()) {
      expect(props(a).AlarmActions, a.id).toHaveLength(1);
      expect(sameResource(cdk.target(a.stack, props(a).AlarmActions[0]), topic), a.id).toBe(true);
      expect(props(a).ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect(props(a).TreatMissingData).toBe('notBreaching');
    }
    const policy = cdk
      .resources('AWS::SNS::TopicPolicy')
      .find((p) => JSON.stringify(props(p).PolicyDocument).includes('aws:SecureTransport'));
    expect(policy).toBeDefined();
  });

  it.each(FUNCTIONS)('watch the errors and the throttles of %s', (fn) => {
    const target = cdk.functionNamed(fn);
    for (const metric of ['Errors', 'Throttles']) {
      const on = alarmsOn('AWS/Lambda', metric).filter((a) =>
        sameResource(cdk.target(a.stack, dimension(a, 'FunctionName')), target),
      );
      expect(on, `${fn} ${metric}`).toHaveLength(1);
      expect(props(on[0])).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1 });
    }
  });

  it("watch the API's 5xx answers and the table's throttled reads and writes", () => {
    const api = cdk.only('AWS::AppSync::GraphQLApi');
    const [fivexx] = alarmsOn('AWS/AppSync', '5XXError');
    expect(cdk.target(fivexx.stack, dimension(fivexx, 'GraphQLAPIId'))).toMatchObject({
      stack: api.stack,
      id: api.id,
      attribute: 'ApiId',
    });
    const table = cdk.only('AWS::DynamoDB::Table');
    for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      const [a] = alarmsOn('AWS/DynamoDB', metric).filter(
        (x) => dimension(x, 'GlobalSecondaryIndexName') === undefined,
      );
      expect(sameResource(cdk.target(a.stack, dimension(a, 'TableName')), table), metric).toBe(true);
    }
  });

  // DynamoDB counts an index's throttled events only under TableName and GlobalSecondaryIndexName.
  it.each(TABLE.globalSecondaryIndexes.map((i) => i.indexName))(
    "watch the throttled reads and writes of the table's index %s",
    (index) => {
      const table = cdk.only('AWS::DynamoDB::Table');
      for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
        const on = alarmsOn('AWS/DynamoDB', metric).filter((a) => dimension(a, 'GlobalSecondaryIndexName') === index);
        expect(on, `${index} ${metric}`).toHaveLength(1);
        expect(sameResource(cdk.target(on[0].stack, dimension(on[0], 'TableName')), table), metric).toBe(true);
        expect(props(on[0])).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1 });
      }
    },
  );

  it("watch SES's bounce and complaint rates at the rates AWS reviews an account at (5%, 0.1%)", () => {
    expect(SES_REVIEW_BOUNCE_RATE).toBe(0.05);
    expect(SES_REVIEW_COMPLAINT_RATE).toBe(0.001);
    expect(alarmsOn('AWS/SES', 'Reputation.BounceRate').map((a) => props(a).Threshold)).toEqual([0.05]);
    expect(alarmsOn('AWS/SES', 'Reputation.ComplaintRate').map((a) => props(a).Threshold)).toEqual([0.001]);
  });

  it("count failed reminders and failed runs from the reminder job's own log lines", () => {
    const filters = cdk.resources('AWS::Logs::MetricFilter');
    const remindersLog = cdk.target(
      cdk.functionNamed('reminders').stack,
      props(cdk.functionNamed('reminders')).LoggingConfig.LogGroup,
    );
    expect(filters).toHaveLength(2);
    for (const f of filters) expect(sameResource(cdk.target(f.stack, props(f).LogGroupName), remindersLog)).toBe(true);
    const byMetric = Object.fromEntries(filters.map((f) => [props(f).MetricTransformations[0].MetricName, props(f)]));
    expect(byMetric.FailedReminders.FilterPattern).toBe(`{ ($.message = "${REMINDERS_RUN_LOG}") && ($.failed > 0) }`);
    expect(byMetric.FailedReminders.MetricTransformations[0].MetricValue).toBe('$.failed');
    expect(byMetric.FailedRuns.FilterPattern).toBe(`{ $.message = "${REMINDERS_FAILED_LOG}" }`);
    for (const metric of ['FailedReminders', 'FailedRuns'])
      expect(
        alarms().filter((a) => props(a).MetricName === metric),
        metric,
      ).toHaveLength(1);
  });
});

describe('what production keeps', () => {
  it('the user pool: deletion protection on, retained if the stack goes or would replace it', () => {
    const pool = cdk.only('AWS::Cognito::UserPool').resource;
    expect(pool.Properties!.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.UpdateReplacePolicy).toBe('Retain');
  });

  it('the secret that signs the waiver links already mailed', () => {
    const mailer = cdk.functionNamed('mailer');
    const ref = props(mailer).Environment.Variables.WAIVER_LINK_SECRET['Fn::Join'][1][1];
    const secret = cdk.resource(cdk.target(mailer.stack, ref));
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.UpdateReplacePolicy).toBe('Retain');
    // Retain covers CloudFormation only; its resource policy refuses DeleteSecret to anyone else too.
    const policies = cdk.resources('AWS::SecretsManager::ResourcePolicy').filter((p) =>
      sameResource(cdk.target(p.stack, props(p).SecretId), {
        stack: mailer.stack,
        id: cdk.target(mailer.stack, ref).id,
      }),
    );
    expect(policies).toHaveLength(1);
    expect(props(policies[0]).ResourcePolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:DeleteSecret',
        Resource: '*',
      }),
    );
  });

  it('a monthly AWS Backup of the table, kept past the 7 years, in a vault that outlives the stack', () => {
    const plan = props(cdk.only('AWS::Backup::BackupPlan')).BackupPlan;
    expect(plan.BackupPlanRule).toHaveLength(1);
    expect(plan.BackupPlanRule[0]).toMatchObject({
      ScheduleExpression: 'cron(0 5 1 * ? *)',
      Lifecycle: { DeleteAfterDays: BACKUP_RETENTION_DAYS },
    });
    expect(BACKUP_RETENTION_DAYS).toBeGreaterThan(7 * 366);
    const vault = cdk.only('AWS::Backup::BackupVault');
    expect(vault.resource.DeletionPolicy).toBe('Retain');
    expect(sameResource(cdk.target(vault.stack, plan.BackupPlanRule[0].TargetBackupVault), vault)).toBe(true);
    const selection = props(cdk.only('AWS::Backup::BackupSelection')).BackupSelection;
    expect(selection.Resources).toHaveLength(1);
    const table = cdk.only('AWS::DynamoDB::Table');
    expect(cdk.target(cdk.only('AWS::Backup::BackupSelection').stack, selection.Resources[0])).toMatchObject({
      id: table.id,
      attribute: 'Arn',
    });
  });
});

describe('limits AWS sets', () => {
  it('no Lambda that AppSync invokes may run past the 30 s AppSync waits', () => {
    const sources = cdk.resources('AWS::AppSync::DataSource').filter((d) => props(d).Type === 'AWS_LAMBDA');
    expect(sources.map((d) => props(d).Name).sort()).toEqual([
      'MailerDataSource',
      'RetentionDataSource',
      'TeamDataSource',
    ]);
    for (const source of sources) {
      const fn = cdk.resource(cdk.target(source.stack, props(source).LambdaConfig.LambdaFunctionArn));
      expect(fn.Properties!.Timeout, props(source).Name).toBeLessThanOrEqual(APPSYNC_WAIT_SECONDS);
    }
  });

  it('reserves concurrency for the waiver page and the mailer, leaving Lambda its 100 unreserved', () => {
    expect(props(cdk.functionNamed('waiver')).ReservedConcurrentExecutions).toBe(RESERVED_CONCURRENCY.waiver);
    expect(props(cdk.functionNamed('mailer')).ReservedConcurrentExecutions).toBe(RESERVED_CONCURRENCY.mailer);
    const reserved = cdk
      .resources('AWS::Lambda::Function')
      .reduce((n, f) => n + (props(f).ReservedConcurrentExecutions ?? 0), 0);
    // docs/deploy.md: the account's concurrency quota must cover this plus Lambda's 100.
    expect(reserved + 100).toBeLessThanOrEqual(130);
  });

  it('the Amplify build installs and uses Node 24 before anything else runs', () => {
    const spec = readFileSync(join(import.meta.dirname, '../../amplify.yml'), 'utf8');
    const commands = (phase: string) => {
      const block = spec.split(/\n(?=\S)/).find((b) => b.startsWith(`${phase}:`)) ?? '';
      return [...block.matchAll(/^\s+- (.+)$/gm)].map((m) => m[1]);
    };
    expect(commands('backend').slice(0, 2)).toEqual(['nvm install 24', 'nvm use 24']);
    expect(commands('frontend')[0]).toBe('nvm use 24');
    expect(commands('backend')).toContain('npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID');
  });
});

/** A GSI as the table definition and the deployed list name it. */
interface Index {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  projection: string;
}

/** What one deploy would ask DynamoDB to change in the table's GSIs. */
function indexChanges(before: Index[], after: Index[]): string[] {
  const key = (i: Index) => JSON.stringify(i);
  const was = new Map(before.map((i) => [i.indexName, i]));
  const is = new Map(after.map((i) => [i.indexName, i]));
  const changes: string[] = [];
  for (const name of is.keys()) if (!was.has(name)) changes.push(`add ${name}`);
  for (const [name, i] of was) {
    if (!is.has(name)) changes.push(`remove ${name}`);
    else if (key(i) !== key(is.get(name)!)) changes.push(`change ${name}`);
  }
  return changes;
}

describe('the GSIs, one per deploy', () => {
  const wanted = (): Index[] =>
    TABLE.globalSecondaryIndexes.map((i) => ({
      indexName: i.indexName,
      partitionKey: i.partitionKey.name,
      sortKey: i.sortKey.name,
      projection: 'ALL',
    }));

  it('the synthesized table has exactly the indexes of amplify/storage/table.ts', () => {
    const synthesized = props(cdk.only('AWS::DynamoDB::Table')).GlobalSecondaryIndexes.map((i: any) => ({
      indexName: i.IndexName,
      partitionKey: i.KeySchema[0].AttributeName,
      sortKey: i.KeySchema[1].AttributeName,
      projection: i.Projection.ProjectionType,
    }));
    expect(synthesized).toEqual(wanted());
  });

  it('differ from the deployed ones (amplify/storage/deployed-indexes.json) by one index at most', () => {
    expect(
      indexChanges(deployed.indexes, wanted()).length,
      'DynamoDB takes one GSI change per deploy: docs/deploy.md',
    ).toBeLessThanOrEqual(1);
  });

  it('(the comparison sees each change)', () => {
    const gsi = (n: number, sort = `GSI${n}SK`) => ({
      indexName: `GSI${n}`,
      partitionKey: `GSI${n}PK`,
      sortKey: sort,
      projection: 'ALL',
    });
    expect(indexChanges([gsi(1)], [gsi(1), gsi(2), gsi(3)])).toEqual(['add GSI2', 'add GSI3']);
    expect(indexChanges([gsi(1), gsi(2)], [gsi(1), gsi(2, 'other')])).toEqual(['change GSI2']);
    expect(indexChanges([gsi(1), gsi(2)], [gsi(2)])).toEqual(['remove GSI1']);
  });
});
