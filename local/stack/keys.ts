/**
 * Secrets made once per state folder (SCC_STATE_DIR, `.local` by default) and kept there, so a
 * restart keeps its sessions and page tokens, `rm -rf .local` makes new ones, and no two
 * checkouts (or anyone who read this repository) share them.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Writes `file` with `make()` unless it exists, readable by this user only; returns its text. */
function kept(file: string, make: () => string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, make(), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Two starts racing on a fresh folder: the first one's secret wins.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return fs.readFileSync(file, 'utf8');
}

/** A random 256-bit secret named `name`, base64url, the same on every start from this folder. */
export function stateSecret(stateDir: string, name: string): string {
  return kept(path.join(stateDir, 'secrets', name), () => randomBytes(32).toString('base64url')).trim();
}

/**
 * cognito-local's signing key pair in the two files (and shapes) it reads from its package,
 * `cognitoLocal.private.json` ({ jwk, pem }) and `cognitoLocal.public.json` ({ jwk }); returns
 * their folder. See cognito-guard.ts for how cognito-local is pointed at it.
 */
export function cognitoKeys(stateDir: string): string {
  const dir = path.join(stateDir, 'secrets', 'cognito-keys');
  const privateFile = path.join(dir, 'cognitoLocal.private.json');
  if (!fs.existsSync(privateFile)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const meta = { kid: 'CognitoLocal', alg: 'RS256', use: 'sig' };
    kept(path.join(dir, 'cognitoLocal.public.json'), () =>
      JSON.stringify({
        jwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
        pem: publicKey.export({ type: 'pkcs1', format: 'pem' }),
      }),
    );
    kept(privateFile, () =>
      JSON.stringify({
        jwk: { ...privateKey.export({ format: 'jwk' }), ...meta },
        pem: privateKey.export({ type: 'pkcs1', format: 'pem' }),
      }),
    );
  }
  return dir;
}
