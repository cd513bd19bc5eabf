/**
 * What every form's tests check of the one form pattern (src/lib/form-errors.ts): labels bound by
 * for/id, refused controls marked and described by their own message, and nothing wider than the
 * dialog on a phone.
 */
import { page } from 'vitest/browser';

/** The form's controls: every input, select and textarea. */
export const controlsOf = (root: ShadowRoot) => [
  ...root.querySelectorAll<HTMLElement>('form input, form select, form textarea'),
];

/** The control by its id. */
export const control = (root: ShadowRoot, id: string) => root.getElementById(id) as HTMLInputElement;

/** The controls (by name) that no `<label for>` in the form names, or whose label says nothing. */
export function unlabelled(root: ShadowRoot): string[] {
  return controlsOf(root)
    .filter((c) => !c.id || !root.querySelector(`label[for="${c.id}"]`)?.textContent?.trim())
    .map((c) => c.getAttribute('name') ?? c.outerHTML);
}

/** The ids of the controls marked invalid, in document order. */
export const invalidIds = (root: ShadowRoot) => [...root.querySelectorAll('[aria-invalid="true"]')].map((c) => c.id);

/** The text a control's aria-describedby points at (every id it names, in the same shadow root). */
export function messageOf(root: ShadowRoot, id: string): string {
  const ids = control(root, id).getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids.map((ref) => root.getElementById(ref)?.textContent?.trim() ?? `(no #${ref})`).join(' ');
}

/** Whether content wider than `e` would spill out of it: not a control, whose value scrolls inside it. */
const spills = (e: HTMLElement) => e.clientWidth > 0 && !e.matches('input, select, textarea');

/** The elements of the dialog that reach past its right edge, or whose content (text) spills out sideways. */
export function overflowing(root: ShadowRoot): string[] {
  const dialog = root.querySelector('dialog')!;
  const edge = dialog.getBoundingClientRect();
  const wide = [dialog, ...dialog.querySelectorAll<HTMLElement>('*')].filter(
    (e) => e.getBoundingClientRect().right > edge.right + 0.5 || (spills(e) && e.scrollWidth > e.clientWidth + 0.5),
  );
  return wide.map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}`);
}

/** Runs `check` on a 375 px wide phone screen, then restores the viewport. */
export async function onPhone(check: () => Promise<void>) {
  const before = { width: window.innerWidth, height: window.innerHeight };
  await page.viewport(375, 740);
  try {
    await check();
  } finally {
    await page.viewport(before.width, before.height);
  }
}
