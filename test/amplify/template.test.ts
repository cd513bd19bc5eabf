import { beforeAll, describe, expect, it } from 'vitest';
import { BEHAVIORS, ORIGIN_VERIFY_HEADER } from '../../amplify/edge/routes';
import { TABLE } from '../../amplify/storage/table';
import type { Assembly } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

/**
 * The deployable backend, synthesized offline once (the same CDK app `ampx sandbox` deploys) and
 * read back as CloudFormation: what these tests check is what a deployment would create.
 */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

const distribution = () => cdk.only('AWS::CloudFront::Distribution').resource.Properties!.DistributionConfig;
const behaviorFor = (pattern: string) => distribution().CacheBehaviors.find((b: any) => b.PathPattern === pattern);
const originOf = (behavior: any) => distribution().Origins.find((o: any) => o.Id === behavior.TargetOriginId);
const secretIn = (value: unknown) => {
  const join = (value as any)['Fn::Join'][1] as unknown[];
  expect(join[0]).toBe('{{resolve:secretsmanager:');
  return cdk.target(cdk.stackId('site'), join[1]);
};

describe('the CloudFront routing', () => {
  it('has the behaviors of amplify/edge/routes.ts, in order, before the default', () => {
    expect(distribution().CacheBehaviors.map((b: any) => b.PathPattern)).toEqual(BEHAVIORS.map((b) => b.pathPattern));
    expect(behaviorFor('/g/*/waiver')).toBeDefined();
  });

  it('sends /g/*/waiver to the waiver function URL, followed across nested stacks', () => {
    const origin = originOf(behaviorFor('/g/*/waiver'));
    // DomainName = Fn::Select(2, Fn::Split('/', <the function URL>))
    const url = origin.DomainName['Fn::Select'][1]['Fn::Split'][1];
    const at = cdk.target(cdk.stackId('site'), url);
    const fnUrl = cdk.resource(at);
    expect(fnUrl.Type).toBe('AWS::Lambda::Url');
    expect(at.attribute).toBe('FunctionUrl');
    const fn = cdk.target(at.stack, fnUrl.Properties!.TargetFunctionArn);
    expect(fn).toMatchObject({ stack: cdk.functionNamed('waiver').stack, id: cdk.functionNamed('waiver').id });
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('does not cache waiver pages, allows POST, and forwards what the handler reads but never Host', () => {
    const waiver = behaviorFor('/g/*/waiver');
    expect(waiver.CachePolicyId).toBe(CACHING_DISABLED);
    expect(waiver.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    expect(waiver.FunctionAssociations).toBeUndefined();
    const policy = cdk.resource(cdk.target(cdk.stackId('site'), waiver.OriginRequestPolicyId));
    expect(policy.Type).toBe('AWS::CloudFront::OriginRequestPolicy');
    const { HeadersConfig, QueryStringsConfig } = policy.Properties!.OriginRequestPolicyConfig;
    expect(HeadersConfig.HeaderBehavior).toBe('whitelist');
    const headers = (HeadersConfig.Headers as string[]).map((h) => h.toLowerCase());
    // The signer's IP for the waiver record comes from CloudFront-Viewer-Address.
    expect(headers).toEqual(expect.arrayContaining(['content-type', 'user-agent', 'cloudfront-viewer-address']));
    expect(headers).not.toContain('host');
    expect(QueryStringsConfig.QueryStringBehavior).toBe('all');
  });

  it('serves the service worker from the SPA bucket with caching disabled (a new deployment reaches phones)', () => {
    const sw = behaviorFor('/sw.js');
    expect(sw.CachePolicyId).toBe(CACHING_DISABLED);
    expect(sw.TargetOriginId).toBe(distribution().DefaultCacheBehavior.TargetOriginId);
    expect(sw.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(sw.FunctionAssociations).toBeUndefined();
  });

  it('adds the origin-verification secret the waiver function checks, from Secrets Manager', () => {
    const origin = originOf(behaviorFor('/g/*/waiver'));
    const header = origin.OriginCustomHeaders.find((h: any) => h.HeaderName === ORIGIN_VERIFY_HEADER);
    const sent = secretIn(header.HeaderValue);
    expect(cdk.resource(sent)).toMatchObject({
      Type: 'AWS::SecretsManager::Secret',
      Properties: { GenerateSecretString: expect.objectContaining({ PasswordLength: 48 }) },
    });
    const env = cdk.resource(cdk.functionNamed('waiver')).Properties!.Environment.Variables;
    const expected = env.ORIGIN_VERIFY_SECRET['Fn::Join'][1][1];
    expect(cdk.target(cdk.functionNamed('waiver').stack, expected)).toEqual(sent);
  });

  it('leaves the function URL public only to requests carrying that header (auth NONE, checked by the handler)', () => {
    const url = cdk.only('AWS::Lambda::Url').resource.Properties!;
    expect(url).toMatchObject({ AuthType: 'NONE', InvokeMode: 'BUFFERED' });
  });

  it('serves everything else from the private S3 bucket through origin access control', () => {
    const dflt = distribution().DefaultCacheBehavior;
    const origin = originOf(dflt);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(dflt.CachePolicyId).toBe(CACHING_OPTIMIZED);
    expect(dflt.AllowedMethods).toEqual(['GET', 'HEAD']);
    const bucket = cdk.target(cdk.stackId('site'), origin.DomainName);
    expect(cdk.resource(bucket).Properties!.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const oac = cdk.target(cdk.stackId('site'), origin.OriginAccessControlId);
    expect(cdk.resource(oac).Properties!.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
  });

  it('falls back to /index.html for client routes on the SPA behavior only, never distribution-wide', () => {
    expect(distribution().CustomErrorResponses).toBeUndefined();
    const assoc = distribution().DefaultCacheBehavior.FunctionAssociations;
    expect(assoc).toHaveLength(1);
    expect(assoc[0].EventType).toBe('viewer-request');
    const fn = cdk.resource(cdk.target(cdk.stackId('site'), assoc[0].FunctionARN)).Properties!;
    const handler = new Function(`${fn.FunctionCode}\nreturn handler;`)() as (e: unknown) => { uri: string };
    const uri = (path: string) => handler({ request: { uri: path, headers: {} } }).uri;
    expect(uri('/')).toBe('/index.html');
    expect(uri('/events/2026-05-23-sunset-sail')).toBe('/index.html');
    expect(uri('/assets/index-3f2a.js')).toBe('/assets/index-3f2a.js');
    expect(uri('/favicon.ico')).toBe('/favicon.ico');
  });

  it('is HTTPS only, with HSTS and the security headers on every behavior', () => {
    const all = [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors];
    for (const b of all) expect(['redirect-to-https', 'https-only']).toContain(b.ViewerProtocolPolicy);
    const policies = new Set(all.map((b) => JSON.stringify(b.ResponseHeadersPolicyId)));
    expect(policies.size).toBe(1);
    const policy = cdk.resource(cdk.target(cdk.stackId('site'), all[0].ResponseHeadersPolicyId));
    const headers = policy.Properties!.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.StrictTransportSecurity.IncludeSubdomains).toBe(true);
    expect(headers.ContentTypeOptions.Override).toBe(true);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    // The waiver page's own stricter CSP must survive: CloudFront only fills it in when absent.
    expect(headers.ContentSecurityPolicy.Override).toBe(false);
  });

  it('uploads the built SPA with a deployment that invalidates the distribution', () => {
    const deployments = cdk.resources('Custom::CDKBucketDeployment', 'site');
    expect(deployments).toHaveLength(1);
    const props = deployments[0].resource.Properties!;
    expect(props.DistributionPaths).toEqual(['/*']);
    const bucket = cdk.target(cdk.stackId('site'), originOf(distribution().DefaultCacheBehavior).DomainName);
    expect(cdk.target(deployments[0].stack, props.DestinationBucketName)).toEqual({
      stack: bucket.stack,
      id: bucket.id,
    });
  });
});

describe('the table', () => {
  const table = () => cdk.only('AWS::DynamoDB::Table').resource;

  it('is kept: retained on stack deletion, deletion-protected, with point-in-time recovery', () => {
    expect(table().DeletionPolicy).toBe('Retain');
    expect(table().UpdateReplacePolicy).toBe('Retain');
    expect(table().Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has the keys, the TTL attribute and every GSI (GSI1-6) of amplify/storage/table.ts', () => {
    const p = table().Properties!;
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(
      p.GlobalSecondaryIndexes.map((i: any) => ({
        name: i.IndexName,
        keys: i.KeySchema.map((k: any) => k.AttributeName),
        projection: i.Projection.ProjectionType,
      })),
    ).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => ({ name: `GSI${n}`, keys: [`GSI${n}PK`, `GSI${n}SK`], projection: 'ALL' })),
    );
  });
});
