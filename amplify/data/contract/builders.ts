import { a } from '@aws-amplify/backend';
import { ACCESS_RULES, type Field } from './access-rules';

/**
 * What every domain module of the contract builds its fields with: the data-source names, a field's
 * group rule from ./access-rules.ts, and its resolver steps.
 *
 * Data sources (added in amplify/backend.ts; the local AppSync maps them by the same names):
 * - `SccTableDataSource`: the DynamoDB table (amplify/storage/table.ts). Resolvers read the table
 *   name from `ctx.env.TABLE_NAME` (TransactWriteItems needs it).
 * - `MailerDataSource`: the mailer Lambda (amplify/functions/mailer), a Lambda data source added with
 *   `backend.data.addLambdaDataSource('MailerDataSource', backend.mailer.resources.lambda)`. A
 *   field that mails is a pipeline of custom handlers (table → mailer → table) rather than
 *   `a.handler.function(mailer)` because @aws-amplify/data-schema refuses a pipeline that mixes
 *   custom and function handlers ("Field handlers must be of the same type").
 * - `RetentionDataSource`: the retention Lambda (amplify/functions/retention), updateEvent's last
 *   step, added the same way.
 * - `TeamDataSource`: the team Lambda (amplify/functions/team): Cognito's admin APIs on the user pool.
 */
export const TABLE_DATA_SOURCE = 'SccTableDataSource';
export const MAILER_DATA_SOURCE = 'MailerDataSource';
export const RETENTION_DATA_SOURCE = 'RetentionDataSource';
export const TEAM_DATA_SOURCE = 'TeamDataSource';

/** What a custom operation's `.authorization(...)` callback is given (the package does not export its name). */
type Allow = Parameters<Parameters<ReturnType<typeof a.query>['authorization']>[0]>[0];

/** The field's group rule, as ./access-rules.ts gives it. */
export const allowed = (field: Field) => (allow: Allow) => [allow.groups([...ACCESS_RULES[field]])];

/** One step `amplify/data/resolvers/<file>.ts` on a data source (an entry is relative to the file calling a.handler.custom). */
const step = (dataSource: string, file: string) => a.handler.custom({ dataSource, entry: `../resolvers/${file}.ts` });

/** A field resolved by one table step `./resolvers/<field>.ts`. */
export const table = (field: string) => step(TABLE_DATA_SOURCE, field);
/** A pipeline of table steps `<field>.<step>.ts`: read what the rules need, then one transaction. */
export const tableSteps = (field: string, steps: string[]) =>
  steps.map((s) => step(TABLE_DATA_SOURCE, `${field}.${s}`));
/**
 * A field that mails: table steps `<field>.<before>.ts` read what the message needs, the step
 * `<field>.send.ts` hands it to the mailer Lambda, and table steps `<field>.<after>.ts` record each
 * delivery.
 */
export const mailing = (field: string, before: string[], after: string[]) => [
  ...tableSteps(field, before),
  step(MAILER_DATA_SOURCE, `${field}.send`),
  ...tableSteps(field, after),
];
/** The step `<field>.<name>.ts` that invokes the retention Lambda. */
export const retentionStep = (field: string, name: string) => step(RETENTION_DATA_SOURCE, `${field}.${name}`);
/** A field resolved by the team Lambda through `./resolvers/<field>.ts`. */
export const teamHandler = (field: string) => step(TEAM_DATA_SOURCE, field);
/** A subscription's resolver `./resolvers/<field>.ts`, on the NONE data source (subscribing reads nothing). */
export const subscriptionHandler = (field: string) => a.handler.custom({ entry: `../resolvers/${field}.ts` });
