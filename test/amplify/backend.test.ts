import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESOLVER_TABLE_ACTIONS, TEAM_COGNITO_ACTIONS } from '../../amplify/site/grants';
import { APPSYNC_CODE_LIMIT } from '../../amplify/site/resolver-code';
import { ACCESS_STEP, FOLDED_ACCESS } from '../../amplify/data/access-step';
import { ACCESS_RULES } from '../../amplify/data/contract/access-rules';
import { LIVE_FIELDS } from '../../amplify/data/resolvers/lib/live';
import { PUBLISH_FIELDS } from '../../amplify/data/contract/live-publish';
import { extractPolicies } from './support/iam-policies';
import { TABLE } from '../../amplify/storage/table';
import type { Assembly, Located } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

/** Who may call each operation: the one table the contract modules and the dashboard read. */
// The publish fields are IAM's alone (the Lambdas' roles): their Cognito rule names a group nobody
// is put in, so they sit outside the table of who may call what.
const GROUPS: Record<string, readonly string[]> = {
  ...ACCESS_RULES,
  ...Object.fromEntries(PUBLISH_FIELDS.map((f) => [f, ['LIVE_PUBLISHERS']])),
};

/** Issue 16 §1: the mutations that publish to each subscription (same return type, as AppSync requires). */
const SUBSCRIPTIONS: Record<string, { mutations: string[]; filterField: string }> = {
  onEventChanged: { mutations: ['updateEvent', 'publishEventChanged'], filterField: 'id' },
  onRosterChanged: {
    mutations: [
      'addPatron',
      'updatePatron',
      'removePatron',
      'matchWaiverClaim',
      'correctPatronEmail',
      'publishRosterChanged',
    ],
    filterField: 'eventId',
  },
  onPaymentChanged: { mutations: ['logPayment', 'voidPayment', 'refundPayment'], filterField: 'eventId' },
  onCheckInChanged: { mutations: ['checkIn', 'undoCheckIn'], filterField: 'eventId' },
};

const sdl = () => {
  const schema = cdk.only('AWS::AppSync::GraphQLSchema').resource.Properties!;
  const file = /\/([0-9a-f]{64}\.graphql)/.exec(JSON.stringify(schema.DefinitionS3Location))![1];
  return cdk.text(`asset.${file}`);
};
const functionConfigs = () => cdk.resources('AWS::AppSync::FunctionConfiguration');
const fieldLine = (field: string) =>
  sdl()
    .split('\n')
    .find((l) => l.trimStart().startsWith(`${field}(`)) ?? '';

const statements = (policy: Located) => {
  const doc =
    policy.resource.Type === 'AWS::IAM::Policy'
      ? [policy.resource.Properties!.PolicyDocument]
      : (policy.resource.Properties!.Policies ?? []).map((p: any) => p.PolicyDocument);
  return doc.flatMap((d: any) => d.Statement) as Array<{
    Action: string | string[];
    Resource?: unknown;
    Effect: string;
  }>;
};
const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const policiesOfRole = (role: { stack: string; id: string }) =>
  cdk
    .resources('AWS::IAM::Policy')
    .filter((p) => JSON.stringify(p.resource.Properties!.Roles).includes(`"${role.id}"`) && p.stack === role.stack);
const roleOf = (fn: Located) => cdk.target(fn.stack, fn.resource.Properties!.Role);

describe('the GraphQL API', () => {
  it('uses the Cognito user pool as its default authorization', () => {
    expect(cdk.only('AWS::AppSync::GraphQLApi').resource.Properties!.AuthenticationType).toBe(
      'AMAZON_COGNITO_USER_POOLS',
    );
  });

  it('carries each operation’s group rule from the access rules, and no operation without one', () => {
    for (const [field, groups] of Object.entries(GROUPS)) {
      const rule = /@aws_cognito_user_pools\(cognito_groups: \[([^\]]*)\]\)/.exec(fieldLine(field));
      expect(rule, field).not.toBeNull();
      expect(JSON.parse(`[${rule![1]}]`), field).toEqual([...groups]);
    }
    const roots = [...sdl().matchAll(/^type (Query|Mutation|Subscription)\b[^{]*\{\n([^}]*)\}/gm)];
    const operations = roots.flatMap((m) => [...m[2].matchAll(/^\s+(\w+)[(:]/gm)].map((f) => f[1]));
    expect(operations.sort()).toEqual(Object.keys(GROUPS).sort());
  });

  it('attaches a pipeline resolver on the APPSYNC_JS runtime to every operation', () => {
    const resolvers = cdk.resources('AWS::AppSync::Resolver').map((r) => r.resource.Properties!);
    expect(resolvers.map((r) => r.FieldName).sort()).toEqual(Object.keys(GROUPS).sort());
    for (const r of resolvers) {
      expect(r.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(r.PipelineConfig.Functions.length, r.FieldName).toBeGreaterThan(0);
    }
    for (const f of functionConfigs()) expect(f.resource.Properties!.Runtime.Name).toBe('APPSYNC_JS');
  });

  it('subscribes each live subscription to its mutations and filters it per event in its resolver, on the NONE data source', () => {
    const resolvers = cdk.resources('AWS::AppSync::Resolver').map((r) => r.resource.Properties!);
    for (const [field, { mutations, filterField }] of Object.entries(SUBSCRIPTIONS)) {
      const subscribe = /@aws_subscribe\(mutations: \[([^\]]*)\]\)/.exec(fieldLine(field));
      expect(subscribe, field).not.toBeNull();
      expect(JSON.parse(`[${subscribe![1]}]`).sort(), field).toEqual([...mutations].sort());
      const resolver = resolvers.find((r) => r.TypeName === 'Subscription' && r.FieldName === field);
      expect(resolver, field).toBeDefined();
      const steps = JSON.stringify(resolver!.PipelineConfig.Functions);
      const step = functionConfigs().find(
        (f) => steps.includes(`"${f.id}"`) && f.resource.Properties!.Name !== ACCESS_STEP.name,
      )!.resource.Properties!;
      expect(step.DataSourceName, field).toBe('NONE_DS');
      const code = cdk.appsyncCode(step);
      expect(code, field).toMatch(/setSubscriptionFilter\(\s*util\d*\.transform\.toSubscriptionFilter\(/);
      expect(code, field).toContain(`[field]: { eq: ctx.args.eventId }`);
      expect(code, field).toContain(`filterToEvent(ctx, "${filterField}")`);
      // Closed when the subscriber's access changes (subscription invalidation).
      expect(code, field).toMatch(
        /setSubscriptionInvalidationFilter\(\s*util\d*\.transform\.toSubscriptionFilter\(\{ userId: \{ eq: identity\.sub/,
      );
    }
    // The team changes close every one of them (amplify/data/resolvers/lib/live.ts).
    expect([...LIVE_FIELDS].sort()).toEqual(Object.keys(SUBSCRIPTIONS).sort());
  });

  it("runs the access check first in every resolver but those whose own request carries it: one function on the table, refusing a token older than its user's last change of access", () => {
    const checks = functionConfigs().filter((f) => f.resource.Properties!.Name === ACCESS_STEP.name);
    expect(checks).toHaveLength(1);
    const check = checks[0]!;
    expect(check.resource.Properties!.DataSourceName).toBe('SccTableDataSource');
    expect(cdk.appsyncCode(check.resource.Properties!)).toContain('ACCESS_CHANGED');
    expect(cdk.appsyncCode(check.resource.Properties!)).toContain('consistentRead: true');
    const resolvers = cdk.resources('AWS::AppSync::Resolver');
    expect(resolvers.length).toBe(Object.keys(GROUPS).length);
    const folded: string[] = [];
    for (const r of resolvers) {
      const p = r.resource.Properties!;
      expect(r.stack, p.FieldName).toBe(check.stack);
      expect(p.Kind, p.FieldName).toBe('PIPELINE');
      // A folded field's own first request reads or conditions on the access record
      // (test/api/access-folded.test.ts refuses a revoked token on each).
      if (FOLDED_ACCESS.includes(`${p.TypeName}.${p.FieldName}`)) {
        folded.push(`${p.TypeName}.${p.FieldName}`);
        expect(JSON.stringify(p.PipelineConfig.Functions), p.FieldName).not.toContain(`"${check.id}"`);
        continue;
      }
      expect(p.PipelineConfig.Functions[0], p.FieldName).toEqual({ 'Fn::GetAtt': [check.id, 'FunctionId'] });
      expect(JSON.stringify(p.PipelineConfig.Functions.slice(1)), p.FieldName).not.toContain(`"${check.id}"`);
    }
    expect(folded.sort()).toEqual([...FOLDED_ACCESS].sort());
  });

  it('ships every resolver step bundled into one ES module that imports nothing but @aws-appsync/utils, from S3', () => {
    for (const f of functionConfigs()) {
      const p = f.resource.Properties!;
      // Not inline: the data stack's template would near CloudFormation's size limit.
      expect(p.Code, p.Name).toBeUndefined();
      const code = cdk.appsyncCode(p);
      expect(code.length).toBeLessThanOrEqual(APPSYNC_CODE_LIMIT);
      const imports = [...code.matchAll(/^import .* from ["']([^"']+)["']/gm)].map((m) => m[1]);
      for (const from of imports) expect(from, p.Name).toMatch(/^@aws-appsync\/utils(\/dynamodb)?$/);
      expect(code, p.Name).toMatch(/export \{[^}]*\brequest\b[^}]*\bresponse\b[^}]*\}|export function request/);
    }
  });

  it('binds the steps to the table, mailer and retention data sources, and gives resolvers the table name', () => {
    const sources = Object.fromEntries(
      cdk.resources('AWS::AppSync::DataSource').map((d) => [d.resource.Properties!.Name, d]),
    );
    const table = cdk.only('AWS::DynamoDB::Table');
    expect(
      cdk.target(
        sources.SccTableDataSource.stack,
        sources.SccTableDataSource.resource.Properties!.DynamoDBConfig.TableName,
      ),
    ).toMatchObject({ id: table.id });
    expect(
      cdk.target(
        sources.MailerDataSource.stack,
        sources.MailerDataSource.resource.Properties!.LambdaConfig.LambdaFunctionArn,
      ),
    ).toMatchObject({
      id: cdk.functionNamed('mailer').id,
    });
    expect(
      cdk.target(
        sources.RetentionDataSource.stack,
        sources.RetentionDataSource.resource.Properties!.LambdaConfig.LambdaFunctionArn,
      ),
    ).toMatchObject({
      id: cdk.functionNamed('retention').id,
    });
    for (const f of functionConfigs()) expect(Object.keys(sources)).toContain(f.resource.Properties!.DataSourceName);
    const api = cdk.only('AWS::AppSync::GraphQLApi');
    expect(cdk.target(api.stack, api.resource.Properties!.EnvironmentVariables.TABLE_NAME)).toMatchObject({
      id: table.id,
    });
    expect(api.resource.Properties!.EnvironmentVariables.TIME_ZONE).toBe('America/Los_Angeles');
  });

  it('lets the table data source do exactly the item operations the resolvers issue', () => {
    const used = new Set<string>();
    const action: Record<string, string[]> = {
      GetItem: ['GetItem'],
      PutItem: ['PutItem'],
      UpdateItem: ['UpdateItem'],
      DeleteItem: ['DeleteItem'],
      Query: ['Query'],
      Scan: ['Scan'],
      BatchGetItem: ['BatchGetItem'],
      BatchPutItem: ['BatchWriteItem'],
      BatchDeleteItem: ['BatchWriteItem'],
      TransactGetItems: ['GetItem'],
      ConditionCheck: ['ConditionCheckItem'],
      TransactWriteItems: [],
      Sync: ['Scan'],
    };
    for (const f of functionConfigs()) {
      if (f.resource.Properties!.DataSourceName !== 'SccTableDataSource') continue;
      for (const m of cdk.appsyncCode(f.resource.Properties!).matchAll(/operation: ["'](\w+)["']/g)) {
        expect(action, `unknown operation ${m[1]}`).toHaveProperty(m[1]);
        for (const a of action[m[1]]) used.add(`dynamodb:${a}`);
      }
    }
    expect(RESOLVER_TABLE_ACTIONS).toEqual(expect.arrayContaining([...used]));
    const role = cdk.target(
      cdk.stackId('data'),
      cdk.resources('AWS::AppSync::DataSource').find((d) => d.resource.Properties!.Name === 'SccTableDataSource')!
        .resource.Properties!.ServiceRoleArn,
    );
    const granted = policiesOfRole(role)
      .flatMap(statements)
      .flatMap((s) => list(s.Action));
    expect(granted.sort()).toEqual([...RESOLVER_TABLE_ACTIONS].sort());
  });

  const dataSourceStatements = (name: string) => {
    const source = cdk.resources('AWS::AppSync::DataSource').find((d) => d.resource.Properties!.Name === name)!;
    return policiesOfRole(cdk.target(source.stack, source.resource.Properties!.ServiceRoleArn)).flatMap(statements);
  };

  it('lets the table data source reach the table and its named indexes, no index wildcard', () => {
    const resources = dataSourceStatements('SccTableDataSource').flatMap((s) => list(s.Resource));
    const indexes = resources.map((r) => JSON.stringify(r)).filter((r) => r.includes('/index/'));
    expect(indexes.map((r) => /\/index\/([^"]*)"/.exec(r)![1]).sort()).toEqual(
      TABLE.globalSecondaryIndexes.map((i) => i.indexName).sort(),
    );
  });

  it.each(['MailerDataSource', 'RetentionDataSource', 'TeamDataSource'])(
    'lets %s invoke its function, unqualified, and nothing else',
    (name) => {
      const [only, ...rest] = dataSourceStatements(name);
      expect(rest).toEqual([]);
      expect(list(only.Action)).toEqual(['lambda:InvokeFunction']);
      const resources = list(only.Resource);
      expect(resources).toHaveLength(1);
      expect(cdk.target(cdk.stackId('data'), resources[0])).toMatchObject({ attribute: 'Arn' });
    },
  );
});

describe('auth', () => {
  it('signs in with email, has the three groups, and lets no one sign up or in anonymously', () => {
    const pool = cdk.only('AWS::Cognito::UserPool').resource.Properties!;
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    const groups = cdk.resources('AWS::Cognito::UserPoolGroup').map((g) => g.resource.Properties!.GroupName);
    expect(groups.sort()).toEqual(['ACCOUNTING', 'ADMINS', 'CREW']);
    expect(cdk.only('AWS::Cognito::IdentityPool').resource.Properties!.AllowUnauthenticatedIdentities).toBe(false);
  });
});

describe('publishing writes made outside the API', () => {
  const LIVE_PUBLISHERS = ['mail-events', 'waiver'];
  const fieldArn = (field: string) =>
    `arn:\${AWS::Partition}:appsync:\${AWS::Region}:\${AWS::AccountId}:apis/\${GraphqlApi}/types/Mutation/fields/${field}`;

  it('grants appsync:GraphQL to the Lambdas that write outside the API, on exactly the publish fields, and to no other role', () => {
    const { principals } = extractPolicies(cdk);
    const grants = Object.entries(principals).flatMap(([name, p]) =>
      p.policies
        .flatMap((d) => list(d.Statement))
        .filter((st) => list(st.Action ?? []).some((a) => a.startsWith('appsync:')))
        .map((st) => ({
          name,
          effect: st.Effect,
          actions: list(st.Action!),
          resources: list(st.Resource ?? []).sort(),
        })),
    );
    const expected = [...PUBLISH_FIELDS].map(fieldArn).sort();
    expect(grants).toEqual(
      LIVE_PUBLISHERS.map((name) => ({ name, effect: 'Allow', actions: ['appsync:GraphQL'], resources: expected })),
    );
    // Nor any other policy of the app (the identity pool's roles included): the publish fields, or all of Mutation, are theirs alone.
    const others = cdk
      .resources('AWS::IAM::Policy')
      .concat(cdk.resources('AWS::IAM::Role'))
      .filter((p) => statements(p).some((st) => list(st.Action).some((a) => a.startsWith('appsync:'))));
    expect(
      others.flatMap((p) => statements(p)).filter((st) => list(st.Action).some((a) => a.startsWith('appsync:'))).length,
    ).toBe(LIVE_PUBLISHERS.length);
  });

  it.each(LIVE_PUBLISHERS)("tells %s the API's URL to publish through", (name) => {
    const fn = cdk.functionNamed(name);
    const url = cdk.target(fn.stack, cdk.resource(fn).Properties!.Environment.Variables.LIVE_API_URL);
    expect(cdk.resource(url).Type).toBe('AWS::AppSync::GraphQLApi');
    expect(url.attribute).toBe('GraphQLUrl');
  });

  it('publishes on the NONE data source, refusing any caller that is not IAM', () => {
    const resolvers = cdk.resources('AWS::AppSync::Resolver').map((r) => r.resource.Properties!);
    for (const field of PUBLISH_FIELDS) {
      const resolver = resolvers.find((r) => r.TypeName === 'Mutation' && r.FieldName === field)!;
      const steps = JSON.stringify(resolver.PipelineConfig.Functions);
      const step = functionConfigs().find(
        (f) => steps.includes(`"${f.id}"`) && f.resource.Properties!.Name !== ACCESS_STEP.name,
      )!.resource.Properties!;
      expect(step.DataSourceName, field).toBe('NONE_DS');
      expect(cdk.appsyncCode(step), field).toContain('identity.userArn');
      expect(fieldLine(field), field).toContain('@aws_iam');
    }
  });
});

describe('the functions', () => {
  it.each(['mailer', 'retention', 'team', 'waiver'])('runs %s on Node 20 or newer, on ARM64', (name) => {
    const p = cdk.resource(cdk.functionNamed(name)).Properties!;
    expect(p.Architectures).toEqual(['arm64']);
    expect(Number(/^nodejs(\d+)/.exec(p.Runtime)![1])).toBeGreaterThanOrEqual(20);
  });

  it.each(['mailer', 'waiver'])(
    'gives %s the sender and audit addresses from Amplify secrets, never literal values',
    (name) => {
      const env = cdk.resource(cdk.functionNamed(name)).Properties!.Environment.Variables;
      const ssm = JSON.parse(env.AMPLIFY_SSM_ENV_CONFIG);
      for (const key of ['SENDER_EMAIL', 'AUDIT_EMAIL']) {
        expect(ssm[key], key).toMatchObject({ path: expect.stringContaining(`/${key}`) });
        expect(env[key]).not.toMatch(/@/);
      }
    },
  );

  it.each(['mailer', 'waiver'])('gives %s the operator time zone its dates are shown in', (name) => {
    expect(cdk.resource(cdk.functionNamed(name)).Properties!.Environment.Variables.TIME_ZONE).toBe(
      'America/Los_Angeles',
    );
  });

  it.each(['waiver', 'retention', 'team'])('gives the %s function the table name', (name) => {
    const fn = cdk.functionNamed(name);
    const env = cdk.resource(fn).Properties!.Environment.Variables;
    expect(cdk.target(fn.stack, env.TABLE_NAME)).toMatchObject({ id: cdk.only('AWS::DynamoDB::Table').id });
  });

  it('lets the retention function query event partitions and update their items, nothing else', () => {
    const granted = policiesOfRole(roleOf(cdk.functionNamed('retention'))).flatMap(statements);
    expect(
      granted
        .flatMap((s) => list(s.Action))
        .filter((a) => !a.startsWith('ssm:'))
        .sort(),
    ).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const s of granted.filter((g) => list(g.Action).some((a) => a.startsWith('dynamodb:')))) {
      expect((s as { Condition?: unknown }).Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*'] },
      });
    }
  });

  it('lets the waiver function read event partitions and write waiver and audit records, nothing else', () => {
    const granted = policiesOfRole(roleOf(cdk.functionNamed('waiver'))).flatMap(statements);
    const dynamo = granted.filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect([...new Set(dynamo.flatMap((s) => list(s.Action)))].sort()).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    for (const s of dynamo) expect(JSON.stringify(s)).toMatch(/dynamodb:LeadingKeys/);
  });

  it('lets the mailer send email through SES and touch nothing else', () => {
    const actions = policiesOfRole(roleOf(cdk.functionNamed('mailer')))
      .flatMap(statements)
      .flatMap((s) => list(s.Action));
    // (on its identity, and on the configuration set it sends through: amplify/site/mail-events.ts)
    expect([...new Set(actions.filter((a) => !a.startsWith('ssm:')))]).toEqual(['ses:SendEmail']);
  });
});

describe('IAM', () => {
  it('grants no wildcard action and no resource "*" anywhere', () => {
    const all = [...cdk.resources('AWS::IAM::Policy'), ...cdk.resources('AWS::IAM::Role')].flatMap((p) =>
      statements(p).map((s) => ({ where: `${p.stack}/${p.id}`, ...s })),
    );
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      for (const a of list(s.Action)) expect(a, s.where).not.toMatch(/^(\*|[a-z0-9-]+:\*)$/);
      for (const r of list(s.Resource ?? [])) expect(r, s.where).not.toBe('*');
    }
  });
});

describe('amplify_outputs.json', () => {
  it('adds the site URL and the waiver base URL, on the distribution’s domain, and the operator time zone', () => {
    const parts = cdk.templates.get('(root)')!.Outputs!.customOutputs.Value as { 'Fn::Join': [string, unknown[]] };
    const rendered = parts['Fn::Join'][1]
      .map((part) => {
        if (typeof part === 'string') return part;
        const at = cdk.target('(root)', part);
        expect(cdk.resource(at).Type).toBe('AWS::CloudFront::Distribution');
        expect(at.attribute).toBe('DomainName');
        return 'd111.cloudfront.net';
      })
      .join('');
    expect(JSON.parse(rendered).custom).toEqual({
      siteUrl: 'https://d111.cloudfront.net',
      waiverBaseUrl: 'https://d111.cloudfront.net/g',
      timeZone: 'America/Los_Angeles',
    });
  });
});

describe('the resolver code', () => {
  it('is byte for byte what the local AppSync runtime bundles and runs', async () => {
    const { bundleResolver } = await import('../../local/appsync/runtime');
    const dir = join(import.meta.dirname, '../../amplify/data/resolvers');
    const local = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')))
      local.add((await bundleResolver(join(dir, file))).code);
    for (const f of functionConfigs())
      expect(local.has(cdk.appsyncCode(f.resource.Properties!)), f.resource.Properties!.Name).toBe(true);
  });
});

describe('the team', () => {
  it('backs the team fields with the team function through TeamDataSource', () => {
    const source = cdk
      .resources('AWS::AppSync::DataSource')
      .find((d) => d.resource.Properties!.Name === 'TeamDataSource')!;
    expect(source.resource.Properties!.Type).toBe('AWS_LAMBDA');
    expect(cdk.target(source.stack, source.resource.Properties!.LambdaConfig.LambdaFunctionArn)).toMatchObject({
      id: cdk.functionNamed('team').id,
    });
    const teamFields = Object.keys(GROUPS).filter((f) => /Team/.test(f) || f === 'teamMembers');
    const bound = functionConfigs()
      .filter((f) => f.resource.Properties!.DataSourceName === 'TeamDataSource')
      .map((f) => f.resource.Properties!.Name as string);
    expect(bound).toHaveLength(teamFields.length);
  });

  it('lets the team function make its Cognito admin calls on this user pool only, and no other Cognito call', () => {
    const granted = policiesOfRole(roleOf(cdk.functionNamed('team'))).flatMap(statements);
    const cognito = granted.filter((s) => list(s.Action).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect(list(cognito[0]!.Action).sort()).toEqual([...TEAM_COGNITO_ACTIONS].sort());
    const resources = list(cognito[0]!.Resource);
    expect(resources).toHaveLength(1);
    const fn = cdk.functionNamed('team');
    expect(cdk.target(fn.stack, resources[0])).toMatchObject({
      id: cdk.only('AWS::Cognito::UserPool').id,
      attribute: 'Arn',
    });
    expect(JSON.stringify(granted)).not.toMatch(/cognito-idp:\*|"Resource":"\*"/);
  });

  it('lets the team function write only the team lock and the team audit records in the table', () => {
    const granted = policiesOfRole(roleOf(cdk.functionNamed('team'))).flatMap(statements);
    const dynamo = granted.filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap((s) => list(s.Action)).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    for (const s of dynamo)
      expect((s as { Condition?: unknown }).Condition).toEqual({
        'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['TEAM', 'AUDIT#TEAM'] },
      });
    expect([
      ...new Set(granted.flatMap((s) => list(s.Action)).filter((a) => !/^(cognito-idp|dynamodb|ssm):/.test(a))),
    ]).toEqual(['ses:SendEmail']);
  });

  it('tells the team function its user pool, and the sender and dashboard from Amplify secrets', () => {
    const fn = cdk.functionNamed('team');
    const env = cdk.resource(fn).Properties!.Environment.Variables;
    expect(cdk.target(fn.stack, env.USER_POOL_ID)).toMatchObject({ id: cdk.only('AWS::Cognito::UserPool').id });
    const ssm = JSON.parse(env.AMPLIFY_SSM_ENV_CONFIG);
    for (const key of ['SENDER_EMAIL', 'WAIVER_BASE_URL'])
      expect(ssm[key], key).toMatchObject({ path: expect.stringContaining(`/${key}`) });
    expect(env.COGNITO_ENDPOINT).toBeUndefined();
  });
});
