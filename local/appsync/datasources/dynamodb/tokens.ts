import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * AppSync hands out an opaque, encrypted pagination token (base64 JSON `{"version":…,"token":…}`)
 * rather than DynamoDB's LastEvaluatedKey, and refuses one it did not issue. Locally the key is
 * signed (HMAC) instead of encrypted: opaque enough for clients, and a forged or edited token is
 * refused like AppSync refuses it.
 */
export class PaginationTokens {
  constructor(private readonly secret: string) {}

  encode(lastEvaluatedKey: Record<string, AttributeValue> | undefined): string | null {
    if (!lastEvaluatedKey) return null;
    const token = Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64');
    return Buffer.from(JSON.stringify({ version: 1, token, mac: this.mac(token) })).toString('base64');
  }

  /** The key to resume from, or undefined when the token is not one this server issued. */
  decode(nextToken: string): Record<string, AttributeValue> | undefined {
    try {
      const { token, mac } = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8')) as { token?: unknown; mac?: unknown };
      if (typeof token !== 'string' || typeof mac !== 'string') return undefined;
      const expected = Buffer.from(this.mac(token));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, AttributeValue>;
    } catch {
      return undefined;
    }
  }

  private mac(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('base64url');
  }
}
