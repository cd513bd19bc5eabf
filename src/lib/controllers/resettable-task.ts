import type { ReactiveControllerHost } from 'lit';
import type { StatusRenderer, Task } from '@lit/task';

/**
 * A @lit/task Task that can be put back to its initial state: a dialog opened again, or a list
 * showing another source, must not show the last opening's result or error.
 *
 * @lit/task has no reset (its status, value and error are private), so `reset()` removes the Task
 * from the host and makes a new one with `make` (which builds it on the same host); this uses only
 * the library's public API. A run still in flight on the old Task is aborted (its `signal`), and
 * whatever it returns later no longer shows: the old Task is not the one rendered. Its own side
 * effects (an event dispatched on success) still happen: they report what the server did.
 */
export class ResettableTask<const T extends ReadonlyArray<unknown>, const R> {
  private task: Task<T, R>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly make: () => Task<T, R>,
  ) {
    this.task = make();
  }

  /** The Task of now: for what takes a Task (`loadFailed`, `RetryWhenOnline`). */
  get current(): Task<T, R> {
    return this.task;
  }

  get status() {
    return this.task.status;
  }

  get value() {
    return this.task.value;
  }

  get error() {
    return this.task.error;
  }

  run(args?: T) {
    return this.task.run(args);
  }

  render(renderer: StatusRenderer<R>) {
    return this.task.render(renderer);
  }

  /** Back to INITIAL, with no value and no error. */
  reset() {
    this.task.abort();
    this.host.removeController(this.task);
    this.task = this.make();
    this.host.requestUpdate();
  }
}
