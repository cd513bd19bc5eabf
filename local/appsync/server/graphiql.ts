/**
 * GraphiQL for people exploring the API, served offline.
 *
 * Why @graphql-yoga/render-graphiql: it is GraphiQL 5 (the `graphiql` package, Monaco editors,
 * doc explorer, history) pre-bundled by The Guild into one self-contained page — CSS, JS and the
 * editor workers inlined — so nothing is fetched from a CDN and it works without a network.
 * Bundling `graphiql` ourselves with esbuild at startup would mean wiring Monaco's workers and
 * React by hand, slower to start and more to keep working.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

export interface GraphiQLPage {
  endpoint: string;
  /** The query a first-time visitor sees (default: the coming 90 days of events). */
  defaultQuery?: string;
  /** The token to send as `Authorization` (raw, as AppSync wants it), if signed in. */
  token?: string;
  user?: string;
  users: string[];
  signInError?: string;
}

function defaultQuery(now = new Date()): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const to = new Date(now.getTime() + 90 * 86_400_000);
  return `# Local AppSync: Ship Captain Crew's API, signed in as a demo user.
# Requests send the demo user's Cognito ID token as the raw Authorization header, as AppSync expects.
query ComingEvents {
  listEvents(from: "${day(now)}", to: "${day(to)}") {
    items { id title startsAt rosterCount balanceCents }
    nextToken
  }
}
`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small bar above GraphiQL: who is signed in, and links to sign in as another demo user. */
function banner(page: GraphiQLPage): string {
  const links = page.users
    .map((u) => (u === page.user ? `<strong>${escapeHtml(u)}</strong>` : `<a href="?as=${encodeURIComponent(u)}">${escapeHtml(u)}</a>`))
    .join(' · ');
  const status = page.signInError ? `not signed in (${escapeHtml(page.signInError)})` : `signed in as ${escapeHtml(page.user ?? '?')}`;
  return `<style>#scc-banner a { color: #bfe3ff; }</style><div id="scc-banner" style="font:13px system-ui,sans-serif;padding:4px 8px;background:#0b3954;color:#fff">
  Local AppSync — ${status}. Demo users: ${links}</div>`;
}

export function graphiqlHtml(page: GraphiQLPage): string {
  const html = renderGraphiQL({
    title: 'Ship Captain Crew — local AppSync',
    endpoint: page.endpoint,
    headers: JSON.stringify(page.token ? { Authorization: page.token } : {}, null, 2),
    defaultQuery: page.defaultQuery ?? defaultQuery(),
    shouldPersistHeaders: false,
  });
  // GraphiQL fills #root; the banner goes before it and the root shrinks to fit.
  return html
    .replace('<div id="root"></div>', `${banner(page)}<div id="root" style="height:calc(100vh - 26px)"></div>`);
}
