import { describe, expect, it } from 'vitest';
import { startAppSync, StartupError, type AmplifySchema, type LambdaHandler } from '../../../../local/appsync';
import { stack } from '../../../support/stack';
import { schemaWithRejectedResolver } from './fixtures/broken/schema';
import { schema } from './fixtures/schema';

const start = (schema: unknown, lambdas?: Record<string, LambdaHandler>) => {
  const s = stack();
  return startAppSync({
    schema: schema as AmplifySchema,
    tableName: 'unused',
    dynamodbEndpoint: s.dynamodbEndpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
    lambdas,
  });
};

describe('startup', () => {
  it('refuses to start when a root field has no resolver, naming the field', async () => {
    // Amplify itself refuses a custom operation without a handler, so the gap is made after its
    // transform: the SDL keeps whoAmI, the resolver list loses it.
    const withoutWhoAmI = {
      transform() {
        const t = (schema as unknown as AmplifySchema).transform();
        return { ...t, jsFunctions: t.jsFunctions?.filter((f) => f.fieldName !== 'whoAmI') };
      },
    };
    const noop = async () => null;
    const err = await start(withoutWhoAmI, { EchoDataSource: noop, greeter: noop }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).problems).toEqual([
      'Query.whoAmI: no resolver (add a .handler(...) to it in the schema)',
    ]);
  });

  it('refuses to start when a data source cannot be backed locally, naming it', async () => {
    const err = await start(schema).then(
      () => null,
      (e: unknown) => e,
    ); // no lambdas given
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).problems.join('\n')).toContain("Data source 'EchoDataSource' is unknown locally");
    expect((err as StartupError).problems.join('\n')).toContain("Lambda function 'greeter'");
  });

  it('refuses to start when a resolver breaks APPSYNC_JS rules, naming the file and the rule', async () => {
    const err = await start(schemaWithRejectedResolver).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StartupError);
    const [problem] = (err as StartupError).problems;
    expect(problem).toMatch(/^Query\.risky: .*fixtures\/broken\/risky\.ts:2:\d+ .*\[@aws-appsync\/no-try\]/);
  });
});
