/**
 * How long Cognito's tokens last, for the web client on AWS (amplify/backend.ts) and in
 * cognito-local (local/stack/cognito.ts): an hour for ID and access tokens, as a careful
 * deployment sets them (Cognito's default; cognito-local's own is 24 h), so a stolen or
 * left-behind token, or a removed user's, stops working within the hour. The Amplify client
 * refreshes them silently with the refresh token.
 */
export const TOKEN_VALIDITY = {
  idTokenMinutes: 60,
  accessTokenMinutes: 60,
  refreshTokenDays: 30,
} as const;
