/**
 * Who is calling, by the API's two modes: a SigV4 `Authorization` is AWS_IAM (auth/iam.ts), any
 * other is a Cognito user pool token (auth/cognito.ts). The HTTP endpoint and the real-time
 * endpoint both ask here.
 */
import type { CognitoIdentity, CognitoVerifier } from './cognito';
import { isSigV4, type IamIdentity, type IamPrincipal, type IamVerifier, type SignedRequest } from './iam';

export interface Caller {
  identity: CognitoIdentity | IamIdentity;
  /** The IAM principal, for a signed request: its grant decides what it may call. */
  iam?: IamPrincipal;
}

export type Authenticator = (
  headers: Record<string, string>,
  signed: Omit<SignedRequest, 'headers'>,
  sourceIp: string,
) => Promise<Caller>;

export function createAuthenticator(cognito: CognitoVerifier, iam: IamVerifier): Authenticator {
  return async (headers, signed, sourceIp) => {
    const authorization = headers.Authorization ?? headers.authorization;
    if (isSigV4(authorization)) {
      const { identity, principal } = await iam({ ...signed, headers }, sourceIp);
      return { identity, iam: principal };
    }
    return { identity: await cognito(authorization, sourceIp) };
  };
}
