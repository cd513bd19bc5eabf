import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A patron's personal waiver link, `/g/<event-id>/waiver?t=<token>`: the token names the booking
 * (event and email) and is signed with HMAC-SHA256 under WAIVER_LINK_SECRET, which only the
 * mailer, the reminder job and the waiver Lambda hold. So the link pre-fills and locks the email,
 * and nobody can make one for another patron or sailing. Node's crypto, not the resolvers' hand
 * written HMAC (lib/hmac.ts): only Lambdas sign and verify these.
 *
 * Token: base64url(email) "." base64url(HMAC(secret, "waiver-link\n" + eventId + "\n" + email)).
 * The purpose string keeps these MACs apart from anything else the same secret might sign.
 */
const PURPOSE = 'waiver-link';

function mac(secret: string, eventId: string, email: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${eventId}\n${email}`, 'utf8').digest();
}

/** Fails closed: a token under an empty key is one anyone can compute. */
function requireSecret(secret: string | undefined): string {
  if (!secret)
    throw new Error('WAIVER_LINK_SECRET is not configured: personal waiver links cannot be signed or checked.');
  return secret;
}

export function signWaiverToken(secret: string | undefined, eventId: string, email: string): string {
  const normal = email.trim().toLowerCase();
  return `${Buffer.from(normal, 'utf8').toString('base64url')}.${mac(requireSecret(secret), eventId, normal).toString('base64url')}`;
}

/** The email a token was made for, if it is this API's token for this event; otherwise null. */
export function verifyWaiverToken(secret: string | undefined, eventId: string, token: string): string | null {
  const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const email = Buffer.from(match[1]!, 'base64url').toString('utf8');
  if (!email.includes('@') || email !== email.trim().toLowerCase()) return null;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(requireSecret(secret), eventId, email);
  return given.length === expected.length && timingSafeEqual(given, expected) ? email : null;
}

/** The personal link in full: `base` is the site's waiver base (`https://<site>/g`). */
export function personalWaiverUrl(base: string, secret: string | undefined, eventId: string, email: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(eventId)}/waiver?t=${signWaiverToken(secret, eventId, email)}`;
}

/**
 * The personal link a waiver request carries, if any (`?t=` on the page and on its form's POST):
 * null without one, 'invalid' for a token that is not this event's (another sailing's, edited,
 * made up, or no secret configured to check it), else the booking's email.
 */
export function readPersonalLink(
  rawQueryString: string | undefined,
  eventId: string,
  secret: string | undefined,
): { email: string; token: string } | 'invalid' | null {
  const token = new URLSearchParams(rawQueryString ?? '').get('t');
  if (token === null) return null;
  if (!secret) return 'invalid';
  const email = verifyWaiverToken(secret, eventId, token);
  return email ? { email, token } : 'invalid';
}
