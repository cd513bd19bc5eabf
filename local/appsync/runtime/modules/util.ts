/**
 * The `util` object of `@aws-appsync/utils`, limited to what AWS's typings declare for
 * APPSYNC_JS (VTL-only helpers such as isNull or defaultIfNull do not exist there, so a resolver
 * using them fails on AWS and must fail here too). Runs inside the resolver's vm.
 */
import { authTypeOf } from './auth-type';
import type { CallState, HostCaps } from './host';
import { Signal, errorPayload } from './signals';
import { toJsonObject } from './rds';
import { transformUtil } from './transform';
import { dynamodbUtil } from './values';

/** Apache Commons' escapeEcmaScript, which AppSync's escapeJavaScript follows. */
function escapeJavaScript(value: string): string {
  const named: Record<string, string> = {
    "'": "\\'",
    '"': '\\"',
    '\\': '\\\\',
    '/': '\\/',
    '\b': '\\b',
    '\n': '\\n',
    '\t': '\\t',
    '\f': '\\f',
    '\r': '\\r',
  };
  let out = '';
  for (const char of String(value)) {
    const code = char.charCodeAt(0);
    if (named[char]) out += named[char];
    else if (code < 0x20 || code > 0x7e) {
      // Astral characters are escaped as their two UTF-16 halves, as Java strings hold them.
      for (let i = 0; i < char.length; i += 1)
        out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += char;
  }
  return out;
}

/** java.net.URLEncoder (UTF-8): space as '+', only `.-*_` left bare among punctuation. */
function urlEncode(value: string): string {
  return encodeURIComponent(String(value))
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** util.http.copyHeaders' restricted headers, as AWS's reference lists them. */
const RESTRICTED_HEADERS = [
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
];

function urlDecode(value: string): string {
  return decodeURIComponent(String(value).replace(/\+/g, ' '));
}

export function createUtil(host: HostCaps, current: () => CallState) {
  const time = {
    nowISO8601: () => new Date(host.nowMillis()).toISOString(),
    nowEpochSeconds: () => Math.floor(host.nowMillis() / 1000),
    nowEpochMilliSeconds: () => host.nowMillis(),
    nowFormatted: (format: string, zone?: string) => host.formatTime(host.nowMillis(), format, zone),
    parseFormattedToEpochMilliSeconds: (text: string, format: string, zone?: string) =>
      host.parseTime(text, format, zone),
    parseISO8601ToEpochMilliSeconds: (text: string) => host.parseISO8601(text),
    epochMilliSecondsToSeconds: (millis: number) => Math.floor(millis / 1000),
    epochMilliSecondsToISO8601: (millis: number) => new Date(millis).toISOString(),
    epochMilliSecondsToFormatted: (millis: number, format: string, zone?: string) =>
      host.formatTime(millis, format, zone),
  };

  const math = {
    roundNum: (n: number) => Math.round(n),
    minVal: (a: number, b: number) => Math.min(a, b),
    maxVal: (a: number, b: number) => Math.max(a, b),
    randomDouble: () => host.randomDouble(),
    randomWithinRange: (start: number, end: number) => Math.floor(host.randomDouble() * (end - start + 1)) + start,
  };

  const str = {
    normalize: (value: string, form: string) => String(value).normalize(String(form).toUpperCase()),
  };

  const http = {
    /**
     * The headers of the map without the ones AWS's reference lists as restricted (hop-by-hop
     * headers, host, expect, content-length); `authorization` is not among them and is kept.
     */
    copyHeaders: (headers: Record<string, string>) => {
      const out: Record<string, string> = {};
      for (const key of Object.keys(headers ?? {}))
        if (!RESTRICTED_HEADERS.includes(key.toLowerCase())) out[key] = headers[key];
      return out;
    },
    addResponseHeader: () => undefined,
    addResponseHeaders: () => undefined,
  };

  const xml = {
    toMap: (text: string) => JSON.parse(host.xmlToJson(String(text))) as unknown,
    /** With `stringEncode`, the JSON string is itself JSON-encoded (escaped and quoted). */
    toJsonString: (text: string, stringEncode?: boolean) => {
      const json = host.xmlToJson(String(text));
      return stringEncode ? JSON.stringify(json) : json;
    },
  };

  return {
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode: (text: string) => host.base64Encode(String(text)),
    base64Decode: (base64: string) => host.base64Decode(String(base64)),
    autoId: () => host.autoId(),
    autoUlid: () => host.autoUlid(),
    autoKsuid: () => host.autoKsuid(),
    unauthorized: (): never => {
      throw new Signal('error', errorPayload('Unauthorized', 'Unauthorized'));
    },
    error: (message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never => {
      throw new Signal('error', errorPayload(message, errorType, data, errorInfo));
    },
    appendError: (message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void => {
      current().appendedErrors.push(errorPayload(message, errorType, data, errorInfo));
    },
    /** Java's String.matches: the pattern must match the whole value. */
    matches: (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(String(value)),
    authType: () => current().authType ?? authTypeOf(current().identity),
    time,
    dynamodb: dynamodbUtil,
    transform: transformUtil,
    math,
    str,
    http,
    xml,
    rds: { toJsonObject },
  };
}
