import { css } from 'lit';

/**
 * Controls shared by every element: buttons, fields, dialogs, status text. Colours come from custom
 * properties set on the page (index.html) so the elements stay themeable from outside.
 */
export const controls = css`
  :host {
    --_ink: var(--scc-ink, #14213d);
    --_muted: var(--scc-muted, #4a5568);
    --_line: var(--scc-line, #cbd5e0);
    --_accent: var(--scc-accent, #0b5cad);
    --_danger: var(--scc-danger, #b42318);
    --_ok: var(--scc-ok, #1e7a3c);
    --_surface: var(--scc-surface, #fff);
    color: var(--_ink);
    font: inherit;
  }
  *, *::before, *::after { box-sizing: border-box; }
  button, .button {
    font: inherit; font-weight: 600; min-height: 44px; padding: 0.5rem 1rem; border-radius: 8px;
    border: 1px solid var(--_accent); background: var(--_surface); color: var(--_accent);
    cursor: pointer; text-decoration: none; display: inline-flex; align-items: center;
    justify-content: center; gap: 0.25rem;
  }
  button.primary { background: var(--_accent); color: #fff; }
  button.danger { border-color: var(--_danger); color: var(--_danger); }
  button.danger.primary { background: var(--_danger); color: #fff; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible,
  textarea:focus-visible, summary:focus-visible {
    outline: 3px solid var(--_accent); outline-offset: 2px;
  }
  a { color: var(--_accent); }
  label, .field { display: grid; gap: 0.25rem; font-weight: 600; }
  .field > span { font-weight: 400; }
  label.check { display: flex; align-items: center; gap: 0.5rem; font-weight: 400; }
  input, select, textarea {
    font: inherit; min-height: 44px; padding: 0.5rem; border: 1px solid var(--_line);
    border-radius: 6px; background: var(--_surface); color: var(--_ink); width: 100%;
  }
  input[type='checkbox'] { width: 1.25rem; min-height: 1.25rem; }
  input[aria-invalid='true'] { border-color: var(--_danger); }
  .hint { color: var(--_muted); font-size: 0.875rem; font-weight: 400; }
  .error { color: var(--_danger); font-weight: 600; margin: 0; }
  .ok { color: var(--_ok); font-weight: 600; margin: 0; }
  /* Saved on this phone, not yet recorded (the outbox): never styled as done. */
  .pending { background: #fff4e5; color: #7a4100; padding: 0.5rem; border-radius: 6px; margin: 0; }
  .muted { color: var(--_muted); }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
  }
  dialog {
    border: none; border-radius: 12px; padding: 1.25rem; width: min(32rem, calc(100vw - 1rem));
    max-height: calc(100dvh - 1rem); color: var(--_ink); background: var(--_surface);
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h2 { margin-top: 0; }
  .dialog-head { display: flex; justify-content: space-between; align-items: start; gap: 1rem; }
  form.stack { display: grid; gap: 0.875rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; }
  .skeleton { background: linear-gradient(90deg, #edf2f7, #f7fafc, #edf2f7); border-radius: 8px; }
  .load-failed { display: grid; gap: 0.5rem; justify-items: start; }
  /* A saved copy shown offline (src/lib/controllers/failed-load.ts savedNotice). */
  .saved-copy { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0; }
  div.saved-copy { padding: 0.5rem 0.75rem; border-radius: 8px; background: #fff4d6; border: 1px solid #e5c76b; }
  .saved-copy p { margin: 0; }
`;

/** Routed pages: a heading, a row of filters, then content. */
export const page = css`
  /* minmax(0, 1fr): a wide table scrolls inside its own box instead of widening the page. */
  :host { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
  h1 { margin: 0 auto 0 0; font-size: 1.5rem; }
  form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
  form.filters label { flex: 1 1 9rem; }
`;

/**
 * A list of people, one card per person (who, then figures, then actions below), as the roster and
 * its walk-ups show them: one layout in both, two columns narrowing to one on a phone.
 */
export const rosterRows = css`
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  li {
    border: 1px solid var(--_line); border-radius: 10px; padding: 0.75rem; background: var(--_surface);
    display: grid; gap: 0.5rem; grid-template-columns: minmax(12rem, 2fr) minmax(16rem, 3fr);
  }
  @media (max-width: 40rem) { li { grid-template-columns: 1fr; } }
  .who strong { display: block; }
  .actions-row { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .waiver { grid-column: 1 / -1; margin: 0; }
`;
