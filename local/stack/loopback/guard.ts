import type { IncomingMessage } from 'node:http';

/** The names a browser uses for this machine; anything else in Host is a rebound DNS name. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The origins a browser gives a page served by this machine on `port` (localhost or 127.0.0.1). */
export function loopbackOrigins(port: number): string[] {
  return LOOPBACK_HOSTS.map((h) => `http://${h}:${port}`);
}

export function loopbackHost(req: IncomingMessage): boolean {
  const host = String(req.headers.host ?? '');
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return LOOPBACK_HOSTS.includes(name.toLowerCase());
}

/**
 * Whether a stand-in should serve this request: reached by a loopback name, and either not from a
 * browser page (no Origin: curl, the SDKs, our own servers) or from one of `origins`.
 */
export function requestPermitted(req: IncomingMessage, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  return loopbackHost(req) && (origin === undefined || origins.includes(origin));
}
