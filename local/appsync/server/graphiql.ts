/**
 * GraphiQL for people exploring the API, served offline, signing in the way the dashboard does.
 *
 * Why @graphql-yoga/render-graphiql: it is GraphiQL 5 (the `graphiql` package, Monaco editors,
 * doc explorer, history) pre-bundled by The Guild, so nothing is fetched from a CDN and it works
 * without a network. Bundling `graphiql` ourselves with esbuild at startup would mean wiring
 * Monaco's workers and React by hand, slower to start and more to keep working. We take its parts
 * (`/graphiql` export) and serve each as a file rather than its one inlined 9 MB page, so the page
 * can carry a strict Content-Security-Policy (no inline script).
 *
 * The page holds no token: graphiql-page.js asks for an email and password and signs in against
 * cognito-local with USER_PASSWORD_AUTH from the browser, keeping the ID token in this origin's
 * sessionStorage. Nothing the server sends (page, assets, CORS) gives another origin a token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GraphiQLConfig {
  endpoint: string;
  cognitoEndpoint: string;
  userPoolClientId: string;
  /** The query a first-time visitor sees (default: the coming 90 days of events). */
  defaultQuery?: string;
  /** Offered in the sign-in form's email list (demo users); no password is ever sent to the page. */
  users: string[];
}

export interface Asset {
  type: string;
  body: string | Buffer;
}

/** Where the assets live: GET `${ASSET_PATH}<name>` on the API's own origin. */
export const ASSET_PATH = '/graphiql/';

const here = path.dirname(fileURLToPath(import.meta.url));
const JS = 'text/javascript; charset=UTF-8';

/** GraphiQL's parts by file name, read once (the bundle is 9 MB of JavaScript). */
let assets: Promise<Map<string, Asset>> | undefined;
export function graphiqlAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((g) => {
    const favicon = /^data:([^;]+);base64,(.*)$/.exec(g.favicon);
    return new Map<string, Asset>([
      ['graphiql.js', { type: JS, body: g.js }],
      ['graphiql.css', { type: 'text/css; charset=UTF-8', body: g.css }],
      ['editor.worker.js', { type: JS, body: g.editorWorkerService }],
      ['json.worker.js', { type: JS, body: g.jsonWorker }],
      ['graphql.worker.js', { type: JS, body: g.graphqlWorker }],
      ['page.js', { type: JS, body: fs.readFileSync(path.join(here, 'graphiql-page.js')) }],
      ['favicon.ico', { type: favicon?.[1] ?? 'image/x-icon', body: Buffer.from(favicon?.[2] ?? '', 'base64') }],
    ]);
  });
  return assets;
}

export function defaultQuery(now = new Date()): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const to = new Date(now.getTime() + 90 * 86_400_000);
  return `# Local AppSync: Ship Captain Crew's API.
# Requests send your Cognito ID token as the raw Authorization header, as AppSync expects.
query ComingEvents {
  listEvents(from: "${day(now)}", to: "${day(to)}") {
    items { id title startsAt rosterCount balanceCents }
    nextToken
  }
}
`;
}

/** JSON safe inside <script type="application/json">: no `</script>` or `<!--` can close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page's headers: only this origin's scripts, only this API and cognito-local to talk to, no framing. */
export function graphiqlHeaders(config: GraphiQLConfig): Record<string, string> {
  const cognito = new URL(config.cognitoEndpoint).origin;
  return {
    'content-type': 'text/html; charset=UTF-8',
    'cache-control': 'no-store',
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "worker-src 'self'",
      `connect-src 'self' ${cognito}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

export function graphiqlHtml(config: GraphiQLConfig): string {
  const page = { ...config, defaultQuery: config.defaultQuery ?? defaultQuery(), assets: ASSET_PATH };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ship Captain Crew — local AppSync</title>
<link rel="icon" href="${ASSET_PATH}favicon.ico">
<link rel="stylesheet" href="${ASSET_PATH}graphiql.css">
<script type="application/json" id="scc-graphiql-config">${scriptJson(page)}</script>
<script src="${ASSET_PATH}graphiql.js" defer></script>
<script src="${ASSET_PATH}page.js" defer></script>
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run GraphiQL.</noscript>
<div id="scc-banner" style="font:13px system-ui,sans-serif;padding:4px 8px;background:#0b3954;color:#fff;min-height:18px"></div>
<div id="root" style="height:calc(100vh - 26px)"></div>
</body>
</html>
`;
}
