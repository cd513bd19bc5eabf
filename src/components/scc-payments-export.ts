import { LitElement, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { PaymentSource } from '../graphql/types';
import { allPages } from '../lib/controllers/paged-list';
import { renderCsvExport } from '../lib/csv/csv-export';
import { downloadText } from '../lib/csv/download';
import { paymentsCsv, paymentsCsvFilename } from '../lib/csv/payments-csv';
import { controls } from '../styles/shared';

/**
 * Export CSV: every payment of a source, however many pages the screen has loaded. It fetches all
 * pages itself (saying how many it has so far), writes the columns of src/lib/csv/payments-csv.ts and
 * names the file after what it holds. A failed page writes no file: a partial export is never
 * saved as if it were whole.
 */
@customElement('scc-payments-export')
export class SccPaymentsExport extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: inline-flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private exporting = new Task(this, {
    autoRun: false,
    task: async ([source, patronEmail]: readonly [PaymentSource, string]) => {
      this.fetched = 0;
      const all = await allPages(
        (token) => this.api!.payments(source, token),
        (count) => (this.fetched = count),
      );
      const wanted = patronEmail.toLowerCase();
      const rows = all
        .filter((p) => !wanted || p.patronEmail.toLowerCase() === wanted)
        .sort((a, b) => (a.loggedAt < b.loggedAt ? 1 : a.loggedAt > b.loggedAt ? -1 : 0));
      const filename = paymentsCsvFilename(source, patronEmail);
      downloadText(filename, paymentsCsv(rows));
      return { filename, count: rows.length };
    },
  });

  @state() private fetched = 0;

  /** Where the payments come from (as for `<scc-payment-history>`). */
  @property({ attribute: false }) source?: PaymentSource;
  /** Only this patron's payments of the source (an event's history opened from a roster row). */
  @property({ attribute: 'patron-email' }) patronEmail = '';

  private onExport() {
    if (this.source && this.exporting.status !== TaskStatus.PENDING)
      void this.exporting.run([this.source, this.patronEmail]);
  }

  override render() {
    return renderCsvExport({
      task: this.exporting,
      noun: 'payments',
      fetched: this.fetched,
      ready: Boolean(this.source && this.api),
      onExport: () => this.onExport(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-payments-export': SccPaymentsExport;
  }
}
