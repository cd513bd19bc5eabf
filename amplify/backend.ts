// First: must be in place before Amplify's data construct loads its code generator.
import './site/graphql-realm';
import { resolve } from 'node:path';
import { defineBackend, secret } from '@aws-amplify/backend';
import { Stack } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { TOKEN_VALIDITY } from './auth/tokens';
import { auth } from './auth/resource';
import { QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from './data/limits';
import { PUBLISH_FIELDS } from './data/contract/live-publish';
import { data, MAILER_DATA_SOURCE, RETENTION_DATA_SOURCE, TABLE_DATA_SOURCE, TEAM_DATA_SOURCE } from './data/resource';
import { mailer } from './functions/mailer/resource';
import { mailEvents } from './functions/mail-events/resource';
import { reminders } from './functions/reminders/resource';
import { retention } from './functions/retention/resource';
import { team } from './functions/team/resource';
import { waiver } from './functions/waiver/resource';
import { enforceFunctionPlatform, raiseNodeRuntimes, RESERVED_CONCURRENCY, reserveConcurrency } from './site/functions';
import { SccAlarms } from './site/alarms';
import { backUpTable } from './site/backup';
import { functionLogGroup, keepFunctionLogs90Days, logApiErrors } from './site/logging';
import { keepOnBranches } from './site/retain';
import {
  grantRetentionTableAccess,
  grantSendEmail,
  grantTeamAccess,
  grantWaiverTableAccess,
  limitLambdaDataSource,
  limitTableDataSource,
} from './site/grants';
import { shipBundledResolvers } from './site/resolver-code';
import { SccSite } from './site/site';
import { createSccTable } from './site/table';
import { TABLE } from './storage/table';
import { grantReminderTableAccess, shareWaiverLinkSecret } from './site/outreach';
import { createWaiverOrigin } from './site/waiver-origin';
import { operatorTimeZone } from './time-zone';
import { checkAwsSolutions } from './site/nag';
import { checkAccessFirst } from './site/access';
import { createMailEvents } from './site/mail-events';

/**
 * The whole AWS deployment (docs/architecture.md, docs/deploy.md): `npx ampx sandbox`, `npx ampx pipeline-deploy`, and
 * `npm run synth` (offline, for the template tests) all evaluate this file.
 */
const backend = defineBackend({ auth, data, mailer, mailEvents, reminders, retention, team, waiver });
// The operator's one time zone (amplify/time-zone.ts), checked before anything is built.
const timeZone = operatorTimeZone(process.env.SCC_TIME_ZONE);

// Auth: staff are invited by an admin; nobody signs themselves up, and nobody gets AWS credentials
// without signing in.
const { cfnUserPool, cfnUserPoolClient, cfnIdentityPool } = backend.auth.resources.cfnResources;
cfnUserPool.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
cfnIdentityPool.allowUnauthenticatedIdentities = false;
// Token lifetimes from amplify/auth/tokens.ts (cognito-local gets the same), refreshed silently.
cfnUserPoolClient.idTokenValidity = TOKEN_VALIDITY.idTokenMinutes;
cfnUserPoolClient.accessTokenValidity = TOKEN_VALIDITY.accessTokenMinutes;
cfnUserPoolClient.refreshTokenValidity = TOKEN_VALIDITY.refreshTokenDays;
cfnUserPoolClient.tokenValidityUnits = { idToken: 'minutes', accessToken: 'minutes', refreshToken: 'days' };
cfnUserPoolClient.enableTokenRevocation = true;

// The table gets its own nested stack: the data stack, the functions and the site all reference
// it, and it references nothing, so no two stacks end up depending on each other.
const sandbox = backend.stack.node.tryGetContext('amplify-backend-type') === 'sandbox';
const table = createSccTable(backend.createStack('storage'), { keep: !sandbox });

// Data: the resolvers' data sources, under the names amplify/data/resource.ts refers to, and the
// table name and the operator's zone in the API's environment (ctx.env.TABLE_NAME, which
// TransactWriteItems needs; ctx.env.TIME_ZONE, the day of an event id and of a date range).
const tableDataSource = backend.data.addDynamoDbDataSource(TABLE_DATA_SOURCE, table);
limitTableDataSource(tableDataSource, table);
limitLambdaDataSource(
  backend.data.addLambdaDataSource(MAILER_DATA_SOURCE, backend.mailer.resources.lambda),
  backend.mailer.resources.lambda,
);
limitLambdaDataSource(
  backend.data.addLambdaDataSource(RETENTION_DATA_SOURCE, backend.retention.resources.lambda),
  backend.retention.resources.lambda,
);
const { cfnGraphqlApi } = backend.data.resources.cfnResources;
// PAGE_TOKEN_SECRET signs page tokens (amplify/data/resolvers/lib/page.ts). Secrets Manager makes
// it at the first deployment and keeps it across redeploys (so a client's next page survives a
// deploy), and it never appears in the template or cdk.out: CloudFormation resolves it when it
// sets the API's environment. Not a value made at synth time (it would change on every deploy and
// sit in the template in clear), and not SSM: CloudFormation resolves SecureString parameters only
// in a few resource types, of which AppSync is not one.
const pageTokenSecret = new Secret(Stack.of(backend.data.resources.graphqlApi), 'PageTokenSecret', {
  description: 'Signs the page tokens (nextToken) of the SCC GraphQL API',
  generateSecretString: { passwordLength: 64, excludePunctuation: true },
});
cfnGraphqlApi.environmentVariables = {
  TABLE_NAME: table.tableName,
  TIME_ZONE: timeZone,
  PAGE_TOKEN_SECRET: pageTokenSecret.secretValue.unsafeUnwrap(),
};
// What one request may cost (amplify/data/limits.ts; the local AppSync enforces the same).
cfnGraphqlApi.queryDepthLimit = QUERY_DEPTH_LIMIT;
cfnGraphqlApi.resolverCountLimit = RESOLVER_COUNT_LIMIT;
shipBundledResolvers(Stack.of(backend.data.resources.graphqlApi));
// Every resolver first refuses a token older than its user's last change of access (docs/security-access.md).
checkAccessFirst(backend.data.resources.graphqlApi, tableDataSource);

// Functions: Node 24 on ARM64, least-privilege grants.
for (const fn of [
  backend.mailer,
  backend.mailEvents,
  backend.reminders,
  backend.retention,
  backend.team,
  backend.waiver,
])
  enforceFunctionPlatform(fn.resources.cfnResources.cfnFunction);
// And every function others add (Amplify's branch linker, CDK's providers) on Node 24 too.
raiseNodeRuntimes(backend.stack.node.root);
grantSendEmail(backend.mailer.resources.lambda, Stack.of(backend.mailer.resources.lambda));
grantSendEmail(backend.waiver.resources.lambda, Stack.of(backend.waiver.resources.lambda));
grantWaiverTableAccess(backend.waiver.resources.lambda, table);
backend.waiver.addEnvironment('TABLE_NAME', table.tableName);
grantRetentionTableAccess(backend.retention.resources.lambda, table);
backend.retention.addEnvironment('TABLE_NAME', table.tableName);
// Receipts and waiver pages and emails show times in the operator's zone.
for (const fn of [backend.mailer, backend.waiver]) fn.addEnvironment('TIME_ZONE', timeZone);
// Addresses are deployment settings, not code: Amplify secrets (SSM, set per sandbox or branch),
// read when the function starts. They replace whatever a resource.ts gives for local runs.
for (const fn of [backend.mailer, backend.waiver]) {
  fn.addEnvironment('SENDER_EMAIL', secret('SENDER_EMAIL'));
  fn.addEnvironment('AUDIT_EMAIL', secret('AUDIT_EMAIL'));
}

// Personal waiver links: the mailer signs them, the waiver Lambda checks them; their
// base (`https://<site>/g`) is a deployment setting, as the addresses are (the site's domain cannot be
// passed in directly: the site stack already depends on the functions).
// The reminder job (its schedule in its resource.ts) mails links too, and reads and writes the table.
const waiverLinkSecret = shareWaiverLinkSecret(backend.mailer.resources.lambda, [
  backend.mailer,
  backend.waiver,
  backend.reminders,
]);
for (const fn of [backend.mailer, backend.reminders]) fn.addEnvironment('WAIVER_BASE_URL', secret('WAIVER_BASE_URL'));
grantReminderTableAccess(backend.reminders.resources.lambda, table);
grantSendEmail(backend.reminders.resources.lambda, Stack.of(backend.reminders.resources.lambda));
backend.reminders.addEnvironment('TABLE_NAME', table.tableName);
backend.reminders.addEnvironment('TIME_ZONE', timeZone);
for (const name of ['SENDER_EMAIL', 'AUDIT_EMAIL']) backend.reminders.addEnvironment(name, secret(name));

// Writes made outside the API reach open screens through the IAM-only publish mutations
// (amplify/functions/live.ts): each writer may call those fields of the API and nothing else. They
// live in the data stack (resourceGroupName), so the API's URL is no reference between stacks.
for (const fn of [backend.waiver, backend.mailEvents]) {
  fn.addEnvironment('LIVE_API_URL', cfnGraphqlApi.attrGraphQlUrl);
  backend.data.resources.graphqlApi.grantMutation(fn.resources.lambda, ...PUBLISH_FIELDS);
}

// The team: the Team page's fields invoke the team Lambda, which administers this
// user pool and mails temporary passwords itself (amplify/functions/team/run.ts says why); its
// invitation names the dashboard, the site root of WAIVER_BASE_URL.
limitLambdaDataSource(
  backend.data.addLambdaDataSource(TEAM_DATA_SOURCE, backend.team.resources.lambda),
  backend.team.resources.lambda,
);
grantTeamAccess(backend.team.resources.lambda, backend.auth.resources.userPool, table);
grantSendEmail(backend.team.resources.lambda, Stack.of(backend.team.resources.lambda));
backend.team.addEnvironment('USER_POOL_ID', backend.auth.resources.userPool.userPoolId);
backend.team.addEnvironment('TABLE_NAME', table.tableName);
for (const name of ['SENDER_EMAIL', 'WAIVER_BASE_URL']) backend.team.addEnvironment(name, secret(name));

// Mail that is known to arrive or not: every sender's mail through one SES configuration set whose
// delivery, bounce and complaint events the mail-events Lambda records (./site/mail-events.ts).
createMailEvents(backend.mailEvents, table, [backend.mailer, backend.reminders, backend.team, backend.waiver]);

// The site: the SPA from S3 and /g/*/waiver from the waiver Function URL, per amplify/edge/routes.ts.
const waiverOrigin = createWaiverOrigin(backend.waiver.resources.lambda, backend.waiver.addEnvironment);
const site = new SccSite(backend.createStack('site'), 'Site', {
  waiverUrl: waiverOrigin.url,
  waiverOriginHeaders: waiverOrigin.customHeaders,
  spaDir: resolve(process.env.SCC_SPA_DIR ?? 'dist'),
});

const siteUrl = `https://${site.distribution.distributionDomainName}`;
backend.addOutput({
  custom: {
    siteUrl,
    // A patron's waiver link is `${waiverBaseUrl}/<event-id>/waiver`.
    waiverBaseUrl: `${siteUrl}/g`,
    // The dashboard and scripts show and read times in this zone (IANA name).
    timeZone,
  },
});

// Operations (docs/deploy.md): every function's logs kept 90 days, the API's field errors logged,
// alarms to one SNS topic, and on branches reserved concurrency, monthly backups of the table, and
// the user pool and the link secret kept whatever happens to the stack.
keepFunctionLogs90Days(backend.stack.node.root);
logApiErrors(cfnGraphqlApi);
const alarms = new SccAlarms(backend.createStack('monitoring'), 'Alarms', {
  functions: Object.fromEntries(
    Object.entries({
      mailer: backend.mailer,
      reminders: backend.reminders,
      retention: backend.retention,
      team: backend.team,
      waiver: backend.waiver,
    }).map(([n, f]) => [n, f.resources.lambda]),
  ),
  apiId: cfnGraphqlApi.attrApiId,
  table,
  indexNames: TABLE.globalSecondaryIndexes.map((i) => i.indexName),
  remindersLog: functionLogGroup(backend.reminders.resources.cfnResources.cfnFunction),
});
const backup = sandbox ? undefined : backUpTable(Stack.of(table), table);
keepOnBranches(!sandbox, { userPool: cfnUserPool, secrets: [waiverLinkSecret] });
if (!sandbox) {
  reserveConcurrency(backend.waiver.resources.cfnResources.cfnFunction, RESERVED_CONCURRENCY.waiver);
  reserveConcurrency(backend.mailer.resources.cfnResources.cfnFunction, RESERVED_CONCURRENCY.mailer);
}

// cdk-nag's AwsSolutions pack on the whole app; what we keep against a rule is in ./site/nag.ts.
checkAwsSolutions(backend.stack.node.root, {
  userPool: backend.auth.resources.userPool,
  graphqlApi: cfnGraphqlApi,
  functions: [
    backend.mailer,
    backend.mailEvents,
    backend.reminders,
    backend.retention,
    backend.team,
    backend.waiver,
  ].map((f) => f.resources.lambda),
  mailers: [backend.mailer, backend.reminders, backend.team, backend.waiver].map((f) => f.resources.lambda),
  secrets: { pageToken: pageTokenSecret, waiverOriginVerify: waiverOrigin.secret, waiverLink: waiverLinkSecret },
  scheduled: [backend.reminders.resources.lambda],
  site,
  operations: { alarmTopic: alarms.topic, backup },
});
