import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, revisionContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { AuditEntry, AuditSource } from '../graphql/types';
import { changedFields, fieldValue, operationLabel } from '../lib/csv/audit-csv';
import { formatDateTime } from '../lib/domain/dates';
import { loadFailed } from '../lib/controllers/failed-load';
import { EventTitles } from '../lib/controllers/event-titles';
import { navigateOnClick } from '../lib/controllers/navigate';
import { PagedList } from '../lib/controllers/paged-list';
import { recordsPath } from '../lib/controllers/route';
import { controls } from '../styles/shared';
import './scc-audit-export';

/** Fields of a record that name another event (a move's target and origin): shown by title and day. */
const EVENT_FIELDS = new Set(['movedTo', 'movedFrom']);

/**
 * An audit trail: an event's or a patron's changes, newest first, paged ("Show older
 * changes"): when, who, what, and each field before → after. Shows any operation the same way, so
 * records of operations added later need nothing here. Export CSV saves the whole trail.
 */
@customElement('scc-audit-trail')
export class SccAuditTrail extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      .toolbar { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      h2 { margin: 0; font-size: 1.2rem; }
      ol { list-style: none; padding: 0; margin: 0.75rem 0; display: grid; gap: 0.75rem; }
      li.change { border: 1px solid var(--_line); border-radius: 8px; padding: 0.75rem; overflow-wrap: anywhere; }
      .what { font-weight: 600; }
      dl { display: grid; grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr); gap: 0.25rem 0.75rem; margin: 0.5rem 0 0; font-size: 0.9rem; }
      dt { color: var(--_muted); }
      dd { margin: 0; }
      del { color: var(--_muted); }
      .skeleton { height: 4rem; margin: 0.5rem 0; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  /** Whose trail. Keep one object per source: a new object starts the list again. */
  @property({ attribute: false }) source?: AuditSource;
  @property() heading = 'Audit trail';

  private list = new PagedList(this, {
    source: () => [this.api, this.source] as const,
    revision: () => this.revision,
    page: ([api, source], token) => (api && source ? api.audit(source, token) : undefined),
  });

  /** The events a patron's trail runs across, and those moves name, by title and day (the CSV keeps ids). */
  private titles = new EventTitles(this, () => ({
    api: this.api,
    ids: this.list.rows.flatMap((e) => [
      this.source?.kind === 'patron' ? e.entity : null,
      ...changedFields(e.before, e.after)
        .filter((c) => EVENT_FIELDS.has(c.field))
        .flatMap((c) => [c.before, c.after].map((v) => (typeof v === 'string' ? v : null))),
    ]),
  }));

  private value(field: string, value: unknown): string {
    return EVENT_FIELDS.has(field) && typeof value === 'string' && value
      ? this.titles.label(value)
      : fieldValue(field, value);
  }

  override render() {
    return html`
      <section aria-labelledby="audit-heading">
        <div class="toolbar">
          <h2 id="audit-heading">${this.heading}</h2>
          <scc-audit-export .source=${this.source}></scc-audit-export>
        </div>
        ${this.list.first.render({
          initial: () => this.renderSkeleton(),
          pending: () => (this.list.loaded ? this.renderList(true) : this.renderSkeleton()),
          complete: () => this.renderList(),
          error: (error) => loadFailed('the audit trail', error, this.list.first),
        })}
        ${this.list.renderMore('Show older changes', 'older changes')}
      </section>
    `;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" aria-label="Loading the audit trail">
      ${[0, 1, 2].map(() => html`<div class="skeleton"></div>`)}</div>`;
  }

  private renderList(refreshing = false) {
    const rows = this.list.rows;
    if (rows.length === 0) return html`<p class="muted">No changes recorded.</p>`;
    return html`<ol aria-busy=${refreshing ? 'true' : 'false'}>${rows.map((e) => this.renderEntry(e))}</ol>`;
  }

  private renderEntry(e: AuditEntry) {
    const changes = changedFields(e.before, e.after);
    const kind = !e.before ? 'created' : !e.after ? 'removed' : 'changed';
    return html`
      <li class="change">
        <div class="what">${operationLabel(e.operation)}${e.patronEmail && this.source?.kind !== 'patron' ? html` · ${e.patronEmail}` : nothing}
          ${
            this.source?.kind === 'patron'
              ? html` · <a href=${recordsPath({ eventId: e.entity })} @click=${navigateOnClick}>${this.titles.label(e.entity)}</a>`
              : nothing
          }</div>
        <div class="hint"><time datetime=${e.at}>${formatDateTime(e.at)}</time> by ${e.actor}</div>
        ${
          changes.length
            ? html`<dl aria-label="What ${kind}">${changes.map(
                (c) => html`
              <dt>${c.field}</dt>
              <dd>${
                kind === 'changed'
                  ? html`<del>${this.value(c.field, c.before)}</del> → <ins>${this.value(c.field, c.after)}</ins>`
                  : this.value(c.field, kind === 'created' ? c.after : c.before)
              }</dd>`,
              )}</dl>`
            : html`<p class="hint">No field changed.</p>`
        }
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-audit-trail': SccAuditTrail;
  }
}
