import type { ReactiveElement } from 'lit';

/**
 * Opens a form in a modal dialog once the host has rendered the fields' defaults (value attributes),
 * and resets the form to them, so nothing typed at an earlier opening remains.
 */
export async function openFormDialog(host: ReactiveElement, form: () => HTMLFormElement, dialog: () => HTMLDialogElement) {
  await host.updateComplete;
  form().reset();
  dialog().showModal();
}
