import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { cognitoClient } from '../../../local/stack/cognito';
import { startAppSync, type AppSyncOptions, type LocalAppSync } from '../../../local/appsync/index';
import { startIamGate, type IamGate } from '../../../local/iam/gate';
import type { SynthesizedPolicies } from '../../../local/iam/policies';
import { handler as mailer } from '../../../amplify/functions/mailer/handler';
import { mailEventsHandler } from '../../../amplify/functions/mail-events/handler';
import { startMailEvents } from '../../../local/mail-events';
import { LIVE_PUBLISHERS, LOCAL_CONFIGURATION_SET } from '../../../local/parts';
import { localCredentials } from '../../../local/appsync/auth/iam';
import { createTestTable, dynamoClient, signIn, stack } from '../../support/stack';

/**
 * One local AppSync per test file, on its own table, with the real schema, resolvers and mailer
 * (sending to the local SES), and the three demo users' tokens.
 */
export interface GraphQLError {
  message: string;
  errorType?: string;
  errorInfo?: unknown;
  path?: (string | number)[];
}
export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  /** `x-amzn-errortype`: how the Amplify client learns the type of an error raised before any resolver ran */
  errorTypeHeader: string | null;
  data: T | null;
  errors?: GraphQLError[];
}

export interface Api {
  url: string;
  tableName: string;
  tokens: { admin: string; crew: string; accounting: string };
  gql<T = Record<string, any>>(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
  /** The server itself (its real-time endpoint and stats). */
  appsync: LocalAppSync;
  /** The local IAM its data source and Lambdas go through: other Lambdas under test can too. */
  iam: IamGate;
}

export function useMailerEnv(sesUrl: string | undefined) {
  process.env.SES_ENDPOINT = sesUrl ?? '';
  process.env.SENDER_EMAIL = 'receipts@scc.test';
  process.env.AUDIT_EMAIL = 'audit@scc.test';
  process.env.SES_CONFIGURATION_SET = LOCAL_CONFIGURATION_SET;
}

/**
 * The data source and the Lambdas reach the stand-ins through the local IAM, each as its
 * synthesized role (or as `policies` say, for a test that removes a grant). `dynamodbEndpoint` puts
 * something (a counting proxy) between the local IAM and DynamoDB Local.
 */
export async function startApi(
  options: Pick<AppSyncOptions, 'realtime' | 'iamPrincipals'> & {
    policies?: SynthesizedPolicies;
    dynamodbEndpoint?: string;
  } = {},
): Promise<Api> {
  const s = stack();
  const tableName = await createTestTable('scc-api');
  const { policies, dynamodbEndpoint = s.dynamodbEndpoint, ...rest } = options;
  const iam = await startIamGate({
    upstream: { dynamodb: dynamodbEndpoint, ses: s.sesUrl, cognito: s.cognitoEndpoint },
    region: s.region,
    tableName,
    userPoolId: s.userPoolId,
    policies,
  });
  useMailerEnv(iam.endpoint('mailer', 'ses'));
  const server: LocalAppSync = await startAppSync({
    tableName,
    dynamodbEndpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
    lambdas: { mailer: mailer as any },
    graphiql: false,
    log: () => {},
    iam,
    // The Lambdas that publish their writes, as npm start runs them (local/parts.ts).
    iamPrincipals: Object.fromEntries(LIVE_PUBLISHERS.map((name) => [name, ['mutate']])),
    ...rest,
  });
  const [admin, crew, accounting] = await Promise.all(
    [s.users.admin, s.users.crew, s.users.accounting].map((u) => signIn(u)),
  );
  // The SES stand-in's events for this file's table, as EventBridge hands them to the mail-events Lambda.
  const mailEvents = startMailEvents(
    s.sesUrl,
    mailEventsHandler({
      tableName,
      region: s.region,
      endpoint: iam.endpoint('mail-events', 'dynamodb'),
      live: { url: server.url, region: s.region, credentials: localCredentials('mail-events') },
    }),
  );
  return {
    url: server.url,
    tableName,
    tokens: { admin: admin.idToken, crew: crew.idToken, accounting: accounting.idToken },
    gql: graphqlAt(server.url),
    close: async () => {
      await mailEvents.close();
      await server.close().finally(() => iam.close());
    },
    appsync: server,
    iam,
  };
}

/**
 * SES down, as the mailer meets it on AWS: its calls still go through the local IAM as its role,
 * to an SES endpoint nothing answers on. `useMailerEnv(down.endpoint)` points the mailer at it.
 */
export async function unreachableSes(tableName: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const s = stack();
  // 127.0.0.1:9, the discard port: nothing listens on it.
  const gate = await startIamGate({
    upstream: { dynamodb: s.dynamodbEndpoint, ses: 'http://127.0.0.1:9' },
    region: s.region,
    tableName,
  });
  return { endpoint: gate.endpoint('mailer', 'ses'), close: () => gate.close() };
}

/** A GraphQL caller of one local API, as a client sends requests (the raw token in Authorization). */
export function graphqlAt(url: string): Api['gql'] {
  return async (token, query, variables = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: GraphQLError[] };
    return {
      status: res.status,
      errorTypeHeader: res.headers.get('x-amzn-errortype'),
      data: body.data ?? null,
      errors: body.errors,
    };
  };
}

/** Reads until `ok` holds (or `ms` pass, answering the last read): for what a Lambda records after the call, such as SES's events. */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Writes an item straight to the table: only for states the API cannot reach (e.g. old payments). */
export async function putRaw(tableName: string, item: Record<string, unknown>) {
  await DynamoDBDocumentClient.from(dynamoClient()).send(new PutCommand({ TableName: tableName, Item: item }));
}

export const EVENT_FIELDS =
  'id title startsAt endsAt boat captain crew capacity priceCents dueCents paidCents balanceCents rosterCount waiversSigned';
export const ROSTER_FIELDS =
  'eventId email name phone partySize amountDueCents paidCents balanceCents waiverSignedAt notes';
export const PAYMENT_FIELDS =
  'id eventId patronEmail patronName amountCents currency method notes receivedAt loggedAt loggedBy status voidedAt voidedBy voidReason notificationStatus notifiedAt';

export const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const ADD_PATRON = `mutation($input: AddPatronInput!) { addPatron(input: $input) { ${ROSTER_FIELDS} } }`;
export const LOG_PAYMENT = `mutation($input: LogPaymentInput!) { logPayment(input: $input) { ${PAYMENT_FIELDS} } }`;
export const VOID_PAYMENT = `mutation($eventId: ID!, $paymentId: ID!, $reason: String!) { voidPayment(eventId: $eventId, paymentId: $paymentId, reason: $reason) { ${PAYMENT_FIELDS} } }`;
export const UPDATE_EVENT = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const UPDATE_PATRON = `mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { ${ROSTER_FIELDS} } }`;
export const REMOVE_PATRON = `mutation($eventId: ID!, $email: AWSEmail!) { removePatron(eventId: $eventId, email: $email) { ${ROSTER_FIELDS} } }`;
export const GET_EVENT = `query($id: ID!) { getEvent(id: $id) { event { ${EVENT_FIELDS} } roster { ${ROSTER_FIELDS} } } }`;
export const PAYMENTS_BY_EVENT = `query($eventId: ID!, $limit: Int, $nextToken: String) { paymentsByEvent(eventId: $eventId, limit: $limit, nextToken: $nextToken) { items { ${PAYMENT_FIELDS} } nextToken } }`;
export const NOTIFY = `mutation($eventId: ID!, $paymentId: ID!) { notifyPatron(eventId: $eventId, paymentId: $paymentId) { paymentId to status messageId error } }`;

let counter = 0;
/** A fresh event with one patron owing `dueCents`, for a test that needs money to move. */
export async function eventWithPatron(api: Api, dueCents = 20_000, email = 'pat@example.com') {
  counter += 1;
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: {
      title: `Test sail ${counter} ${Date.now()}`,
      startsAt: '2037-12-20T18:00:00Z',
      capacity: 50,
      priceCents: dueCents,
    },
  });
  if (ev.errors) throw new Error(JSON.stringify(ev.errors));
  const eventId = ev.data!.createEvent.id as string;
  const p = await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email, name: 'Pat Patron' } });
  if (p.errors) throw new Error(JSON.stringify(p.errors));
  return { eventId, email };
}

/** eventWithPatron plus one recorded payment of `paidCents`: a patron with money on record. */
export async function eventWithPayment(api: Api, dueCents: number, email: string, paidCents = 1_000) {
  const target = await eventWithPatron(api, dueCents, email);
  const p = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: {
      idempotencyKey: `${target.eventId}-first`,
      eventId: target.eventId,
      patronEmail: email,
      amountCents: paidCents,
      method: 'CARD',
    },
  });
  if (p.errors) throw new Error(JSON.stringify(p.errors));
  return { ...target, paymentId: p.data!.logPayment.id as string };
}

/**
 * A token for another user of a group than the demo ones (e.g. a second crew member), created in
 * the shared cognito-local on first use.
 */
export async function otherUserToken(email: string, group: 'ADMINS' | 'CREW' | 'ACCOUNTING'): Promise<string> {
  const s = stack();
  const client = cognitoClient(s.cognitoEndpoint, s.region);
  const UserPoolId = s.userPoolId;
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: s.demoPassword,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: group }));
    await client.send(
      new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: s.demoPassword, Permanent: true }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException) && (error as Error).name !== 'UsernameExistsException') throw error;
  }
  return (await signIn(email)).idToken;
}
