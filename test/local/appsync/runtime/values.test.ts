import { describe, expect, it } from 'vitest';
import { valueOf } from './support/helpers';

// The examples of AWS's util.dynamodb reference (numbers stay JSON numbers in APPSYNC_JS).
const CASES: [string, unknown][] = [
  ['util.dynamodb.toDynamoDB("foo")', { S: 'foo' }],
  ['util.dynamodb.toDynamoDB(12345)', { N: 12345 }],
  ['util.dynamodb.toDynamoDB(true)', { BOOL: true }],
  ['util.dynamodb.toDynamoDB(null)', { NULL: null }],
  [
    'util.dynamodb.toDynamoDB(["foo", 123, { bar: "baz" }])',
    { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] },
  ],
  [
    'util.dynamodb.toDynamoDB({ foo: "bar", baz: 1234, beep: ["boop"] })',
    { M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } },
  ],
  ['util.dynamodb.toString("foo")', { S: 'foo' }],
  ['util.dynamodb.toStringSet(["foo", "bar", "baz"])', { SS: ['foo', 'bar', 'baz'] }],
  ['util.dynamodb.toNumber(12345)', { N: 12345 }],
  ['util.dynamodb.toNumberSet([1, 23, 4.56])', { NS: [1, 23, 4.56] }],
  ['util.dynamodb.toBinary("foo")', { B: 'foo' }],
  ['util.dynamodb.toBinarySet(["foo", "bar", "baz"])', { BS: ['foo', 'bar', 'baz'] }],
  ['util.dynamodb.toBoolean(true)', { BOOL: true }],
  ['util.dynamodb.toNull()', { NULL: null }],
  [
    'util.dynamodb.toList(["foo", 123, { bar: "baz" }])',
    { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] },
  ],
  [
    'util.dynamodb.toMap({ foo: "bar", baz: 1234, beep: ["boop"] })',
    { M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } },
  ],
  [
    'util.dynamodb.toMapValues({ foo: "bar", baz: 1234, beep: ["boop"] })',
    { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
  ],
  ['util.dynamodb.toS3Object("foo", "bar", "baz")', { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' }],
  [
    'util.dynamodb.toS3Object("foo", "bar", "baz", "beep")',
    { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' },
  ],
];

describe('util.dynamodb', () => {
  it.each(CASES)('%s', (expression, expected) => {
    expect(valueOf(expression)).toEqual(expected);
  });

  it('drops undefined members from a map, as JSON would', () => {
    expect(valueOf('util.dynamodb.toMapValues({ a: 1, b: undefined })')).toEqual({ a: { N: 1 } });
  });
});
