/** The runtime's public contract: what the GraphQL server and the evaluate CLI code against. */
import type { SubscriptionExtensions } from './modules/host';

export interface LintProblem {
  line: number;
  column: number;
  message: string;
  ruleId?: string;
  /** Length of the offending source text, when known (AWS reports it as `span`). */
  span?: number;
  /** AWS's CodeError type: LINT_ERROR for a broken runtime rule, PARSER_ERROR for bad syntax. */
  errorType?: 'LINT_ERROR' | 'PARSER_ERROR';
}

/** A resolver AppSync would refuse at create time: lint failure, syntax error or bundling error. */
export class ResolverRejectedError extends Error {
  readonly file: string;
  readonly problems: LintProblem[];

  constructor(file: string, problems: LintProblem[]) {
    const first = problems[0];
    const where = first ? `${first.line}:${first.column}` : '0:0';
    const rule = first?.ruleId ? ` (${first.ruleId})` : '';
    super(
      `${file}:${where}: ${first?.message ?? 'rejected'}${rule}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`,
    );
    this.name = 'ResolverRejectedError';
    this.file = file;
    this.problems = problems;
  }
}

export type AuthTypeName =
  | 'API Key Authorization'
  | 'Lambda Authorization'
  | 'AWS Lambda Authorization'
  | 'IAM Authorization'
  | 'Open ID Connect Authorization'
  | 'User Pool Authorization';

export interface ResolverInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

export interface ResolverContextInput {
  arguments?: Record<string, unknown>;
  source?: unknown;
  identity?: unknown | null;
  stash?: Record<string, unknown>;
  prev?: { result: unknown };
  result?: unknown;
  error?: { message: string; type: string } | null;
  env?: Record<string, string>;
  info?: ResolverInfo;
  request?: { headers: Record<string, string>; domainName: string | null };
  /**
   * What `util.authType()` answers. When absent it is derived from the shape of `identity`,
   * as AppSync's EvaluateCode does (AWS answers "Lambda Authorization" for a Lambda authorizer).
   */
  authType?: AuthTypeName;
}

export interface AppSyncError {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

export interface Evaluation {
  /** The function's return value, JSON-cloned out of the vm (undefined when it returned nothing). */
  value?: unknown;
  /** util.error / util.unauthorized / a runtime error (TypeError…): the function stopped. */
  error?: AppSyncError;
  /** util.appendError, in call order. */
  appendedErrors: AppSyncError[];
  /** runtime.earlyReturn(value, { skipTo }) was called. */
  earlyReturn?: { value: unknown; skipTo?: 'END' | 'NEXT' };
  /** ctx.stash after the call. */
  stash: Record<string, unknown>;
  /** console.log / console.error lines. */
  logs: string[];
  /** extensions.setSubscriptionFilter / setSubscriptionInvalidationFilter / invalidateSubscriptions calls (absent when the vm itself failed). */
  extensions?: SubscriptionExtensions;
}

export type HandlerName = 'request' | 'response';

export interface CompiledResolver {
  readonly file: string;
  has(fn: HandlerName): boolean;
  run(fn: HandlerName, ctx: ResolverContextInput): Evaluation;
}
