/**
 * The local stack's IAM: a small proxy in front of DynamoDB Local, the local SES and cognito-local.
 * Each principal (a Lambda's execution role, an AppSync data source's service role) gets its own
 * endpoint, `http://127.0.0.1:<port>/<principal>/<service>`, which its SDK client is given in place
 * of the stand-in's; every request is authorized against the policies synthesized for that
 * principal before it is passed on, and a refused one is answered as AWS answers it
 * (AccessDeniedException, with AWS's message). Product code runs unchanged: only the endpoint it is
 * configured with differs.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { evaluate, type AuthRequest, type Decision, type PolicyDocument } from './evaluate';
import { cognitoRequests, dynamodbRequests, sesRequests, type Account } from './requests';
import { bindPolicies, functionArn, LOCAL_ACCOUNT_ID, synthesizedPolicies, type SynthesizedPolicies } from './policies';

export type Service = 'dynamodb' | 'ses' | 'cognito';

export interface IamGateOptions {
  upstream: { dynamodb: string; ses?: string; cognito?: string };
  region: string;
  tableName: string;
  userPoolId?: string;
  /** The synthesized policies (policies.json) unless given: tests give a copy with a grant removed. */
  policies?: SynthesizedPolicies;
  /** Where refusals are reported (besides the AccessDeniedException the caller gets). */
  log?: (line: string) => void;
}

export interface IamGate {
  endpoint(principal: string, service: Service): string;
  /** Whether the template has a role for this principal. */
  has(principal: string): boolean;
  /** A function's ARN in the local account, as the policies name it. */
  functionArn(name: string): string;
  /** Authorizes a call made in-process, such as AppSync invoking a Lambda data source; throws AccessDenied. */
  authorize(principal: string, request: AuthRequest): void;
  close(): Promise<void>;
}

/** AWS's refusal, as the SDK surfaces it: `name` AccessDeniedException (SES's query API: AccessDenied). */
export class AccessDenied extends Error {
  override name = 'AccessDeniedException';
}

function denial(arn: string, request: AuthRequest, decision: Exclude<Decision, 'allow'>): string {
  const why =
    decision === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${arn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${why}`;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<Buffer>((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });

function refuse(res: http.ServerResponse, service: Service, message: string): void {
  const requestId = randomUUID();
  if (service === 'ses') {
    const xml = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    res.writeHead(403, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${xml}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
    return;
  }
  const [type, body] =
    service === 'dynamodb'
      ? ['application/x-amz-json-1.0', { __type: 'com.amazon.coral.service#AccessDeniedException', Message: message }]
      : ['application/x-amz-json-1.1', { __type: 'AccessDeniedException', message }];
  res.writeHead(400, { 'content-type': type, 'x-amzn-requestid': requestId });
  res.end(JSON.stringify(body));
}

export async function startIamGate(options: IamGateOptions): Promise<IamGate> {
  const account: Account = { partition: 'aws', region: options.region, accountId: LOCAL_ACCOUNT_ID };
  const { principals } = options.policies ?? synthesizedPolicies();
  const bound = new Map<string, { arn: string; policies: PolicyDocument[] }>();
  for (const [name, p] of Object.entries(principals)) {
    const session = p.kind === 'lambda' ? name : 'APPSYNC_ASSUME_ROLE';
    bound.set(name, {
      arn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${p.role}/${session}`,
      policies: bindPolicies(p.policies, { ...account, tableName: options.tableName, userPoolId: options.userPoolId }),
    });
  }
  const principal = (name: string) => {
    const p = bound.get(name);
    if (!p) throw new Error(`no synthesized IAM role for ${name}: is it in amplify/backend.ts?`);
    return p;
  };

  /** The first refusal among a request's authorizations, or null; alternatives: one of them must pass. */
  const refusal = (name: string, alternatives: AuthRequest[][]): string | null => {
    const p = principal(name);
    let first: string | null = null;
    for (const requests of alternatives) {
      const refused = requests.map((r) => [r, evaluate(p.policies, r)] as const).find(([, d]) => d !== 'allow');
      if (!refused) return null;
      first ??= denial(p.arn, refused[0], refused[1] as Exclude<Decision, 'allow'>);
    }
    return first ?? denial(p.arn, { action: 'unknown', resource: '*' }, 'implicit-deny');
  };

  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer(async (req, res) => {
    try {
      const [, name, service, ...rest] = (req.url ?? '/').split('/') as [string, string, Service, ...string[]];
      const upstream = options.upstream[service];
      if (!upstream || !bound.has(name)) {
        res.writeHead(404).end(`no ${service} for ${name}`);
        return;
      }
      const body = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.indexOf('.') + 1);
      const alternatives =
        service === 'dynamodb'
          ? [dynamodbRequests(account, operation, JSON.parse(body.toString() || '{}'))]
          : service === 'cognito'
            ? [cognitoRequests(account, operation, JSON.parse(body.toString() || '{}'))]
            : (() => {
                const form = new URLSearchParams(body.toString());
                return sesRequests(account, form.get('Action') ?? '', form);
              })();
      const refused = refusal(name, alternatives);
      if (refused) {
        options.log?.(`IAM refused ${name}: ${refused}`);
        refuse(res, service, refused);
        return;
      }
      const url = new URL(`/${rest.join('/')}`, upstream);
      const headers = { ...req.headers, host: url.host, 'content-length': String(body.length) };
      const forward = http.request(url, { method: req.method, headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => {
        // The stand-in did not answer: drop the connection, as an unreachable service does.
        res.destroy();
      });
      forward.end(body);
    } catch (error) {
      options.log?.(`IAM gate: ${error instanceof Error ? error.message : String(error)}`);
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          __type: 'com.amazon.coral.service#InternalFailure',
          message: `local IAM: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  // The callers' own servers keep the process alive; a test file that starts a gate need not stop it.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: (name, service) => {
      principal(name);
      return `http://127.0.0.1:${port}/${name}/${service}`;
    },
    has: (name) => bound.has(name),
    functionArn: (name) => functionArn(account, name),
    authorize: (name, request) => {
      const refused = refusal(name, [[request]]);
      if (refused) throw new AccessDenied(refused);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => done());
      }),
  };
}
