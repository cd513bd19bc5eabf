import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { FS_DENY, viteMayServe } from './vite-guard';

export type SpaOptions = { mode: 'vite' } | { mode: 'dist'; dir: string };

export interface SpaOrigin {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Points the SPA's `../amplify_outputs.json` import at another file (tests, alternate stacks). */
export function outputsFilePlugin(outputsFile: string): Plugin {
  const original = path.join(root, 'amplify_outputs.json');
  return {
    name: 'scc:outputs-file',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('amplify_outputs.json')) return null;
      const resolved = path.resolve(path.dirname(importer.split('?')[0]!), source);
      return resolved === original ? path.resolve(outputsFile) : null;
    },
  };
}

/**
 * Vite in middleware mode: transforms on request, falls back to index.html for client routes, and
 * serves only what the SPA imports (vite-guard.ts).
 */
async function viteOrigin(httpServer: Server, outputsFile: string | undefined): Promise<SpaOrigin> {
  const { createServer } = await import('vite');
  // configFile: false keeps startup fast (vite.config.ts pulls in the vitest browser provider);
  // Lit's decorators still compile, since Vite reads experimentalDecorators from tsconfig.json.
  const vite = await createServer({
    root,
    configFile: false,
    appType: 'spa',
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: { server: httpServer }, fs: { deny: FS_DENY } },
    plugins: outputsFile ? [outputsFilePlugin(outputsFile)] : [],
  });
  const notFound = (res: ServerResponse) => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  return {
    handle: (req, res) => {
      void viteMayServe(vite, req.url ?? '/').then((ok) =>
        ok ? vite.middlewares(req, res, () => notFound(res)) : notFound(res),
      );
    },
    close: () => vite.close(),
  };
}

// Enough types for what `vite build` emits; anything else is served as bytes.
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/;

/**
 * A built dist/ as S3 + CloudFront serve it: the file if it exists, otherwise `/index.html` with
 * 200 (the distribution's 403/404 → /index.html error responses). Hand-written rather than sirv or
 * serve-static because those answer 404 for a missing asset, and CloudFront does not.
 */
function distOrigin(dir: string): SpaOrigin {
  const base = path.resolve(dir);
  const fileFor = (urlPath: string): string => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return path.join(base, 'index.html');
    }
    const candidate = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
    const inside = candidate.startsWith(base + path.sep);
    return inside && fs.existsSync(candidate) && fs.statSync(candidate).isFile()
      ? candidate
      : path.join(base, 'index.html');
  };
  return {
    handle(req, res) {
      const file = fileFor((req.url ?? '/').split('?')[0]!);
      // A bucket without index.html (an unbuilt or half-uploaded site) answers 404, not a crash.
      if (!fs.existsSync(file)) {
        res
          .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          .end('Not found: the site has no index.html');
        return;
      }
      const immutable = file.startsWith(path.join(base, 'assets') + path.sep);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      // CloudFront compresses text for viewers that accept it (site.ts `compress: true`); so does this.
      const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, {
        'content-type': type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      if (req.method === 'HEAD') res.end();
      else {
        const body = fs.createReadStream(file).on('error', () => res.destroy());
        (gzip ? body.pipe(zlib.createGzip()) : body).pipe(res);
      }
    },
    close: async () => {},
  };
}

export async function createSpaOrigin(
  options: SpaOptions,
  httpServer: Server,
  outputsFile?: string,
): Promise<SpaOrigin> {
  return options.mode === 'vite' ? viteOrigin(httpServer, outputsFile) : distOrigin(options.dir);
}
