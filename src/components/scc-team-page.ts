import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { TeamMember } from '../graphql/types';
import type { CurrentUser } from '../lib/domain/roles';
import { loadFailed } from '../lib/controllers/failed-load';
import { PagedList } from '../lib/controllers/paged-list';
import { controls } from '../styles/shared';
import './scc-team-invite';
import './scc-team-member';

/**
 * The Team page, for admins: invite someone, and each member with their role and
 * status and an admin's actions. The list is paged; a change anywhere reloads it (the shell's revision).
 *
 * @csspart list - The list of members.
 */
@customElement('scc-team-page')
export class SccTeamPage extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: block; }
    h1 { margin-top: 0; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
    section { margin-top: 1.5rem; }
    h2 { font-size: 1.2rem; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  private list = new PagedList(this, {
    source: () => [this.api] as const,
    revision: () => this.revision,
    page: ([api], token) => api?.teamMembers(token),
  });

  private renderList(refreshing = false) {
    const rows = this.list.rows;
    if (rows.length === 0) return html`<p class="muted">No one on the team yet.</p>`;
    const me = this.user?.email.toLowerCase();
    return html`<ul part="list" aria-busy=${refreshing ? 'true' : 'false'}>
      ${rows.map((m: TeamMember) => html`<li><scc-team-member .member=${m} ?self=${m.email === me}></scc-team-member></li>`)}
    </ul>`;
  }

  override render() {
    return html`
      <h1>Team</h1>
      <p>Who may sign in to this dashboard, and what they may do. There is always at least one admin who can sign in.</p>
      <scc-team-invite></scc-team-invite>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        ${this.list.first.render({
          initial: () => html`<p aria-busy="true">Loading the team…</p>`,
          pending: () => (this.list.loaded ? this.renderList(true) : html`<p aria-busy="true">Loading the team…</p>`),
          complete: () => this.renderList(),
          error: (error) => loadFailed('the team', error, this.list.first),
        })}
        ${this.list.renderMore('Show more members', 'more members')}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-team-page': SccTeamPage;
  }
}
