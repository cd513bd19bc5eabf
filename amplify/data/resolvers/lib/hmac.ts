import { util } from '@aws-appsync/utils';

/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4) for APPSYNC_JS, which has no crypto module: page tokens
 * are signed with it (page.ts). Hand-written because no library runs under APPSYNC_JS's rules
 * (no `for(;;)`, `while`, `++`, `~`, classes, or passing functions); checked against Node's crypto
 * in test/local/appsync/runtime/hmac.test.ts. Text is hashed as its UTF-8 bytes, got through
 * util.base64Encode so that no string method beyond indexOf is needed.
 */
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';

const I64 = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
  32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
  61, 62, 63,
];

/** 0 … n-1 (n at most 4096, 256 KB of text), for the only loops APPSYNC_JS has (for-of). */
function indices(n: number): number[] {
  if (n <= 64) return I64.slice(0, n);
  const out: number[] = [];
  for (const high of I64) {
    for (const low of I64) {
      if (high * 64 + low < n) out.push(high * 64 + low);
    }
  }
  return out;
}

function utf8(text: string): number[] {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of util.base64Encode(text).split('')) {
    if (ch !== '=') {
      acc = (acc << 6) | B64.indexOf(ch);
      bits = bits + 6;
      if (bits >= 8) {
        bits = bits - 8;
        bytes.push((acc >>> bits) & 0xff);
        acc = acc & ((1 << bits) - 1);
      }
    }
  }
  return bytes;
}

const rotr = (x: number, n: number) => ((x >>> n) | (x << (32 - n))) >>> 0;

function sha256(message: number[]): number[] {
  const bytes = message.slice();
  bytes.push(0x80);
  for (const _ of indices((120 - (bytes.length % 64)) % 64)) bytes.push(0);
  const bitsHigh = Math.floor((message.length * 8) / 0x100000000);
  const bitsLow = (message.length * 8) >>> 0;
  for (const word of [bitsHigh, bitsLow]) {
    for (const shift of [24, 16, 8, 0]) bytes.push((word >>> shift) & 0xff);
  }
  const h = H0.slice();
  for (const block of indices(bytes.length / 64)) {
    const w: number[] = [];
    for (const t of indices(64)) {
      if (t < 16) {
        const o = block * 64 + t * 4;
        w.push(((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0);
      } else {
        const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w.push((w[t - 16] + s0 + w[t - 7] + s1) >>> 0);
      }
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (const t of indices(64)) {
      const t1 =
        (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ ((e ^ 0xffffffff) & g)) + K[t] + w[t]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const added = [a, b, c, d, e, f, g, hh];
    for (const i of indices(8)) h[i] = (h[i] + added[i]) >>> 0;
  }
  const out: number[] = [];
  for (const word of h) {
    for (const shift of [24, 16, 8, 0]) out.push((word >>> shift) & 0xff);
  }
  return out;
}

/** HMAC-SHA256 of `text` under `key`, as lowercase hex. */
export function hmacSha256Hex(key: string, text: string): string {
  let k = utf8(key);
  if (k.length > 64) k = sha256(k);
  const inner: number[] = [];
  const outer: number[] = [];
  for (const i of indices(64)) {
    const byte = i < k.length ? k[i] : 0;
    inner.push(byte ^ 0x36);
    outer.push(byte ^ 0x5c);
  }
  const digest = sha256(outer.concat(sha256(inner.concat(utf8(text)))));
  let hex = '';
  for (const byte of digest) hex = hex + HEX.charAt(byte >>> 4) + HEX.charAt(byte & 15);
  return hex;
}
