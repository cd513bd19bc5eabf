import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import { describeError } from '../graphql/errors';

/**
 * What every screen does with a load that failed: it says so, offers Retry (the Task's own `run()`),
 * and retries by itself when the browser reports the connection is back (`online`).
 */
export class RetryWhenOnline implements ReactiveController {
  constructor(host: ReactiveControllerHost, private readonly tasks: () => ReadonlyArray<Task<readonly unknown[], unknown> | undefined>) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('online', this.retryFailed);
  }

  hostDisconnected() {
    window.removeEventListener('online', this.retryFailed);
  }

  /** Runs again every load of the host that ended in an error. */
  readonly retryFailed = () => {
    for (const task of this.tasks()) if (task?.status === TaskStatus.ERROR) void task.run();
  };
}

/** The failed-load state, the same on every screen: what could not be loaded, why, and Retry. */
export function loadFailed(what: string, error: unknown, task: Task<readonly unknown[], unknown>) {
  return html`<div class="load-failed">
    <p class="error" role="alert">Could not load ${what}. ${describeError(error)}</p>
    <button type="button" @click=${() => task.run()}>Retry</button>
  </div>`;
}
