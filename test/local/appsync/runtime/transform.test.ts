import { describe, expect, it } from 'vitest';
import { parsed, valueOf } from './support/helpers';

const filter = (source: string) => parsed(`util.transform.toDynamoDBFilterExpression(${source})`);
const condition = (source: string) => parsed(`util.transform.toDynamoDBConditionExpression(${source})`);

describe('util.transform.toDynamoDBFilterExpression', () => {
  it('returns a JSON string, as the reference documents', () => {
    expect(typeof valueOf('util.transform.toDynamoDBFilterExpression({ title: { contains: "Hello World" } })')).toBe(
      'string',
    );
  });

  it.each([
    [
      '{ title: { contains: "Hello World" } }',
      {
        expression: '(contains(#title,:title_contains))',
        expressionNames: { '#title': 'title' },
        expressionValues: { ':title_contains': { S: 'Hello World' } },
      },
    ],
    [
      '{ price: { between: [10, 20] } }',
      {
        expression: '(#price BETWEEN :price_between_start AND :price_between_end)',
        expressionNames: { '#price': 'price' },
        expressionValues: { ':price_between_start': { N: 10 }, ':price_between_end': { N: 20 } },
      },
    ],
    [
      '{ status: { in: ["OPEN", "HELD"] } }',
      {
        expression: '(#status IN (:status_in_0, :status_in_1))',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':status_in_0': { S: 'OPEN' }, ':status_in_1': { S: 'HELD' } },
      },
    ],
    [
      '{ or: [{ title: { beginsWith: "A" } }, { rating: { ge: 4 } }] }',
      {
        expression: '((begins_with(#title,:or_0_title_beginsWith)) OR (#rating >= :or_1_rating_ge))',
        expressionNames: { '#title': 'title', '#rating': 'rating' },
        expressionValues: { ':or_0_title_beginsWith': { S: 'A' }, ':or_1_rating_ge': { N: 4 } },
      },
    ],
    [
      '{ not: { tags: { size: { gt: 2 } } } }',
      {
        expression: '(NOT (size(#tags) > :not_tags_size_gt))',
        expressionNames: { '#tags': 'tags' },
        expressionValues: { ':not_tags_size_gt': { N: 2 } },
      },
    ],
    [
      '{ notes: { attributeType: "string" } }',
      {
        expression: '(attribute_type(#notes,:notes_attributeType))',
        expressionNames: { '#notes': 'notes' },
        expressionValues: { ':notes_attributeType': { S: 'S' } },
      },
    ],
  ])('renders %s', (source, expected) => {
    expect(filter(source)).toEqual(expected);
  });

  it.each(['null', '"text"', '{ v: { foo: 1 } }', '{ and: { a: { eq: 1 } } }', '{ v: { between: [1] } }'])(
    'answers null for a filter AWS cannot render: %s',
    (source) => {
      expect(valueOf(`util.transform.toDynamoDBFilterExpression(${source})`)).toBeNull();
    },
  );
});

describe('util.transform.toDynamoDBConditionExpression', () => {
  it('renders the reference example: attribute_exists beside an equality', () => {
    expect(condition('{ id: { attributeExists: true }, version: { eq: 10 } }')).toEqual({
      expression: '(attribute_exists(#id)) AND (#version = :version_eq)',
      expressionNames: { '#id': 'id', '#version': 'version' },
      expressionValues: { ':version_eq': { N: 10 } },
    });
  });

  it('guards a create with attribute_not_exists', () => {
    expect(condition('{ and: [{ PK: { attributeExists: false } }] }')).toEqual({
      expression: '(attribute_not_exists(#PK))',
      expressionNames: { '#PK': 'PK' },
      expressionValues: {},
    });
  });
});
