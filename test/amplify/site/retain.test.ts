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
  return {
    pool: Object.values(t.findResources('AWS::Cognito::UserPool'))[0],
    secret: Object.values(t.findResources('AWS::SecretsManager::Secret'))[0],
    policies: Object.values(t.findResources('AWS::SecretsManager::ResourcePolicy')),
  };
};

describe('keepOnBranches', () => {
  it('keeps the user pool and the link secret of a branch: retained, the pool deletion-protected', () => {
    const { pool, secret } = synth(true);
    expect(pool).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { DeletionProtection: 'ACTIVE' },
    });
    expect(secret).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it("denies deleting a branch's link secret to everyone, not only to CloudFormation", () => {
    const { policies } = synth(true);
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.ResourcePolicy.Statement).toEqual([
      {
        Sid: 'NeverDeleted',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:DeleteSecret',
        Resource: '*',
      },
    ]);
  });

  it('lets a sandbox delete both', () => {
    const { pool, secret } = synth(false);
    expect(pool).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtection: 'INACTIVE' } });
    expect(secret.DeletionPolicy).toBe('Delete');
    expect(synth(false).policies).toEqual([]);
  });
});
