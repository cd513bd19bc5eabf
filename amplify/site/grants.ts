import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type CfnPolicy, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { auditPk, TEAM_ENTITY, TEAM_PK, waiverTextPk } from '../data/keys';
import { TABLE } from '../storage/table';

/**
 * The waiver Lambda reads event partitions (the event and a roster entry) and, in one
 * TransactWriteItems, writes the waiver record, the roster entry, the event's counters and an audit
 * record, and raises its rate-limit counters. IAM has no TransactWriteItems action: it checks the
 * Put/Update behind each item, so those are granted, only on items whose partition key is an
 * event's, an audit log's or a waiver rate counter's. Before a signature it stores the text signed,
 * once, under `WAIVERTEXT#<sha256>` (a conditional PutItem, outside the transaction): only a put
 * there, so it can neither change nor read a stored text. No Delete, no Scan, no index.
 */
export function grantWaiverTableAccess(fn: IGrantable, table: ITable): void {
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadEventPartitions',
      effect: Effect.ALLOW,
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*'] } },
    }),
  );
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'WriteWaiverRecords',
      effect: Effect.ALLOW,
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*', 'AUDIT#*', 'WAIVERRATE#*'] } },
    }),
  );
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'StoreWaiverTexts',
      effect: Effect.ALLOW,
      actions: ['dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [waiverTextPk('*')] } },
    }),
  );
}

/**
 * The retention Lambda reads an event's payments (Query on its partition) and raises their
 * `expiresAt` (UpdateItem): only on event partitions. No Put, no Delete, no Scan, no index.
 */
export function grantRetentionTableAccess(fn: IGrantable, table: ITable): void {
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ExtendPaymentRetention',
      effect: Effect.ALLOW,
      actions: ['dynamodb:Query', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*'] } },
    }),
  );
}

/**
 * The Cognito admin calls the team Lambda makes (amplify/functions/team/directory.ts), on this
 * user pool only: no ListUserPools, no pool settings, no deleting users.
 */
export const TEAM_COGNITO_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
];

/**
 * The team Lambda: the admin calls above on the pool, and in the table only the team lock (an
 * UpdateItem, and in the release transaction) and the team's audit records (PutItem): partition
 * keys TEAM and AUDIT#TEAM exactly, nothing else.
 */
export function grantTeamAccess(fn: IGrantable, userPool: IUserPool, table: ITable): void {
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'AdministerTeamInUserPool',
      effect: Effect.ALLOW,
      actions: TEAM_COGNITO_ACTIONS,
      resources: [userPool.userPoolArn],
    }),
  );
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'TeamLockAndAudit',
      effect: Effect.ALLOW,
      actions: ['dynamodb:UpdateItem', 'dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [TEAM_PK, auditPk(TEAM_ENTITY)] } },
    }),
  );
}

/**
 * `ses:SendEmail` on SES identities of this account and region only. The sender address is an
 * Amplify secret resolved when the function starts, so it is unknown here; when the deployment
 * names its verified identity (env SCC_SES_IDENTITY at deploy time: a domain or an address), the
 * grant is narrowed to that identity. While the account is in the SES sandbox, AWS also checks the
 * recipients' identities, which the account-wide form allows.
 */
export function grantSendEmail(fn: IGrantable, scope: Stack, identity = process.env.SCC_SES_IDENTITY): void {
  const arn = (name: string) => scope.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'SendMailFromVerifiedIdentity',
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: [arn(identity?.trim() || '*')],
    }),
  );
}

/**
 * What APPSYNC_JS resolvers may do to the table. CDK's addDynamoDbDataSource grants all of
 * read/write (Scan, BatchWriteItem, stream reads…); every read is a Query or GetItem (docs/architecture.md, the table),
 * so the data source's role gets only the item operations the resolvers issue (a transaction's
 * items are authorized as their Put/Update/Delete/ConditionCheck). The template tests compare this
 * list with the operations found in the bundled resolvers.
 */
export const RESOLVER_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * The policy document is replaced on the L1 resource (not by a raw override) so that cdk-nag checks
 * what is deployed; each index is named, as the resolvers query only the table's own GSIs.
 */
export function limitTableDataSource(dataSource: IConstruct, table: ITable): void {
  defaultPolicy(dataSource).policyDocument = policyDocument({
    Sid: 'ResolverItemOperations',
    Effect: 'Allow',
    Action: RESOLVER_TABLE_ACTIONS,
    Resource: [table.tableArn, ...TABLE.globalSecondaryIndexes.map((i) => `${table.tableArn}/index/${i.indexName}`)],
  });
}

/**
 * A Lambda data source may invoke its function, unqualified, as AppSync calls it. CDK's grantInvoke
 * adds every version and alias (`<arn>:*`), which AppSync never uses.
 */
export function limitLambdaDataSource(dataSource: IConstruct, fn: IFunction): void {
  defaultPolicy(dataSource).policyDocument = policyDocument({
    Sid: 'InvokeDataSourceFunction',
    Effect: 'Allow',
    Action: 'lambda:InvokeFunction',
    Resource: fn.functionArn,
  });
}

function defaultPolicy(dataSource: IConstruct): CfnPolicy {
  return dataSource.node.findChild('ServiceRole').node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy;
}

const policyDocument = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
