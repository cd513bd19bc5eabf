import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { keepOnBranches } from '../../../amplify/site/retain';

/** The branch side is read from the synthesized branch deployment (test/amplify/operations.test.ts); a sandbox here. */
const synth = (keep: boolean) => {
  const stack = new Stack(new App(), 'T');
  keepOnBranches(keep, { userPool: new CfnUserPool(stack, 'Pool'), secrets: [new Secret(stack, 'LinkSecret')] });
  const t = Template.fromStack(stack);
  return { pool: Object.values(t.findResources('AWS::Cognito::UserPool'))[0], secret: Object.values(t.findResources('AWS::SecretsManager::Secret'))[0] };
};

describe('keepOnBranches', () => {
  it('keeps the user pool and the link secret of a branch: retained, the pool deletion-protected', () => {
    const { pool, secret } = synth(true);
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
    expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('lets a sandbox delete both', () => {
    const { pool, secret } = synth(false);
    expect(pool).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtection: 'INACTIVE' } });
    expect(secret.DeletionPolicy).toBe('Delete');
  });
});
