/**
 * Bundled (as an IIFE) and evaluated inside every resolver's vm context: it installs the
 * `@aws-appsync/utils` globals and modules and the runner the host calls. Everything here is
 * created in the vm's realm; values enter and leave only as JSON strings.
 */
import * as ddb from './ddb';
import * as rds from './rds';
import type { CallState, HostCaps } from './host';
import { ModuleError, Signal } from './signals';
import { createUtil } from './util';

type Handler = (ctx: unknown) => unknown;

// The runner's own JSON, taken before any resolver code runs: a call that replaces the global
// JSON must still get its result out (and the global is restored after it).
const { parse, stringify } = JSON;

/** A console argument as AWS's EvaluateCode logs show it: JSON, so strings come quoted. */
function logArg(arg: unknown): string {
  if (arg === undefined) return 'undefined';
  try {
    return stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

/** A runtime error as AppSync reports it; the host turns `stack` into a `code.js:L:C: ` prefix. */
function describe(error: unknown): { message: string; errorType: string; stack?: string } {
  if (error instanceof ModuleError) return { message: error.message, errorType: 'Code', stack: String(error.stack) };
  if (error instanceof Error) {
    return { message: `${error.name}: ${error.message}`, errorType: 'Code', stack: String(error.stack) };
  }
  return { message: typeof error === 'string' ? error : logArg(error), errorType: 'Code' };
}

function buildContext(input: Record<string, unknown>) {
  const args = input.arguments ?? input.args ?? {};
  const ctx: Record<string, unknown> = {
    arguments: args,
    args,
    source: input.source ?? null,
    identity: input.identity ?? null,
    stash: input.stash ?? {},
    env: input.env ?? {},
    request: input.request ?? { headers: {}, domainName: null },
    info: input.info ?? {
      fieldName: '',
      parentTypeName: '',
      variables: {},
      selectionSetList: [],
      selectionSetGraphQL: '',
    },
  };
  for (const key of ['prev', 'result', 'error']) if (key in input) ctx[key] = input[key];
  return ctx;
}

function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value as object)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (d && 'value' in d) deepFreeze(d.value, seen);
  }
}

export function install(global: Record<string, unknown>, host: HostCaps) {
  let call: CallState | null = null;
  const current = (): CallState => {
    if (!call) throw new Error('util used outside a resolver call');
    return call;
  };
  const util = createUtil(host, current);
  const runtime = {
    earlyReturn: (value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never => {
      const payload: Record<string, unknown> = { value: value === undefined ? null : value };
      if (options?.skipTo) payload.skipTo = options.skipTo;
      throw new Signal('earlyReturn', payload);
    },
  };
  const noop = () => undefined;
  // Recorded for the real-time server, which alone knows whether this is a subscription's or a
  // mutation's response handler; values are copied so later changes by the resolver do not leak.
  const copy = (value: unknown): unknown => (value === undefined ? null : parse(stringify(value) ?? 'null'));
  const extensions = {
    evictFromApiCache: noop,
    setSubscriptionFilter: (filter: unknown) => {
      current().extensions.subscriptionFilter = copy(filter);
    },
    setSubscriptionInvalidationFilter: (filter: unknown) => {
      current().extensions.invalidationFilter = copy(filter);
    },
    invalidateSubscriptions: (invalidation: { subscriptionField?: unknown; payload?: unknown }) => {
      const { subscriptionField, payload } = (invalidation ?? {}) as { subscriptionField?: unknown; payload?: unknown };
      current().extensions.invalidations.push({ subscriptionField: copy(subscriptionField), payload: copy(payload) });
    },
  };
  // AWS prefixes each line with its level and the call's position in code.js; the position is
  // read from this stack by the host, which holds the bundle's source map.
  const logAt =
    (level: string) =>
    (...args: unknown[]) => {
      if (call) call.logs.push({ level, message: args.map(logArg).join(' '), stack: String(new Error().stack) });
    };
  const log = logAt('INFO');
  global.util = util;
  global.runtime = runtime;
  global.extensions = extensions;
  global.console = { log, info: log, debug: log, warn: logAt('WARN'), error: logAt('ERROR') };

  const modules: Record<string, unknown> = {
    '@aws-appsync/utils': { util, runtime, extensions },
    '@aws-appsync/utils/dynamodb': ddb,
    '@aws-appsync/utils/rds': rds,
  };
  type Factory = (exports: Record<string, unknown>, require: (name: string) => unknown, module: unknown) => void;
  let factory: Factory | null = null;
  const names: string[] = [];
  const instantiate = (): Record<string, Handler> => {
    const module = { exports: {} as Record<string, unknown> };
    factory!(
      module.exports,
      (name) => {
        if (!(name in modules))
          throw new Error(`Cannot find module '${name}': APPSYNC_JS offers only @aws-appsync/utils`);
        return modules[name];
      },
      module,
    );
    const handlers: Record<string, Handler> = {};
    for (const name of ['request', 'response']) {
      if (typeof module.exports[name] === 'function') handlers[name] = module.exports[name] as Handler;
    }
    return handlers;
  };

  // The globals as installed: whatever a call adds, replaces or deletes is undone after it.
  const baseline = new Map<string, PropertyDescriptor>();
  const snapshotGlobals = () => {
    for (const name of Object.getOwnPropertyNames(global)) {
      if (!name.startsWith('__scc')) baseline.set(name, Object.getOwnPropertyDescriptor(global, name)!);
    }
  };
  const restoreGlobals = () => {
    for (const name of Object.getOwnPropertyNames(global)) {
      if (name.startsWith('__scc')) continue;
      const before = baseline.get(name);
      if (!before) delete global[name];
      else if (Object.getOwnPropertyDescriptor(global, name)?.value !== before.value)
        Object.defineProperty(global, name, before);
    }
    for (const [name, before] of baseline) if (!(name in global)) Object.defineProperty(global, name, before);
  };

  // The utils are shared by every call: no call may change them for the next one.
  deepFreeze([modules, global.console]);
  snapshotGlobals();

  return {
    /** Run the CommonJS-wrapped resolver module once, to learn its handlers and refuse it if it fails. */
    define(f: Factory) {
      factory = f;
      names.push(...Object.keys(instantiate()));
      restoreGlobals();
    },
    has: (name: string) => names.includes(name),
    /** Walking globalThis is slow in a vm (every access is intercepted): the host calls this only when it saw a change. */
    restoreGlobals,
    invoke(name: string, inputJson: string): string {
      const input = parse(inputJson) as Record<string, unknown>;
      const ctx = buildContext(input);
      const state: CallState = {
        identity: input.identity,
        authType: typeof input.authType === 'string' ? input.authType : undefined,
        appendedErrors: [],
        logs: [],
        extensions: { invalidations: [] },
      };
      const out: Record<string, unknown> = {
        appendedErrors: state.appendedErrors,
        logs: state.logs,
        extensions: state.extensions,
      };
      call = state;
      try {
        // Each call runs a fresh instance of the module, as each AppSync evaluation does: one
        // request's module-level state never reaches another's.
        out.value = instantiate()[name](ctx);
      } catch (error) {
        if (error instanceof Signal && error.kind === 'error') out.error = error.payload;
        else if (error instanceof Signal) out.earlyReturn = error.payload;
        else out.error = describe(error);
      } finally {
        call = null;
      }
      out.stash = ctx.stash;
      try {
        return stringify(out);
      } catch (error) {
        return stringify({ ...out, value: undefined, stash: {}, error: describe(error) });
      }
    },
  };
}
