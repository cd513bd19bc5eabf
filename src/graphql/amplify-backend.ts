/**
 * The aws-amplify side of the app, loaded by dynamic import after first paint (it is most of the
 * bundle, and the sign-in form must paint within its budget: docs/architecture.md, Budgets): Auth
 * (Cognito user pool) and the GraphQL client. Locally (`custom.local` in amplify_outputs.json) it
 * signs in with USER_PASSWORD_AUTH at cognito-local, which has no SRP.
 */
import { Amplify, type ResourcesConfig } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { CONNECTION_STATE_CHANGE, generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { createDataClient, type LiveTransport } from './client';
import { realtimeOverPlainWs } from './local-realtime';
import { NEW_PASSWORD_REQUIRED, type Backend } from './backend';
import type { LiveStatus } from './types';
import { groupsFromClaim, type CurrentUser } from '../lib/domain/roles';

export { Amplify };

interface Outputs {
  data?: { url?: string };
  custom?: { local?: { cognitoEndpoint?: string } };
}

function isLocal(outputs: Outputs): boolean {
  return Boolean(outputs.custom?.local);
}

const SIGN_IN_ERRORS: Record<string, string> = {
  NotAuthorizedException: 'Wrong email or password.',
  UserNotFoundException: 'Wrong email or password.',
  // cognito-local's answer to a wrong password (AWS says NotAuthorizedException).
  InvalidPasswordException: 'Wrong email or password.',
  UserNotConfirmedException: 'This account is not confirmed yet. Ask an admin to confirm it.',
  PasswordResetRequiredException: 'This account needs a new password. Ask an admin to reset it.',
  TooManyRequestsException: 'Too many attempts. Wait a minute and try again.',
  NetworkError: 'Cannot reach the sign-in service. Check the connection and try again.',
};

async function userFromSession(): Promise<CurrentUser | undefined> {
  const { tokens } = await fetchAuthSession();
  const claims = tokens?.idToken?.payload;
  if (!claims) return undefined;
  return {
    email: String(claims.email ?? claims['cognito:username'] ?? ''),
    groups: groupsFromClaim(claims['cognito:groups']),
  };
}

/** aws-amplify's real-time connection states (Hub 'api' channel) as the screens tell them. */
const LIVE: Record<string, LiveStatus> = {
  Connected: 'live',
  ConnectedPendingDisconnect: 'live',
  Connecting: 'connecting',
  ConnectedPendingKeepAlive: 'lost',
  ConnectedPendingNetwork: 'lost',
  ConnectionDisrupted: 'lost',
  ConnectionDisruptedPendingNetwork: 'lost',
};

/**
 * Subscriptions through the same client and ID token as queries and mutations, so they work
 * unchanged on AppSync and on the local endpoint.
 */
function liveTransport(client: { graphql: unknown }): LiveTransport {
  // A subscription document makes client.graphql answer an Observable (its types cannot tell from a string).
  const amplify = client as unknown as {
    graphql(options: { query: string; variables: Record<string, unknown>; authToken?: string }): {
      subscribe(o: { next(): void; error(e: unknown): void; complete(): void }): { unsubscribe(): void };
    };
  };
  let current: LiveStatus = 'connecting';
  const listeners = new Set<(status: LiveStatus) => void>();
  Hub.listen('api', ({ payload }) => {
    if (payload.event !== CONNECTION_STATE_CHANGE) return;
    const status = LIVE[(payload.data as { connectionState: string }).connectionState];
    if (!status || status === current) return;
    current = status;
    listeners.forEach((listener) => listener(status));
  });
  return {
    subscribe(query, variables, observer) {
      let ended = false;
      let subscription: { unsubscribe(): void } | undefined;
      fetchAuthSession()
        .then(({ tokens }) => {
          if (ended) return;
          subscription = amplify
            .graphql({ query, variables, authToken: tokens?.idToken?.toString() })
            // AppSync ends a subscription itself only when it invalidates it (the member's access
            // changed): a failure like any other, so the screen subscribes and reads again, and the
            // API's answer to that read says what happened.
            .subscribe({
              next: () => observer.next(),
              error: (e) => observer.error(e),
              complete: () => observer.error(new Error('The subscription was ended by the server.')),
            });
        })
        .catch((error: unknown) => observer.error(error));
      return () => {
        ended = true;
        subscription?.unsubscribe();
      };
    },
    connection(listener) {
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
  };
}

/** Call after `Amplify.configure(outputs)`. */
export function createBackend(outputs: Outputs): Backend {
  const local = outputs.custom?.local;
  if (local?.cognitoEndpoint) {
    // parseAmplifyOutputs has no field for a custom user pool endpoint; Amplify's config does.
    const config = Amplify.getConfig();
    const cognito = config.Auth?.Cognito;
    if (!cognito?.userPoolId || !cognito.userPoolClientId) throw new Error('amplify_outputs.json names no user pool.');
    // The config type is a strict union of user-pool and identity-pool shapes that a spread can't prove.
    Amplify.configure({
      ...config,
      Auth: { Cognito: { ...cognito, userPoolEndpoint: local.cognitoEndpoint } },
    } as ResourcesConfig);
  }
  // Locally, live updates over ws:// so `npm start` needs no certificate (local-realtime.ts).
  if (local && outputs.data?.url) realtimeOverPlainWs(outputs.data.url);
  const client = generateClient();
  const api = createDataClient(async (query, variables) => {
    // The ID token, not Amplify's default access token: only the ID token carries `email`, which
    // the resolvers record as loggedBy/voidedBy and in the audit trail (AppSync accepts both).
    const { tokens } = await fetchAuthSession();
    const result = await client.graphql({ query, variables, authToken: tokens?.idToken?.toString() });
    return (result as { data: unknown }).data;
  }, liveTransport(client));
  return {
    api,
    auth: {
      currentUser: () => userFromSession().catch(() => undefined),
      async signIn(email, password, newPassword) {
        try {
          await signOut().catch(() => undefined);
          let result = await signIn({
            username: email,
            password,
            options: { authFlowType: isLocal(outputs) ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH' },
          });
          // A temporary password (invited, or reset by an admin): the member chooses their own.
          if (result.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
            if (!newPassword)
              throw Object.assign(new Error('Choose your own password to finish signing in.'), {
                name: NEW_PASSWORD_REQUIRED,
              });
            result = await confirmSignIn({ challengeResponse: newPassword }).catch((error: Error) => {
              // Refused by the pool's password policy (Cognito names it InvalidPasswordException), not a wrong password.
              throw Object.assign(new Error(`That password cannot be used: ${error.message}`), {
                name: NEW_PASSWORD_REQUIRED,
              });
            });
          }
          if (!result.isSignedIn) {
            throw new Error(`This account needs one more step (${result.nextStep.signInStep}). Ask an admin.`);
          }
        } catch (error) {
          const name = (error as Error).name;
          if (name === NEW_PASSWORD_REQUIRED) throw error;
          throw new Error(SIGN_IN_ERRORS[name] ?? (error as Error).message ?? 'Sign-in failed.');
        }
        const user = await userFromSession();
        if (!user) throw new Error('Signed in, but no session came back. Try again.');
        return user;
      },
      signOut: () => signOut(),
    },
  };
}
