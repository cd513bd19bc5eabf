import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPk, eventPk, patronSk } from '../../amplify/data/keys';
import { getItem, queryPrefix } from '../amplify/functions/waiver/support/fixtures';
import { sesMessages } from '../support/stack';
import { ADD_PATRON, CREATE_EVENT, startApi, type Api } from './support/harness';

/**
 * Waiver links "to everyone not signed" on a sailing with more patrons than one call reaches (49):
 * sendWaiverLinksPage pages the roster, each page's unsigned patrons get their link, and every
 * delivery is reported, recorded on its entry and audited, each patron once.
 */
let api: Api;
beforeAll(async () => {
  api = await startApi();
  Object.assign(process.env, { WAIVER_LINK_SECRET: 'paged-link-secret', WAIVER_BASE_URL: 'http://localhost:3999/g' });
});
afterAll(async () => {
  await api?.close();
});

const SEND_PAGE = `mutation($eventId: ID!, $nextToken: String) {
  sendWaiverLinksPage(eventId: $eventId, nextToken: $nextToken) { items { eventId email status sentAt messageId error } nextToken } }`;
const SEND_ALL = `mutation($eventId: ID!) { sendWaiverLinks(eventId: $eventId) { email } }`;

describe('sendWaiverLinksPage', () => {
  it('reaches all 61 unsigned patrons of a 64-patron sailing, page by page, each once, each delivery reported and recorded', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: `Big sail ${Date.now()}`, startsAt: '2037-08-01T18:00:00Z', capacity: 100, priceCents: 1_000 },
    });
    const eventId = ev.data!.createEvent.id as string;
    const emails = Array.from({ length: 64 }, (_, i) => `p${String(i).padStart(2, '0')}-${Date.now()}@example.com`);
    for (let i = 0; i < emails.length; i += 8) {
      await Promise.all(
        emails
          .slice(i, i + 8)
          .map((email) => api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name: 'Many Patron' } })),
      );
    }
    // Three have signed (set as the waiver Lambda sets it): not reached.
    const signed = [emails[3]!, emails[40]!, emails[63]!];
    const { DynamoDBDocumentClient, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { dynamoClient } = await import('../support/stack');
    const db = DynamoDBDocumentClient.from(dynamoClient());
    for (const email of signed) {
      await db.send(
        new UpdateCommand({
          TableName: api.tableName,
          Key: { PK: eventPk(eventId), SK: patronSk(email) },
          UpdateExpression: 'SET waiverSignedAt = :at',
          ExpressionAttributeValues: { ':at': '2037-07-01T00:00:00Z' },
        }),
      );
    }

    // The one-call field still refuses past its limit, saying so.
    expect((await api.gql(api.tokens.crew, SEND_ALL, { eventId })).errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      message: expect.stringMatching(/61 patrons/),
    });

    const delivered: { email: string; status: string }[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const res: any = await api.gql(api.tokens.crew, SEND_PAGE, { eventId, nextToken: token });
      expect(res.errors).toBeUndefined();
      expect(res.data.sendWaiverLinksPage.items.length).toBeLessThanOrEqual(49);
      delivered.push(...res.data.sendWaiverLinksPage.items);
      token = res.data.sendWaiverLinksPage.nextToken;
      pages += 1;
    } while (token && pages < 10);
    expect(pages).toBeGreaterThan(1);
    const unsigned = emails.filter((e) => !signed.includes(e));
    expect(delivered.map((d) => d.email).sort()).toEqual(unsigned);
    expect(delivered.every((d) => d.status === 'SENT')).toBe(true);
    for (const email of [unsigned[0]!, unsigned[50]!, unsigned.at(-1)!]) {
      expect(await getItem(api.tableName, eventPk(eventId), patronSk(email))).toMatchObject({
        waiverLinkStatus: 'SENT',
      });
      expect(await sesMessages(email)).toHaveLength(1);
    }
    expect(await sesMessages(signed[0]!)).toHaveLength(0);
    const audits = (await queryPrefix(api.tableName, auditPk(eventId), '2')).filter(
      (a) => a.operation === 'sendWaiverLinksPage',
    );
    expect(audits).toHaveLength(61);
  });

  it('refuses another query\u2019s token, an unknown sailing, and accounting', async () => {
    const bad = await api.gql(api.tokens.crew, SEND_PAGE, { eventId: 'no-such-sailing' });
    expect(bad.errors?.[0]?.errorType).toBe('NotFound');
    const forged = await api.gql(api.tokens.crew, SEND_PAGE, { eventId: 'no-such-sailing', nextToken: 'eyJ9.abc' });
    expect(forged.errors?.[0]?.errorType).toMatch(/NotFound|ValidationError/);
    expect((await api.gql(api.tokens.accounting, SEND_PAGE, { eventId: 'x' })).errors?.[0]?.errorType).toBe(
      'Unauthorized',
    );
  });
});
