import { Stack } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';

/**
 * WAIVER_LINK_SECRET signs patrons' personal waiver links (amplify/functions/outreach/link.ts):
 * the functions that send links sign with it, the waiver Lambda checks with it. Secrets Manager
 * makes it at the first deployment and keeps it across deploys (links already mailed stay valid),
 * and it never sits in the template in clear, as PAGE_TOKEN_SECRET. Made in the first function's
 * stack: the stacks of the others (the data stack, holding the waiver Lambda) already depend on it.
 */
export function shareWaiverLinkSecret(
  owner: IConstruct,
  functions: { addEnvironment(name: string, value: string): void }[],
): Secret {
  const secret = new Secret(Stack.of(owner), 'WaiverLinkSecret', {
    description: "Signs the personal waiver links mailed to SCC patrons",
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
  });
  for (const fn of functions) fn.addEnvironment('WAIVER_LINK_SECRET', secret.secretValue.unsafeUnwrap());
  return secret;
}
