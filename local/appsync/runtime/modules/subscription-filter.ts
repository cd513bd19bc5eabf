/**
 * AppSync's enhanced subscription filters: `util.transform.toSubscriptionFilter` (runs inside the
 * resolver's vm) and, for the real-time server, the validation and evaluation of the
 * `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }` object it produces.
 *
 * toSubscriptionFilter turns a filter map into disjunctive normal form: every operator of a field,
 * every member of an `or` and every rule is an alternative, and the alternatives multiply out in
 * key order (the first key varies slowest), as AWS's EvaluateCode answers do. Operators are carried
 * through unchecked; `not` is a field name there, not a negation. Anything but a plain object
 * answers null.
 */
import { isPlainObject } from './values';

export interface SubscriptionFilterRule {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterRule[] }[];
}

type Alternatives = SubscriptionFilterRule[][];

/** Each combination of one alternative from every part, concatenated in order. */
function product(parts: Alternatives[]): Alternatives {
  return parts.reduce<Alternatives>(
    (groups, part) => groups.flatMap((group) => part.map((alternative) => [...group, ...alternative])),
    [[]],
  );
}

function fieldAlternatives(fieldName: string, operators: unknown): Alternatives {
  if (!isPlainObject(operators)) return [];
  return Object.keys(operators).map((operator) => [{ fieldName, operator, value: operators[operator] }]);
}

function alternatives(filter: Record<string, unknown>, ignored: readonly unknown[]): Alternatives {
  const parts = Object.keys(filter).flatMap((key): Alternatives[] => {
    const value = filter[key];
    if (key === 'and' || key === 'or') {
      const members = Array.isArray(value)
        ? value.filter(isPlainObject).map((member) => alternatives(member, ignored))
        : [];
      // An `or` member emptied by ignored fields offers nothing, rather than matching everything.
      return key === 'and' ? [product(members)] : [members.flat().filter((group) => group.length > 0)];
    }
    if (ignored.includes(key)) return [];
    return [fieldAlternatives(key, value)];
  });
  return product(parts);
}

export function toSubscriptionFilter(
  filter: unknown,
  ignoredFields?: unknown,
  rules?: unknown,
): SubscriptionFilter | null {
  if (!isPlainObject(filter)) return null;
  const ignored = Array.isArray(ignoredFields) ? ignoredFields : [];
  let groups = alternatives(filter, ignored);
  if (isPlainObject(rules) && Object.keys(rules).length > 0) {
    groups = product([groups, Object.keys(rules).flatMap((key) => fieldAlternatives(key, rules[key]))]);
  }
  return { filterGroup: groups.filter((group) => group.length > 0).map((filters) => ({ filters })) };
}

// ---- The real-time server's side: what a filter may hold, and whether a payload passes it. ----

/** AWS's documented limits for enhanced filters (real-time enhanced filtering, lambda-appsync's checks). */
export const FILTER_LIMITS = { groups: 10, filtersPerGroup: 5, listOperands: 5, containsAny: 20, depth: 5 } as const;

const OPERATORS = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'attributeExists',
  'containsAny',
]);

/** Why AppSync would refuse this filter object, or null when it is well formed. */
export function filterProblem(filter: unknown): string | null {
  if (!isPlainObject(filter) || !Array.isArray(filter.filterGroup)) return 'the filter has no filterGroup list';
  if (filter.filterGroup.length > FILTER_LIMITS.groups)
    return `a filter holds at most ${FILTER_LIMITS.groups} filter groups`;
  for (const group of filter.filterGroup) {
    if (!isPlainObject(group) || !Array.isArray(group.filters) || group.filters.length === 0)
      return 'each filter group needs a non-empty filters list';
    if (group.filters.length > FILTER_LIMITS.filtersPerGroup)
      return `a filter group holds at most ${FILTER_LIMITS.filtersPerGroup} filters`;
    for (const rule of group.filters) {
      if (!isPlainObject(rule) || typeof rule.fieldName !== 'string' || rule.fieldName === '')
        return 'each filter needs a fieldName';
      if (rule.fieldName.split('.').length > FILTER_LIMITS.depth)
        return `${rule.fieldName}: fields nest at most ${FILTER_LIMITS.depth} levels`;
      const operator = String(rule.operator);
      if (!OPERATORS.has(operator)) return `${rule.fieldName}: unknown operator ${operator}`;
      const list = Array.isArray(rule.value) ? rule.value : null;
      if ((operator === 'in' || operator === 'notIn') && (list === null || list.length > FILTER_LIMITS.listOperands))
        return `${rule.fieldName}: ${operator} takes a list of at most ${FILTER_LIMITS.listOperands} values`;
      if (operator === 'containsAny' && (list === null || list.length > FILTER_LIMITS.containsAny))
        return `${rule.fieldName}: containsAny takes a list of at most ${FILTER_LIMITS.containsAny} values`;
      if (operator === 'between' && (list === null || list.length !== 2))
        return `${rule.fieldName}: between takes two values`;
      if (operator === 'attributeExists' && typeof rule.value !== 'boolean')
        return `${rule.fieldName}: attributeExists takes true or false`;
    }
  }
  return null;
}

function fieldValue(payload: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), payload);
}

function test(rule: SubscriptionFilterRule, actual: unknown): boolean {
  const v = rule.value;
  switch (rule.operator) {
    case 'eq':
      return actual === v;
    case 'ne':
      return actual !== v;
    case 'lt':
      return actual !== undefined && actual !== null && (actual as number) < (v as number);
    case 'le':
      return actual !== undefined && actual !== null && (actual as number) <= (v as number);
    case 'gt':
      return actual !== undefined && actual !== null && (actual as number) > (v as number);
    case 'ge':
      return actual !== undefined && actual !== null && (actual as number) >= (v as number);
    case 'contains':
      return (typeof actual === 'string' || Array.isArray(actual)) && actual.includes(v as never);
    case 'notContains':
      return !((typeof actual === 'string' || Array.isArray(actual)) && actual.includes(v as never));
    case 'beginsWith':
      return typeof actual === 'string' && actual.startsWith(String(v));
    case 'in':
      return (v as unknown[]).includes(actual);
    case 'notIn':
      return !(v as unknown[]).includes(actual);
    case 'between':
      return (
        actual !== undefined &&
        actual !== null &&
        (actual as number) >= (v as number[])[0] &&
        (actual as number) <= (v as number[])[1]
      );
    case 'attributeExists':
      return (actual !== undefined && actual !== null) === v;
    case 'containsAny':
      return Array.isArray(actual) && (v as unknown[]).some((item) => actual.includes(item));
    default:
      return false;
  }
}

/** Groups are OR-ed, the filters of a group AND-ed. An empty filterGroup passes nothing. */
export function matchesFilter(filter: SubscriptionFilter, payload: unknown): boolean {
  return filter.filterGroup.some((group) =>
    group.filters.every((rule) => test(rule, fieldValue(payload, rule.fieldName))),
  );
}
