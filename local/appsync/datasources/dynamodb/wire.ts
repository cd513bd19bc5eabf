/**
 * The DynamoDB data source's way to DynamoDB Local: the same JSON 1.0 requests the SDK sends,
 * written straight to a keep-alive HTTP connection, answered in the shapes `client.send` gives.
 *
 * Why not the SDK alone: its middleware stack, schema-driven serde and SigV4 signing cost
 * 1-2.5 ms of CPU per call on this machine (GetItem p50 5.1 ms through the SDK vs 2.5 ms raw,
 * same DynamoDB Local, interleaved) — more than the whole of the local AppSync's own work, and the
 * budget (docs/architecture.md, budgets) compares logPayment with the bare SDK calls it makes. DynamoDB Local does not
 * check signatures, so none is computed. Whatever this fast path does not handle — no HTTP answer
 * (connection reset, refused: DynamoDB Local restarting), a 5xx, throttling, an endpoint that
 * checks signatures — goes through the SDK client with its own retries, exactly as before.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Target {
  host: string;
  port: number;
  path: string;
  accessKeyId: string;
  region: string;
}

/** Answers that the SDK path handles better (its retries, its signing). */
const SDK_ANSWERS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'IncompleteSignatureException',
  'InternalServerError',
  'ServiceUnavailable',
]);

class UseSdk extends Error {}

/** Bytes go out as base64, as the SDK's JSON protocol writes them. */
function toWire(input: object): string {
  return JSON.stringify(input, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : value;
  });
}

/**
 * `{ B: "<base64>" }` and `{ BS: [...] }` back to bytes, as the SDK's deserializer gives them.
 * Only an attribute value holds a string under B (an item's attribute named B holds an object).
 */
function fromWire(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    if (keys[0] === 'B' && typeof o.B === 'string') return { B: new Uint8Array(Buffer.from(o.B, 'base64')) };
    if (keys[0] === 'BS' && Array.isArray(o.BS) && o.BS.every((b) => typeof b === 'string')) {
      return { BS: (o.BS as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
    }
  }
  for (const k of keys) o[k] = fromWire(o[k]);
  return o;
}

/** A service error as the SDK raises it: `name` is the error code, TransactionCanceled its own class. */
function serviceError(body: Record<string, unknown>): Error {
  const name = String(body.__type ?? 'UnknownError')
    .split('#')
    .pop()!;
  const message = String(body.message ?? body.Message ?? name);
  if (name === 'TransactionCanceledException') {
    return new TransactionCanceledException({
      message,
      $metadata: {},
      CancellationReasons: fromWire(body.CancellationReasons) as TransactionCanceledException['CancellationReasons'],
    });
  }
  return Object.assign(new Error(message), { name, $fault: 'client' });
}

/** `client.send` as the data source calls it, typed by the SDK's own command/output pairs. */
export type WireClient = Pick<DynamoDBClient, 'send'>;

export function wireClient(sdk: DynamoDBClient): WireClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // The server closes its SDK client when it stops (index.ts); these connections go with it.
  const destroySdk = sdk.destroy.bind(sdk);
  sdk.destroy = () => {
    agent.destroy();
    destroySdk();
  };
  let target: Promise<Target | null> | undefined;
  const resolveTarget = async (): Promise<Target | null> => {
    const endpoint = await sdk.config.endpoint?.();
    if (!endpoint || endpoint.protocol !== 'http:') return null;
    const credentials = await sdk.config.credentials();
    return {
      host: endpoint.hostname,
      port: Number(endpoint.port ?? 80),
      path: endpoint.path || '/',
      accessKeyId: credentials.accessKeyId,
      region: await sdk.config.region(),
    };
  };

  const post = (t: Target, operation: string, body: string) =>
    new Promise<unknown>((resolve, reject) => {
      const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
      const req = http.request(
        {
          host: t.host,
          port: t.port,
          path: t.path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
            'x-amz-date': date,
            authorization: `AWS4-HMAC-SHA256 Credential=${t.accessKeyId}/${date.slice(0, 8)}/${t.region}/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => reject(new UseSdk()));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let parsed: Record<string, unknown>;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
            } catch {
              return reject(new UseSdk());
            }
            if (status >= 200 && status < 300) return resolve(fromWire(parsed));
            const error = serviceError(parsed);
            if (status >= 500 || SDK_ANSWERS.has(error.name)) return reject(new UseSdk());
            reject(error);
          });
        },
      );
      // No answer at all: the SDK path retries it (the request carries its idempotency token).
      req.on('error', () => reject(new UseSdk()));
      req.end(body);
    });

  async function send(command: { input: object; constructor: { name: string } }): Promise<unknown> {
    const operation = command.constructor.name.replace(/Command$/, '');
    // The SDK fills TransactWriteItems' idempotency token itself; set here, the SDK path reuses it.
    if (operation === 'TransactWriteItems')
      (command.input as { ClientRequestToken?: string }).ClientRequestToken ??= randomUUID();
    target ??= resolveTarget();
    const t = await target;
    if (t) {
      try {
        return await post(t, operation, toWire(command.input));
      } catch (e) {
        if (!(e instanceof UseSdk)) throw e;
      }
    }
    return sdk.send(command as never);
  }
  return { send: send as unknown as DynamoDBClient['send'] };
}
