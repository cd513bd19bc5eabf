import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSync, type LocalAppSync } from '../../../../local/appsync';
import { signIn, stack } from '../../../support/stack';
import { startApi, useMailerEnv, type Api } from '../../../api/support/harness';

/** What a person may be shown: no socket errors, internal addresses, stack frames or file positions. */
const INTERNALS = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|127\.0\.0\.1|localhost:\d+|:\d{2,5}\b|\n\s+at |code\.js|\.ts:\d+/;
const CONTRACT = /^(Unauthorized|ValidationError|NotFound|Conflict|DynamoDB:\w+)$/;

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

describe('errors are for people, internals go to the logs', () => {
  it("a receipt that could not be sent says so in people's words, not the socket's", async () => {
    const made = await api.gql(
      api.tokens.admin,
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: { title: 'Hygiene sail', startsAt: '2031-07-01T17:00:00Z', capacity: 10, priceCents: 5_000 },
      },
    );
    const eventId = made.data!.createEvent.id;
    await api.gql(api.tokens.crew, 'mutation($input: AddPatronInput!) { addPatron(input: $input) { email } }', {
      input: { eventId, email: 'pat@example.com', name: 'Pat' },
    });
    const paid = await api.gql(
      api.tokens.crew,
      'mutation($input: LogPaymentInput!) { logPayment(input: $input) { id } }',
      {
        input: {
          idempotencyKey: `hygiene-${Date.now()}`,
          eventId,
          patronEmail: 'pat@example.com',
          amountCents: 1_000,
          method: 'CASH',
        },
      },
    );
    useMailerEnv('http://127.0.0.1:9'); // nothing listens on the discard port
    try {
      const res = await api.gql(
        api.tokens.crew,
        'mutation($e: ID!, $p: ID!) { notifyPatron(eventId: $e, paymentId: $p) { status error } }',
        { e: eventId, p: paid.data!.logPayment.id },
      );
      expect(res.data!.notifyPatron.status).toBe('FAILED');
      expect(res.data!.notifyPatron.error).toMatch(
        /^The receipt could not be sent\. The mail service could not be reached just now: try again/,
      );
      expect(res.data!.notifyPatron.error).not.toMatch(INTERNALS);
    } finally {
      useMailerEnv(stack().sesUrl);
    }
  });

  it('an unreachable database is DynamoDB:ServiceUnavailable, retryable, with no address in the message', async () => {
    const s = stack();
    const down: LocalAppSync = await startAppSync({
      tableName: 'scc-nowhere',
      dynamodbEndpoint: 'http://127.0.0.1:9',
      region: s.region,
      cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
      graphiql: false,
      log: () => undefined,
    });
    try {
      const token = (await signIn(s.users.accounting)).idToken;
      for (const query of [
        '{ paymentsBetween(from: "2031-01-01T00:00:00Z", to: "2031-12-31T00:00:00Z") { items { id } nextToken } }',
        '{ paymentsByEvent(eventId: "2031-07-01-x") { items { id } } }',
      ]) {
        const res = await fetch(down.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as { errors: { errorType: string; errorInfo: unknown; message: string }[] };
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0]).toMatchObject({
          errorType: 'DynamoDB:ServiceUnavailable',
          errorInfo: { retryable: true },
        });
        expect(body.errors[0]!.errorType).toMatch(CONTRACT);
        expect(body.errors[0]!.message).not.toMatch(INTERNALS);
      }
    } finally {
      await down.close();
    }
  });
});
