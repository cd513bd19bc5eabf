import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import { describeError } from '../../graphql/errors';
import { formatDateTime } from '../domain/dates';

/**
 * What every screen does with a load that failed: it says so, offers Retry (the Task's own `run()`),
 * and retries by itself when the browser reports the connection is back (`online`). So does a load
 * that answered a saved copy for want of a connection (`saved.offline`, src/lib/offline/offline-store.ts).
 */
export class RetryWhenOnline implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly tasks: () => ReadonlyArray<Task<readonly unknown[], unknown> | undefined>,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('online', this.retryFailed);
  }

  hostDisconnected() {
    window.removeEventListener('online', this.retryFailed);
  }

  /** Runs again every load of the host that ended in an error, or in a saved copy shown offline. */
  readonly retryFailed = () => {
    for (const task of this.tasks())
      if (task && (task.status === TaskStatus.ERROR || shownOffline(task))) void task.run();
  };
}

function shownOffline(task: Task<readonly unknown[], unknown>): boolean {
  const value = task.value as { saved?: { offline?: boolean } } | undefined;
  return task.status === TaskStatus.COMPLETE && value?.saved?.offline === true;
}

/** The failed-load state, the same on every screen: what could not be loaded, why, and Retry. */
export function loadFailed(what: string, error: unknown, task: Task<readonly unknown[], unknown>) {
  return html`<div class="load-failed">
    <p class="error" role="alert">Could not load ${what}. ${describeError(error)}</p>
    <button type="button" @click=${() => task.run()}>Retry</button>
  </div>`;
}

/**
 * The notice on a screen showing a saved copy (src/lib/offline/offline-store.ts): when it was saved, in the
 * operator's zone, and Retry when it is shown because the load failed.
 */
export function savedNotice(saved: { at: string; offline: boolean }, task: Task<readonly unknown[], unknown>) {
  return saved.offline
    ? html`<div class="saved-copy" role="status">
        <p><strong>Offline — saved ${formatDateTime(saved.at)}.</strong> This may be out of date.</p>
        <button type="button" @click=${() => task.run()}>Retry</button>
      </div>`
    : html`<p class="saved-copy hint" role="status">Saved ${formatDateTime(saved.at)} · loading the latest…</p>`;
}
