/**
 * `util.dynamodb`: plain values to DynamoDB attribute values, as APPSYNC_JS produces them.
 * AWS keeps numbers as JSON numbers (`{ N: 12345 }`, `{ NS: [1, 2] }`), not strings: the data
 * source converts them when it talks to DynamoDB. This code runs inside the resolver's vm.
 */

export type AttributeValue = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValues(value as Record<string, unknown>) };
  return { S: String(value) };
}

export function toMapValues(map: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (!isPlainObject(map)) return out;
  for (const key of Object.keys(map)) {
    if (map[key] !== undefined) out[key] = toDynamoDB(map[key]);
  }
  return out;
}

interface S3Object {
  key: string;
  bucket: string;
  region: string;
  version?: string;
}

function toS3Object(key: string, bucket: string, region: string, version?: string): AttributeValue {
  const s3: S3Object = { key, bucket, region };
  if (version !== undefined) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

function fromS3ObjectJson(json: string): unknown {
  const parsed = JSON.parse(json) as { s3?: S3Object };
  return parsed.s3 ?? null;
}

export const dynamodbUtil = {
  toDynamoDB,
  toMapValues,
  toString: (value: string) => ({ S: value }),
  toStringSet: (values: string[]) => ({ SS: values }),
  toNumber: (value: number) => ({ N: value }),
  toNumberSet: (values: number[]) => ({ NS: values }),
  toBinary: (value: string) => ({ B: value }),
  toBinarySet: (values: string[]) => ({ BS: values }),
  toBoolean: (value: boolean) => ({ BOOL: value }),
  toNull: () => ({ NULL: null }),
  toList: (values: unknown[]) => ({ L: (values ?? []).map(toDynamoDB) }),
  toMap: (map: Record<string, unknown>) => ({ M: toMapValues(map) }),
  toS3Object,
  fromS3ObjectJson,
};
