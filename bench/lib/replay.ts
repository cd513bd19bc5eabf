import * as DynamoDB from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';

// The identifiers a resolver mints per call (util.autoUlid / util.autoId): replaying a captured
// request needs fresh ones, or its attribute_not_exists conditions fail on the second run.
const ULIDS = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;
const UUIDS = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const IS_ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

type CommandClass = new (input: Record<string, unknown>) => Parameters<DynamoDB.DynamoDBClient['send']>[0];

/**
 * A DynamoDB request captured on the wire (see ddb-proxy.ts), re-sent through the SDK with the
 * same items, minus the ids that must differ each time: the exact request a resolver issues, bare.
 * `alsoFresh` are further strings to replace by fresh ones (e.g. the idempotency key).
 */
export function replayer(client: DynamoDB.DynamoDBClient, operation: string, body: string, alsoFresh: string[] = []) {
  const Command = (DynamoDB as unknown as Record<string, CommandClass | undefined>)[`${operation}Command`];
  if (!Command) throw new Error(`no SDK command for ${operation}`);
  const minted = [...new Set([...(body.match(ULIDS) ?? []), ...(body.match(UUIDS) ?? []), ...alsoFresh])];
  return {
    minted,
    send(): Promise<unknown> {
      let text = body;
      for (const id of minted) text = text.split(id).join(IS_ULID.test(id) ? ulid() : `${crypto.randomUUID()}`);
      const input = JSON.parse(text) as Record<string, unknown>;
      // The SDK fills in a fresh idempotency token for transactions.
      delete input.ClientRequestToken;
      return client.send(new Command(input));
    },
  };
}
