/**
 * IAM's evaluation of identity-based policies, for the local stack: an explicit Deny wins, then an
 * Allow, else the request is implicitly denied. Hand-written rather than @cloud-copilot/iam-simulate
 * (AGPL-3.0, which the product cannot take on, and ~19 MB of service data): the policies it judges
 * are only ours, synthesized from amplify/, and it refuses any policy element or condition operator
 * it does not know instead of guessing.
 *
 * Rules, from AWS's "Policy evaluation logic", "IAM JSON policy elements: Condition operators" and
 * "Single-valued vs. multivalued context keys":
 * - Action / NotAction match case-insensitively, with `*` and `?` wildcards;
 * - Resource / NotResource match case-sensitively, with the same wildcards;
 * - condition operators are ANDed, keys within one operator ANDed, values of one key ORed
 *   (NORed for a negated operator);
 * - `ForAllValues:` is true when every value in the request matches one in the policy, and also
 *   when the key is absent from the request; `ForAnyValue:` needs one match and is false when absent;
 * - a plain operator on an absent key is false (true for a negated one with `IfExists`).
 */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement | Statement[];
}

/** One authorization IAM makes: a request may need several (each item of a transaction). */
export interface AuthRequest {
  action: string;
  resource: string;
  /** Condition keys the request carries (absent keys are absent, not empty). */
  context?: Record<string, string | string[]>;
}

export type Decision = 'allow' | 'implicit-deny' | 'explicit-deny';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM's wildcards: `*` any run of characters, `?` one character; nothing else is special. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

type Compare = (policyValue: string, requestValue: string) => boolean;

const OPERATORS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: true },
  StringLike: { compare: (p, r) => wildcardMatch(p, r), negated: false },
  StringNotLike: { compare: (p, r) => wildcardMatch(p, r), negated: true },
  ArnEquals: { compare: (p, r) => p === r, negated: false },
  ArnLike: { compare: (p, r) => wildcardMatch(p, r), negated: false },
  ArnNotEquals: { compare: (p, r) => p === r, negated: true },
  ArnNotLike: { compare: (p, r) => wildcardMatch(p, r), negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
};

/** Thrown for a policy this evaluator cannot judge: the local stack must not guess at IAM. */
export class UnsupportedPolicy extends Error {}

function conditionHolds(
  operator: string,
  key: string,
  policyValues: string[],
  context: AuthRequest['context'],
): boolean {
  const [set, rest] = operator.includes(':') ? (operator.split(':', 2) as [string, string]) : [undefined, operator];
  const ifExists = rest.endsWith('IfExists');
  const name = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const present = context && Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  const raw = present ? context![present] : undefined;
  if (name === 'Null') return (policyValues[0] === 'true') === (raw === undefined);
  const op = OPERATORS[name];
  if (!op) throw new UnsupportedPolicy(`condition operator ${operator} is not supported locally`);
  const matchesOne = (r: string) => policyValues.some((p) => op.compare(p, r));
  if (set === 'ForAllValues') {
    if (raw === undefined) return true;
    return list(raw).every((r) => (op.negated ? !matchesOne(r) : matchesOne(r)));
  }
  if (set === 'ForAnyValue') {
    if (raw === undefined) return false;
    return list(raw).some((r) => (op.negated ? !matchesOne(r) : matchesOne(r)));
  }
  if (set !== undefined) throw new UnsupportedPolicy(`condition set operator ${set} is not supported locally`);
  if (raw === undefined) return ifExists;
  const value = list(raw);
  if (value.length !== 1)
    throw new UnsupportedPolicy(`${key} is multivalued: ${operator} needs ForAllValues or ForAnyValue`);
  return op.negated ? !matchesOne(value[0]) : matchesOne(value[0]);
}

const KNOWN = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function applies(s: Statement, request: AuthRequest): boolean {
  for (const k of Object.keys(s))
    if (!KNOWN.has(k)) throw new UnsupportedPolicy(`policy element ${k} is not supported locally`);
  const action =
    s.Action !== undefined
      ? list(s.Action).some((a) => wildcardMatch(a, request.action, true))
      : !list(s.NotAction).some((a) => wildcardMatch(a, request.action, true));
  if (!action) return false;
  const resource =
    s.Resource !== undefined
      ? list(s.Resource).some((r) => wildcardMatch(r, request.resource))
      : !list(s.NotResource).some((r) => wildcardMatch(r, request.resource));
  if (!resource) return false;
  return Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) =>
      conditionHolds(operator, key, list(values as string | string[]).map(String), request.context),
    ),
  );
}

/** IAM's decision for one request against a principal's identity-based policies. */
export function evaluate(policies: readonly PolicyDocument[], request: AuthRequest): Decision {
  const statements = policies.flatMap((p) => (Array.isArray(p.Statement) ? p.Statement : [p.Statement]));
  const matching = statements.filter((s) => applies(s, request));
  if (matching.some((s) => s.Effect === 'Deny')) return 'explicit-deny';
  return matching.some((s) => s.Effect === 'Allow') ? 'allow' : 'implicit-deny';
}
