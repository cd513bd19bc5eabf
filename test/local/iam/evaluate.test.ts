import { describe, expect, it } from 'vitest';
import { evaluate, UnsupportedPolicy, wildcardMatch, type PolicyDocument } from '../../../local/iam/evaluate';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/t';
const policy = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: Statement.flat(),
});
const writeEvents = policy({
  Effect: 'Allow',
  Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
  Resource: TABLE,
  Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EVENT#*', 'AUDIT#*'] } },
});
const put = (keys?: string[]) => ({
  action: 'dynamodb:PutItem',
  resource: TABLE,
  ...(keys ? { context: { 'dynamodb:LeadingKeys': keys } } : {}),
});

describe('IAM evaluation of identity-based policies', () => {
  it('denies by default: no statement, or none that matches the action', () => {
    expect(evaluate([], put(['EVENT#1']))).toBe('implicit-deny');
    expect(evaluate([writeEvents], { ...put(['EVENT#1']), action: 'dynamodb:DeleteItem' })).toBe('implicit-deny');
  });

  it('matches actions case-insensitively with wildcards, resources case-sensitively', () => {
    expect(evaluate([policy({ Effect: 'Allow', Action: 'DynamoDB:*Item', Resource: TABLE })], put())).toBe('allow');
    expect(
      evaluate([policy({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE.toUpperCase() })], put()),
    ).toBe('implicit-deny');
    expect(
      evaluate([policy({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: `${TABLE}/index/*` })], {
        action: 'dynamodb:Query',
        resource: `${TABLE}/index/GSI2`,
      }),
    ).toBe('allow');
    expect(
      evaluate([policy({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: TABLE })], {
        action: 'dynamodb:Query',
        resource: `${TABLE}/index/GSI2`,
      }),
    ).toBe('implicit-deny');
  });

  it('ForAllValues:StringLike on LeadingKeys: every key must match a pattern', () => {
    expect(evaluate([writeEvents], put(['EVENT#2026-06-01-sail']))).toBe('allow');
    expect(evaluate([writeEvents], put(['EVENT#1', 'AUDIT#EVENT#1']))).toBe('allow');
    expect(evaluate([writeEvents], put(['EVENT#1', 'WAIVERTEXT#ab']))).toBe('implicit-deny');
    expect(evaluate([writeEvents], put(['WAIVERTEXT#ab']))).toBe('implicit-deny');
  });

  it('ForAllValues is true when the request has no such key, ForAnyValue false', () => {
    expect(evaluate([writeEvents], put())).toBe('allow');
    const any = policy({
      Effect: 'Allow',
      Action: 'dynamodb:PutItem',
      Resource: TABLE,
      Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['TEAM'] } },
    });
    expect(evaluate([any], put())).toBe('implicit-deny');
    expect(evaluate([any], put(['TEAM', 'X']))).toBe('allow');
  });

  it('ForAllValues:StringEquals matches exactly, with no wildcard', () => {
    const team = policy({
      Effect: 'Allow',
      Action: 'dynamodb:UpdateItem',
      Resource: TABLE,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['TEAM', 'AUDIT#TEAM'] } },
    });
    const update = (k: string) => ({
      action: 'dynamodb:UpdateItem',
      resource: TABLE,
      context: { 'dynamodb:LeadingKeys': [k] },
    });
    expect(evaluate([team], update('TEAM'))).toBe('allow');
    expect(evaluate([team], update('TEAM#x'))).toBe('implicit-deny');
    expect(
      evaluate(
        [
          policy({
            Effect: 'Allow',
            Action: 'dynamodb:UpdateItem',
            Resource: TABLE,
            Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['EVENT#*'] } },
          }),
        ],
        update('EVENT#1'),
      ),
    ).toBe('implicit-deny');
  });

  it('an explicit Deny wins over any Allow', () => {
    const deny = policy({
      Effect: 'Deny',
      Action: 'dynamodb:*',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
    });
    expect(evaluate([writeEvents, deny], put(['AUDIT#EVENT#1']))).toBe('explicit-deny');
    expect(evaluate([writeEvents, deny], put(['EVENT#1']))).toBe('allow');
  });

  it('NotAction and NotResource match everything but what they name', () => {
    const allBut = policy({ Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', NotResource: `${TABLE}/index/*` });
    expect(evaluate([allBut], put())).toBe('allow');
    expect(evaluate([allBut], { action: 'dynamodb:DeleteItem', resource: TABLE })).toBe('implicit-deny');
    expect(evaluate([allBut], { action: 'dynamodb:Query', resource: `${TABLE}/index/GSI1` })).toBe('implicit-deny');
  });

  it('a plain operator on an absent key is false, unless IfExists', () => {
    const from = (op: string) =>
      policy({
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: '*',
        Condition: { [op]: { 'ses:FromAddress': 'bookings@example.com' } },
      });
    const send = (context?: Record<string, string>) => ({
      action: 'ses:SendEmail',
      resource: 'arn:aws:ses:us-east-1:0:identity/x',
      context,
    });
    expect(evaluate([from('StringEquals')], send({ 'ses:FromAddress': 'bookings@example.com' }))).toBe('allow');
    expect(evaluate([from('StringEquals')], send({ 'ses:FromAddress': 'other@example.com' }))).toBe('implicit-deny');
    expect(evaluate([from('StringEquals')], send())).toBe('implicit-deny');
    expect(evaluate([from('StringEqualsIfExists')], send())).toBe('allow');
  });

  it('refuses to judge what it does not know, rather than guess', () => {
    const odd = policy({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
    });
    expect(() => evaluate([odd], put())).toThrow(UnsupportedPolicy);
  });

  it('wildcards: * any run, ? one character, nothing else special', () => {
    expect(wildcardMatch('EVENT#*', 'EVENT#')).toBe(true);
    expect(wildcardMatch('A?C', 'ABC')).toBe(true);
    expect(wildcardMatch('A?C', 'AC')).toBe(false);
    expect(wildcardMatch('a.c', 'abc')).toBe(false);
  });
});
