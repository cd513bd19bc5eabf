import { defineAuth } from '@aws-amplify/backend';

/**
 * Cognito for the dashboard (docs/architecture.md, the parts): email sign-in, three groups. The group order is the
 * precedence Cognito uses to pick a single IAM role (ADMINS first). Self sign-up is turned off in
 * amplify/backend.ts (`allowAdminCreateUserOnly`): defineAuth has no switch for it, and a charter
 * operator's staff are invited by an admin, never self-registered.
 */
export const GROUPS = ['ADMINS', 'CREW', 'ACCOUNTING'] as const;

export const auth = defineAuth({
  loginWith: { email: true },
  groups: [...GROUPS],
  accountRecovery: 'EMAIL_ONLY',
});
