/** The dashboard's URLs (the edge serves index.html for all of them; DESIGN.md §5). */
export type Route =
  /** `/` with no query: each user's own start page (roles.ts startPage) */
  | { name: 'home' }
  | { name: 'events'; from?: string; to?: string }
  | { name: 'event'; id: string }
  | { name: 'boarding'; id: string }
  | { name: 'today' }
  | { name: 'manifest'; id: string }
  | { name: 'payments'; from?: string; to?: string; method?: string; patron?: string }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string, search = ''): Route {
  const query = new URLSearchParams(search);
  const opt = (k: string) => query.get(k) || undefined;
  const path = pathname.replace(/\/+$/, '') || '/';
  const event = /^\/events\/([^/]+)$/.exec(path);
  if (event) return { name: 'event', id: decodeURIComponent(event[1]) };
  const boarding = /^\/events\/([^/]+)\/boarding$/.exec(path);
  if (boarding) return { name: 'boarding', id: decodeURIComponent(boarding[1]) };
  if (path === '/today') return { name: 'today' };
  const manifest = /^\/events\/([^/]+)\/manifest$/.exec(path);
  if (manifest) return { name: 'manifest', id: decodeURIComponent(manifest[1]) };
  if (path === '/' && !query.has('from') && !query.has('to')) return { name: 'home' };
  if (path === '/' || path === '/events') return { name: 'events', from: opt('from'), to: opt('to') };
  if (path === '/payments') {
    return { name: 'payments', from: opt('from'), to: opt('to'), method: opt('method'), patron: opt('patron') };
  }
  return { name: 'not-found', path };
}
