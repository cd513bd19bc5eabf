/**
 * Load a resolver file the way it reaches AppSync: bundled by esbuild (ESM, neutral platform,
 * `@aws-appsync/utils` external), its own sources linted by AWS's rules, then compiled into a vm.
 * A load is cached until one of the bundle's source files changes.
 */
import { build, type Message } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileResolver } from './compile';
import { lintResolverSources } from './lint';
import { ResolverRejectedError, type CompiledResolver, type LintProblem } from './types';

interface CacheEntry {
  stamps: Map<string, number>;
  resolver: Promise<CompiledResolver>;
}

const cache = new Map<string, CacheEntry>();

/** The `code` of an AppSync resolver or function is at most 32768 characters (API reference). */
const MAX_CODE_LENGTH = 32_768;

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function fresh(entry: CacheEntry): boolean {
  for (const [file, stamp] of entry.stamps) if (mtime(file) !== stamp) return false;
  return true;
}

function parserProblems(messages: Message[]): LintProblem[] {
  return messages.map((m) => ({
    line: m.location?.line ?? 0,
    column: (m.location?.column ?? 0) + 1,
    span: m.location?.length,
    message: m.text,
    errorType: 'PARSER_ERROR' as const,
  }));
}

/** Bundle as AppSync expects it: one ESM file exporting request/response. */
export async function bundleResolver(file: string): Promise<{ code: string; sources: string[] }> {
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2020',
      external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
      logLevel: 'silent',
      sourcemap: false,
      minify: false,
      treeShaking: true,
    });
    const sources = Object.keys(result.metafile.inputs)
      .map((input) => resolve(input))
      .filter((input) => !input.includes('/node_modules/'));
    const code = result.outputFiles[0].text;
    if (code.length > MAX_CODE_LENGTH) {
      throw new ResolverRejectedError(file, [
        {
          line: 0,
          column: 0,
          errorType: 'PARSER_ERROR',
          message: `The bundled code is ${code.length} characters long; AppSync accepts at most ${MAX_CODE_LENGTH}.`,
        },
      ]);
    }
    return { code, sources };
  } catch (error) {
    if (error instanceof ResolverRejectedError) throw error;
    const errors = (error as { errors?: Message[] }).errors;
    if (errors) throw new ResolverRejectedError(file, parserProblems(errors));
    throw error;
  }
}

function rejection(sources: string[], problems: Map<string, LintProblem[]>): ResolverRejectedError | undefined {
  const source = sources.find((s) => problems.has(s));
  if (source === undefined) return undefined;
  return new ResolverRejectedError(
    source,
    problems.get(source)!.map((p) => ({ ...p, errorType: 'LINT_ERROR' as const })),
  );
}

const lintCache = new Map<string, { stamp: number; problems: LintProblem[] }>();
const MAX_SIBLINGS = 100;

function readable(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The other resolvers beside `entry`. A server loads a folder of resolvers one by one; linting
 * them with the first costs about what one lint costs, and each later load finds its answer cached.
 */
function siblingResolvers(entry: string): string[] {
  const dir = dirname(entry);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.(m?ts|m?js)$/.test(n) && !n.endsWith('.d.ts'));
  } catch {
    return [];
  }
  if (names.length > MAX_SIBLINGS) return [];
  return names.map((n) => join(dir, n)).filter((f) => f !== entry && readable(f).includes('@aws-appsync/utils'));
}

/** Lint problems of `sources`, linting (with `entries`' siblings) only what changed since last time. */
function lintProblems(sources: string[], entries: string[]): Map<string, LintProblem[]> {
  const stale = (file: string) => lintCache.get(file)?.stamp !== mtime(file);
  if (sources.some(stale)) {
    const siblings = entries.flatMap(siblingResolvers).filter(stale);
    const roots = [...new Set([...sources.filter(stale), ...siblings])];
    const stamps = new Map(roots.map((f) => [f, mtime(f)]));
    const { linted, problems } = lintResolverSources(roots, true);
    for (const file of linted)
      lintCache.set(file, { stamp: stamps.get(file) ?? mtime(file), problems: problems.get(file) ?? [] });
  }
  const out = new Map<string, LintProblem[]>();
  for (const source of sources) {
    const problems = lintCache.get(source)?.problems ?? [];
    if (problems.length > 0) out.set(source, problems);
  }
  return out;
}

function lintOrReject(sources: string[], entry: string): void {
  const refused = rejection(sources, lintProblems(sources, [entry]));
  if (refused) throw refused;
}

/** Bundle, lint and compile `file`; cached until one of the bundle's own source files changes. */
export function loadResolver(file: string): Promise<CompiledResolver> {
  const path = resolve(file);
  const cached = cache.get(path);
  if (cached && fresh(cached)) return cached.resolver;
  const stamps = new Map([[path, mtime(path)]]);
  const resolver = (async () => {
    const { code, sources } = await bundleResolver(path);
    for (const source of sources) if (!stamps.has(source)) stamps.set(source, mtime(source));
    lintOrReject(sources, path);
    return compileResolver(code, path);
  })();
  const entry: CacheEntry = { stamps, resolver };
  cache.set(path, entry);
  // A refused file is not cached: fixing it must not require touching it twice.
  resolver.catch(() => {
    if (cache.get(path) === entry) cache.delete(path);
  });
  return resolver;
}

/**
 * Load many resolvers at once (a server start, a fixture run): one type-checked program lints
 * all their sources, which costs about as much as linting one. Not cached; each result is the
 * resolver or the reason AppSync would refuse it.
 */
export async function loadResolvers(files: string[]): Promise<Map<string, CompiledResolver | ResolverRejectedError>> {
  const out = new Map<string, CompiledResolver | ResolverRejectedError>();
  const bundles = new Map<string, { code: string; sources: string[] }>();
  for (const file of files.map((f) => resolve(f))) {
    try {
      bundles.set(file, await bundleResolver(file));
    } catch (error) {
      if (!(error instanceof ResolverRejectedError)) throw error;
      out.set(file, error);
    }
  }
  const problems = lintProblems([...new Set([...bundles.values()].flatMap((b) => b.sources))], []);
  for (const [file, bundle] of bundles) {
    const refused = rejection(bundle.sources, problems);
    if (refused) {
      out.set(file, refused);
      continue;
    }
    try {
      out.set(file, compileResolver(bundle.code, file));
    } catch (error) {
      if (!(error instanceof ResolverRejectedError)) throw error;
      out.set(file, error);
    }
  }
  return out;
}
