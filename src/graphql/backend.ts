import type { DataClient } from './client';
import type { CurrentUser } from '../lib/domain/roles';

/** Signing in and out; aws-amplify's Auth in the app (src/graphql/amplify-backend.ts). */
export interface AuthBackend {
  /** The signed-in user from stored tokens, or undefined. */
  currentUser(): Promise<CurrentUser | undefined>;
  /**
   * Signs in or throws an Error whose message is written for people. A temporary password (an
   * invitation, a reset) needs `newPassword`: without it the Error's name is NEW_PASSWORD_REQUIRED.
   */
  signIn(email: string, password: string, newPassword?: string): Promise<CurrentUser>;
  signOut(): Promise<void>;
}

/** What the shell gets once aws-amplify has loaded (after first paint). */
export interface Backend {
  auth: AuthBackend;
  api: DataClient;
}

/** The name of the Error signIn throws when a temporary password must be replaced first. */
export const NEW_PASSWORD_REQUIRED = 'NewPasswordRequired';
