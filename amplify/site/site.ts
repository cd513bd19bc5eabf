import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type IOrigin,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { CfnPolicy, Policy } from 'aws-cdk-lib/aws-iam';
import type { FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ROUTES, type Behavior, type OriginId } from '../edge/routes';
import { SPA_FALLBACK_FUNCTION_CODE } from './spa-fallback';

export interface SccSiteProps {
  readonly waiverUrl: FunctionUrl;
  /** Added by CloudFront to every waiver origin request (the origin-verification secret). */
  readonly waiverOriginHeaders: Record<string, string>;
  /** The built SPA (`npm run build` → dist/). Without an index.html there, a placeholder is deployed. */
  readonly spaDir: string;
}

/**
 * The SPA's Content-Security-Policy. The waiver Lambda sends its own stricter one, which wins
 * because `override` is off for this header. connect-src admits AppSync and Cognito, which live on
 * amazonaws.com hosts the build cannot know in advance.
 */
export const SPA_CSP = [
  "default-src 'self'",
  "connect-src 'self' https://*.amazonaws.com wss://*.amazonaws.com",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CACHE = { disabled: CachePolicy.CACHING_DISABLED, optimized: CachePolicy.CACHING_OPTIMIZED } as const;
const METHODS = {
  GET_HEAD: AllowedMethods.ALLOW_GET_HEAD,
  GET_HEAD_OPTIONS: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
  ALL: AllowedMethods.ALLOW_ALL,
} as const;

/**
 * The site: a private bucket holding the built SPA, and a CloudFront Distribution whose behaviors
 * are amplify/edge/routes.ts in order — the table local/edge routes with, so the two agree.
 */
export class SccSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SccSiteProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'SpaBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // Only build output lives here; every deployment uploads it again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const origins: Record<OriginId, IOrigin> = {
      spa: S3BucketOrigin.withOriginAccessControl(this.bucket),
      waiver: new FunctionUrlOrigin(props.waiverUrl, {
        customHeaders: props.waiverOriginHeaders,
        readTimeout: Duration.seconds(30),
      }),
    };

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(SPA_FALLBACK_FUNCTION_CODE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve /index.html for client-side routes of the SPA',
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'HSTS and security headers for the SCC site',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: false },
        contentSecurityPolicy: { contentSecurityPolicy: SPA_CSP, override: false },
      },
    });

    // A Function URL answers only to its own Host, so Host must not go through. The managed
    // AllViewerExceptHostHeader policy would do that, but it forwards no CloudFront-* headers, and
    // the waiver records the signer's IP from CloudFront-Viewer-Address (without it the handler sees
    // only CloudFront's address). So: the viewer headers the handler reads, plus that one.
    const waiverOriginRequest = new OriginRequestPolicy(this, 'WaiverOriginRequest', {
      comment: 'SCC waiver pages: viewer headers the handler reads (never Host) and the viewer address',
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        'Accept',
        'Accept-Language',
        'Content-Type',
        'Origin',
        'Referer',
        'User-Agent',
        'CloudFront-Viewer-Address',
      ),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    const behavior = (route: Behavior): BehaviorOptions => ({
      origin: origins[route.origin],
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: METHODS[route.allowedMethods],
      cachePolicy: CACHE[route.cache],
      originRequestPolicy: route.origin === 'waiver' ? waiverOriginRequest : undefined,
      responseHeadersPolicy: securityHeaders,
      compress: true,
      functionAssociations: route.spaFallback
        ? [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }]
        : undefined,
    });

    const defaultRoute = ROUTES[ROUTES.length - 1];
    if (defaultRoute.pathPattern !== '*')
      throw new Error('amplify/edge/routes.ts: the last route must be the default (*)');
    // Insertion order is CloudFront's evaluation order (CacheBehaviors keeps it).
    const additionalBehaviors: Record<string, BehaviorOptions> = {};
    for (const route of ROUTES.slice(0, -1)) additionalBehaviors[route.pathPattern] = behavior(route);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Ship Captain Crew: SPA and waiver pages',
      defaultRootObject: 'index.html',
      defaultBehavior: behavior(defaultRoute),
      additionalBehaviors,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
    });

    const deployment = new BucketDeployment(this, 'SpaDeployment', {
      sources: [spaSource(props.spaDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    scopeInvalidationGrant(deployment, this.distribution);
  }
}

/**
 * BucketDeployment lets its handler invalidate any distribution (`Resource: *`); CloudFront
 * supports resource-level permissions, so the grant is narrowed to this one.
 */
function scopeInvalidationGrant(deployment: BucketDeployment, distribution: Distribution): void {
  const policy = deployment.handlerRole.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  if (!policy) throw new Error('BucketDeployment: handler role has no default policy to narrow');
  const stack = Stack.of(distribution);
  const arn = stack.formatArn({
    service: 'cloudfront',
    region: '',
    resource: 'distribution',
    resourceName: distribution.distributionId,
  });
  const statements = (stack.resolve(policy.document.toJSON()).Statement as Array<Record<string, unknown>>).map((st) =>
    st.Resource === '*' && JSON.stringify(st.Action).includes('cloudfront:')
      ? { ...st, Resource: stack.resolve(arn) }
      : st,
  );
  (policy.node.defaultChild as CfnPolicy).addPropertyOverride('PolicyDocument.Statement', statements);
}

/**
 * The SPA is built after the backend's first deployment (it needs amplify_outputs.json), so the
 * first deployment has no build to upload: it ships a page saying what to do instead of failing.
 */
function spaSource(dir: string): ISource {
  if (existsSync(join(dir, 'index.html'))) return Source.asset(dir);
  return Source.data(
    'index.html',
    '<!doctype html><meta charset="utf-8"><title>Ship Captain Crew</title>' +
      '<p>The backend is deployed. Build the dashboard (<code>npm run build</code>) and deploy again to publish it.</p>',
  );
}
