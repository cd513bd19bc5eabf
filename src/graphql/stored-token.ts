/**
 * The ID token aws-amplify keeps after sign-in, read without aws-amplify (the dock's
 * link): aws-amplify is 74 KB gzip, 1.5 s at 400 kbit/s, and a signed-in reload should not wait
 * for it to ask for its first data. aws-amplify's default token store is localStorage, under
 * `CognitoIdentityServiceProvider.<app client id>.<LastAuthUser>.idToken` (the key shape it shares
 * with Amplify JS v5 and the Cognito Identity SDK). Never refreshed here: a token that is missing,
 * unreadable or within a minute of expiring means waiting for aws-amplify, which refreshes it.
 */
const PREFIX = 'CognitoIdentityServiceProvider';
const MARGIN_MS = 60_000;

/** The `exp` claim of a JWT, in ms, or undefined when it cannot be read. */
function expiresAt(jwt: string): number | undefined {
  try {
    const payload = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const exp = (JSON.parse(atob(payload)) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function storedIdToken(
  clientId: string,
  now = Date.now(),
  storage: Pick<Storage, 'getItem'> = localStorage,
): string | undefined {
  const user = storage.getItem(`${PREFIX}.${clientId}.LastAuthUser`);
  if (!user) return undefined;
  const token = storage.getItem(`${PREFIX}.${clientId}.${user}.idToken`) ?? undefined;
  const exp = token ? expiresAt(token) : undefined;
  return exp !== undefined && exp - MARGIN_MS > now ? token : undefined;
}
