/** The dashboard's URLs (the edge serves index.html for all of them: docs/architecture.md, Routing). */
export type Route =
  /** `/` with no query: each user's own start page (roles.ts startPage) */
  | { name: 'home' }
  | { name: 'events'; from?: string; to?: string }
  | { name: 'event'; id: string }
  | { name: 'boarding'; id: string }
  | { name: 'today' }
  | { name: 'manifest'; id: string }
  | { name: 'payments'; from?: string; to?: string; method?: string; patron?: string }
  | { name: 'not-found'; path: string }
  // Issue 17 §2: an event's or a patron's records (audit trail, signed waivers), one signed waiver.
  | { name: 'records'; eventId?: string; patron?: string }
  | { name: 'signed-waiver'; eventId: string; signedAt: string; waiverId: string }
  | { name: 'team' }
  | { name: 'reconciliation'; from?: string; to?: string; day?: string };

export function parseRoute(pathname: string, search = ''): Route {
  const query = new URLSearchParams(search);
  const opt = (k: string) => query.get(k) || undefined;
  const path = pathname.replace(/\/+$/, '') || '/';
  const event = /^\/events\/([^/]+)$/.exec(path);
  if (event) return { name: 'event', id: decodeURIComponent(event[1]) };
  const boarding = /^\/events\/([^/]+)\/boarding$/.exec(path);
  if (boarding) return { name: 'boarding', id: decodeURIComponent(boarding[1]) };
  if (path === '/today') return { name: 'today' };
  if (path === '/team') return { name: 'team' };
  const manifest = /^\/events\/([^/]+)\/manifest$/.exec(path);
  if (manifest) return { name: 'manifest', id: decodeURIComponent(manifest[1]) };
  if (path === '/' && !query.has('from') && !query.has('to')) return { name: 'home' };
  if (path === '/' || path === '/events') return { name: 'events', from: opt('from'), to: opt('to') };
  if (path === '/payments') {
    return { name: 'payments', from: opt('from'), to: opt('to'), method: opt('method'), patron: opt('patron') };
  }
  if (path === '/records') return { name: 'records', eventId: opt('event'), patron: opt('patron') };
  const waiver = /^\/events\/([^/]+)\/waivers\/([^/]+)\/([^/]+)$/.exec(path);
  if (waiver) {
    return {
      name: 'signed-waiver',
      eventId: decodeURIComponent(waiver[1]),
      signedAt: decodeURIComponent(waiver[2]),
      waiverId: decodeURIComponent(waiver[3]),
    };
  }
  if (path === '/reconciliation') return { name: 'reconciliation', from: opt('from'), to: opt('to'), day: opt('day') };
  return { name: 'not-found', path };
}

/** An event's records page (audit trail and signed waivers), or a patron's (their audit trail). */
export const recordsPath = (of: { eventId: string } | { patron: string }) =>
  'eventId' in of
    ? `/records?event=${encodeURIComponent(of.eventId)}`
    : `/records?patron=${encodeURIComponent(of.patron)}`;

/** One signature's printable document. */
export const signedWaiverPath = (w: { eventId: string; signedAt: string; id: string }) =>
  `/events/${encodeURIComponent(w.eventId)}/waivers/${encodeURIComponent(w.signedAt)}/${encodeURIComponent(w.id)}`;
