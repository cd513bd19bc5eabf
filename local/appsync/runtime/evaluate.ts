/**
 * The offline twin of AppSync's EvaluateCode: the response shape `aws appsync evaluate-code`
 * prints (evaluationResult, stash and outErrors as JSON strings; error with codeErrors).
 */
import { loadResolver } from './load';
import {
  ResolverRejectedError,
  type CompiledResolver,
  type Evaluation,
  type HandlerName,
  type ResolverContextInput,
} from './types';

export interface CodeError {
  errorType: string;
  value: string;
  location: { line: number; column: number; span: number };
}

export interface EvaluateCodeResponse {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: CodeError[] };
  logs: string[];
  stash?: string;
  outErrors?: string;
}

export function rejectionResponse(rejected: ResolverRejectedError): EvaluateCodeResponse {
  return {
    error: {
      message: 'The code contains one or more errors.',
      codeErrors: rejected.problems.map((p) => ({
        errorType: p.errorType ?? 'LINT_ERROR',
        value: p.ruleId ? `${p.message} (${p.ruleId})` : p.message,
        location: { line: p.line, column: p.column, span: p.span ?? -1 },
      })),
    },
    logs: [],
  };
}

export function evaluationResponse(evaluation: Evaluation): EvaluateCodeResponse {
  const value = evaluation.earlyReturn ? evaluation.earlyReturn.value : evaluation.value;
  // Keys in the order the AWS CLI prints them.
  return {
    ...(evaluation.error
      ? { error: { message: evaluation.error.message } }
      : { evaluationResult: JSON.stringify(value === undefined ? null : value) }),
    logs: evaluation.logs,
    stash: JSON.stringify(evaluation.stash),
    outErrors: JSON.stringify(evaluation.appendedErrors),
  };
}

export function evaluateCompiled(
  resolver: CompiledResolver,
  fn: HandlerName,
  context: ResolverContextInput,
): EvaluateCodeResponse {
  if (!resolver.has(fn)) {
    return { error: { message: `The code does not define a ${fn} function.` }, logs: [] };
  }
  return evaluationResponse(resolver.run(fn, context));
}

/** Bundle, lint and evaluate one handler of a resolver file. */
export async function evaluateFile(
  file: string,
  fn: HandlerName,
  context: ResolverContextInput,
): Promise<EvaluateCodeResponse> {
  let resolver: CompiledResolver;
  try {
    resolver = await loadResolver(file);
  } catch (error) {
    if (error instanceof ResolverRejectedError) return rejectionResponse(error);
    throw error;
  }
  return evaluateCompiled(resolver, fn, context);
}
