import fs from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll } from 'vitest';

import { eventPk, EVENT_SK, eventsByYearPk, patronSk } from '../../../../../amplify/data/keys';
import type { WaiverConfig } from '../../../../../amplify/functions/config';
import { signWaiverToken } from '../../../../../amplify/functions/outreach/link';
import { startEdge, type Edge, type EdgeOptions } from '../../../../../local/edge/index';
import { startIamGate } from '../../../../../local/iam/gate';
import type { SynthesizedPolicies } from '../../../../../local/iam/policies';
import { createTestTable, dynamoClient, stack } from '../../../../support/stack';

/**
 * Test data for the waiver and edge tests, written straight to the table (the resolvers that
 * normally create it are another issue's), plus the waiver Lambda's config over the stand-ins.
 */

export const SECRET = 'test-origin-secret';
/** The personal-link secret of the default config: what the mailer signs patrons' links with. */
export const LINK_SECRET = 'test-waiver-link-secret';

let current: WaiverConfig | undefined;

/**
 * A fresh table, and the config of a waiver Lambda on it that startDistEdge passes by default. The
 * Lambda reaches DynamoDB and SES through the local IAM as its synthesized role (or as `policies`
 * say, for a test that removes a grant).
 */
export async function waiverEnvironment(options: { policies?: SynthesizedPolicies } = {}): Promise<string> {
  const table = await createTestTable('scc-waiver');
  const iam = await startIamGate({
    upstream: { dynamodb: stack().dynamodbEndpoint, ses: stack().sesUrl },
    region: stack().region,
    tableName: table,
    policies: options.policies,
  });
  current = {
    dynamo: { tableName: table, region: stack().region, endpoint: iam.endpoint('waiver', 'dynamodb') },
    mail: {
      region: stack().region,
      endpoint: iam.endpoint('waiver', 'ses'),
      sender: 'bookings@example.com',
      audit: 'audit@example.com',
    },
    originVerifySecret: SECRET,
    linkSecret: LINK_SECRET,
    // The operator's zone, as deployed (amplify/time-zone.ts); render.test.ts tries another.
    timeZone: 'America/Los_Angeles',
  };
  return table;
}

/** The config waiverEnvironment made, with parts replaced (a stopped DynamoDB, a closed SES...). */
export function waiverConfig(
  change: { dynamo?: Partial<WaiverConfig['dynamo']>; mail?: Partial<WaiverConfig['mail']> } = {},
): WaiverConfig {
  if (!current) throw new Error('call waiverEnvironment() first');
  return { ...current, dynamo: { ...current.dynamo, ...change.dynamo }, mail: { ...current.mail, ...change.mail } };
}

export interface SeedEvent {
  id: string;
  title?: string;
  startsAt?: string;
  endsAt?: string;
  boat?: string;
  capacity?: number;
  rosterCount?: number;
  headCount?: number;
  waiversSigned?: number;
}

/** Far enough ahead that the event has not ended whenever the suite runs. */
export const FUTURE_START = '2099-05-23T22:00:00.000Z';

export async function seedEvent(table: string, e: SeedEvent): Promise<void> {
  const startsAt = e.startsAt ?? FUTURE_START;
  const item = {
    PK: eventPk(e.id),
    SK: EVENT_SK,
    GSI2PK: eventsByYearPk(startsAt),
    GSI2SK: `${startsAt}#${e.id}`,
    type: 'Event',
    id: e.id,
    title: e.title ?? 'Sunset sail',
    startsAt,
    ...(e.endsAt ? { endsAt: e.endsAt } : {}),
    boat: e.boat ?? 'Lady Washington',
    crew: [],
    capacity: e.capacity ?? 40,
    priceCents: 5000,
    dueCents: 0,
    paidCents: 0,
    balanceCents: 0,
    rosterCount: e.rosterCount ?? 0,
    headCount: e.headCount ?? 0,
    waiversSigned: e.waiversSigned ?? 0,
  };
  await dynamoClient().send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
}

export async function seedPatron(
  table: string,
  eventId: string,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const item = {
    PK: eventPk(eventId),
    SK: patronSk(email),
    type: 'RosterEntry',
    eventId,
    email: email.toLowerCase(),
    name: 'Alice Period',
    partySize: 2,
    amountDueCents: 10000,
    paidCents: 0,
    balanceCents: 10000,
    ...extra,
  };
  await dynamoClient().send(
    new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }),
  );
}

export async function getItem(table: string, PK: string, SK: string): Promise<Record<string, any> | undefined> {
  const out = await dynamoClient().send(
    new GetItemCommand({ TableName: table, Key: marshall({ PK, SK }), ConsistentRead: true }),
  );
  return out.Item ? unmarshall(out.Item) : undefined;
}

export async function queryPrefix(table: string, PK: string, prefix: string): Promise<Record<string, any>[]> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: marshall({ ':pk': PK, ':p': prefix }),
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => unmarshall(i));
}

/** The local edge over a tinyDist() (removed again on close), with waiverEnvironment's config. */
export async function startDistEdge(options: Partial<EdgeOptions> = {}): Promise<Edge> {
  const dist = tinyDist();
  const edge = await startEdge({ spa: { mode: 'dist', dir: dist }, waiverConfig: current, ...options });
  return {
    url: edge.url,
    close: async () => {
      await edge.close();
      fs.rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** A stand-in for the built SPA: a dist/ with an index.html and one asset. */
export function tinyDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>SCC</title><scc-app data-spa="yes"></scc-app>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'export const spa = true;');
  return dir;
}

/** A valid waiver form submission, with a fresh one-time token; override fields to make it invalid. */
export function formBody(fields: Record<string, string | string[]> = {}, waiverVersion?: string): string {
  const params = new URLSearchParams();
  const values: Record<string, string | string[]> = {
    name: 'Alice Period',
    email: 'Alice@Example.com',
    phone: '+1 555 010 0199',
    dateOfBirth: '1985-04-12',
    agree: 'yes',
    signature: 'Alice Period',
    token: randomUUID(),
    ...(waiverVersion ? { waiverVersion } : {}),
    ...fields,
  };
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params.toString();
}

export const DEFAULT_WAIVER_TEXT: string = fs.readFileSync(
  fileURLToPath(new URL('../../../../../amplify/waivers/default.md', import.meta.url)),
  'utf8',
);

/** What the signed record's waiverVersion must be for the default text: its SHA-256. */
export const DEFAULT_WAIVER_VERSION = createHash('sha256').update(DEFAULT_WAIVER_TEXT).digest('hex');

/**
 * One test file's waiver setup: its own table and edge, a fresh event per test (so counters start
 * from a known state), and the form POSTed through the edge as a browser sends it.
 */
export function waiverSuite(prefix: string, title = 'Harbor sail', iam: { policies?: SynthesizedPolicies } = {}) {
  const state = { table: '', edge: undefined as Edge | undefined, n: 0 };
  beforeAll(async () => {
    state.table = await waiverEnvironment(iam);
    state.edge = await startDistEdge();
  });
  afterAll(async () => {
    await state.edge?.close();
  });
  const post = (id: string, body: string, query = '') =>
    fetch(`${state.edge!.url}/g/${id}/waiver${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WaiverTest/1.0' },
      body,
      redirect: 'manual',
    });
  return {
    get table() {
      return state.table;
    },
    get edge() {
      return state.edge!;
    },
    async freshEvent(extra: Partial<SeedEvent> = {}) {
      const id = `${prefix}-${++state.n}`;
      await seedEvent(state.table, { id, title, ...extra });
      return id;
    },
    post,
    /** The form POSTed through `email`'s personal link, as the patron's own signature is. */
    postPersonal: (id: string, email: string, body: string) =>
      post(id, body, `?t=${signWaiverToken(LINK_SECRET, id, email)}`),
  };
}
