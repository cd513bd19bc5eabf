import { Duration, Names, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { CONFIGURATION_SET_ENV } from '../functions/mail-events/tags';

/** What SES publishes and the mail-events Lambda records (amplify/functions/mail-events/record.ts). */
export const PUBLISHED_EVENTS = [
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
];
/** The EventBridge detail-types SES gives those events. */
export const DETAIL_TYPES = [
  'Email Delivered',
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
  'Email Delivery Delayed',
];

interface Sender {
  addEnvironment(name: string, value: string): void;
  resources: { lambda: IFunction };
}

/**
 * Mail that is known to arrive or not (docs/mail.md): one SES configuration set that every
 * message SCC sends names, publishing its delivery, bounce, complaint, reject and delay events to
 * the account's default EventBridge bus (the only bus SES publishes to), and a rule handing this
 * configuration set's events to the mail-events Lambda. EventBridge rather than SNS: the rule
 * filters on the configuration set and invokes the Lambda directly, with retries, and there is no
 * topic to encrypt, subscribe and police.
 *
 * The set's name is made here, not by CloudFormation: the senders live in stacks that the data
 * stack depends on, so a name passed as a reference would tie the stacks in a loop. It is unique to
 * the deployment (the construct path holds the branch's or sandbox's stack name).
 */
export function createMailEvents(
  mailEvents: Sender,
  table: ITable,
  senders: Sender[],
): { configurationSetName: string; rule: Rule } {
  const fn = mailEvents.resources.lambda;
  const stack = Stack.of(fn);
  const configurationSetName =
    Names.uniqueResourceName(fn, { maxLength: 64, separator: '-', allowedSpecialCharacters: '-_' })
      .replace(/[^A-Za-z0-9_-]/g, '')
      .slice(0, 64) || 'scc-mail';
  const configurationSet = new ConfigurationSet(stack, 'MailConfigurationSet', {
    configurationSetName,
    // SES's own account-level suppression list as well: an address that bounced or complained is
    // not attempted again by SES, whatever the sender asks.
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    reputationMetrics: true,
  });
  configurationSet.addEventDestination('ToEventBridge', {
    destination: EventDestination.eventBus(EventBus.fromEventBusName(stack, 'DefaultEventBus', 'default')),
    events: PUBLISHED_EVENTS,
  });
  const rule = new Rule(stack, 'MailEventsRule', {
    description: "SES sending events of SCC's configuration set, to the mail-events Lambda",
    eventPattern: {
      source: ['aws.ses'],
      detailType: DETAIL_TYPES,
      detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
    },
    // A bounce that arrives before the send is recorded is retried (the Lambda throws until it is).
    targets: [new LambdaFunction(fn, { retryAttempts: 8, maxEventAge: Duration.hours(6) })],
  });

  // The Lambda reads a message's record, writes its outcome there and on the booking (event
  // partitions), and the audit record: nothing else, and never a Delete or a Scan.
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'RecordMailOutcomes',
      effect: Effect.ALLOW,
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*', 'AUDIT#*'] } },
    }),
  );
  mailEvents.addEnvironment('TABLE_NAME', table.tableName);

  // Every sender names the set; SES then checks ses:SendEmail on the set as well as on the identity.
  for (const sender of senders) {
    sender.addEnvironment(CONFIGURATION_SET_ENV, configurationSetName);
    const scope = Stack.of(sender.resources.lambda);
    sender.resources.lambda.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendThroughConfigurationSet',
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [
          scope.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName }),
        ],
      }),
    );
  }
  return { configurationSetName, rule };
}
