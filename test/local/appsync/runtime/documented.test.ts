/**
 * AWS's documented examples of the APPSYNC_JS utilities (local/appsync/fixtures/aws-documented.json),
 * each replayed through the path `npm run appsync:evaluate` takes: bundled, linted by AWS's rules,
 * evaluated, and read back from the EvaluateCode response.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  DOCUMENTED_FIXTURES,
  replayFixtures,
  type CaseResult,
  type FixtureCase,
} from '../../../../local/appsync/fixtures';

const cases = (JSON.parse(readFileSync(DOCUMENTED_FIXTURES, 'utf8')) as { cases: FixtureCase[] }).cases;
let results: Map<string, CaseResult>;

beforeAll(async () => {
  results = new Map((await replayFixtures(DOCUMENTED_FIXTURES)).map((r) => [r.case.id, r]));
}, 60_000);

describe('AWS documented examples reproduce exactly', () => {
  it.each(cases.map((c) => [c.id, c.doc, c] as const))('%s (%s)', (_id, _doc, c) => {
    const result = results.get(c.id)!;
    expect(result.response.error).toBeUndefined();
    expect(result.actual).toEqual(c.expected);
    if (c.logs) expect(result.logs).toEqual(c.logs);
  });

  it('covers each utility the issue names', () => {
    expect(new Set(cases.map((c) => c.area))).toEqual(new Set(['xml', 'transform', 'http', 'dynamodb', 'logs', 'rds']));
  });
});
