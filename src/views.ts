/** The signed-in views, split from the entry chunk so the sign-in form paints from Lit alone. */
import './components/scc-event-list';
import './components/scc-event-detail';
import './components/scc-payments-page';
import './components/scc-payment-modal';
import './components/scc-boarding-page';
import './components/scc-today-page';
import './components/scc-manifest-page';
import './components/scc-records-page';
import './components/scc-signed-waiver';
import './components/scc-team-page';
import './components/scc-reconciliation-page';
import './components/scc-outbox-status';
