import { LitElement } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { describe, expect, it } from 'vitest';
import { ResettableTask } from '../../../../src/lib/controllers/resettable-task';
import { deferred } from '../../components/support/fixtures';

/** A bare element that hosts one ResettableTask run by hand, as a dialog's save is. */
class Host extends LitElement {
  answers: Array<Promise<string>> = [];
  signals: AbortSignal[] = [];
  readonly save = new ResettableTask(
    this,
    () =>
      new Task(this, {
        autoRun: false,
        task: async ([n]: readonly [number], { signal }) => {
          this.signals.push(signal);
          return this.answers[n];
        },
      }),
  );
}
customElements.define('resettable-task-host', Host);

async function host() {
  const el = document.createElement('resettable-task-host') as Host;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('ResettableTask', () => {
  it('forgets an earlier error when reset, and runs again from the start', async () => {
    const el = await host();
    el.answers = [Promise.reject(new Error('refused')), Promise.resolve('saved')];
    await el.save.run([0]);
    expect(el.save.status).toBe(TaskStatus.ERROR);
    el.save.reset();
    expect([el.save.status, el.save.value, el.save.error]).toEqual([TaskStatus.INITIAL, undefined, undefined]);
    await el.save.run([1]);
    expect([el.save.status, el.save.value]).toEqual([TaskStatus.COMPLETE, 'saved']);
    el.remove();
  });

  it('does not show what a run from before the reset returns later, and aborts it', async () => {
    const el = await host();
    const late = deferred<string>();
    el.answers = [late.promise];
    const old = el.save.current;
    void el.save.run([0]);
    el.save.reset();
    expect(el.signals[0].aborted).toBe(true);
    late.resolve('from the earlier opening');
    await old.taskComplete;
    await el.updateComplete;
    expect(el.save.status).toBe(TaskStatus.INITIAL);
    expect(el.save.value).toBeUndefined();
    expect(el.save.current).not.toBe(old);
    el.remove();
  });
});
