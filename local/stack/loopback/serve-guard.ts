/**
 * Loaded into a Node stand-in's own process (`node --import tsx --import <this file>`), before it
 * starts: a request whose Host is not a loopback name (DNS rebinding: evil.example resolving to
 * 127.0.0.1) or that comes from a browser origin not in SCC_ALLOWED_ORIGINS gets 403. cognito-local
 * and aws-ses-v2-local have no option for either, hence the patch on http.Server.
 */
import http from 'node:http';
import { requestPermitted } from './guard';

const allowedOrigins = (process.env.SCC_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);

const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === 'request') {
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (!requestPermitted(req, allowedOrigins)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end("Forbidden: not the dashboard's origin or host.");
      return true;
    }
  }
  return emit.call(this, event, ...args);
} as typeof http.Server.prototype.emit;
