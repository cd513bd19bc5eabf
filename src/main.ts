/**
 * Entry: paints the shell (Lit + the sign-in form, ≤ 20 KB gzip) and only then loads aws-amplify
 * (docs/architecture.md, Budgets). amplify_outputs.json is written by `ampx` in AWS and by `npm start` locally.
 */
import outputs from '../amplify_outputs.json';
import { useTimeZone } from './lib/domain/dates';
import './components/scc-app';

// Every time shown or typed is in the operator's zone (amplify/time-zone.ts), not the device's.
useTimeZone((outputs as { custom?: { timeZone?: string } }).custom?.timeZone);

const app = document.querySelector('scc-app') ?? document.body.appendChild(document.createElement('scc-app'));

// Locally (npm start) the demo accounts are the way in: say so on the sign-in form. Their password
// is not in amplify_outputs.json (the site serves it to anyone), so the form says where it is.
if ((outputs as { custom?: { local?: object } }).custom?.local) {
  app.signInHint =
    'Demo accounts: crew@example.com, admin@example.com, accounting@example.com; the password is printed by npm start.';
}

// A signed-in reload reads its first data with the stored session, not after aws-amplify (handover.ts).
const { data, auth } = outputs as { data?: { url?: string }; auth?: { user_pool_client_id?: string } };
if (app.user && data?.url && auth?.user_pool_client_id) {
  const [url, clientId] = [data.url, auth.user_pool_client_id];
  void import('./graphql/early-client').then(
    ({ earlyClient }) => (app.early = earlyClient(url, clientId)),
    () => undefined,
  );
}

requestAnimationFrame(() =>
  setTimeout(() => {
    app.backend = () =>
      import('./graphql/amplify-backend').then(({ Amplify, createBackend }) => {
        Amplify.configure(outputs);
        return createBackend(outputs);
      });
    // The installable, offline dashboard (the built site only), also after first paint.
    void import('./lib/offline/service-worker').then(({ registerServiceWorker }) => registerServiceWorker());
  }),
);
