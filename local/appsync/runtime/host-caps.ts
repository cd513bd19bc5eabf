/**
 * Node-side capabilities of the in-vm utils: ids, randomness, base64, and Java-pattern date
 * formatting. AppSync's time utils take java.time DateTimeFormatter patterns, so we use js-joda,
 * a port of java.time, instead of approximating the pattern language by hand.
 */
import { randomFillSync, randomUUID } from 'node:crypto';
import { DateTimeFormatter, Instant, LocalDate, LocalDateTime, ZoneId, ZonedDateTime, ZoneOffset } from '@js-joda/core';
import '@js-joda/timezone';
import '@js-joda/locale_en-us';
import { Locale } from '@js-joda/locale';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import KSUID from 'ksuid';
import { ulid } from 'ulid';
import type { HostCaps } from './modules/host';

/** Patterns come from resolver code, possibly from a request's arguments: the cache is capped. */
export const MAX_FORMATTERS = 256;
const formatters = new Map<string, DateTimeFormatter>();
export const cachedFormatters = (): number => formatters.size;

function formatter(pattern: string): DateTimeFormatter {
  let cached = formatters.get(pattern);
  if (!cached) {
    cached = DateTimeFormatter.ofPattern(pattern).withLocale(Locale.US);
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
    formatters.set(pattern, cached);
  }
  return cached;
}

function zoneOf(zone?: string): ZoneId {
  return zone ? ZoneId.of(zone) : ZoneOffset.UTC;
}

function formatTime(millis: number, pattern: string, zone?: string): string {
  return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zoneOf(zone)).format(formatter(pattern));
}

/** A pattern may carry a zone, a date-time without one, or only a date: try them in that order. */
function parseTime(text: string, pattern: string, zone?: string): number {
  const fmt = formatter(pattern);
  const attempts = [
    () => ZonedDateTime.parse(text, fmt),
    () => LocalDateTime.parse(text, fmt).atZone(zoneOf(zone)),
    () => LocalDate.parse(text, fmt).atStartOfDay(zoneOf(zone)),
  ];
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return attempt().toInstant().toEpochMilli();
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`Unable to parse '${text}' with format '${pattern}': ${(lastError as Error).message}`);
}

function parseISO8601(text: string): number {
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) throw new Error(`Unable to parse '${text}' as ISO-8601`);
  return millis;
}

/**
 * AppSync's XML reading, as its reference shows it: the declaration is dropped, numbers become
 * numbers, an element that repeats becomes a list, attributes are plain keys beside the children
 * and an element's text beside attributes is `content`. fast-xml-parser does each of these by
 * configuration.
 */
const xmlParser = new XMLParser({
  ignoreDeclaration: true,
  ignorePiTags: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: 'content',
  parseTagValue: true,
  parseAttributeValue: true,
  trimValues: true,
});

function xmlToJson(xml: string): string {
  if (XMLValidator.validate(xml) !== true) return 'null';
  return JSON.stringify(xmlParser.parse(xml));
}

/**
 * ulid's own PRNG asks the CSPRNG for one byte per character (16 calls and a fresh array per id,
 * about a third of logPayment.write's request handler); the same bytes drawn from a pooled buffer,
 * as Node's randomUUID pools its own. Each byte is used once; byte / 256 is uniform over ulid's
 * 32 characters.
 */
const randomPool = Buffer.alloc(4096);
let poolAt = randomPool.length;
function pooledRandom(): number {
  if (poolAt === randomPool.length) {
    randomFillSync(randomPool);
    poolAt = 0;
  }
  return randomPool[poolAt++]! / 256;
}

export function createHostCaps(now: () => number = Date.now): HostCaps {
  return {
    autoId: () => randomUUID(),
    autoUlid: () => ulid(now(), pooledRandom),
    autoKsuid: () => KSUID.randomSync(now()).string,
    randomDouble: () => Math.random(),
    base64Encode: (text) => Buffer.from(text, 'utf8').toString('base64'),
    base64Decode: (base64) => Buffer.from(base64, 'base64').toString('utf8'),
    nowMillis: now,
    formatTime,
    parseTime,
    parseISO8601,
    xmlToJson,
  };
}
