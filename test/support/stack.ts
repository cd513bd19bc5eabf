import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';

import { dynamoClient as client, ensureTable } from '../../local/stack/table';
import { cognitoClient, signIn as cognitoSignIn } from '../../local/stack/cognito';

/** The stand-ins this test run shares (see global-stack.ts). */
export const stack = () => inject('stack');

export function dynamoClient() {
  return client(stack().dynamodbEndpoint, stack().region);
}

/** A fresh table from amplify/storage/table.ts, named uniquely for the calling test file. */
export async function createTestTable(prefix = 'scc-test'): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamoClient(), name);
  return name;
}

/** Every item of a table, sorted by key: for asserting that a rejected request wrote nothing. */
export async function scanAll(tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamoClient().send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Record<string, AttributeValue>) => `${i.PK?.S}\u0000${i.SK?.S}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}

export async function signIn(email: string, password = stack().demoPassword) {
  return cognitoSignIn(
    cognitoClient(stack().cognitoEndpoint, stack().region),
    stack().userPoolClientId,
    email,
    password,
  );
}

export interface SesMessage {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** The local SES store (aws-ses-v2-local's GET /store), optionally only mail to one address. */
export async function sesMessages(to?: string): Promise<SesMessage[]> {
  const res = await fetch(`${stack().sesUrl}/store`);
  const { emails } = (await res.json()) as { emails: SesMessage[] };
  return to ? emails.filter((e) => [...e.destination.to, ...(e.destination.bcc ?? [])].includes(to)) : emails;
}
