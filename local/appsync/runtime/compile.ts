/**
 * Runs bundled APPSYNC_JS code in its own `vm` context. The `@aws-appsync/utils` modules are
 * themselves bundled and evaluated inside that context, so resolver code only ever touches
 * objects of its own realm; contexts and results cross the boundary as JSON strings (docs/decisions/0001-own-appsync-runtime.md).
 */
import { buildSync, transformSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { createHostCaps } from './host-caps';
import { CodeLocator } from './locate';
import type { HostCaps } from './modules/host';
import {
  ResolverRejectedError,
  type CompiledResolver,
  type Evaluation,
  type HandlerName,
  type ResolverContextInput,
} from './types';

/*
 * No per-call `timeout`: vm implements it by starting and joining a watchdog thread on every call,
 * which cost 0.2 ms per handler on a quiet machine and 1-1.5 ms on a loaded one (8 handler calls
 * per logPayment), more than the handler itself. APPSYNC_JS code cannot run away the way plain JS
 * can: the lint refuses while, do-while, for(;;), recursion and generators before anything is
 * compiled, so every loop is bounded by the size of the data it walks.
 */

let modulesScript: vm.Script | undefined;

/** The in-vm modules, bundled once per process from modules/vm-entry.ts. */
function modules(): vm.Script {
  if (!modulesScript) {
    const entry = fileURLToPath(new URL('./modules/vm-entry.ts', import.meta.url));
    const built = buildSync({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__sccModules',
      platform: 'neutral',
      target: 'es2020',
      logLevel: 'silent',
    });
    modulesScript = new vm.Script(built.outputFiles[0].text, { filename: 'appsync-utils.js' });
  }
  return modulesScript;
}

interface VmApi {
  define(factory: unknown): void;
  has(name: string): boolean;
  invoke(name: string, inputJson: string): string;
  restoreGlobals(): void;
}

/** ESM (what esbuild and AppSync produce) to a CommonJS factory the vm can call, and its source map. */
function toFactorySource(code: string, filename: string): { source: string; map: string } {
  try {
    const { code: cjs, map } = transformSync(code, {
      format: 'cjs',
      loader: 'js',
      target: 'es2020',
      sourcefile: filename,
      sourcemap: 'external',
    });
    // ESM code has no require/module/exports in scope, so neither may the wrapped module: the
    // two places esbuild's output uses them are pointed at privately named parameters.
    const wired = cjs
      .replace(/^module\.exports = /m, '__scc_module.exports = ')
      .replace(/^(var [\w$]+ = (?:__toESM\()?)require\(("[^"]+")\)/gm, '$1__scc_require($2)');
    return { source: `(function (__scc_exports, __scc_require, __scc_module) {\n${wired}\n})`, map };
  } catch (error) {
    const errors =
      (error as { errors?: { text: string; location?: { line: number; column: number; length: number } }[] }).errors ??
      [];
    throw new ResolverRejectedError(
      filename,
      errors.map((e) => ({
        line: e.location?.line ?? 0,
        column: e.location?.column ?? 0,
        span: e.location?.length,
        message: e.text,
      })),
    );
  }
}

/**
 * Whether a call changed the context's globals. Every global a script sets, replaces or deletes
 * goes through the contextified object, a plain host object: comparing it costs next to nothing,
 * while walking globalThis inside the vm (every access intercepted) cost 0.03-0.07 ms a call.
 */
function globalsWatcher(context: vm.Context): () => boolean {
  const own = () => Reflect.ownKeys(context).filter((k) => typeof k !== 'string' || !k.startsWith('__scc'));
  const baseline = new Map(own().map((k) => [k, context[k as string] as unknown]));
  return () => {
    const now = own();
    return (
      now.length !== baseline.size || now.some((k) => !baseline.has(k) || context[k as string] !== baseline.get(k))
    );
  };
}

interface RawLog {
  level: string;
  message: string;
  stack: string;
}

/**
 * `INFO - code.js:5:3: "current id" "record-id"`, as EvaluateCode's `logs` documents it. V8 places
 * a method call's frame at the method name (`log`); AWS gives the start of the call
 * (`console.log(...)`), so the column is walked back over the member chain.
 */
function logLine(locator: CodeLocator, lines: string[], log: RawLog): string {
  const at = locator.position(log.stack);
  if (!at) return `${log.level} - ${log.message}`;
  const text = lines[at.line - 1] ?? '';
  let column = at.column;
  while (column > 1 && /[\w$.]/.test(text[column - 2]!)) column -= 1;
  return `${log.level} - code.js:${at.line}:${column}: ${log.message}`;
}

export function compileResolver(
  code: string,
  filename = 'code.js',
  host: HostCaps = createHostCaps(),
): CompiledResolver {
  const factory = toFactorySource(code, filename);
  const scriptName = `resolver:${filename}`;
  const locator = new CodeLocator(scriptName, factory.map, 1);
  const codeLines = code.split('\n');
  const context = vm.createContext(
    {},
    { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' },
  );
  modules().runInContext(context);
  // The host capabilities are handed over once and then only reachable through the modules' closures.
  context.__sccHost = host;
  const api = vm.runInContext(
    'const __sccApi = __sccModules.install(globalThis, globalThis.__sccHost); delete globalThis.__sccHost; delete globalThis.__sccModules; __sccApi',
    context,
  ) as VmApi;
  const globalsChanged = globalsWatcher(context);
  try {
    api.define(new vm.Script(factory.source, { filename: scriptName }).runInContext(context));
    if (globalsChanged()) api.restoreGlobals();
  } catch (error) {
    // A module that fails while loading (an import APPSYNC_JS lacks, a top-level TypeError) is
    // refused like a lint failure: AppSync refuses it when the resolver is created.
    throw new ResolverRejectedError(filename, [
      { line: 0, column: 0, message: String((error as Error)?.message ?? error) },
    ]);
  }
  // Only primitives are placed on the context per call: a host object would leak the host realm.
  const invoke = new vm.Script('__sccApi.invoke(globalThis.__sccFn, globalThis.__sccInput)');

  return {
    file: filename,
    has: (fn: HandlerName) => api.has(fn),
    run(fn: HandlerName, ctx: ResolverContextInput): Evaluation {
      if (!api.has(fn)) throw new Error(`${filename} exports no ${fn} function`);
      context.__sccFn = fn;
      context.__sccInput = JSON.stringify(ctx ?? {});
      try {
        const json = invoke.runInContext(context) as string;
        const evaluation = JSON.parse(json) as Omit<Evaluation, 'logs'> & {
          error?: { stack?: string };
          logs: (string | RawLog)[];
        };
        evaluation.logs = evaluation.logs.map((line) =>
          typeof line === 'string' ? line : logLine(locator, codeLines, line),
        );
        if (evaluation.error?.stack !== undefined) {
          evaluation.error.message = locator.prefix(evaluation.error.stack) + evaluation.error.message;
          delete evaluation.error.stack;
        }
        return evaluation as Evaluation;
      } catch (error) {
        // Only a failure of the vm itself (out of memory, a stack overflow in the runner) gets
        // here: everything the handler throws is caught inside the vm.
        return {
          error: { message: (error as Error).message, errorType: 'Code' },
          appendedErrors: [],
          stash: ctx.stash ?? {},
          logs: [],
        };
      } finally {
        delete context.__sccFn;
        delete context.__sccInput;
        // One request's globals never reach the next.
        if (globalsChanged()) api.restoreGlobals();
      }
    },
  };
}
