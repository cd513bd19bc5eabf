import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';

/**
 * WAIVER_LINK_SECRET signs patrons' personal waiver links (amplify/functions/outreach/link.ts):
 * the functions that send links sign with it, the waiver Lambda checks with it. Secrets Manager
 * makes it at the first deployment and keeps it across deploys (links already mailed stay valid),
 * and it never sits in the template in clear, as PAGE_TOKEN_SECRET. Made in the first function's
 * stack: the stacks of the others (the data stack, holding the waiver Lambda) already depend on it.
 */
export function shareWaiverLinkSecret(
  owner: IConstruct,
  functions: { addEnvironment(name: string, value: string): void }[],
): Secret {
  const secret = new Secret(Stack.of(owner), 'WaiverLinkSecret', {
    description: 'Signs the personal waiver links mailed to SCC patrons',
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
  });
  for (const fn of functions) fn.addEnvironment('WAIVER_LINK_SECRET', secret.secretValue.unsafeUnwrap());
  return secret;
}

/**
 * The reminder job reads sailings by start (a Query on GSI2) and their rosters (a Query on an event
 * partition), and writes its reminder items (UpdateItem in event partitions) and their audit
 * records (PutItem under AUDIT#). No Delete, no Scan.
 */
export function grantReminderTableAccess(fn: IGrantable, table: ITable): void {
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadSailingsByStart',
      effect: Effect.ALLOW,
      actions: ['dynamodb:Query'],
      resources: [`${table.tableArn}/index/GSI2`],
    }),
  );
  fn.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadRostersWriteReminders',
      effect: Effect.ALLOW,
      actions: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*', 'AUDIT#*'] } },
    }),
  );
}
