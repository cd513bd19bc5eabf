import {
  AppsyncFunction,
  CfnResolver,
  Code,
  FunctionRuntime,
  type IGraphqlApi,
  type BaseDataSource,
} from 'aws-cdk-lib/aws-appsync';
import { Stack } from 'aws-cdk-lib';
import { ACCESS_STEP, FOLDED_ACCESS } from '../data/access-step';
import { bundleFile, bundleResolver } from './resolver-code';

/**
 * Puts the access check (amplify/data/resolvers/access.ts) first in every pipeline resolver of the
 * API: one AppSync function, on the table's data source, shared by all of them. Done on the
 * synthesized resolvers rather than field by field in the schema, so that a field added later is
 * checked without anyone remembering to (the template tests hold every resolver to it). AppSync
 * has no API-wide first step of its own; a Lambda authorizer would be one, at a Lambda invocation
 * per uncached request and with every field's auth rule rewritten (docs/security-access.md).
 */
export function checkAccessFirst(api: IGraphqlApi, dataSource: BaseDataSource): AppsyncFunction {
  const fn = new AppsyncFunction(Stack.of(api), ACCESS_STEP.name, {
    api,
    dataSource,
    name: ACCESS_STEP.name,
    runtime: FunctionRuntime.JS_1_0_0,
    // From S3 like every other step: inline code counts against the template's size.
    code: Code.fromAsset(bundleFile(bundleResolver(ACCESS_STEP.entry))),
  });
  for (const node of Stack.of(api).node.findAll()) {
    if (!(node instanceof CfnResolver) || node.kind !== 'PIPELINE') continue;
    // These fields' own first request carries the check (FOLDED_ACCESS).
    if (FOLDED_ACCESS.includes(node.typeName + '.' + node.fieldName)) continue;
    const config = (node.pipelineConfig ?? {}) as CfnResolver.PipelineConfigProperty;
    node.pipelineConfig = { functions: [fn.functionId, ...(config.functions ?? [])] };
  }
  return fn;
}
