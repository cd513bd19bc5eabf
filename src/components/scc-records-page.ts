import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { AuditSource } from '../graphql/types';
import { isEmail } from '../lib/domain/email';
import { EventTitles } from '../lib/controllers/event-titles';
import { navigateOnClick } from '../lib/controllers/navigate';
import { controls } from '../styles/shared';
import './scc-audit-trail';
import './scc-signed-waivers';

/**
 * The records an auditor or insurer asks for, for ADMINS and ACCOUNTING:
 * `/records?event=<id>`: the event's signed waivers and its audit trail;
 * `/records?patron=<email>`: the patron's audit trail across events.
 */
@customElement('scc-records-page')
export class SccRecordsPage extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: grid; gap: 1.5rem; }
    h1 { margin: 0; font-size: 1.5rem; overflow-wrap: anywhere; }
  `,
  ];

  /** The event by title and day in the heading, rather than its id. */
  private titles = new EventTitles(this, () => ({ api: this.api, ids: [this.eventId] }));

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property() eventId = '';
  @property() patron = '';

  private cached?: { key: string; source: AuditSource };

  /** One object per source: the trail starts again only when what it shows changes. */
  private get source(): AuditSource | undefined {
    const key = `${this.eventId}|${this.patron}`;
    if (this.cached?.key !== key) {
      const source: AuditSource | undefined = this.eventId
        ? { kind: 'event', eventId: this.eventId }
        : isEmail(this.patron)
          ? { kind: 'patron', email: this.patron.toLowerCase() }
          : undefined;
      this.cached = source && { key, source };
    }
    return this.cached?.source;
  }

  override render() {
    const source = this.source;
    if (!source) {
      return html`<h1>Records</h1><p class="error" role="alert">Open records from an event’s page, or from a patron’s
        payments${this.patron ? html`: “${this.patron}” is not an email address` : nothing}.</p>`;
    }
    if (source.kind === 'patron') {
      return html`
        <h1>Records of ${source.email}</h1>
        <p><a href="/payments?patron=${encodeURIComponent(source.email)}" @click=${navigateOnClick}>Their payments</a></p>
        <scc-audit-trail .source=${source} heading="Every change about ${source.email}"></scc-audit-trail>
      `;
    }
    return html`
      <h1>Records of ${this.titles.label(source.eventId)}</h1>
      <scc-signed-waivers eventId=${source.eventId}></scc-signed-waivers>
      <scc-audit-trail .source=${source}></scc-audit-trail>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-records-page': SccRecordsPage;
  }
}
