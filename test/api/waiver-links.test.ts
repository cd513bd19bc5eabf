import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPk, eventPk, patronSk } from '../../amplify/data/keys';
import { signWaiverToken } from '../../amplify/functions/outreach/link';
import {
  startDistEdge,
  getItem,
  queryPrefix,
  DEFAULT_WAIVER_VERSION,
} from '../amplify/functions/waiver/support/fixtures';
import { sesMessages, stack } from '../support/stack';
import type { Edge } from '../../local/edge';
import {
  ADD_PATRON,
  eventWithPatron,
  GET_EVENT,
  startApi,
  unreachableSes,
  useMailerEnv,
  type Api,
} from './support/harness';

/**
 * Personal waiver links. Crew send a patron (or every patron not signed) a link signed
 * for their booking; each send is recorded on the roster entry (SENT, or FAILED and why), audited,
 * and can be sent again. The link opens the waiver with the email locked, and the waiver Lambda
 * refuses a token made for another patron or sailing. Real stand-ins throughout: the API, the
 * mailer sending to the local SES, and the waiver Lambda behind the local edge on the same table.
 */
const SECRET = 'test-waiver-link-secret';
let api: Api;
let edge: Edge;

beforeAll(async () => {
  api = await startApi();
  Object.assign(process.env, {
    WAIVER_LINK_SECRET: SECRET,
    TABLE_NAME: api.tableName,
    AWS_REGION: stack().region,
    DYNAMODB_ENDPOINT: stack().dynamodbEndpoint,
    ORIGIN_VERIFY_SECRET: 'test-origin-secret',
    TIME_ZONE: 'America/Los_Angeles',
  });
  edge = await startDistEdge();
  process.env.WAIVER_BASE_URL = `${edge.url}/g`;
});
afterAll(async () => {
  await edge?.close();
  await api?.close();
});

const DELIVERY = 'eventId email status sentAt messageId error';
const SEND_ONE = `mutation($eventId: ID!, $email: AWSEmail!) { sendWaiverLink(eventId: $eventId, email: $email) { ${DELIVERY} } }`;
const SEND_ALL = `mutation($eventId: ID!) { sendWaiverLinks(eventId: $eventId) { ${DELIVERY} } }`;
const ROSTER = `query($id: ID!) { getEvent(id: $id) { roster { email waiverSignedAt waiverLinkStatus waiverLinkSentAt waiverLinkError } } }`;

async function entry(eventId: string, email: string) {
  const res = await api.gql(api.tokens.crew, ROSTER, { id: eventId });
  return res.data!.getEvent.roster.find((r: { email: string }) => r.email === email);
}

/** The personal link in the last mail to `email`. */
async function linkMailedTo(email: string): Promise<string> {
  const mails = await sesMessages(email);
  const text = mails.at(-1)?.body.text ?? '';
  const url = /https?:\S+\/waiver\?t=\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no waiver link mailed to ${email}: ${text}`);
  return url;
}

function signingBody(token: string, email: string, name = 'Pat Patron') {
  return new URLSearchParams({
    name,
    email,
    phone: '+1 555 010 0199',
    dateOfBirth: '1985-04-12',
    agree: 'yes',
    signature: name,
    waiverVersion: DEFAULT_WAIVER_VERSION,
    token,
  }).toString();
}

const post = (url: string, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });

/** The page's form token and action, as a browser would submit them. */
async function openForm(url: string) {
  const page = await fetch(url);
  const html = await page.text();
  const token = /name="token" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? '';
  const action = (/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '').replace(/&amp;/g, '&');
  return { status: page.status, html, token, action: new URL(action, url).toString() };
}

describe('sending a patron their personal waiver link', () => {
  it('mails a link signed for their booking, records SENT on the roster entry, and audits the send', async () => {
    const { eventId, email } = await eventWithPatron(api, 10_000, 'link.one@example.com');
    const res = await api.gql(api.tokens.crew, SEND_ONE, { eventId, email });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sendWaiverLink).toMatchObject({ eventId, email, status: 'SENT', error: null });
    expect(res.data!.sendWaiverLink.messageId).toBeTruthy();

    const url = await linkMailedTo(email);
    expect(url).toBe(`${edge.url}/g/${eventId}/waiver?t=${signWaiverToken(SECRET, eventId, email)}`);
    const mail = (await sesMessages(email)).at(-1)!;
    expect(mail.subject).toMatch(/^Please sign your waiver: /);
    expect(mail.destination.bcc).toContain('audit@scc.test');

    expect(await entry(eventId, email)).toMatchObject({
      waiverLinkStatus: 'SENT',
      waiverLinkSentAt: res.data!.sendWaiverLink.sentAt,
      waiverLinkError: null,
    });
    const audits = (await queryPrefix(api.tableName, auditPk(eventId), '2')).filter(
      (a) => a.operation === 'sendWaiverLink',
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: 'crew@example.com',
      after: { email, status: 'SENT' },
      before: { email, waiverLinkStatus: null },
    });
  });

  it('opens the waiver with the email filled in and locked, and signing through it covers the booking', async () => {
    const { eventId, email } = await eventWithPatron(api, 10_000, 'link.signs@example.com');
    await api.gql(api.tokens.crew, SEND_ONE, { eventId, email });
    const url = await linkMailedTo(email);
    const form = await openForm(url);
    expect(form.status).toBe(200);
    expect(form.html).toMatch(new RegExp(`<input type="email" id="email" name="email" value="${email}"[^>]* readonly`));
    expect(form.action).toBe(url);

    const res = await post(form.action, signingBody(form.token, email));
    expect(res.status).toBe(303);
    expect((await entry(eventId, email)).waiverSignedAt).toBeTruthy();
    const [waiver] = await queryPrefix(api.tableName, eventPk(eventId), 'WAIVER#');
    expect(waiver).toMatchObject({ email, personalLink: true });
  });

  it("refuses a token made for another patron or another sailing, or a form changed to another patron's email, and writes nothing", async () => {
    const a = await eventWithPatron(api, 10_000, 'victim@example.com');
    const b = await eventWithPatron(api, 10_000, 'stranger@example.com');
    const strangersToken = signWaiverToken(SECRET, b.eventId, 'stranger@example.com');
    // The stranger's own link, pointed at another sailing.
    expect((await fetch(`${edge.url}/g/${a.eventId}/waiver?t=${strangersToken}`)).status).toBe(403);
    // A token forged without the secret, naming the victim.
    const forged = signWaiverToken('guessed', a.eventId, 'victim@example.com');
    expect((await fetch(`${edge.url}/g/${a.eventId}/waiver?t=${forged}`)).status).toBe(403);
    // The stranger's token with its email swapped for the victim's.
    const swapped = `${Buffer.from('victim@example.com').toString('base64url')}.${strangersToken.split('.')[1]}`;
    expect((await fetch(`${edge.url}/g/${b.eventId}/waiver?t=${swapped}`)).status).toBe(403);
    // The stranger's valid link, with the locked email edited to someone else on that sailing.
    await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: b.eventId, email: 'victim2@example.com', name: 'Vic Tim' },
    });
    const form = await openForm(`${edge.url}/g/${b.eventId}/waiver?t=${strangersToken}`);
    expect(form.status).toBe(200);
    expect((await post(form.action, signingBody(form.token, 'victim2@example.com', 'Vic Tim'))).status).toBe(403);
    for (const target of [a.eventId, b.eventId])
      expect(await queryPrefix(api.tableName, eventPk(target), 'WAIVER#')).toEqual([]);
    expect(await getItem(api.tableName, eventPk(b.eventId), patronSk('victim2@example.com'))).not.toHaveProperty(
      'waiverSignedAt',
    );
  });

  it('records FAILED with its reason when mail cannot go out, and a retry records SENT and clears the reason', async () => {
    const { eventId, email } = await eventWithPatron(api, 10_000, 'link.retry@example.com');
    const down = await unreachableSes(api.tableName);
    useMailerEnv(down.endpoint);
    try {
      const failed = await api.gql(api.tokens.crew, SEND_ONE, { eventId, email });
      expect(failed.errors).toBeUndefined();
      expect(failed.data!.sendWaiverLink).toMatchObject({ status: 'FAILED', messageId: null });
      expect(failed.data!.sendWaiverLink.error).toMatch(/could not be sent.*try again/);
    } finally {
      useMailerEnv(api.iam.endpoint('mailer', 'ses'));
      await down.close();
    }
    expect(await entry(eventId, email)).toMatchObject({
      waiverLinkStatus: 'FAILED',
      waiverLinkError: expect.stringMatching(/could not be sent/),
    });
    const retried = await api.gql(api.tokens.admin, SEND_ONE, { eventId, email });
    expect(retried.data!.sendWaiverLink.status).toBe('SENT');
    expect(await entry(eventId, email)).toMatchObject({ waiverLinkStatus: 'SENT', waiverLinkError: null });
    const audits = (await queryPrefix(api.tableName, auditPk(eventId), '2')).filter(
      (a) => a.operation === 'sendWaiverLink',
    );
    expect(audits.map((a) => a.after.status).sort()).toEqual(['FAILED', 'SENT']);
  });

  it('refuses accounting, a patron not on the roster, and a patron who has signed', async () => {
    const { eventId, email } = await eventWithPatron(api, 10_000, 'link.rules@example.com');
    const denied = await api.gql(api.tokens.accounting, SEND_ONE, { eventId, email });
    expect(denied.errors?.[0]?.errorType).toBe('Unauthorized');
    const missing = await api.gql(api.tokens.crew, SEND_ONE, { eventId, email: 'nobody@example.com' });
    expect(missing.errors?.[0]?.errorType).toBe('NotFound');
    await api.gql(api.tokens.crew, SEND_ONE, { eventId, email });
    const form = await openForm(await linkMailedTo(email));
    await post(form.action, signingBody(form.token, email));
    const signed = await api.gql(api.tokens.crew, SEND_ONE, { eventId, email });
    expect(signed.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'ALREADY_SIGNED' } });
  });
});

describe('sending every patron not signed their link', () => {
  it('reaches each unsigned patron once, with their own link, and records each delivery', async () => {
    const { eventId } = await eventWithPatron(api, 10_000, 'all.signed@example.com');
    for (const e of ['all.one@example.com', 'all.two@example.com']) {
      await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email: e, name: 'Unsigned Patron' } });
    }
    await api.gql(api.tokens.crew, SEND_ONE, { eventId, email: 'all.signed@example.com' });
    const form = await openForm(await linkMailedTo('all.signed@example.com'));
    await post(form.action, signingBody(form.token, 'all.signed@example.com'));

    const res = await api.gql(api.tokens.crew, SEND_ALL, { eventId });
    expect(res.errors).toBeUndefined();
    const sent = res.data!.sendWaiverLinks as { email: string; status: string }[];
    expect(sent.map((d) => [d.email, d.status]).sort()).toEqual([
      ['all.one@example.com', 'SENT'],
      ['all.two@example.com', 'SENT'],
    ]);
    for (const e of ['all.one@example.com', 'all.two@example.com']) {
      expect(await linkMailedTo(e)).toContain(`?t=${signWaiverToken(SECRET, eventId, e)}`);
      expect((await entry(eventId, e)).waiverLinkStatus).toBe('SENT');
    }
    const roster = (await api.gql(api.tokens.crew, GET_EVENT, { id: eventId })).data!.getEvent.roster;
    expect(roster).toHaveLength(3);
  });

  it('answers an empty list when everyone has signed, and NotFound for an unknown event', async () => {
    const created = await api.gql(
      api.tokens.admin,
      `mutation { createEvent(input: { title: "Empty ${Date.now()}", startsAt: "2037-12-21T18:00:00Z", capacity: 5, priceCents: 100 }) { id } }`,
    );
    const eventId = created.data!.createEvent.id;
    expect((await api.gql(api.tokens.crew, SEND_ALL, { eventId })).data!.sendWaiverLinks).toEqual([]);
    expect((await api.gql(api.tokens.crew, SEND_ALL, { eventId: 'no-such-sailing' })).errors?.[0]?.errorType).toBe(
      'NotFound',
    );
  });
});
