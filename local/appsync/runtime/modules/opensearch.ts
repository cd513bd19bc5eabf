/**
 * `util.transform.toElasticsearchQueryDSL`: a filter object to OpenSearch Query DSL, returned as
 * a JSON string. AWS documents one example (two fields with two operators each); its shape fixes
 * the rules: each field's operators are ANDed in a `bool.must`, the fields are ANDed in an outer
 * `bool.must`, `ne` is a `must_not` term and `range: [a, b]` is `gte`/`lte`. `and`, `or` and `not`
 * are `must`, `should` and `must_not`. Runs inside the resolver's vm.
 */
import { isPlainObject } from './values';

type Query = Record<string, unknown>;

/** Thrown for an input AWS cannot render; caught at the entry point. */
class Unrenderable {}

function operator(field: string, op: string, operand: unknown): Query {
  switch (op) {
    case 'eq':
      return { term: { [field]: operand } };
    case 'ne':
      return { bool: { must_not: { term: { [field]: operand } } } };
    case 'match':
      return { match: { [field]: operand } };
    case 'matchPhrase':
      return { match_phrase: { [field]: operand } };
    case 'matchPhrasePrefix':
      return { match_phrase_prefix: { [field]: operand } };
    case 'multiMatch':
      return { multi_match: { ...(isPlainObject(operand) ? operand : { query: operand }), fields: [field] } };
    case 'wildcard':
      return { wildcard: { [field]: operand } };
    case 'regexp':
      return { regexp: { [field]: operand } };
    case 'exists':
      if (typeof operand !== 'boolean') throw new Unrenderable();
      return operand ? { exists: { field } } : { bool: { must_not: { exists: { field } } } };
    case 'range':
      if (!Array.isArray(operand) || operand.length !== 2) throw new Unrenderable();
      return { range: { [field]: { gte: operand[0], lte: operand[1] } } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { range: { [field]: { [op]: operand } } };
    default:
      throw new Unrenderable();
  }
}

function must(queries: Query[]): Query {
  return queries.length === 1 ? queries[0] : { bool: { must: queries } };
}

function render(filter: unknown): Query {
  if (!isPlainObject(filter)) throw new Unrenderable();
  const parts: Query[] = [];
  for (const key of Object.keys(filter)) {
    const value = filter[key];
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new Unrenderable();
      parts.push({ bool: { [key === 'and' ? 'must' : 'should']: value.map(render) } });
    } else if (key === 'not') {
      parts.push({ bool: { must_not: render(value) } });
    } else {
      if (!isPlainObject(value)) throw new Unrenderable();
      parts.push(must(Object.keys(value).map((op) => operator(key, op, value[op]))));
    }
  }
  if (parts.length === 0) throw new Unrenderable();
  return must(parts);
}

/** The Query DSL as a JSON string; null for an input AWS cannot render. */
export function toElasticsearchQueryDSL(filter: unknown): string | null {
  try {
    return JSON.stringify(render(filter));
  } catch (error) {
    if (error instanceof Unrenderable) return null;
    throw error;
  }
}
