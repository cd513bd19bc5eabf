/**
 * How long Cognito's tokens last, for the web client on AWS (amplify/backend.ts) and in
 * cognito-local (local/stack/cognito.ts). ID and access tokens: 5 minutes, the least Cognito
 * allows. The API refuses a token issued before its user's access changed whatever its expiry
 * (amplify/data/resolvers/access.ts), so this is the bound only where that check could not be
 * written (a team change made in part): a removed right, or a left-behind token, lasts at most
 * 5 minutes. The Amplify client refreshes them silently with the refresh token, one Cognito call
 * per signed-in device every 5 minutes (docs/security-access.md).
 */
export const TOKEN_VALIDITY = {
  idTokenMinutes: 5,
  accessTokenMinutes: 5,
  refreshTokenDays: 30,
} as const;
