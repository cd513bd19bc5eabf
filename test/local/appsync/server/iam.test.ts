/**
 * AWS_IAM on the local AppSync: requests signed with SigV4 as a Lambda signs them, checked by
 * signing again, and held to what the schema grants the function (`allow.resource(fn)`), over
 * HTTP and on the real-time endpoint with the header object "Building a real-time WebSocket
 * client" documents for IAM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../../../local/appsync';
import {
  iamGraphQL,
  localLambdaEnvironment,
  realtimeIamHeader,
  signAppSyncRequest,
} from '../../../../local/appsync/iam-client';
import { RealtimeClient } from '../../../../local/appsync/realtime-client';
import { stack } from '../../../support/stack';
import { schema } from './fixtures/iam/schema';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
const region = () => stack().region;
const publisher = () => ({ region: region(), credentials: localCredentials('publisher') });
const listener = () => ({ region: region(), credentials: localCredentials('listener') });

beforeAll(async () => {
  // `listener` is granted by the server's options, not the schema: it may only subscribe.
  h = await startHarness({ schema, lambdas: {}, iamPrincipals: { listener: ['listen'] } });
});
afterAll(async () => {
  await h?.api.close();
});

const CREATE =
  'mutation($groupId: ID!, $message: String!) { createGroupMessage(userId: "lambda", groupId: $groupId, message: $message) { userId groupId message } }';
const ON_MESSAGE = 'subscription($groupId: ID) { onGroupMessage(groupId: $groupId) { groupId message } }';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('the GraphQL endpoint takes SigV4-signed requests', () => {
  it('runs what the schema grants the signing function (allow.resource(publisher).to(["mutate"]))', async () => {
    const res = await iamGraphQL(h.api.url, CREATE, { groupId: 'g-iam', message: 'from a Lambda' }, publisher());
    expect(res).toEqual({
      status: 200,
      body: { data: { createGroupMessage: { userId: 'lambda', groupId: 'g-iam', message: 'from a Lambda' } } },
    });
  });

  it("refuses a field the grant does not cover, as AppSync refuses a field outside a role's policy", async () => {
    const res = await iamGraphQL(h.api.url, CREATE, { groupId: 'g-iam', message: 'not mine' }, listener());
    expect(res.body.data).toEqual({ createGroupMessage: null });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        errorType: 'Unauthorized',
        message: 'Not Authorized to access createGroupMessage on type Mutation',
      }),
    ]);
  });

  it("refuses a wrong secret, an unknown key and a body changed after signing, with AWS's SigV4 errors (403)", async () => {
    const wrongSecret = await iamGraphQL(
      h.api.url,
      CREATE,
      { groupId: 'g', message: 'x' },
      { region: region(), credentials: { ...localCredentials('publisher'), secretAccessKey: 'not-the-secret' } },
    );
    expect(wrongSecret).toEqual({
      status: 403,
      body: { errors: [{ errorType: 'InvalidSignatureException', message: MISMATCH }] },
    });
    const unknown = await iamGraphQL(
      h.api.url,
      CREATE,
      { groupId: 'g', message: 'x' },
      { region: region(), credentials: localCredentials('stranger') },
    );
    expect(unknown).toEqual({
      status: 403,
      body: {
        errors: [
          {
            errorType: 'UnrecognizedClientException',
            message: 'The security token included in the request is invalid.',
          },
        ],
      },
    });
    const body = JSON.stringify({ query: CREATE, variables: { groupId: 'g', message: 'signed' } });
    const headers = await signAppSyncRequest(h.api.url, body, publisher());
    delete headers.host;
    const tampered = await fetch(h.api.url, { method: 'POST', headers, body: body.replace('signed', 'forged') });
    expect(tampered.status).toBe(403);
    expect(((await tampered.json()) as { errors: unknown[] }).errors).toEqual([
      { errorType: 'InvalidSignatureException', message: MISMATCH },
    ]);
  });

  it("signs with the default credential chain, from a Lambda's environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, localLambdaEnvironment('publisher', region()));
    try {
      const res = await iamGraphQL(h.api.url, CREATE, { groupId: 'g-env', message: 'env' }, { region: region() });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});

describe('the real-time endpoint takes the documented IAM header object', () => {
  it('connects and subscribes a principal granted listen; a published mutation reaches it', async () => {
    const header = await realtimeIamHeader(h.api.url, listener());
    expect(Object.keys(header)).toEqual([
      'accept',
      'content-encoding',
      'content-type',
      'host',
      'x-amz-date',
      'X-Amz-Security-Token',
      'Authorization',
    ]);
    const c = await RealtimeClient.open(h.api.url.replace('http://', 'ws://'), header);
    expect((await c.init()).type).toBe('connection_ack');
    const data = JSON.stringify({ query: ON_MESSAGE, variables: { groupId: 'g-rt' } });
    c.send({
      id: 's',
      type: 'start',
      payload: { data, extensions: { authorization: await realtimeIamHeader(h.api.url, listener(), data) } },
    });
    expect(await c.next((m) => m.id === 's')).toEqual({ type: 'start_ack', id: 's' });
    await iamGraphQL(h.api.url, CREATE, { groupId: 'g-rt', message: 'pushed' }, publisher());
    expect(await c.next((m) => m.type === 'data')).toEqual({
      type: 'data',
      id: 's',
      payload: { data: { onGroupMessage: { groupId: 'g-rt', message: 'pushed' } } },
    });
    c.close();
  });

  it('refuses a subscription the principal is not granted, and a connection signed with a wrong secret', async () => {
    const c = await RealtimeClient.open(
      h.api.url.replace('http://', 'ws://'),
      await realtimeIamHeader(h.api.url, publisher()),
    );
    expect((await c.init()).type).toBe('connection_ack');
    const data = JSON.stringify({ query: ON_MESSAGE, variables: { groupId: 'g-rt' } });
    c.send({
      id: 'p',
      type: 'start',
      payload: { data, extensions: { authorization: await realtimeIamHeader(h.api.url, publisher(), data) } },
    });
    expect(await c.next((m) => m.id === 'p')).toEqual({
      type: 'error',
      id: 'p',
      payload: {
        errors: [
          { errorType: 'Unauthorized', message: 'Not Authorized to access onGroupMessage on type Subscription' },
        ],
      },
    });
    c.close();
    const forged = await RealtimeClient.open(
      h.api.url.replace('http://', 'ws://'),
      await realtimeIamHeader(h.api.url, {
        region: region(),
        credentials: { ...localCredentials('listener'), secretAccessKey: 'wrong' },
      }),
    );
    expect(await forged.init()).toEqual({
      type: 'connection_error',
      payload: { errors: [{ errorType: 'InvalidSignatureException', message: MISMATCH, errorCode: 403 }] },
    });
  });
});
