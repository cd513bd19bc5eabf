/**
 * AppSync's own scalars (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html), validated
 * on input (variables and literals) and output as AppSync validates them.
 *
 * Hand-written rather than taken from `graphql-scalars`: that library's DateTime/EmailAddress/… follow
 * other specs (e.g. its DateTime normalises to a Date, its Date refuses offsets), whereas AppSync's
 * rules are specific: AWSDate and AWSTime take an optional offset, AWSDateTime requires one, offsets
 * may carry seconds, AWSJSON reaches resolvers parsed. Phone numbers use libphonenumber (as AWS does).
 */
import net from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isValidPhoneNumber } from 'libphonenumber-js';

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const DATE = '(\\d{4})-(\\d{2})-(\\d{2})';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?';

const DATE_RE = new RegExp(`^${DATE}${OFFSET}?$`);
const TIME_RE = new RegExp(`^${TIME}${OFFSET}?$`);
const DATETIME_RE = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);
// RFC 822-ish, as AppSync documents: a local part, '@', a dotted domain.
const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
}

function validTime(h: string, min: string, s: string | undefined): boolean {
  return Number(h) <= 23 && Number(min) <= 59 && (s === undefined || Number(s) <= 59);
}

export const isAwsDate = (v: string) => {
  const m = DATE_RE.exec(v);
  return !!m && validDate(m[1], m[2], m[3]);
};
export const isAwsTime = (v: string) => {
  const m = TIME_RE.exec(v);
  return !!m && validTime(m[1], m[2], m[3]);
};
export const isAwsDateTime = (v: string) => {
  const m = DATETIME_RE.exec(v);
  return !!m && validDate(m[1], m[2], m[3]) && validTime(m[4], m[5], m[6]);
};
export const isAwsEmail = (v: string) => v.length <= 254 && EMAIL_RE.test(v);
export const isAwsUrl = (v: string) => {
  try {
    const url = new URL(v);
    // AppSync wants a scheme and something after it ("http://x", "mailto:a@b").
    return url.protocol.length > 1 && v.length > url.protocol.length;
  } catch {
    return false;
  }
};
export const isAwsPhone = (v: string) => /^\+?[\d\s-]+$/.test(v) && isValidPhoneNumber(v, 'US');
export const isAwsIpAddress = (v: string) => {
  const [addr, prefix, ...rest] = v.split('/');
  const family = net.isIP(addr);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

interface StringScalar {
  name: string;
  description: string;
  test: (v: string) => boolean;
  /** AppSync's wording: "Unable to parse `x` as a valid <what>." */
  what: string;
}

const STRING_SCALARS: StringScalar[] = [
  {
    name: 'AWSDate',
    description: 'An extended ISO 8601 date (YYYY-MM-DD), optional offset.',
    test: isAwsDate,
    what: 'Date',
  },
  {
    name: 'AWSTime',
    description: 'An extended ISO 8601 time (hh:mm:ss.sss), optional offset.',
    test: isAwsTime,
    what: 'Time',
  },
  {
    name: 'AWSDateTime',
    description: 'An extended ISO 8601 date and time with offset.',
    test: isAwsDateTime,
    what: 'DateTime',
  },
  { name: 'AWSEmail', description: 'An email address (RFC 822).', test: isAwsEmail, what: 'Email Address' },
  { name: 'AWSURL', description: 'A URL with a scheme (RFC 1738).', test: isAwsUrl, what: 'URL' },
  {
    name: 'AWSPhone',
    description: 'A phone number; without country code, NANP.',
    test: isAwsPhone,
    what: 'phone number',
  },
  {
    name: 'AWSIPAddress',
    description: 'An IPv4 or IPv6 address, optionally with a CIDR prefix.',
    test: isAwsIpAddress,
    what: 'IP address',
  },
];

const literalText = (node: ValueNode) => (node.kind === Kind.STRING ? node.value : print(node));

function stringScalar({ name, description, test, what }: StringScalar): GraphQLScalarType {
  const check = (value: unknown, parsing: boolean): string => {
    if (typeof value !== 'string' || !test(value)) {
      const verb = parsing ? 'parse' : 'serialize';
      throw new GraphQLError(
        `Unable to ${verb} \`${String(typeof value === 'object' ? JSON.stringify(value) : value)}\` as a valid ${what}.`,
      );
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => check(v, false),
    parseValue: (v) => check(v, true),
    parseLiteral: (node) => {
      if (node.kind !== Kind.STRING)
        throw new GraphQLError(`Unable to parse \`${literalText(node)}\` as a valid ${what}.`);
      return check(node.value, true);
    },
  });
}

/** Seconds since the epoch; AppSync takes an Int (and a numeric string literal is refused). */
const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds since 1970-01-01T00:00Z.',
  serialize: (v) => {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    throw new GraphQLError(`Unable to serialize \`${String(v)}\` as a valid timestamp.`);
  },
  parseValue: (v) => {
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    throw new GraphQLError(`Unable to parse \`${String(v)}\` as a valid timestamp.`);
  },
  parseLiteral: (node) => {
    if (node.kind === Kind.INT) return Number(node.value);
    throw new GraphQLError(`Unable to parse \`${literalText(node)}\` as a valid timestamp.`);
  },
});

/**
 * AWSJSON: a string holding JSON on the wire. Resolvers see it parsed (maps, lists, scalars), as
 * AppSync documents; a resolver may return either a value (serialized here) or a JSON string.
 */
const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON string; resolvers receive it parsed.',
  serialize: (v) => (typeof v === 'string' ? v : JSON.stringify(v)),
  parseValue: (v) => {
    if (typeof v !== 'string') throw new GraphQLError(`Unable to parse \`${JSON.stringify(v)}\` as valid JSON.`);
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw new GraphQLError(`Unable to parse \`${v}\` as valid JSON.`);
    }
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw new GraphQLError(`Unable to parse \`${literalText(node)}\` as valid JSON.`);
    try {
      return JSON.parse(node.value) as unknown;
    } catch {
      throw new GraphQLError(`Unable to parse \`${node.value}\` as valid JSON.`);
    }
  },
});

export const AWS_SCALARS: readonly GraphQLScalarType[] = [...STRING_SCALARS.map(stringScalar), AWSTimestamp, AWSJSON];
