import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WAIVER_VERSION } from '../amplify/functions/waiver/support/fixtures';
import { createEvent, dashboardForThisFile } from './support/dashboard';
import { readmeScreenshot, signWaiver } from './support/boarding';

/**
 * The passenger manifest, printed to PDF by Chromium (page.pdf uses the print
 * stylesheet) and read back with poppler: its text through pdftotext, its look as a PNG through
 * pdftoppm (kept in SCC_MANIFEST_PNG, if set, to look at).
 */
const dash = dashboardForThisFile();

describe('the passenger manifest', () => {
  it('prints each person, the totals, boat, captain and crew, and when it was printed', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Manifest Sail', [
      { email: 'jo@example.com', name: 'Jo Sailor', partySize: 3 },
      { email: 'sam@example.com', name: 'Sam Deck', partySize: 1 },
    ]);
    await signWaiver(d, eventId, 'jo@example.com', 'Jo Sailor', ['Kid Jo']);
    await d.graphql(
      'crew@example.com',
      `mutation { checkIn(eventId: "${eventId}", email: "jo@example.com", person: "minor:Kid Jo", acknowledge: [NO_WAIVER, OWES]) { status } }`,
    );
    // A walk-up, checked in on their waiver; and Sam's waiver as one signed before its version was kept on the booking.
    await signWaiver(d, eventId, 'wes@example.com', 'Wes Walker');
    await d.graphql(
      'crew@example.com',
      `mutation { checkIn(eventId: "${eventId}", email: "wes@example.com", person: "patron", acknowledge: [NO_WAIVER, OWES]) { status } }`,
    );
    await signWaiver(d, eventId, 'sam@example.com', 'Sam Deck');
    const { dynamodbEndpoint, tableName } = d.product.endpoints;
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: dynamodbEndpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { PK: `EVENT#${eventId}`, SK: 'PATRON#sam@example.com' },
        UpdateExpression: 'REMOVE waiverVersion',
      }),
    );
    const version = DEFAULT_WAIVER_VERSION.slice(0, 12);

    const { page, context } = await d.signedIn('crew@example.com', { width: 375, height: 812 });
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}/boarding`);
    await page.getByRole('link', { name: 'Passenger manifest' }).click();
    await page.getByRole('heading', { name: 'Passenger manifest: Manifest Sail' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await readmeScreenshot(page, 'manifest');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-manifest-'));
    const pdf = path.join(dir, 'manifest.pdf');
    await page.pdf({
      path: pdf,
      format: 'Letter',
      margin: { top: '0.5in', bottom: '0.5in', left: '0.5in', right: '0.5in' },
    });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    if (process.env.SCC_MANIFEST_PNG) fs.writeFileSync(process.env.SCC_MANIFEST_PNG.replace(/\.png$/, '.txt'), text);
    expect(text).toContain('Passenger manifest: Manifest Sail');
    expect(text).toMatch(/Boat\s+Lady Washington/);
    expect(text).toMatch(/Captain\s+Ahab/);
    expect(text).toMatch(/Crew\s+Ishmael, Queequeg/);
    expect(text).toMatch(/Printed\s+\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM) P[SD]T/);
    // One row a person (pdftotext -layout keeps columns; long cells wrap onto the next line).
    // The waiver column says which text each person signed: its SHA-256, shortened; "—" for none or an older signature.
    expect(text).toMatch(
      new RegExp(`^Jo Sailor\\s+Adult\\s+Jo Sailor \\(3\\)\\s+Signed .*\\s${version}\\s+\\$150\\.00\\s+No$`, 'm'),
    );
    expect(text).toMatch(new RegExp(`^Kid Jo\\s+Minor\\s+Jo Sailor \\(3\\)\\s+Signed .*\\s${version}\\s+Yes, `, 'm'));
    expect(text).toMatch(/^Guest 1 of( Jo)?\s+Adult\s+Jo Sailor \(3\)\s+NOT SIGNED\s+—\s+No$/m);
    expect(text).toMatch(/^Sam Deck\s+Adult\s+Sam Deck \(1\)\s+Signed .*\s—\s+\$50\.00\s+No$/m);
    // The walk-up boards on their waiver and owes nothing: no balance printed.
    expect(text).toMatch(
      new RegExp(`^Wes Walker\\s+Adult\\s+Wes Walker \\(walk-\\S*\\s+Signed .*\\s${version}\\s+Yes, `, 'm'),
    );
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Totals: 5 people (4 adults, 1 minors, 1 of them walk-ups) of 40 capacity · 2 checked in · 1 without a waiver · balance due $200.00',
    );
    // The app's chrome is not printed.
    expect(text).not.toContain('Sign out');
    expect(text).not.toMatch(/\bPrint\b/);

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(5_000);
    if (process.env.SCC_MANIFEST_PNG) fs.copyFileSync(path.join(dir, png), process.env.SCC_MANIFEST_PNG);
    fs.rmSync(dir, { recursive: true, force: true });
    await context.close();
  });
});
