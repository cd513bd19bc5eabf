import type { LambdaHandler } from '../appsync/datasources/types';
import type { IamGate, Service } from './gate';
import { localLambdaEnvironment } from '../appsync/iam-client';

/**
 * In-process Lambdas as AppSync invokes them: each invocation is first authorized as
 * `lambda:InvokeFunction` by its data source's service role (`<Name>DataSource` for Lambda `name`,
 * as amplify/data/resource.ts names them), which is what AppSync assumes to call it.
 */
export function invokedByDataSources(
  gate: IamGate,
  lambdas: Record<string, LambdaHandler>,
): Record<string, LambdaHandler> {
  return Object.fromEntries(
    Object.entries(lambdas).map(([name, handler]) => {
      const dataSource = `${name.charAt(0).toUpperCase()}${name.slice(1)}DataSource`;
      if (!gate.has(dataSource)) return [name, handler];
      const invoke: LambdaHandler = async (event, context) => {
        gate.authorize(dataSource, { action: 'lambda:InvokeFunction', resource: gate.functionArn(name) });
        return handler(event, context);
      };
      return [name, invoke];
    }),
  );
}

const ENDPOINTS: Record<Service, string> = {
  dynamodb: 'DYNAMODB_ENDPOINT',
  ses: 'SES_ENDPOINT',
  cognito: 'COGNITO_ENDPOINT',
};

/**
 * A function's environment with its AWS endpoints behind the gate, as its own role, and its role's
 * local credentials where the Lambda runtime puts a role's (what it signs API calls with).
 */
export function environmentOf(gate: IamGate, principal: string, env: Record<string, string>): Record<string, string> {
  const out = { ...env, ...localLambdaEnvironment(principal, env.AWS_REGION ?? 'us-east-1') };
  for (const [service, variable] of Object.entries(ENDPOINTS) as [Service, string][])
    if (out[variable]) out[variable] = gate.endpoint(principal, service);
  return out;
}
