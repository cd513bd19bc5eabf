import { remindersConfigFromEnv, remindersHandler } from '../amplify/functions/reminders/handler';
import { REMINDER_EVERY_MINUTES } from '../amplify/functions/reminders/resource';
import type { Closable } from './parts';

/**
 * The reminder job's schedule under `npm start`: what EventBridge Scheduler does on AWS (every
 * REMINDER_EVERY_MINUTES), plus one run at start so reminders due now show in the mail viewer at
 * once. The handler is the deployed one, given the config the deployed one reads from its
 * environment (built from local/parts.ts's lambdaEnvironment, never written to process.env). A run
 * still going when the next is due is not overlapped here; on AWS runs can overlap, which the
 * job's conditional claims make harmless.
 */
export function startReminderSchedule(
  env: Record<string, string>,
  log: (line: string) => void,
  everyMs = REMINDER_EVERY_MINUTES * 60_000,
): Closable {
  const handler = remindersHandler(remindersConfigFromEnv(env));
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const run = await handler(undefined);
        if (run.sent || run.failed) log(`reminders: ${run.sent} sent, ${run.failed} failed (mail viewer)`);
      } catch (err) {
        log(`reminders: run failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
