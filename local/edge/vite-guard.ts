import type { ViteDevServer } from 'vite';
import deny from './fs-deny.json';

/**
 * Files Vite must never serve, whoever asks (fs-deny.json, shared with vite.config.ts): Vite's own
 * defaults (which it drops when given a list), the state folder (cognito-local's users, our
 * secrets and keys), and signing keys shipped inside packages (cognito-local's).
 */
export const FS_DENY: string[] = deny;

/** Vite's own URLs that serve its client, not a file anyone named. */
const VITE_CLIENT = ['/@vite/client', '/@vite/env'];

/**
 * Whether the dev server may answer `url`: a package file (`/node_modules/…`, `/@fs/…`, `/@id/…`)
 * only once something the SPA loaded has imported it (it is then in Vite's module graph), or when
 * it is one of Vite's pre-bundled dependencies (built from what the SPA imports) or a virtual
 * module; nothing under a
 * dot-folder. Everything else (the SPA's own source, index.html, client routes) Vite decides,
 * within FS_DENY.
 */
export async function viteMayServe(vite: ViteDevServer, url: string): Promise<boolean> {
  let path: string;
  try {
    path = decodeURIComponent(url.split('?')[0]!);
  } catch {
    return false;
  }
  // Pre-bundled dependencies, and virtual modules (`\0` ids: code a plugin generates, such as
  // the decorator helpers the TypeScript transform injects), are not files anyone could name.
  if (VITE_CLIENT.includes(path) || path.startsWith('/node_modules/.vite/deps/') || path.startsWith('/@id/__x00__'))
    return true;
  if (/(^|\/)\.(?!vite\/deps\/)/.test(path) || path.includes('\\')) return false;
  if (!/^\/(node_modules|@fs|@id)\//.test(path)) return true;
  return (await vite.moduleGraph.getModuleByUrl(url).catch(() => undefined)) !== undefined;
}
