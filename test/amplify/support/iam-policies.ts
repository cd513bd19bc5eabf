import type { PolicyDocument } from '../../../local/iam/evaluate';
import type { SynthesizedPolicies, SynthesizedPrincipal } from '../../../local/iam/policies';
import { references, type Assembly } from './assembly';

const PSEUDO = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix']);

/**
 * A template value as the local stack binds it: pseudo parameters stay `${AWS::…}`, the table's ARN
 * becomes `${Table}`, the user pool's `${UserPool}`, the API's id `${GraphqlApi}`, a function's `${Function:<friendly name>}`,
 * whichever nested stack they come from.
 */
function bindable(assembly: Assembly, stack: string, value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => bindable(assembly, stack, v));
  const v = value as Record<string, any>;
  if ('Ref' in v && PSEUDO.has(v.Ref)) return `\${${v.Ref}}`;
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => bindable(assembly, stack, p)).join(separator);
  }
  if ('Fn::Sub' in v && typeof v['Fn::Sub'] === 'string') return v['Fn::Sub'];
  if ('Ref' in v || 'Fn::GetAtt' in v) {
    const at = assembly.target(stack, v);
    const r = assembly.resource(at);
    const attribute = at.attribute ?? 'Ref';
    if (r.Type === 'AWS::DynamoDB::Table' && attribute === 'Arn') return '${Table}';
    if (r.Type === 'AWS::Cognito::UserPool' && attribute === 'Arn') return '${UserPool}';
    if (r.Type === 'AWS::AppSync::GraphQLApi' && attribute === 'ApiId') return '${GraphqlApi}';
    if (r.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
      const name = (r.Properties!.Tags ?? []).find((t: any) => t.Key === 'amplify:friendly-name')?.Value;
      if (name) return `\${Function:${name}}`;
    }
    return `\${${r.Type}:${at.id}.${attribute}}`;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bindable(assembly, stack, x)]));
}

function roleOf(
  assembly: Assembly,
  stack: string,
  roleArn: unknown,
  kind: SynthesizedPrincipal['kind'],
): SynthesizedPrincipal {
  const role = assembly.target(stack, roleArn);
  const props = assembly.resource(role).Properties ?? {};
  const attached = assembly.resources('AWS::IAM::Policy').filter((p) =>
    (p.resource.Properties!.Roles as unknown[]).some((r) => {
      const t = assembly.target(p.stack, r);
      return t.stack === role.stack && t.id === role.id;
    }),
  );
  const policies = [
    ...((props.Policies ?? []) as { PolicyDocument: unknown }[]).map((p) =>
      bindable(assembly, role.stack, p.PolicyDocument),
    ),
    ...attached.map((p) => bindable(assembly, p.stack, p.resource.Properties!.PolicyDocument)),
  ] as PolicyDocument[];
  return {
    kind,
    role: role.id,
    managedPolicies: ((props.ManagedPolicyArns ?? []) as unknown[]).map((a) =>
      String(bindable(assembly, role.stack, a)),
    ),
    policies,
  };
}

/**
 * The roles of every principal the local stack runs, from the synthesized assembly: each Lambda
 * Amplify names (its friendly name) and each AppSync data source with a service role (its name).
 */
export function extractPolicies(assembly: Assembly): SynthesizedPolicies {
  const principals: Record<string, SynthesizedPrincipal> = {};
  for (const f of assembly.resources('AWS::Lambda::Function')) {
    const name = (f.resource.Properties!.Tags ?? []).find((t: any) => t.Key === 'amplify:friendly-name')?.Value as
      string | undefined;
    if (name) principals[name] = roleOf(assembly, f.stack, f.resource.Properties!.Role, 'lambda');
  }
  for (const d of assembly.resources('AWS::AppSync::DataSource')) {
    const arn = d.resource.Properties!.ServiceRoleArn;
    if (arn && references(arn).length)
      principals[d.resource.Properties!.Name as string] = roleOf(assembly, d.stack, arn, 'appsync');
  }
  return { principals: Object.fromEntries(Object.entries(principals).sort(([a], [b]) => a.localeCompare(b))) };
}
