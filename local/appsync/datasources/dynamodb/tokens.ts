import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AppSync hands out an opaque, encrypted pagination token (base64 JSON `{"version":…,"token":…}`)
 * rather than DynamoDB's LastEvaluatedKey, and refuses one it did not issue. Locally the same:
 * the key is sealed with AES-256-GCM (authenticated, so an edited or forged token fails to open and
 * is refused), so a client sees neither the table's keys nor the values in them (emails, dates).
 */
export class PaginationTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(secret).digest();
  }

  encode(lastEvaluatedKey: Record<string, AttributeValue> | undefined): string | null {
    if (!lastEvaluatedKey) return null;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([
      iv,
      cipher.update(JSON.stringify(lastEvaluatedKey), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return Buffer.from(JSON.stringify({ version: 2, token: sealed.toString('base64') })).toString('base64');
  }

  /** The key to resume from, or undefined when the token is not one this server issued. */
  decode(nextToken: string): Record<string, AttributeValue> | undefined {
    try {
      const { token } = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8')) as { token?: unknown };
      if (typeof token !== 'string') return undefined;
      const sealed = Buffer.from(token, 'base64');
      if (sealed.length <= IV_BYTES + TAG_BYTES) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8')) as Record<string, AttributeValue>;
    } catch {
      return undefined;
    }
  }
}
