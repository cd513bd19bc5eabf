import { createHmac } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadResolver } from '../../../../local/appsync/runtime';

const resolver = () => loadResolver(path.resolve(import.meta.dirname, 'fixtures/hmac.ts'));

async function appsyncHmac(key: string, text: string): Promise<string> {
  const out = await (await resolver()).run('request', { arguments: { key, text } });
  if (out.error) throw new Error(out.error.message);
  return (out.value as { payload: string }).payload;
}

const nodeHmac = (key: string, text: string) =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(text, 'utf8').digest('hex');

describe("HMAC-SHA256 in APPSYNC_JS (the page tokens' signature)", () => {
  it('matches RFC 4231 test case 2', async () => {
    expect(await appsyncHmac('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it("matches Node's crypto for any key and text: empty, long (past one block and the 64-byte key), non-ASCII", async () => {
    const samples: Array<[string, string]> = [
      ['', ''],
      ['k'.repeat(64), 'x'.repeat(55)],
      ['k'.repeat(100), 'y'.repeat(56)],
      ['clé', 'Zoë ⛵ 🐳'],
      ['s', 'z'.repeat(5000)],
    ];
    for (const [key, text] of samples)
      expect(await appsyncHmac(key, text), `${key.length}/${text.length}`).toBe(nodeHmac(key, text));
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.string({ maxLength: 300 }), async (key, text) => {
        expect(await appsyncHmac(key, text)).toBe(nodeHmac(key, text));
      }),
      { numRuns: 60 },
    );
  });
});
