/**
 * The APPSYNC_JS runtime: load (bundle + lint + compile) and run resolver code as AppSync does.
 * Resolver code only ever runs inside a `vm` context; values cross as JSON, as they do in AppSync (docs/decisions/0001-own-appsync-runtime.md).
 */
export { compileResolver } from './compile';
export { evaluateFile, evaluationResponse, rejectionResponse, type EvaluateCodeResponse } from './evaluate';
export { createHostCaps } from './host-caps';
export { bundleResolver, loadResolver, loadResolvers } from './load';
export {
  ResolverRejectedError,
  type AppSyncError,
  type AuthTypeName,
  type CompiledResolver,
  type Evaluation,
  type HandlerName,
  type LintProblem,
  type ResolverContextInput,
  type ResolverInfo,
} from './types';
