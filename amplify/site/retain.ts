import { RemovalPolicy } from 'aws-cdk-lib';
import type { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';

/**
 * What a branch deployment (staging, production) must never lose with its stack: the user pool (the
 * staff's accounts, their groups) and the secret that signs the personal waiver links already in
 * patrons' mailboxes (a new one voids them all). Both are retained when the stack is deleted or a
 * change would replace them, and Cognito refuses to delete the pool while deletion protection is
 * on. The table is kept the same way (./table.ts). A sandbox is disposable: everything goes.
 *
 * Retain only covers CloudFormation. The secret's resource policy also denies
 * secretsmanager:DeleteSecret to everyone, so neither a console click nor a script (with or without
 * a recovery window) deletes it: whoever means to must first remove that policy, a deliberate step
 * CloudTrail records. Secrets Manager has no deletion-protection flag of its own.
 */
export function keepOnBranches(keep: boolean, kept: { userPool: CfnUserPool; secrets: readonly ISecret[] }): void {
  const policy = keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  kept.userPool.deletionProtection = keep ? 'ACTIVE' : 'INACTIVE';
  kept.userPool.applyRemovalPolicy(policy);
  for (const secret of kept.secrets) {
    secret.applyRemovalPolicy(policy);
    if (keep) {
      secret.addToResourcePolicy(
        new PolicyStatement({
          sid: 'NeverDeleted',
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['secretsmanager:DeleteSecret'],
          resources: ['*'],
        }),
      );
    }
  }
}
