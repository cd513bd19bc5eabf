import { toApiError } from './errors';
import type { DataClient } from './client';
import type { EventWatcher } from './types';

/**
 * Reads that open a page. Identical calls of these while one is in flight share its answer, so the
 * shell can start a page's first read before the page's own code has arrived (preload).
 */
const SHARED_READS = new Set<keyof DataClient>(['getEvent', 'boarding', 'listEvents', 'payments']);

/**
 * One read, however it is spelled: a call that gives a trailing absent argument (a first page's
 * `nextToken: null`) is the same read as a preload that left it out.
 */
function readKey(name: keyof DataClient, args: unknown[]): string {
  const given = [...args];
  while (given.length && (given[given.length - 1] === null || given[given.length - 1] === undefined)) given.pop();
  return `${name} ${JSON.stringify(given)}`;
}

/** How long a preloaded answer waits for the page's call. */
const PRELOAD_KEPT_MS = 10_000;

export interface HandoverClient extends DataClient {
  /** Starts `name(...args)` now; the page's identical call, made while it is in flight, gets its answer. */
  preload<K extends keyof DataClient>(name: K, ...args: Parameters<DataClient[K]>): void;
  /** Drops every preloaded or shared answer (sign-out: the next person must not get them). */
  forget(): void;
}

/**
 * One data client for the life of the page (the dock's link). Until aws-amplify has
 * loaded (`ready`), calls go through `early`, a plain fetch with the stored ID token (fetch-send.ts);
 * once it has, everything goes through aws-amplify's client. A call `early` cannot make (no stored
 * token, or AppSync refused it) waits for aws-amplify, which refreshes the session, and is asked there.
 * Live updates start once aws-amplify has: what was read before may have changed meanwhile, so
 * a watch that began early reports one change when it first goes live.
 */
export function handover(early: DataClient, ready: Promise<DataClient>): HandoverClient {
  let api: DataClient | undefined;
  let readEarly = false;
  void ready.then(
    (loaded) => {
      api = loaded;
    },
    () => undefined,
  );
  const inFlight = new Map<string, Promise<unknown>>();
  // A preloaded answer waits for the page's call a little while even once it has arrived (the page's
  // code may arrive after it), then is dropped so nothing old is ever handed out.
  const preloaded = new Map<string, Promise<unknown>>();

  const send = (name: keyof DataClient, args: unknown[]): Promise<unknown> => {
    const call = (client: DataClient) => (client[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    if (api) return call(api);
    readEarly = true;
    return call(early).catch(async (error: unknown) => {
      if (toApiError(error).kind !== 'SignedOut') throw error;
      return call(await ready);
    });
  };

  const shared = (name: keyof DataClient, args: unknown[]): Promise<unknown> => {
    if (!SHARED_READS.has(name)) return send(name, args);
    const key = readKey(name, args);
    const waiting = preloaded.get(key);
    preloaded.delete(key);
    const running = waiting ?? inFlight.get(key);
    if (running) return running;
    const answer = send(name, args).finally(() => inFlight.delete(key));
    inFlight.set(key, answer);
    return answer;
  };

  const watchEvent = (eventId: string, watcher: EventWatcher): (() => void) => {
    if (api) return api.watchEvent(eventId, watcher);
    let stopped = false;
    let stop: (() => void) | undefined;
    watcher.status('connecting');
    void ready.then(
      (loaded) => {
        if (stopped) return;
        let caughtUp = !readEarly;
        stop = loaded.watchEvent(eventId, {
          changed: () => watcher.changed(),
          status: (status) => {
            watcher.status(status);
            if (status !== 'live' || caughtUp) return;
            caughtUp = true;
            watcher.changed();
          },
        });
      },
      () => undefined,
    );
    return () => {
      stopped = true;
      stop?.();
    };
  };

  const client: Record<string, unknown> = {
    preload: (name: keyof DataClient, ...args: unknown[]) => {
      const key = readKey(name, args);
      const answer = shared(name, args);
      answer.catch(() => undefined);
      preloaded.set(key, answer);
      setTimeout(() => preloaded.get(key) === answer && preloaded.delete(key), PRELOAD_KEPT_MS);
    },
    forget: () => {
      preloaded.clear();
      inFlight.clear();
    },
    watchEvent,
  };
  for (const name of Object.keys(early) as (keyof DataClient)[]) {
    if (name !== 'watchEvent') client[name] = (...args: unknown[]) => shared(name, args);
  }
  return client as unknown as HandoverClient;
}
