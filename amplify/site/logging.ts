import { Aspects, CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * How long logs are kept: they hold patrons' names, emails and phone numbers (a Lambda's request
 * and its errors), so they expire. 90 days is enough to look into a failure an alarm reported; the
 * records an auditor reads are the table's AUDIT# items, kept 7 years.
 */
export const LOG_RETENTION = RetentionDays.THREE_MONTHS;
export const LOG_RETENTION_DAYS = 90;

/**
 * Each Lambda function of the app logs to a log group of its own that this stack creates with the
 * retention above (Lambda's `LoggingConfig.LogGroup`), instead of the `/aws/lambda/<name>` group
 * Lambda would create on first use, which never expires. Ours, Amplify's and CDK's custom
 * resource handlers alike: they run in the same account and log what they are handed.
 */
const functionLogGroups: IAspect = {
  visit(node: IConstruct) {
    if (node instanceof CfnResource && node.cfnResourceType === 'AWS::Lambda::Function') ownLogGroup(node);
  },
};

/** The function's own log group: made (and the function pointed at it) the first time it is asked for. */
function ownLogGroup(fn: CfnResource): LogGroup | undefined {
  const made = fn.node.tryFindChild('LogGroup');
  if (made) return made as LogGroup;
  const given =
    fn instanceof CfnFunction
      ? (Stack.of(fn).resolve(fn.loggingConfig) as CfnFunction.LoggingConfigProperty | undefined)
      : undefined;
  if (given?.logGroup) return undefined;
  const group = new LogGroup(fn, 'LogGroup', { retention: LOG_RETENTION });
  // Whatever else it sets (CDK's provider framework logs JSON at FATAL) stays as it is.
  if (fn instanceof CfnFunction) fn.loggingConfig = { ...given, logGroup: group.logGroupName };
  // A CDK custom resource provider's function is a plain CfnResource: the same property, by override.
  else fn.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
  return group;
}

export function keepFunctionLogs90Days(scope: IConstruct): void {
  Aspects.of(scope).add(functionLogGroups);
}

/** The log group an SCC function logs to (the one keepFunctionLogs90Days gives it). */
export function functionLogGroup(fn: CfnFunction): LogGroup {
  const group = ownLogGroup(fn);
  if (!group) throw new Error(`${fn.node.path} already logs to a log group of its own making`);
  return group;
}

/**
 * AppSync logs each field that fails (ERROR): the error, and the resolver's evaluated request and
 * response, but not the verbose sections (headers, the whole context), which would copy patrons'
 * personal data out of every failing request. AppSync writes to `/aws/appsync/apis/<api-id>`; this
 * creates that group itself, with the retention above, and the role AppSync assumes to write it,
 * allowed to write there and nowhere else.
 */
export function logApiErrors(api: CfnGraphQLApi): { role: Role; logGroup: LogGroup } {
  const stack = Stack.of(api);
  const logGroup = new LogGroup(stack, 'ApiLogGroup', {
    logGroupName: `/aws/appsync/apis/${api.attrApiId}`,
    retention: LOG_RETENTION,
  });
  const role = new Role(stack, 'ApiLogRole', {
    assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
    description: 'AppSync writes the SCC API field errors to its log group',
  });
  role.addToPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  api.logConfig = { fieldLogLevel: 'ERROR', excludeVerboseContent: true, cloudWatchLogsRoleArn: role.roleArn };
  return { role, logGroup };
}
