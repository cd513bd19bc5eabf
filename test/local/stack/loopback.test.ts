import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';

import { stack } from '../../support/stack';

/** The local addresses sockets listen on for `port`, from the kernel's own tables. */
function listeningOn(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [addr, p] = local!.split(':');
      if (p === hex && state === '0A') found.push(addr!); // 0A = LISTEN
    }
  }
  return found;
}

// 127.0.0.1 as /proc/net/tcp writes it, and as an IPv4-mapped IPv6 address in tcp6.
const LOOPBACK = ['0100007F', '0000000000000000FFFF00000100007F'];

const port = (url: string) => Number(new URL(url).port);

describe.runIf(fs.existsSync('/proc/net/tcp'))('the stand-ins listen on 127.0.0.1 only', () => {
  it.each([
    ['DynamoDB Local', () => stack().dynamodbEndpoint],
    ['cognito-local', () => stack().cognitoEndpoint],
    ['the local SES', () => stack().sesUrl],
  ])('%s', (_name, url) => {
    const addresses = listeningOn(port(url()));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((a) => !LOOPBACK.includes(a))).toEqual([]);
  });
});

describe('no web page can call the stand-ins from another origin', () => {
  const preflight = (url: string, origin: string, headers: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
    });

  it('DynamoDB Local gives a page no CORS permission (its default is any origin)', async () => {
    const res = await preflight(
      stack().dynamodbEndpoint,
      'http://evil.example',
      'content-type, x-amz-target, authorization',
    );
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cognito-local refuses a request from an origin that is not the dashboard (its default is any)', async () => {
    const res = await preflight(stack().cognitoEndpoint, 'http://evil.example', 'content-type, x-amz-target');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const reset = await fetch(stack().cognitoEndpoint, {
      method: 'POST',
      headers: {
        origin: 'http://evil.example',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminSetUserPassword',
      },
      body: JSON.stringify({
        UserPoolId: stack().userPoolId,
        Username: stack().users.admin,
        Password: 'Stolen-2026!',
        Permanent: true,
      }),
    });
    expect(reset.status).toBe(403);
  });

  it('cognito-local refuses a host name that is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(
          `${stack().cognitoEndpoint}/${stack().userPoolId}/.well-known/jwks.json`,
          { headers: { host: 'evil.example' } },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(403);
  });
});

/** The status a stand-in answers when reached by a rebound DNS name (evil.example → 127.0.0.1). */
function statusForHost(url: string, options: http.RequestOptions, body?: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = http
      .request(url, options, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', reject);
    req.end(body);
  });
}

describe('no rebound DNS name reaches the stand-ins that hold data', () => {
  it("the local SES's store of every email sent (names, birth dates, balances)", async () => {
    expect(
      await statusForHost(`${stack().sesUrl}/store`, { headers: { host: `evil.example:${port(stack().sesUrl)}` } }),
    ).toBe(403);
    expect(await statusForHost(`${stack().sesUrl}/store`, { headers: { origin: 'http://evil.example' } })).toBe(403);
    expect(await statusForHost(`${stack().sesUrl}/store`, {})).toBe(200);
  });

  it('DynamoDB Local, which takes any credentials: a page there could read and change the whole table', async () => {
    const call = (host: string) =>
      statusForHost(
        stack().dynamodbEndpoint,
        {
          method: 'POST',
          headers: {
            host,
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.ListTables',
            'x-amz-date': '20261130T072200Z',
            authorization:
              'AWS4-HMAC-SHA256 Credential=any/20261130/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
          },
        },
        '{}',
      );
    expect(await call(`evil.example:${port(stack().dynamodbEndpoint)}`)).toBe(403);
    expect(await call(`127.0.0.1:${port(stack().dynamodbEndpoint)}`)).toBe(200);
    expect(await call(`localhost:${port(stack().dynamodbEndpoint)}`)).toBe(200);
  });
});

describe("cognito-local's signing key", () => {
  it("is this state folder's own, not the one shipped in its npm package", async () => {
    const { keys } = (await (
      await fetch(`${stack().cognitoEndpoint}/${stack().userPoolId}/.well-known/jwks.json`)
    ).json()) as { keys: { n: string }[] };
    const shipped = JSON.parse(
      fs.readFileSync('node_modules/cognito-local/lib/keys/cognitoLocal.public.json', 'utf8'),
    ) as { jwk: { n: string } };
    expect(keys).toHaveLength(1);
    expect(keys[0]!.n).not.toBe(shipped.jwk.n);
  });
});
