import fs from 'node:fs';
import type { ClientConfigVersionTemplateType } from '@aws-amplify/client-config';

import { operatorTimeZone } from '../../amplify/time-zone';
import { GROUPS } from './cognito';

export type AmplifyOutputs = ClientConfigVersionTemplateType<'1.4'>;

/** Where each local stand-in answers (and the demo password, for the seed and tests: never in the outputs). */
export interface LocalEndpoints {
  edgeUrl: string;
  graphqlUrl: string;
  cognitoEndpoint: string;
  sesUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** The demo users' password, printed by npm start; never in amplify_outputs.json. */
  demoPassword: string;
}

/** `custom.local` of amplify_outputs.json: where each stand-in answers, and nothing secret. */
export type LocalOutputs = Omit<LocalEndpoints, 'demoPassword'>;

/**
 * amplify_outputs.json in Amplify's own format (what `ampx` writes after a deploy), so
 * `Amplify.configure(outputs)` is one line for AWS and local; `custom.local` tells the SPA and
 * scripts that the endpoints are stand-ins (e.g. sign in with USER_PASSWORD_AUTH at cognitoEndpoint).
 */
export function localOutputs(
  opts: { region: string; userPoolId: string; userPoolClientId: string } & LocalEndpoints,
): AmplifyOutputs {
  const { region, userPoolId, userPoolClientId } = opts;
  // Named one by one rather than spread, so nothing secret added to LocalEndpoints reaches the file:
  // the edge serves it, and the SPA's bundle embeds it, to anyone who asks.
  const local: LocalOutputs = {
    edgeUrl: opts.edgeUrl,
    graphqlUrl: opts.graphqlUrl,
    cognitoEndpoint: opts.cognitoEndpoint,
    sesUrl: opts.sesUrl,
    dynamodbEndpoint: opts.dynamodbEndpoint,
    tableName: opts.tableName,
  };
  // The operator's zone, as amplify/backend.ts publishes it on AWS.
  const timeZone = operatorTimeZone(process.env.SCC_TIME_ZONE);
  return {
    version: '1.4',
    auth: {
      aws_region: region,
      user_pool_id: userPoolId,
      user_pool_client_id: userPoolClientId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      groups: GROUPS.map((g, precedence) => ({ [g]: { precedence } })),
      password_policy: {
        min_length: 8,
        require_lowercase: true,
        require_uppercase: true,
        require_numbers: true,
        require_symbols: true,
      },
      unauthenticated_identities_enabled: false,
    },
    data: {
      url: local.graphqlUrl,
      aws_region: region,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: [],
    },
    custom: { timeZone, local },
  };
}

export function writeOutputs(file: string, outputs: AmplifyOutputs): void {
  fs.writeFileSync(file, JSON.stringify(outputs, null, 2) + '\n');
}
