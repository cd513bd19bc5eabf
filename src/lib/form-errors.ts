import { html, type ReactiveElement, type TemplateResult } from 'lit';
import { toApiError } from '../graphql/errors';

/**
 * The one way a form shows what is wrong (the payment modal, the patron form, the event form):
 * each control has a label bound by `for`/id and a message element `<id>-help` below it; a control
 * whose value is refused gets `aria-invalid="true"` and `aria-describedby` that message, which then
 * holds the reason; a refused submit moves focus to the first such control.
 */

/** What is wrong with each control of a form, by control id; a control absent here is fine. */
export type FieldErrors<Id extends string> = Partial<Record<Id, string>>;

/** The value of `aria-invalid` for a control with this error (none: valid). */
export const invalid = (error: string | undefined): 'true' | 'false' => (error ? 'true' : 'false');

/** The id of a control's message element, which its `aria-describedby` names. */
export const helpId = (id: string) => `${id}-help`;

/** A control's message element: its error when it has one, else its hint (often nothing). */
export function fieldHelp(id: string, error: string | undefined, hint: string | TemplateResult = ''): TemplateResult {
  return html`<span id=${helpId(id)} class=${error ? 'error' : 'hint'}>${error || hint}</span>`;
}

/** After a refused submit: once the host shows the errors, focus the first control it marks invalid. */
export async function focusFirstInvalid(host: ReactiveElement): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** Where a refused input field is shown: the form's control for it, and the words that name it there. */
export interface FieldControl<Id extends string> {
  id: Id;
  label: string;
}

/**
 * A ValidationError from the server about one input field, as the error of the control that holds
 * it. The resolvers begin every such message with the input field's name ("partySize must be a whole
 * number.", amplify/data/resolvers/lib/validate.ts); `controls` maps the input fields this form
 * sends to its controls, and the name is replaced by the control's label. Undefined for any other
 * error, or one about a field the form has no control for: the form then shows it as a whole.
 */
export function serverFieldError<Id extends string>(
  thrown: unknown,
  controls: Partial<Record<string, FieldControl<Id>>>,
): FieldErrors<Id> | undefined {
  const error = toApiError(thrown);
  if (error.kind !== 'ValidationError') return undefined;
  const [, field = '', rest = ''] = /^(\w+)\b(.*)$/s.exec(error.detail) ?? [];
  const control = Object.hasOwn(controls, field) ? controls[field] : undefined;
  if (!control) return undefined;
  return { [control.id]: `${control.label}${rest}` } as FieldErrors<Id>;
}
