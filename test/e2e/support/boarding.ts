import { expect } from 'vitest';
import { signWaiverToken } from '../../../amplify/functions/outreach/link';
import { stateSecret } from '../../../local/stack/keys';
import { DEFAULT_WAIVER_VERSION, formBody } from '../../amplify/functions/waiver/support/fixtures';
import type { Dashboard } from './dashboard';

/**
 * A patron signs the event's waiver through the product's edge (the real Lambda): through their
 * personal link (made with the product's own link secret), so it attaches to their booking at once;
 * `publicLink` signs on the event's public form instead, where a booked email's signature is held.
 */
export async function signWaiver(
  d: Dashboard,
  eventId: string,
  email: string,
  name: string,
  minors: string[] = [],
  publicLink = false,
) {
  const personal = publicLink
    ? ''
    : `?t=${signWaiverToken(stateSecret(d.product.dir, 'waiver-link-secret'), eventId, email)}`;
  const res = await fetch(`${d.product.endpoints.edgeUrl}/g/${eventId}/waiver${personal}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(
      { name, signature: name, email, minorName: minors, minorDateOfBirth: minors.map(() => '2016-03-04') },
      DEFAULT_WAIVER_VERSION,
    ),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}

/**
 * With SCC_SCREENSHOTS=1, the README's screenshot of a screen at phone width:
 * docs/screenshots/<name>-375.png (as test/e2e/dashboard-screenshots.test.ts does for the others).
 */
export async function readmeScreenshot(page: import('playwright').Page, name: string) {
  if (!process.env.SCC_SCREENSHOTS) return;
  const { default: path } = await import('node:path');
  await page.screenshot({
    path: path.resolve(import.meta.dirname, `../../../docs/screenshots/${name}-375.png`),
    fullPage: true,
  });
}
