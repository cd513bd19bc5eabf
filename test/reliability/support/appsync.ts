import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startAppSync } from '../../../local/appsync/index';
import { dynamoClient, ensureTable } from '../../../local/stack/table';
import { handler as mailer } from '../../../amplify/functions/mailer/handler';
import { useMailerEnv, type GraphQLResponse } from '../../api/support/harness';
import { signIn, stack } from '../../support/stack';

/**
 * A local AppSync on any DynamoDB endpoint (the harness's startApi only knows the shared one):
 * the load test runs its own DynamoDB Local so it can stop and restart it. Requests can time out
 * on the client side, as a phone on a bad connection does.
 */
export interface ReliableApi {
  url: string;
  tableName: string;
  endpoint: string;
  tokens: { admin: string; crew: string };
  gql<T = Record<string, any>>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export class ClientTimeout extends Error {}

export async function startApiOn(endpoint: string, tableName: string): Promise<ReliableApi> {
  const s = stack();
  await ensureTable(dynamoClient(endpoint, s.region), tableName);
  useMailerEnv(s.sesUrl);
  const server = await startAppSync({
    tableName,
    dynamodbEndpoint: endpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
    lambdas: { mailer: mailer as any },
    graphiql: false,
    log: () => {},
  });
  const [admin, crew] = await Promise.all([signIn(s.users.admin), signIn(s.users.crew)]);
  return {
    url: server.url,
    tableName,
    endpoint,
    tokens: { admin: admin.idToken, crew: crew.idToken },
    async gql(token, query, variables = {}, timeoutMs) {
      let res: Response;
      try {
        res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query, variables }),
          signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
        });
        const text = await res.text();
        const body = parseJson(text, res.status);
        return {
          status: res.status,
          errorTypeHeader: res.headers.get('x-amzn-errortype'),
          data: body.data ?? null,
          errors: body.errors,
        };
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') throw new ClientTimeout(`no answer within ${timeoutMs} ms`);
        throw e;
      }
    },
    close: () => server.close(),
  };
}

function parseJson(text: string, status: number) {
  try {
    return JSON.parse(text) as { data?: any; errors?: GraphQLResponse['errors'] };
  } catch {
    throw new Error(`HTTP ${status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
}

/**
 * Why an error response is not a clean refusal, or null when it is: a status below 500, every
 * error typed, and no stack trace or internal detail in what the client reads. Errors raised
 * before any resolver ran (GraphQL validation, variable coercion) carry no errorType in AppSync's
 * body; their type is the `x-amzn-errortype` header, which is what the Amplify client reads.
 */
export function uncleanError(res: GraphQLResponse): string | null {
  if (res.status >= 500) return `HTTP ${res.status}: ${JSON.stringify(res.errors)}`;
  for (const e of res.errors ?? []) {
    if (!e.errorType && !res.errorTypeHeader)
      return `error without errorType (in the body or the header): ${JSON.stringify(e)}`;
    if (/\n\s+at |\.ts:\d+|node:internal|\bat [\w.]+ \(/.test(e.message)) return `error carrying a stack: ${e.message}`;
    if (
      /\b(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)\b|\b127\.0\.0\.1\b|localhost:\d+/.test(
        e.message,
      )
    )
      return `error showing a socket error or an internal address: ${e.message}`;
  }
  return null;
}

export type Item = Record<string, any>;

/** Every item of a table on any endpoint, unmarshalled. */
export async function scanItems(endpoint: string, tableName: string): Promise<Item[]> {
  const client = dynamoClient(endpoint, stack().region);
  const items: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  try {
    do {
      const page = await client.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return items;
}

export { ledgerViolations } from './ledger';
