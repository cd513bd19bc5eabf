import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';

/**
 * The page shell shared by every waiver response: escaping, the one inline stylesheet (allowed by
 * its hash in the CSP, so no `unsafe-inline`), the security headers and the Markdown renderer.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const CSS = `
:root{color-scheme:light;--ink:#1b2430;--muted:#4d5866;--line:#c5ccd6;--accent:#0b4f8a;--bad:#b00020;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3,h4,h5,h6{font-size:1rem;margin:1rem 0 .25rem}
.brand{margin:0;color:var(--muted);font-size:.9rem;text-transform:uppercase;letter-spacing:.05em}
.meta{margin:.25rem 0 0;color:var(--muted)}
.text{border:1px solid var(--line);border-radius:.5rem;padding:0 1rem;max-height:55vh;overflow:auto;font-size:.95rem}
label,legend{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=text],input[type=email],input[type=tel],input[type=date]{display:block;width:100%;font:inherit;padding:.6rem;border:1px solid #7a8594;border-radius:.4rem;background:#fff;color:inherit}
input:focus,button:focus,summary:focus,a:focus{outline:3px solid #ffbf47;outline-offset:1px}
[aria-invalid=true]{border-color:var(--bad);border-width:2px}
.hint{margin:0;color:var(--muted);font-size:.9rem}
.error{margin:.25rem 0 0;color:var(--bad);font-weight:600}
.summary{border:3px solid var(--bad);border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0}
.summary a{color:var(--bad)}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:1rem 0;padding:0 1rem 1rem}
fieldset legend{padding:0 .25rem}
details{margin:1rem 0}
summary{cursor:pointer;font-weight:600;padding:.5rem 0;color:var(--accent)}
.check{display:flex;gap:.75rem;align-items:flex-start;margin:1.25rem 0 0}
.check input{width:1.5rem;height:1.5rem;margin:.15rem 0 0;flex:none}
.check label{margin:0;font-weight:600}
button{display:block;width:100%;margin:1.5rem 0 .5rem;padding:.8rem;font:inherit;font-weight:700;color:#fff;background:var(--accent);border:0;border-radius:.4rem;cursor:pointer}
.ok{border-left:.4rem solid #1e7d32;padding:.25rem 1rem;margin:1rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
`
  .trim()
  .replace(/\n/g, '');

export const STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${STYLE_HASH}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Sent with every response of the waiver Lambda, pages and errors alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

export function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}

// Raw HTML in the waiver text is shown as text, and link targets are limited to http(s)/mailto by
// markdown-it's validateLink, so a waiver file cannot inject markup either.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true });
// The page owns h1/h2; the waiver's own headings sit below them.
markdown.core.ruler.push('scc_shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    }
  }
});

export function markdownToHtml(text: string): string {
  return markdown.render(text);
}

// An event's date and time for people, in the operator's time zone (shared with the receipts).
export { formatWhen } from '../dates';
