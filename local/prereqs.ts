import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface Prerequisite {
  name: string;
  /** Debian package that provides it. */
  debianPackage: string;
  /** Returns a problem, or null when the tool is there and good enough. */
  check(): string | null;
}

export const JAVA: Prerequisite = {
  name: 'Java 17+ (for DynamoDB Local)',
  debianPackage: 'openjdk-17-jre-headless',
  check() {
    const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (out.error) return 'java is not installed';
    const major = Number(/version "(\d+)/.exec(out.stderr + out.stdout)?.[1] ?? 0);
    return major >= 17 ? null : `java ${major} is too old (need 17 or newer)`;
  },
};

export const CHROMIUM: Prerequisite = {
  name: 'Chromium (for the browser tests)',
  debianPackage: 'chromium',
  check: () =>
    fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? null : '/usr/bin/chromium is missing',
};

const isRootOnDebian = () => process.getuid?.() === 0 && fs.existsSync('/etc/debian_version');

/**
 * Checks each prerequisite; as root on Debian installs what's missing with apt-get, otherwise
 * throws one message naming exactly what to install.
 */
export function ensurePrerequisites(required: Prerequisite[], log: (line: string) => void = console.log): void {
  const missing = required.filter((p) => p.check() !== null);
  if (missing.length === 0) return;
  if (isRootOnDebian()) {
    const packages = missing.map((p) => p.debianPackage);
    log(`installing ${packages.join(', ')} with apt-get (missing: ${missing.map((p) => p.name).join(', ')})…`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const still = missing.filter((p) => p.check() !== null);
    if (still.length === 0) return;
    missing.splice(0, missing.length, ...still);
  }
  throw new Error(
    'Missing prerequisites:\n' +
      missing
        .map((p) => `  - ${p.name}: ${p.check()}. Install it, e.g. \`sudo apt-get install ${p.debianPackage}\``)
        .join('\n'),
  );
}
