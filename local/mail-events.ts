import type { MailEventsHandler } from '../amplify/functions/mail-events/handler';
import type { Closable } from './parts';

/**
 * What EventBridge does on AWS between SES and the mail-events Lambda: every event the local SES
 * stand-in publishes (local/stack/ses-simulator.ts) is handed to the deployed handler, and one it
 * throws on is retried a little later, as Lambda retries an asynchronous invocation (twice).
 */
export const POLL_MS = 200;
const RETRY_MS = 1_000;
const ATTEMPTS = 3;

export function startMailEvents(
  sesUrl: string,
  handler: MailEventsHandler,
  log: (line: string) => void = () => undefined,
): Closable {
  let after: number | null = null;
  let stopped = false;
  const pending = new Set<Promise<void>>();
  const deliver = (event: unknown, attempt: number) => {
    const p = (async () => {
      try {
        await handler(event as Parameters<MailEventsHandler>[0]);
      } catch (err) {
        if (attempt < ATTEMPTS && !stopped) setTimeout(() => deliver(event, attempt + 1), RETRY_MS).unref();
        else log(`mail events: one not recorded: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const poll = async () => {
    try {
      const res = await fetch(`${sesUrl}/scc/events?after=${after ?? 0}`);
      const body = (await res.json()) as { last: number; events: { seq: number; event: unknown }[] };
      // The first read only finds the place: what was published before this started is not ours.
      if (after !== null) for (const e of body.events) deliver(e.event, 1);
      after = body.last;
    } catch {
      // The stand-in is stopping or not up yet: the next poll tries again.
    }
  };
  let running = poll();
  const timer = setInterval(() => {
    running = running.then(poll);
  }, POLL_MS);
  timer.unref();
  return {
    /** Resolves once events published so far have been read (tests wait on it). */
    close: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all(pending);
    },
  };
}
