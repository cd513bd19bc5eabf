import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';

/**
 * How long a monthly backup is kept: past the 7 years payments and signed waivers are kept after
 * their event (amplify/data/resolvers/lib/model.ts PAYMENT_RETENTION_SECONDS), plus a year's slack
 * for an event dated ahead and for the audit that asks after the 7 years are up.
 */
export const BACKUP_RETENTION_DAYS = 8 * 366;

/**
 * Point-in-time recovery (on the table) restores any second of the last 35 days. Beyond that, AWS
 * Backup takes a backup of the table on the 1st of each month, kept BACKUP_RETENTION_DAYS in a
 * vault of its own that outlives the stack, so a record deleted or overwritten by mistake can be
 * found years later. Branch deployments only: a sandbox holds demo data.
 */
export function backUpTable(scope: Construct, table: ITable): { plan: BackupPlan; vault: BackupVault } {
  const vault = new BackupVault(scope, 'TableBackupVault', { removalPolicy: RemovalPolicy.RETAIN });
  const plan = new BackupPlan(scope, 'TableBackupPlan', { backupVault: vault });
  plan.addRule(
    new BackupPlanRule({
      ruleName: 'Monthly',
      scheduleExpression: Schedule.cron({ day: '1', hour: '5', minute: '0' }),
      deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
    }),
  );
  plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(table)] });
  return { plan, vault };
}
