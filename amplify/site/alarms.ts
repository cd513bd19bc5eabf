import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { REMINDERS_FAILED_LOG, REMINDERS_RUN_LOG } from '../functions/reminders/plan';

/**
 * The SES account's reputation at which AWS puts the account under review ("Amazon SES sending
 * review process FAQs": bounce rate 5%, complaint rate 0.1%); SES publishes both to CloudWatch as
 * fractions (AWS/SES Reputation.BounceRate, Reputation.ComplaintRate). The alarm fires there, so the
 * operator acts before SES pauses sending at 10% and 0.5%.
 */
export const SES_REVIEW_BOUNCE_RATE = 0.05;
export const SES_REVIEW_COMPLAINT_RATE = 0.001;

/** Where the reminder job's failures are counted (a metric filter on its log). */
export const REMINDER_METRICS_NAMESPACE = 'SCC/Reminders';

export interface AlarmSubjects {
  /** The SCC Lambdas, by name. */
  readonly functions: Record<string, IFunction>;
  readonly apiId: string;
  readonly table: ITable;
  /** The table's global secondary indexes, each watched on its own. */
  readonly indexNames: readonly string[];
  /** The reminder job's log group (amplify/site/logging.ts). */
  readonly remindersLog: ILogGroup;
}

/**
 * CloudWatch alarms on what would otherwise fail unseen, each to one SNS topic that the deploy
 * guide subscribes the operator's address to (docs/deploy.md). A 5-minute sum of 1 or more is
 * an alarm: this is a small site, where any error, throttle or failed reminder is worth a look.
 */
export class SccAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, s: AlarmSubjects) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'SCC alarms', enforceSSL: true });
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, description: string, threshold = 1) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      return a;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };

    for (const [name, fn] of Object.entries(s.functions)) {
      alarm(
        `${name}Errors`,
        fn.metricErrors(fiveMinutes),
        `The ${name} Lambda failed (an error or a timeout): see its log group.`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles(fiveMinutes),
        `The ${name} Lambda was throttled: its reserved concurrency or the account's limit was reached.`,
      );
    }

    alarm(
      'Api5xx',
      new Metric({
        namespace: 'AWS/AppSync',
        metricName: '5XXError',
        dimensionsMap: { GraphQLAPIId: s.apiId },
        ...fiveMinutes,
      }),
      'The GraphQL API answered with server errors: see its log group (/aws/appsync/apis/<api-id>).',
    );

    for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      alarm(
        `Table${metricName}`,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: s.table.tableName },
          ...fiveMinutes,
        }),
        `DynamoDB throttled the table (${metricName}).`,
      );
      // The TableName dimension alone counts the table's own events, not its indexes': a write
      // throttled on an index (which throttles the write) is seen only with the index named.
      for (const index of s.indexNames) {
        alarm(
          `${index}${metricName}`,
          new Metric({
            namespace: 'AWS/DynamoDB',
            metricName,
            dimensionsMap: { TableName: s.table.tableName, GlobalSecondaryIndexName: index },
            ...fiveMinutes,
          }),
          `DynamoDB throttled the index ${index} of the table (${metricName}).`,
        );
      }
    }

    // Account-wide: SES publishes these per account and region, no dimension.
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    alarm(
      'SesBounceRate',
      reputation('Reputation.BounceRate'),
      'SES bounce rate at 5%: AWS reviews the account at this rate. Look at the bounced addresses on the roster.',
      SES_REVIEW_BOUNCE_RATE,
    );
    alarm(
      'SesComplaintRate',
      reputation('Reputation.ComplaintRate'),
      'SES complaint rate at 0.1%: AWS reviews the account at this rate.',
      SES_REVIEW_COMPLAINT_RATE,
    );

    // The reminder job logs one line per run (handler.ts): its failed reminders, or the run failing.
    const failedReminders = new MetricFilter(this, 'FailedReminders', {
      logGroup: s.remindersLog,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.message', '=', REMINDERS_RUN_LOG),
        FilterPattern.numberValue('$.failed', '>', 0),
      ),
      metricNamespace: REMINDER_METRICS_NAMESPACE,
      metricName: 'FailedReminders',
      metricValue: '$.failed',
    });
    alarm(
      'RemindersFailed',
      failedReminders.metric(fiveMinutes),
      'Reminders were not sent (the reminder job logs each one that failed).',
    );
    const failedRuns = new MetricFilter(this, 'FailedReminderRuns', {
      logGroup: s.remindersLog,
      filterPattern: FilterPattern.stringValue('$.message', '=', REMINDERS_FAILED_LOG),
      metricNamespace: REMINDER_METRICS_NAMESPACE,
      metricName: 'FailedRuns',
      metricValue: '1',
    });
    alarm(
      'ReminderRunFailed',
      failedRuns.metric(fiveMinutes),
      'A reminder run failed as a whole: no reminders went out.',
    );
  }
}
