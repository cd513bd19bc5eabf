import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { BackupPlan } from 'aws-cdk-lib/aws-backup';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Bucket, CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag's AwsSolutions pack runs on every synth (`ampx sandbox`, `pipeline-deploy`, the template
 * tests): an error it reports fails the synth, so nothing it objects to is deployed unnoticed. What
 * the app keeps against a rule is acknowledged here, one place, each with why.
 */
export interface NagSubjects {
  readonly userPool: IUserPool;
  readonly graphqlApi: CfnGraphQLApi;
  /** The SCC Lambdas (mailer, reminders, retention, team, waiver). */
  readonly functions: readonly IFunction[];
  /** Those of them that send mail. */
  readonly mailers: readonly IFunction[];
  readonly secrets: { readonly pageToken: ISecret; readonly waiverOriginVerify: ISecret; readonly waiverLink: ISecret };
  /** Functions run on a schedule (Amplify's `schedule`: an EventBridge Scheduler schedule and its role). */
  readonly scheduled: readonly IFunction[];
  /** The SccSite: its SPA bucket, its distribution, and the BucketDeployment that fills one and invalidates the other. */
  readonly site: IConstruct & { readonly bucket: IBucket; readonly distribution: IDistribution };
  /** The alarms' topic, and the table's backup plan (branches only). */
  readonly operations: { readonly alarmTopic: ITopic; readonly backup?: { readonly plan: BackupPlan } };
}

const ack = (scope: IConstruct, rule: string, reason: string) =>
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });

const BASIC_EXECUTION_ROLE =
  'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** The findings on CDK's BucketDeployment handler (one per stack that deploys files to a bucket). */
const BUCKET_DEPLOYMENT_WILDCARDS = [
  // Reading the asset zip from the CDK bootstrap bucket, and writing the destination's objects.
  'Action::s3:GetObject*',
  'Action::s3:GetBucket*',
  'Action::s3:List*',
  'Action::s3:DeleteObject*',
  'Action::s3:Abort*',
  'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
];

export function checkAwsSolutions(app: IConstruct, s: NagSubjects): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  ack(
    s.userPool,
    'COG8',
    "Cognito's Plus plan (threat protection) is billed per active user; the pool holds only staff accounts an admin invites (no self sign-up), with one-hour tokens and token revocation on.",
  );
  ack(
    s.graphqlApi,
    'ASC3',
    "The rule passes only with verbose request logging, which writes every request's headers, query and resolver context (patrons' names, phones and emails among them) to CloudWatch Logs.",
  );
  ack(
    s.secrets.pageToken,
    'SMG4',
    "The API reads the key at deploy time (a dynamic reference in its environment), so a scheduled rotation would reach it only at the next deployment, and then break every client's outstanding nextToken; it signs paging cursors, never credentials.",
  );
  ack(
    s.secrets.waiverOriginVerify,
    'SMG4',
    "The waiver Lambda's environment and CloudFront's origin header read it at deploy time (a dynamic reference): a scheduled rotation would reach neither until the next deployment, which then changes the two at different moments, refusing patrons' waivers in between. It keeps callers from bypassing CloudFront; it guards no data.",
  );
  ack(
    s.secrets.waiverLink,
    'SMG4',
    "The Lambdas read it at deploy time (a dynamic reference in their environment), so a scheduled rotation would reach them only at the next deployment, and would then void every personal waiver link already mailed to patrons. It signs links to a booking's form; it guards no data.",
  );
  for (const fn of s.scheduled) {
    const stack = Stack.of(fn);
    const target = `<${stack.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*`;
    for (const node of stack.node.findAll()) {
      if (node.node.id.startsWith('SchedulerRoleForTarget-')) {
        ack(
          node,
          `IAM5[Resource::${target}]`,
          "EventBridge Scheduler's role for Amplify's `schedule`: lambda:InvokeFunction on this one function and its versions (CDK's scheduler target grant), nothing else.",
        );
      }
    }
  }

  ack(
    s.operations.alarmTopic,
    'SNS2',
    "CloudWatch alarms can publish to an encrypted topic only through a customer managed KMS key (not SNS's AWS managed key); the messages are alarm names and metric values, nothing personal, and the topic takes HTTPS only (enforceSSL).",
  );
  if (s.operations.backup) {
    ack(
      s.operations.backup.plan,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      "AWS Backup's role for the table's selection: the AWS managed policy AWS Backup documents for taking backups, which it keeps current as backup features change.",
    );
  }

  for (const fn of s.functions)
    ack(
      fn,
      BASIC_EXECUTION_ROLE,
      'The AWS managed policy Amplify attaches: only logs:CreateLogGroup, CreateLogStream and PutLogEvents, so the function can log.',
    );
  for (const fn of s.mailers) {
    ack(
      fn,
      'IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      'ses:SendEmail only, on identities of this account and region: the sender is an Amplify secret read at run time, unknown at synth. A deployment that sets SCC_SES_IDENTITY gets the grant narrowed to it (amplify/site/grants.ts).',
    );
  }

  const logs =
    "CloudFront and S3 access logs would keep patrons' IP addresses with no use: the audit trail an auditor reads is the AUDIT# records in the table, and the SPA is a public static build.";
  ack(s.site.bucket, 'S1', logs);
  ack(s.site.distribution, 'CFR3', logs);
  ack(
    s.site.distribution,
    'CFR4',
    'The site uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum protocol at TLSv1; a custom domain with its own certificate is needed to raise it.',
  );
  const spaDeployment = s.site.node.children.find((c): c is BucketDeployment => c instanceof BucketDeployment);
  if (!spaDeployment) throw new Error('the site has no BucketDeployment');
  ack(
    spaDeployment.handlerRole,
    'IAM5[Resource::*]',
    'cloudfront:CreateInvalidation is narrowed to this distribution by a property override (amplify/site/site.ts scopeInvalidationGrant), which cdk-nag does not see.',
  );

  for (const node of app.node.findAll()) {
    const id = node.node.id;
    // Fixed rather than acknowledged (S10): Amplify leaves its codegen bucket open to plain HTTP.
    if (id === 'AmplifyCodegenAssetsBucket' && node instanceof Bucket) denyInsecureTransport(node);
    if (id === 'AmplifyCodegenAssetsBucket' || id === 'modelIntrospectionSchemaBucket') {
      ack(
        node,
        'S1',
        "Amplify's own bucket of files generated from the GraphQL schema (for client code generation and model introspection): nothing in it is personal or audited.",
      );
    }
    if (id.startsWith('Custom::CDKBucketDeployment')) bucketDeploymentHandler(node);
    if (id === 'AmplifyBranchLinker') amplifyBranchLinker(node);
  }
}

/**
 * Amplify's custom resource of a branch deployment (not in a sandbox), which links the backend to
 * its Amplify Hosting branch: a function and CDK's provider framework in front of it.
 */
function amplifyBranchLinker(linker: IConstruct): void {
  const reason =
    "Amplify's branch linker (a custom resource of branch deployments): Amplify's own grants, which it offers no way to narrow.";
  ack(linker, BASIC_EXECUTION_ROLE, `${reason} The AWS managed policy lets its functions log, nothing more.`);
  const app = linker.node.tryGetContext('amplify-backend-namespace');
  const branch = linker.node.tryGetContext('amplify-backend-name');
  ack(
    linker,
    `IAM5[Resource::arn:aws:amplify:*:*:apps/${app}/branches/${branch}]`,
    `${reason} amplify:GetBranch and UpdateBranch on this app's branch only; the account and region are left open by Amplify.`,
  );
  const stack = Stack.of(linker);
  for (const node of linker.node.findAll()) {
    if (node instanceof CfnFunction)
      ack(
        linker,
        `IAM5[Resource::<${stack.getLogicalId(node)}.Arn>:*]`,
        `${reason} CDK's provider framework may invoke every version of the linker's own function.`,
      );
  }
}

/** CDK's BucketDeployment handler (one per stack), which copies assets into a bucket at deploy time. */
function bucketDeploymentHandler(handler: IConstruct): void {
  const reason =
    "CDK's BucketDeployment handler: the wildcards are CDK's grant for copying the asset zip into the destination bucket and pruning what the new build no longer has; CDK offers no narrower form.";
  for (const finding of BUCKET_DEPLOYMENT_WILDCARDS) ack(handler, `IAM5[${finding}]`, reason);
  // And the objects of each bucket it deploys to, named by the bucket's logical id in its stack.
  const stack = Stack.of(handler);
  for (const node of stack.node.findAll()) {
    if (node instanceof CfnBucket && Stack.of(node) === stack)
      ack(handler, `IAM5[Resource::<${stack.getLogicalId(node)}.Arn>/*]`, reason);
  }
  ack(
    handler,
    BASIC_EXECUTION_ROLE,
    "CDK's BucketDeployment handler: the AWS managed policy lets it log, nothing more.",
  );
  ack(
    handler,
    'L1',
    'CDK chooses the Python runtime of its BucketDeployment handler; test/amplify/runtimes.test.ts fails six months before AWS deprecates it.',
  );
}

/** What `enforceSSL: true` would have added, for a bucket created by someone else. */
function denyInsecureTransport(bucket: Bucket): void {
  bucket.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
  );
}
