/**
 * The dock's outbox: 50 payments entered on three phones without signal, synced at the same moment.
 * Each phone is a Chromium context running the real dashboard (the app's own outbox sends, on the
 * `online` event) against the real API; one phone has the dashboard open in two tabs, which share
 * its outbox. Afterwards every total is the sum of its payments (the ledger invariants of
 * docs/architecture.md over a scan of the table), each payment is recorded at most once, exactly those the phones
 * report recorded are in the table, and each refusal is a true over-the-balance one.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { dynamoClient } from '../../local/stack/table';
import type { OutboxEntry } from '../../src/lib/offline/outbox';
import { createEvent, dashboardForThisFile } from '../e2e/support/dashboard';
import { ledgerViolations } from './support/ledger';

const product = dashboardForThisFile();
const SEED = Number(process.env.SCC_OUTBOX_SEED ?? 16_2026);
const PAYMENTS = 50;
const PATRONS = ['ann', 'bo', 'cy'].map((n) => ({ email: `${n}@example.com`, name: n.toUpperCase() }));

interface Phone {
  owner: string;
  context: BrowserContext;
  tabs: Page[];
}

/**
 * Runs `body` in the page with `outbox` (the app's own, src/lib/offline/outbox.ts, as the edge's Vite serves
 * the SPA from source) and `arg` in scope. A string, so the test runner does not rewrite its import().
 */
function withOutbox<T>(page: Page, body: string, arg: unknown = null): Promise<T> {
  return page.evaluate(`(async (arg) => {
    const { outbox } = await import('/src/lib/offline/outbox.ts');
    ${body}
  })(${JSON.stringify(arg)})`) as Promise<T>;
}

/** What a phone's outbox holds. */
const outboxOf = (page: Page, owner: string) => withOutbox<OutboxEntry[]>(page, 'return outbox().entries(arg);', owner);

async function scan(): Promise<Record<string, any>[]> {
  const { dynamodbEndpoint, tableName } = product.d.product.endpoints;
  const client = dynamoClient(dynamodbEndpoint, product.d.product.outputs.auth!.aws_region);
  const items: Record<string, any>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('the outbox on three phones', () => {
  it(`syncs ${PAYMENTS} payments entered offline at once: totals equal sums, nothing doubled, nothing lost`, async () => {
    const d = product.d;
    const events = await Promise.all(['Gale', 'Breeze', 'Calm'].map((t) => createEvent(d, `Outbox ${t} Run`, PATRONS)));
    // Each patron owes one person's price, $50: the 50 payments ask for more, so some must be refused.
    const plan = fc.sample(
      fc.record({
        phone: fc.integer({ min: 0, max: 2 }),
        event: fc.integer({ min: 0, max: 2 }),
        patron: fc.integer({ min: 0, max: 2 }),
        cents: fc.integer({ min: 1, max: 25 }).map((n) => n * 100),
      }),
      { seed: SEED, numRuns: PAYMENTS },
    );

    const phones: Phone[] = [];
    for (const owner of ['crew@example.com', 'admin@example.com', 'crew@example.com']) {
      const { context, page } = await d.signedIn(owner, { width: 375, height: 812 });
      // The charters list, whoever signs in (crew start on Today).
      await page.goto(`${d.product.endpoints.edgeUrl}/events`);
      await page.locator('scc-event-list').waitFor();
      phones.push({ owner, context, tabs: [page] });
    }
    // The third phone has the dashboard open twice: both tabs send from one outbox.
    const second = await phones[2].context.newPage();
    await second.goto(`${d.product.endpoints.edgeUrl}/events`);
    await second.locator('scc-event-list').waitFor();
    phones[2].tabs.push(second);

    // Loaded while there is signal, so the page has the module when there is none.
    for (const phone of phones) await outboxOf(phone.tabs[0], phone.owner);
    await Promise.all(phones.map((p) => p.context.setOffline(true)));
    await Promise.all(
      phones.map((phone, i) =>
        withOutbox(
          phone.tabs[0],
          `
      for (const input of arg.payments) {
        await outbox().add({ key: input.idempotencyKey, owner: arg.owner, input, patronName: input.patronEmail, eventTitle: input.eventId, receipt: false });
      }`,
          {
            owner: phone.owner,
            payments: plan
              .filter((p) => p.phone === i)
              .map((p) => ({
                idempotencyKey: crypto.randomUUID(),
                eventId: events[p.event],
                patronEmail: PATRONS[p.patron].email,
                amountCents: p.cents,
                method: 'CASH',
              })),
          },
        ),
      ),
    );
    for (const phone of phones) {
      await phone.tabs[0].locator('scc-outbox-status').getByText('waiting for signal').waitFor();
    }

    // Signal returns for all three phones at the same moment.
    await Promise.all(phones.map((p) => p.context.setOffline(false)));
    const settled = async () => (await Promise.all(phones.map((p) => outboxOf(p.tabs[0], p.owner)))).flat();
    await expect
      .poll(async () => (await settled()).filter((e) => e.state === 'waiting').length, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(0);

    const entries = await settled();
    expect(entries).toHaveLength(PAYMENTS);
    const items = await scan();
    expect(ledgerViolations(items)).toEqual([]);
    const payments = items.filter((i) => i.type === 'Payment' && events.includes(i.eventId));
    const sent = entries.filter((e) => e.state === 'sent');
    // Exactly the payments the phones report recorded are in the table, each once, with its key.
    expect(payments.map((p) => p.idempotencyKey).sort()).toEqual(sent.map((e) => e.key).sort());
    expect(new Set(payments.map((p) => p.id)).size).toBe(payments.length);
    for (const e of sent) expect(payments.find((p) => p.id === e.payment!.id)?.amountCents).toBe(e.input.amountCents);
    // Every refusal is "more than the balance", and true: the patron's balance now is below it.
    const entriesOf = items.filter((i) => i.type === 'RosterEntry');
    for (const e of entries.filter((x) => x.state === 'refused')) {
      expect(e.refusal?.kind).toBe('Conflict');
      const patron = entriesOf.find((r) => r.eventId === e.input.eventId && r.email === e.input.patronEmail)!;
      expect(patron.balanceCents).toBeLessThan(e.input.amountCents);
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(entries.length - sent.length).toBeGreaterThan(0);
    for (const ev of events) {
      const event = items.find((i) => i.type === 'Event' && i.id === ev)!;
      expect(event.paidCents).toBe(
        sent.filter((e) => e.input.eventId === ev).reduce((s, e) => s + e.input.amountCents, 0),
      );
    }
    await Promise.all(phones.map((p) => p.context.close()));
  }, 240_000);
});
