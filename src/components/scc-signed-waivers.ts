import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, revisionContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { formatDateTime } from '../lib/domain/dates';
import { loadFailed } from '../lib/controllers/failed-load';
import { navigateOnClick } from '../lib/controllers/navigate';
import { PagedList } from '../lib/controllers/paged-list';
import { signedWaiverPath } from '../lib/controllers/route';
import { controls } from '../styles/shared';

/**
 * An event's signed waivers, newest first and paged: signer, minors, the signature as
 * typed, when, and the waiver version (the SHA-256 of the text), each opening its printable
 * document with the exact text signed. Every signature is kept: one who signed twice shows twice.
 */
@customElement('scc-signed-waivers')
export class SccSignedWaivers extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      h2 { margin: 0; font-size: 1.2rem; }
      ol { list-style: none; padding: 0; margin: 0.75rem 0; display: grid; gap: 0.75rem; }
      li { border: 1px solid var(--_line); border-radius: 8px; padding: 0.75rem; overflow-wrap: anywhere; }
      .signature { font-family: 'Brush Script MT', cursive; font-size: 1.25rem; }
      code { font-size: 0.8rem; }
      .skeleton { height: 4rem; margin: 0.5rem 0; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  @property() eventId = '';

  private list = new PagedList(this, {
    source: () => [this.api, this.eventId] as const,
    revision: () => this.revision,
    page: ([api, eventId], token) => (api && eventId ? api.signedWaivers(eventId, token) : undefined),
  });

  override render() {
    return html`
      <section aria-labelledby="waivers-heading">
        <h2 id="waivers-heading">Signed waivers</h2>
        ${this.list.first.render({
          initial: () => this.renderSkeleton(),
          pending: () => (this.list.loaded ? this.renderList(true) : this.renderSkeleton()),
          complete: () => this.renderList(),
          error: (error) => loadFailed('the signed waivers', error, this.list.first),
        })}
        ${this.list.renderMore('Show older waivers', 'older waivers')}
      </section>
    `;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" aria-label="Loading the signed waivers"><div class="skeleton"></div></div>`;
  }

  private renderList(refreshing = false) {
    const rows = this.list.rows;
    if (rows.length === 0) return html`<p class="muted">No waivers signed yet.</p>`;
    return html`<ol aria-busy=${refreshing ? 'true' : 'false'}>${rows.map(
      (w) => html`
      <li>
        <div><strong>${w.name}</strong> <span class="hint">${w.email}</span></div>
        <div>Minors: ${w.minors.length ? w.minors.map((m) => m.name).join(', ') : 'none'}</div>
        <div>Signed <span class="signature">${w.signature}</span> on <time datetime=${w.signedAt}>${formatDateTime(w.signedAt)}</time></div>
        <div class="hint">Waiver version <code>${w.waiverVersion.slice(0, 12)}…</code></div>
        <a href=${signedWaiverPath(w)} @click=${navigateOnClick}>Open the signed waiver<span class="visually-hidden"> of ${w.name}</span></a>
      </li>`,
    )}</ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-signed-waivers': SccSignedWaivers;
  }
}
