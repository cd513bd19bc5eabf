import { beforeAll, describe, expect, it } from 'vitest';
import type { Assembly, Located } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

/**
 * When AWS Lambda deprecates each runtime the app could use ("Deprecation date" on
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). After it, AWS blocks
 * creating functions on the runtime, then updating them, so a first deployment or the next
 * update fails. A runtime that is not listed here fails the test until its date is added.
 */
const LAMBDA_DEPRECATION: Record<string, string> = {
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  // CDK's BucketDeployment provider runs on Python.
  'python3.13': '2029-06-30',
};

/** How far ahead a deprecation fails the build: time to move before AWS blocks deployments. */
const NOTICE_MONTHS = 6;

/** Why a runtime cannot ship on `today`, or undefined when it can. */
function runtimeProblem(runtime: unknown, today: Date): string | undefined {
  if (typeof runtime !== 'string') return `has no literal runtime (${JSON.stringify(runtime)})`;
  const date = LAMBDA_DEPRECATION[runtime];
  if (!date) return `runs on ${runtime}, whose deprecation date is not in LAMBDA_DEPRECATION`;
  const limit = new Date(today);
  limit.setUTCMonth(limit.getUTCMonth() + NOTICE_MONTHS);
  if (new Date(`${date}T00:00:00Z`) > limit) return undefined;
  const past = new Date(`${date}T00:00:00Z`) <= today;
  return `runs on ${runtime}, which AWS Lambda ${past ? 'deprecated' : 'deprecates'} on ${date}`;
}

let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

const functions = () => cdk.resources('AWS::Lambda::Function');
const describeFn = (f: Located) => `${f.stack}/${f.id}`;

describe('Lambda runtimes', () => {
  it(`puts no function on a runtime AWS deprecates within ${NOTICE_MONTHS} months`, () => {
    const today = new Date();
    const problems = functions().flatMap((f) => {
      const problem = runtimeProblem(f.resource.Properties!.Runtime, today);
      return problem ? [`${describeFn(f)} ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('looks at every stack of the assembly, nested ones at any depth included', () => {
    expect(cdk.templates.size - 1).toBe(cdk.nestedTemplateFiles().length);
    expect(functions().length).toBeGreaterThan(3);
  });

  it('runs every custom resource on one of those functions (CDK and Amplify providers included)', () => {
    const scanned = new Set(functions().map(describeFn));
    const providers = [...cdk.templates].flatMap(([stack, t]) =>
      Object.entries(t.Resources)
        .filter(([, r]) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource')
        .map(([id, r]) => ({ id, target: cdk.target(stack, r.Properties!.ServiceToken) })),
    );
    expect(providers.length).toBeGreaterThan(0);
    for (const { id, target } of providers) expect(scanned, id).toContain(`${target.stack}/${target.id}`);
  });

  it('puts the SCC functions on Node 24', () => {
    for (const name of ['mailer', 'retention', 'waiver']) {
      expect(cdk.resource(cdk.functionNamed(name)).Properties!.Runtime, name).toBe('nodejs24.x');
    }
  });
});

describe('the deprecation check', () => {
  const on = (day: string) => new Date(`${day}T00:00:00Z`);

  it('refuses a runtime AWS has already deprecated, naming it and the date', () => {
    expect(runtimeProblem('nodejs20.x', on('2026-11-30'))).toBe(
      'runs on nodejs20.x, which AWS Lambda deprecated on 2026-04-30',
    );
  });

  it('refuses a runtime AWS deprecates within six months, and accepts it earlier', () => {
    expect(runtimeProblem('nodejs22.x', on('2026-11-30'))).toBe(
      'runs on nodejs22.x, which AWS Lambda deprecates on 2027-04-30',
    );
    expect(runtimeProblem('nodejs22.x', on('2026-10-29'))).toBeUndefined();
    expect(runtimeProblem('nodejs24.x', on('2026-11-30'))).toBeUndefined();
  });

  it('refuses a runtime it has no date for, and one that is not a literal', () => {
    expect(runtimeProblem('nodejs26.x', on('2026-11-30'))).toMatch(/nodejs26\.x.*not in LAMBDA_DEPRECATION/);
    expect(runtimeProblem({ Ref: 'Runtime' }, on('2026-11-30'))).toMatch(/no literal runtime/);
  });
});
