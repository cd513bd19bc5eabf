import { expect as chai, fixture, html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { LitElement } from 'lit';
import { DialogForm } from '../../../../src/lib/controllers/dialog';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  formErrors,
  helpId,
  invalid,
  noErrors,
  type FormErrors,
} from '../../../../src/lib/form-errors';
import { ApiError } from '../../../../src/graphql/errors';
import { controls } from '../../../../src/styles/shared';
import { invalidIds, messageOf } from '../../components/support/forms';

/** A form in the dialog-form pattern, as each of the product's dialogs is: its name and a note. */
class DialogHost extends LitElement {
  static override styles = [controls];
  static override properties = { errors: { state: true }, busy: { state: true }, name: {} };

  dialog = new DialogForm('sample');
  errors: FormErrors<'sample-name'> = noErrors();
  busy = false;
  name = 'Jo';
  submitted: string[] = [];

  open() {
    this.errors = noErrors();
    this.dialog.open();
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const name = String(new FormData(e.target as HTMLFormElement).get('name') ?? '').trim();
    this.errors = fieldErrors(name ? {} : { 'sample-name': 'Enter a name.' });
    if (!name) return void focusFirstInvalid(this);
    this.submitted.push(name);
  }

  override render() {
    const error = this.errors.fields['sample-name'];
    return html`
      <button type="button" id="opener" @click=${this.open}>Open</button>
      ${this.dialog.render({
        heading: 'Name someone',
        intro: html`<p>What this does.</p>`,
        fields: html`<div class="field">
          <label for="sample-name">Name</label>
          <input id="sample-name" name="name" value=${this.name} aria-invalid=${invalid(error)} aria-describedby=${helpId('sample-name')} />
          ${fieldHelp('sample-name', error)}
        </div>`,
        errors: this.errors,
        submit: 'Save',
        busyLabel: 'Saving…',
        busy: this.busy,
        onSubmit: (e) => this.onSubmit(e),
      })}
    `;
  }
}
customElements.define('test-dialog-host', DialogHost);

async function opened() {
  const el = await fixture<DialogHost>(html`<test-dialog-host></test-dialog-host>`);
  const root = el.shadowRoot!;
  const opener = root.querySelector<HTMLButtonElement>('#opener')!;
  opener.focus();
  opener.click();
  await el.updateComplete;
  return { el, root, opener, dialog: root.querySelector('dialog')! };
}
const submitButton = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('form button[type=submit]')!;
/** The element with focus, inside the host's shadow root when it is there. */
const focused = (el: DialogHost) => el.shadowRoot!.activeElement ?? document.activeElement;

describe('the dialog-form pattern', () => {
  it('opens as a modal, named by its heading, with the form, its cancel and submit', async () => {
    const { root, dialog } = await opened();
    expect(dialog.open).toBe(true);
    expect(dialog.matches(':modal')).toBe(true);
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Name someone');
    expect([...dialog.querySelectorAll('form button')].map((b) => b.textContent)).toEqual(['Cancel', 'Save']);
  });

  it('is accessible when open', async () => {
    const { el } = await opened();
    await chai(el).to.be.accessible();
  });

  it('keeps focus inside while open: Tab never reaches the page behind', async () => {
    const { el, opener } = await opened();
    for (let i = 0; i < 6; i++) {
      await userEvent.keyboard('{Tab}');
      expect(focused(el)).not.toBe(opener);
    }
  });

  it('cancels on Escape, and gives focus back to what opened it', async () => {
    const { el, dialog, opener } = await opened();
    (dialog.querySelector('input') as HTMLInputElement).focus();
    await userEvent.keyboard('{Escape}');
    await waitUntil(() => !dialog.open, 'dialog closed');
    expect(el.submitted).toEqual([]);
    expect(focused(el)).toBe(opener);
  });

  it('gives focus back to what opened it after Cancel too', async () => {
    const { el, root, dialog, opener } = await opened();
    root.querySelector<HTMLButtonElement>('form button[type=button]')!.click();
    expect(dialog.open).toBe(false);
    expect(focused(el)).toBe(opener);
  });

  it('shows a refused field’s message beside it and focuses it', async () => {
    const { el, root } = await opened();
    root.querySelector<HTMLInputElement>('#sample-name')!.value = '  ';
    submitButton(root).click();
    await el.updateComplete;
    await waitUntil(() => invalidIds(root).length === 1, 'name refused');
    expect(invalidIds(root)).toEqual(['sample-name']);
    expect(messageOf(root, 'sample-name')).toBe('Enter a name.');
    expect(focused(el)).toBe(root.getElementById('sample-name'));
    expect(root.querySelector('[role=alert]')).toBeNull();
  });

  it('says a refusal about no one field once, at the top of the form', async () => {
    const { el, root } = await opened();
    el.errors = formErrors(new ApiError('Conflict', 'taken'), {}, { Conflict: 'That name is taken.' });
    await el.updateComplete;
    const form = root.querySelector('form')!;
    expect(form.firstElementChild!.matches('p.error[role=alert]')).toBe(true);
    expect(form.firstElementChild!.textContent).toBe('That name is taken.');
    expect(invalidIds(root)).toEqual([]);
  });

  it('puts a server refusal of one field on its control, in the control’s words', async () => {
    const { el, root } = await opened();
    el.errors = formErrors(new ApiError('ValidationError', 'name must be at most 80 characters.'), {
      name: { id: 'sample-name', label: 'Name' },
    });
    await el.updateComplete;
    expect(messageOf(root, 'sample-name')).toBe('Name must be at most 80 characters.');
    expect(root.querySelector('[role=alert]')).toBeNull();
  });

  it('refuses a second submit while the first runs, saying so on the button', async () => {
    const { el, root } = await opened();
    el.busy = true;
    await el.updateComplete;
    expect(submitButton(root).disabled).toBe(true);
    expect(submitButton(root).textContent).toBe('Saving…');
    el.busy = false;
    await el.updateComplete;
    expect(submitButton(root).disabled).toBe(false);
    expect(submitButton(root).textContent).toBe('Save');
  });

  it('forgets what was typed at an earlier opening, and shows a default rendered for the next', async () => {
    const { el, root, dialog } = await opened();
    root.querySelector<HTMLInputElement>('#sample-name')!.value = 'typed';
    dialog.close();
    el.name = 'Amy';
    el.open();
    await el.updateComplete;
    expect(root.querySelector<HTMLInputElement>('#sample-name')!.value).toBe('Amy');
  });
});
