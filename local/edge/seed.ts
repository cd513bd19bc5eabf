import { signWaiverToken } from '../../amplify/functions/outreach/link';

/**
 * Signs demo waivers the way a patron would: GET the waiver page through the edge, POST the form.
 * Plugged into the demo seed's `signWaiver` hook (local/seed), so demo rosters show some signed
 * waivers, real records and emailed copies included. With the link secret, each patron signs
 * through their personal link, so the signature attaches to their booking; without it, through
 * the public link, where a booked email's signature is held as a claim for crew to match.
 */
export interface SeedPatron {
  email: string;
  name: string;
  partySize: number;
}

const CHILD_NAMES = ['Sam', 'Riley', 'Jordan', 'Alex', 'Charlie', 'Jamie', 'Robin', 'Casey', 'Drew', 'Avery'];

export function waiverSigner(edgeUrl: string, linkSecret?: string) {
  return async function signWaiver(eventId: string, patron: SeedPatron): Promise<void> {
    const personal = linkSecret ? `?t=${signWaiverToken(linkSecret, eventId, patron.email)}` : '';
    const url = `${edgeUrl}/g/${encodeURIComponent(eventId)}/waiver${personal}`;
    const page = await fetch(url);
    const html = await page.text();
    const version = /name="waiverVersion" value="([0-9a-f]{64})"/.exec(html)?.[1];
    const token = /name="token" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    if (!page.ok || !version || !token) throw new Error(`waiver page for ${eventId} answered ${page.status}`);
    const body = new URLSearchParams({
      name: patron.name,
      email: patron.email,
      phone: '+1 555 010 0199',
      dateOfBirth: '1984-06-15',
      agree: 'yes',
      signature: patron.name,
      waiverVersion: version,
      token,
    });
    // In a demo party of three or more, the last member is a child the patron signs for.
    if (patron.partySize >= 3) {
      const surname = patron.name.split(' ').at(-1) ?? '';
      body.append('minorName', `${CHILD_NAMES[patron.name.length % CHILD_NAMES.length]} ${surname}`.trim());
      body.append('minorDateOfBirth', '2015-08-20');
    }
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    if (res.status !== 303) throw new Error(`signing the ${eventId} waiver for ${patron.email} answered ${res.status}`);
  };
}
