/**
 * The CloudFront routing table (docs/architecture.md, "Routing") as data. The CDK Distribution is built from it
 * (amplify/backend.ts) and `local/edge` routes every request with it, so the bug this project
 * exists to end — `/g/<id>/waiver` reaching the SPA — cannot come back on one side only.
 */

/** Where a behavior sends requests. */
export type OriginId = 'waiver' | 'spa';

/** CloudFront's three allowed-method sets. */
export type AllowedMethods = 'GET_HEAD' | 'GET_HEAD_OPTIONS' | 'ALL';

export const ALLOWED_METHODS: Readonly<Record<AllowedMethods, readonly string[]>> = {
  GET_HEAD: ['GET', 'HEAD'],
  GET_HEAD_OPTIONS: ['GET', 'HEAD', 'OPTIONS'],
  ALL: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
};

export interface Behavior {
  /** CloudFront path pattern: `*` is any run of characters (`/` included), `?` one character. */
  readonly pathPattern: string;
  readonly origin: OriginId;
  readonly allowedMethods: AllowedMethods;
  /** `disabled` = the managed CachingDisabled policy; `optimized` = CachingOptimized. */
  readonly cache: 'disabled' | 'optimized';
  /** Serve `/index.html` for paths the origin does not have (client-side routes). */
  readonly spaFallback: boolean;
}

/**
 * The header CloudFront adds to every request it sends to the waiver Function URL; the handler
 * refuses requests without it (a Function URL behind origin access control would need signed
 * POST bodies, which a plain HTML form cannot produce).
 */
export const ORIGIN_VERIFY_HEADER = 'x-scc-origin-verify';

/** The ordered cache behaviors, before the default. */
export const BEHAVIORS: readonly Behavior[] = [
  { pathPattern: '/g/*/waiver', origin: 'waiver', allowedMethods: 'ALL', cache: 'disabled', spaFallback: false },
  // The PWA's service worker (vite.config.ts sccPwa): a phone checks it for a new deployment, so
  // CloudFront must not keep an old one; every other built file is content-hashed or invalidated.
  { pathPattern: '/sw.js', origin: 'spa', allowedMethods: 'GET_HEAD', cache: 'disabled', spaFallback: false },
];

/** CloudFront's default behavior (path pattern `*`), always last. */
export const DEFAULT_BEHAVIOR: Behavior = {
  pathPattern: '*',
  origin: 'spa',
  allowedMethods: 'GET_HEAD',
  cache: 'optimized',
  spaFallback: true,
};

/** Every behavior in the order CloudFront evaluates them. */
export const ROUTES: readonly Behavior[] = [...BEHAVIORS, DEFAULT_BEHAVIOR];

/**
 * CloudFront path-pattern matching: anchored at both ends, case-sensitive, `*` matching `/` too.
 * Hand-written because glob libraries (minimatch, picomatch) stop `*` at `/`, which is exactly the
 * difference that matters here.
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  const normalized = pattern.startsWith('/') || pattern === '*' ? pattern : '/' + pattern;
  let source = '';
  for (const ch of normalized) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp('^' + source + '$', 's').test(path);
}

/** The behavior CloudFront applies to a request path (no query string): the first match wins. */
export function routeFor(path: string): Behavior {
  return BEHAVIORS.find((b) => matchesPathPattern(b.pathPattern, path)) ?? DEFAULT_BEHAVIOR;
}
