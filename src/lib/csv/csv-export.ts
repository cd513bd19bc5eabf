import { html, nothing } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import { describeError } from '../../graphql/errors';

/**
 * The one look of an Export CSV control (payments, audit trail): the button (busy while every page
 * is fetched, with the count so far), what was saved, or that nothing was saved and Try again.
 */
export function renderCsvExport(options: {
  task: Task<ReadonlyArray<unknown>, { filename: string; count: number }>;
  /** what a row is, plural: "payments", "records" */
  noun: string;
  fetched: number;
  ready: boolean;
  onExport: () => void;
}) {
  const { task, noun, fetched, ready, onExport } = options;
  const pending = task.status === TaskStatus.PENDING;
  return html`
    <button type="button" @click=${onExport} ?disabled=${pending || !ready}>
      ${pending ? 'Exporting…' : 'Export CSV'}</button>
    <span role="status" class="hint">${task.render({
      pending: () => `Fetching every page: ${fetched} ${noun} so far…`,
      complete: ({ filename, count }) => `Saved all ${count} ${noun} as ${filename}.`,
      error: () => nothing,
    })}</span>
    ${
      task.status === TaskStatus.ERROR
        ? html`<p class="error" role="alert">No file was saved: ${describeError(task.error)}
          <button type="button" @click=${onExport}>Try again</button></p>`
        : nothing
    }
  `;
}
