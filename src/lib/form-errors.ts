import { html, type ReactiveElement, type TemplateResult } from 'lit';
import { describeError, toApiError, type ApiErrorKind } from '../graphql/errors';

/**
 * The one way every form shows what is wrong: each control has a label bound by `for`/id and a
 * message element `<id>-help` below it; a control whose value is refused gets `aria-invalid="true"`
 * and `aria-describedby` that message, which then holds the reason; a refusal that is about no one
 * control is said once at the top of the form; a refused submit moves focus to the first refused
 * control. A form keeps all of it in one `FormErrors` state.
 */

/** What is wrong with each control of a form, by control id; a control absent here is fine. */
export type FieldErrors<Id extends string> = Partial<Record<Id, string>>;

/** What is wrong with a form: what it says for the whole form, if anything, and each refused control. */
export interface FormErrors<Id extends string = string> {
  form?: string;
  fields: FieldErrors<Id>;
}

/** A form with nothing wrong. */
export const noErrors = <Id extends string = string>(): FormErrors<Id> => ({ fields: {} });

/** The form's own checks before sending: a message for each control refused. */
export const fieldErrors = <Id extends string>(fields: FieldErrors<Id>): FormErrors<Id> => ({ fields });

/** Whether anything is wrong: the form as a whole, or any control. */
export const hasErrors = (errors: FormErrors): boolean => !!errors.form || Object.values(errors.fields).some(Boolean);

/** The errors once the person changes a refused control: its message goes, the rest stays. */
export const withoutField = <Id extends string>(errors: FormErrors<Id>, id: Id): FormErrors<Id> =>
  errors.fields[id] ? { ...errors, fields: { ...errors.fields, [id]: undefined } } : errors;

/** What the form says for the whole form: the words for each kind of error the server gives. */
export type FormWords = Partial<Record<ApiErrorKind, string>>;

/**
 * What a form shows for an error thrown while sending: on the control when the server refused one
 * field this form has a control for (`controls`, see serverFieldError), otherwise for the whole
 * form, in `words` (or the error's own, by its kind).
 */
export function formErrors<Id extends string>(
  thrown: unknown,
  controls: Partial<Record<string, FieldControl<Id>>> = {},
  words: FormWords | string = {},
): FormErrors<Id> {
  const fields = serverFieldError(thrown, controls);
  if (fields) return { fields };
  return { form: typeof words === 'string' ? words : describeError(thrown, words), fields: {} };
}

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
