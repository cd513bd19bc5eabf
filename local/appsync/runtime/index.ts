/** The APPSYNC_JS runtime: load (bundle + lint + compile) and run resolver code as AppSync does. */
export { compileResolver } from './compile';
export { createHostCaps } from './host-caps';
export {
  ResolverRejectedError,
  type AppSyncError, type AuthTypeName, type CompiledResolver, type Evaluation, type HandlerName,
  type LintProblem, type ResolverContextInput, type ResolverInfo,
} from './types';
export { bundleResolver, loadResolver, loadResolvers } from './load';
