import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { SignedWaiverDocument } from '../graphql/types';
import { formatDate, formatDateTime, zoneName } from '../lib/domain/dates';
import { loadFailed } from '../lib/controllers/failed-load';
import { navigateOnClick } from '../lib/controllers/navigate';
import { recordsPath } from '../lib/controllers/route';
import { controls } from '../styles/shared';

/**
 * One signed waiver as a document, for an insurer or a court: who signed, for which
 * minors, the signature as typed, when and from where, and the exact text signed, fetched by its
 * SHA-256 (so a text changed since still shows as signed). Print gives the document alone: the
 * print stylesheet drops the app's chrome (scc-app) and this page's buttons.
 * The text is Markdown, rendered as the waiver page rendered it (markdown-it, raw HTML off, so the
 * text cannot inject markup); markdown-it is loaded with this page only.
 */
@customElement('scc-signed-waiver')
export class SccSignedWaiver extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 48rem; }
      article { overflow-wrap: anywhere; }
      h1 { font-size: 1.4rem; margin: 0.5rem 0; }
      dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 0.75rem; }
      dt { color: var(--_muted); }
      dd { margin: 0; }
      .signature { font-family: 'Brush Script MT', cursive; font-size: 1.4rem; }
      .text { border-top: 1px solid var(--_line); margin-top: 1rem; }
      code { font-size: 0.8rem; word-break: break-all; }
      @media print {
        .screen-only { display: none !important; }
        :host { max-width: none; font-size: 11pt; color: #000; }
        .text h3, .text h4 { break-after: avoid; }
      }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property() eventId = '';
  @property() signedAt = '';
  @property() waiverId = '';

  private doc = new Task(this, {
    args: () => [this.api, this.eventId, this.signedAt, this.waiverId] as const,
    task: async ([api, eventId, signedAt, id]) => {
      if (!api || !eventId) return undefined;
      const [doc, { default: MarkdownIt }] = await Promise.all([
        api.signedWaiver(eventId, signedAt, id),
        import('markdown-it'),
      ]);
      const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true });
      return { doc, textHtml: doc?.text ? markdown.render(doc.text.text) : '' };
    },
  });

  override render() {
    return html`
      <p class="row screen-only">
        <a href=${recordsPath({ eventId: this.eventId })} @click=${navigateOnClick}>← Records of this event</a>
        <button type="button" @click=${() => window.print()}>Print</button>
      </p>
      ${this.doc.render({
        pending: () => html`<p aria-busy="true">Loading the signed waiver…</p>`,
        complete: (loaded) => (loaded ? this.renderDocument(loaded.doc, loaded.textHtml) : nothing),
        error: (error) => loadFailed('the signed waiver', error, this.doc),
      })}
    `;
  }

  private renderDocument(doc: SignedWaiverDocument | null, textHtml: string) {
    if (!doc)
      return html`<h1>Waiver not found</h1><p>No waiver ${this.waiverId} was signed for ${this.eventId} at that time.</p>`;
    const w = doc.waiver;
    return html`
      <article>
        <h1>Signed waiver: ${w.eventId}</h1>
        <dl>
          <dt>Signer</dt><dd>${w.name}</dd>
          <dt>Email</dt><dd>${w.email}</dd>
          ${w.phone ? html`<dt>Phone</dt><dd>${w.phone}</dd>` : nothing}
          ${w.dateOfBirth ? html`<dt>Date of birth</dt><dd>${formatDate(`${w.dateOfBirth}T12:00:00Z`)}</dd>` : nothing}
          <dt>Minors</dt><dd>${
            w.minors.length
              ? w.minors
                  .map(
                    (m) => html`${m.name}${m.dateOfBirth ? ` (born ${formatDate(`${m.dateOfBirth}T12:00:00Z`)})` : ''}`,
                  )
                  .map((m, i) => (i ? html`, ${m}` : m))
              : 'none'
          }</dd>
          <dt>Signature</dt><dd><span class="signature">${w.signature}</span> (typed)</dd>
          <dt>Signed</dt><dd><time datetime=${w.signedAt}>${formatDateTime(w.signedAt)}</time> (${zoneName()}; ${w.signedAt} UTC)</dd>
          ${w.ip ? html`<dt>From</dt><dd>${w.ip}${w.userAgent ? html`<br /><span class="hint">${w.userAgent}</span>` : nothing}</dd>` : nothing}
          ${w.ip || w.dateOfBirth ? nothing : html`<dt>Not shown</dt><dd>The signer’s phone, date of birth, and where they signed from are shown to admins only.</dd>`}
          <dt>Waiver version</dt><dd><code>SHA-256 ${w.waiverVersion}</code></dd>
          <dt>Waiver id</dt><dd><code>${w.id}</code></dd>
        </dl>
        <section class="text" aria-label="The text signed">
          ${
            doc.text
              ? unsafeHTML(textHtml)
              : html`<p class="error" role="alert">The text of version ${w.waiverVersion} is not in the records: run the
                records backfill (amplify/migrations/records-backfill.ts), or find it in git by this SHA-256.</p>`
          }
        </section>
      </article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-signed-waiver': SccSignedWaiver;
  }
}
