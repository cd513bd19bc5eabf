import { html, nothing, type TemplateResult } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { FormErrors } from '../form-errors';

/** What one dialog shows, given to `DialogForm.render` at each render of its host. */
export interface DialogFormView {
  /** The dialog's heading, which names it (`aria-labelledby`). */
  heading: string | TemplateResult;
  /** A ✕ beside the heading: for dialogs that show their outcome, closed by it or by "Done". */
  closeButton?: boolean;
  /** Above the form: what is acted on, what the action does. */
  intro?: unknown;
  /** The form's controls, each with its label and message (`fieldHelp`). */
  fields?: unknown;
  /** What is wrong; the form's own message is said at the top of the form, each control's beside it. */
  errors: FormErrors;
  /** Shown instead of the form: what was done, or why nothing can be. */
  outcome?: unknown;
  /** The submit button's words, and its words while the action runs. */
  submit: string;
  busyLabel: string;
  /** The action runs: submitting again is refused. */
  busy: boolean;
  /** Submitting is not possible yet (no API, data still loading). */
  disabled?: boolean;
  /** The action cannot be undone: the submit button says so by its colour. */
  danger?: boolean;
  /** The words of the button that closes without acting. */
  cancel?: string;
  onSubmit: (e: SubmitEvent) => void;
}

/**
 * The one dialog-form pattern: a native modal `<dialog>` (so the page behind is inert, focus stays
 * inside, Escape cancels), headed by its heading, holding a form with its cancel and submit buttons
 * and its errors. `open()` is the one way to open it: the form is reset to the defaults the host
 * renders, so nothing typed at an earlier opening remains. On closing (cancel, Escape, ✕ or the
 * host's `close()` after success) the native dialog gives focus back to what opened it.
 *
 * A template helper rather than an element: the fields stay in the host's shadow root, so they belong
 * to the host's form (a form cannot hold controls slotted from another tree) and keep its styles.
 */
export class DialogForm {
  private readonly dialog = createRef<HTMLDialogElement>();
  private readonly form = createRef<HTMLFormElement>();

  /** `name` tells this dialog apart in its host: its class, and its heading's id `<name>-heading`. */
  constructor(private readonly name: string) {}

  /**
   * Opens the dialog as a modal at once. The form goes back to its defaults first; a default the
   * host renders anew for this opening then shows, as a control not typed in follows its default.
   */
  open() {
    this.form.value?.reset();
    if (!this.dialog.value?.open) this.dialog.value?.showModal();
  }

  close() {
    if (this.dialog.value?.open) this.dialog.value.close();
  }

  render(view: DialogFormView): TemplateResult {
    const close = () => this.close();
    const primary = view.danger ? 'danger primary' : 'primary';
    return html`
      <dialog ${ref(this.dialog)} part="dialog" class=${this.name} aria-labelledby="${this.name}-heading">
        <header class="dialog-head">
          <h2 id="${this.name}-heading">${view.heading}</h2>
          ${view.closeButton ? html`<button type="button" @click=${close} aria-label="Close">✕</button>` : nothing}
        </header>
        ${view.intro ?? nothing}
        ${
          view.outcome !== undefined && view.outcome !== nothing
            ? view.outcome
            : html`
          <form ${ref(this.form)} class="stack" novalidate @submit=${view.onSubmit}>
            ${view.errors.form ? html`<p class="error" role="alert">${view.errors.form}</p>` : nothing}
            ${view.fields ?? nothing}
            <div class="actions">
              <button type="button" @click=${close}>${view.cancel ?? 'Cancel'}</button>
              <button type="submit" class=${primary} ?disabled=${view.busy || !!view.disabled}>${view.busy ? view.busyLabel : view.submit}</button>
            </div>
          </form>`
        }
      </dialog>
    `;
  }
}
