import { LitElement, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { AuditSource } from '../graphql/types';
import { allPages } from '../lib/controllers/paged-list';
import { auditCsv, auditCsvFilename } from '../lib/csv/audit-csv';
import { renderCsvExport } from '../lib/csv/csv-export';
import { downloadText } from '../lib/csv/download';
import { controls } from '../styles/shared';

/**
 * Export CSV of an audit trail: every record of the source, page after page whatever
 * the screen has loaded, newest first, in the columns of src/lib/csv/audit-csv.ts. A failed page saves
 * no file: a partial trail is never saved as if it were whole (as `<scc-payments-export>`).
 */
@customElement('scc-audit-export')
export class SccAuditExport extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: inline-flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @state() private fetched = 0;

  /** Whose trail (as for `<scc-audit-trail>`). */
  @property({ attribute: false }) source?: AuditSource;

  private exporting = new Task(this, {
    autoRun: false,
    task: async ([source]: readonly [AuditSource]) => {
      this.fetched = 0;
      const all = await allPages(
        (token) => this.api!.audit(source, token),
        (count) => (this.fetched = count),
      );
      const filename = auditCsvFilename(source);
      downloadText(filename, auditCsv(all));
      return { filename, count: all.length };
    },
  });

  private onExport() {
    if (this.source && this.exporting.status !== TaskStatus.PENDING) void this.exporting.run([this.source]);
  }

  override render() {
    return renderCsvExport({
      task: this.exporting,
      noun: 'records',
      fetched: this.fetched,
      ready: Boolean(this.source && this.api),
      onExport: () => this.onExport(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-audit-export': SccAuditExport;
  }
}
