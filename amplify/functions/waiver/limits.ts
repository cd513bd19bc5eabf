import { rateLimitPk } from '../../data/keys';

/**
 * Rate limits of the public waiver form (docs/decisions/0003-rate-limits-in-dynamodb.md): signatures per event and per client, per
 * clock hour, as counters in the table that each signature's own transaction raises under a
 * condition (`n < limit`). Chosen over an AWS WAF rate-based rule because the counters run the same
 * way on DynamoDB Local as on AWS (one code path, tested here), count only signatures actually
 * stored (a refused form or a double submit costs nothing), and bound the event as well as the
 * client; WAF would need a us-east-1 web ACL, count every request, and exist only on AWS.
 */

/** Signatures from one client (an IPv4 address, or an IPv6 /64) for one event per hour: a family or
 *  a group at the dock signing on one phone fits; a script adding walk-ups by the hundred does not. */
export const SIGNATURES_PER_CLIENT_PER_EVENT_PER_HOUR = 20;
/** Signatures from one client per hour across all events: room for a marina's Wi-Fi or a carrier's
 *  shared address (CGNAT) on a busy day, while bounding the copies a script can make SES send. */
export const SIGNATURES_PER_CLIENT_PER_HOUR = 200;
/** Signatures for one event per hour: twice its capacity (a full boat boarding, each re-signing once), at least this. */
export const MIN_SIGNATURES_PER_EVENT_PER_HOUR = 100;

export function eventLimit(capacity: unknown): number {
  const places = typeof capacity === 'number' && Number.isFinite(capacity) ? capacity : 0;
  return Math.max(MIN_SIGNATURES_PER_EVENT_PER_HOUR, 2 * places);
}

/** The counting window: the UTC clock hour of the signature (`2026-11-30T06`). */
export const rateWindow = (signedAt: string) => signedAt.slice(0, 13);

/** Seconds from `signedAt` to the end of its window: what Retry-After says. */
export function secondsLeft(signedAt: string): number {
  const end = Date.parse(`${rateWindow(signedAt)}:00:00.000Z`) + 3_600_000;
  return Math.max(1, Math.ceil((end - Date.parse(signedAt)) / 1000));
}

/**
 * One client: an IPv4 address, or the /64 an IPv6 client is given (it can pick any address in it).
 * Hand-written rather than with ipaddr.js (here only a transitive dependency): expanding "::" is all
 * it takes.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const groups = ip.toLowerCase().split('::');
  const head = groups[0] ? groups[0].split(':') : [];
  const tail = groups.length > 1 && groups[1] ? groups[1].split(':') : [];
  const full = [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return (
    full
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':') + '::/64'
  );
}

export type LimitName = 'eventRate' | 'clientEventRate' | 'clientRate';

/** The counter updates for one signature, each refusing to pass its limit. */
export function rateItems(eventId: string, capacity: unknown, ip: string, signedAt: string) {
  const window = rateWindow(signedAt);
  // Counters outlive their hour by a day, then DynamoDB's TTL removes them: they are not records.
  const expiresAt = Math.floor(Date.parse(`${window}:00:00.000Z`) / 1000) + 25 * 3600;
  const counter = (name: LimitName, pk: string, limit: number) => ({
    name,
    write: {
      Update: {
        Key: { PK: pk, SK: window },
        UpdateExpression:
          'SET signatures = if_not_exists(signatures, :zero) + :one, expiresAt = :expiresAt, #limit = :limit',
        ConditionExpression: 'attribute_not_exists(signatures) OR signatures < :limit',
        ExpressionAttributeNames: { '#limit': 'limit' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':limit': limit, ':expiresAt': expiresAt },
      },
    },
  });
  const client = clientKey(ip);
  return [
    counter('eventRate', rateLimitPk('event', eventId), eventLimit(capacity)),
    counter('clientEventRate', rateLimitPk('client', `${client}#${eventId}`), SIGNATURES_PER_CLIENT_PER_EVENT_PER_HOUR),
    counter('clientRate', rateLimitPk('client', client), SIGNATURES_PER_CLIENT_PER_HOUR),
  ];
}
