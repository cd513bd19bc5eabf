/**
 * Configuration is passed in, not put in process.env. The local runtime derives each
 * Lambda's config from the environment AWS would set (one reader per function, the one the AWS
 * entry point uses), writes nothing to process.env, and a handler's clients are built once per
 * config.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  fromEnvironment,
  mailerConfigFromEnv,
  retentionConfigFromEnv,
  teamConfigFromEnv,
  waiverConfigFromEnv,
} from '../../../amplify/functions/config';
import type { LocalConfig } from '../../../local/config';
import { lambdaEnvironment } from '../../../local/parts';
import type { StandIns } from '../../../local/stack';

describe("the local runtime's Lambda environment", () => {
  it('is returned, not written to process.env, and names the stand-ins', () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-config-'));
    try {
      const before = { ...process.env };
      const standIns = {
        region: 'us-west-2',
        dynamodbEndpoint: 'http://127.0.0.1:18000',
        sesUrl: 'http://127.0.0.1:18005',
        cognitoEndpoint: 'http://127.0.0.1:18009',
        userPoolId: 'local_pool',
      } as StandIns;
      const env = lambdaEnvironment(
        { stateDir, region: 'us-west-2', ports: { edge: 18080, graphql: 18040 } } as LocalConfig,
        standIns,
        'scc-local-table',
      );
      expect(process.env).toEqual(before);

      const waiver = waiverConfigFromEnv(env);
      expect(waiver).toMatchObject({
        dynamo: { tableName: 'scc-local-table', region: 'us-west-2', endpoint: 'http://127.0.0.1:18000' },
        mail: { region: 'us-west-2', endpoint: 'http://127.0.0.1:18005' },
      });
      expect(waiver.originVerifySecret).toMatch(/^[\w-]{32}$/);
      expect(waiver.timeZone).toBe(env.TIME_ZONE);
      // A signature is published through the local API, signed with the role's credentials environmentOf adds.
      expect(waiver.live).toEqual({ url: 'http://127.0.0.1:18040/graphql', region: 'us-west-2' });
      expect(mailerConfigFromEnv(env).mail).toEqual(waiver.mail);
      // Personal waiver links: the mailer signs with the secret the waiver Lambda checks, for the local edge.
      expect(waiver.linkSecret).toMatch(/^[\w-]{32,}$/);
      expect(mailerConfigFromEnv(env).links).toEqual({
        secret: waiver.linkSecret,
        baseUrl: 'http://localhost:18080/g',
      });
      expect(retentionConfigFromEnv(env)).toEqual(waiver.dynamo);
      // The team Lambda: cognito-local's pool.
      expect(teamConfigFromEnv(env)).toEqual({
        dynamo: waiver.dynamo,
        mail: waiver.mail,
        dashboardUrl: 'http://localhost:18080/',
        cognito: { userPoolId: 'local_pool', region: 'us-west-2', endpoint: 'http://127.0.0.1:18009' },
      });
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe("the local runtime's settings", () => {
  it('are checked at start as each Lambda checks them at its cold start on AWS', () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-config-'));
    const saved = process.env.SENDER_EMAIL;
    try {
      process.env.SENDER_EMAIL = 'bookings';
      const standIns = {
        region: 'us-west-2',
        dynamodbEndpoint: 'http://127.0.0.1:18000',
        sesUrl: 'http://127.0.0.1:18005',
        cognitoEndpoint: 'http://127.0.0.1:18009',
        userPoolId: 'local_pool',
      } as StandIns;
      expect(() =>
        lambdaEnvironment({ stateDir, region: 'us-west-2', ports: { edge: 18080 } } as LocalConfig, standIns, 't'),
      ).toThrow(/The mailer function is misconfigured[^]*SENDER_EMAIL is not an email address/);
    } finally {
      if (saved === undefined) delete process.env.SENDER_EMAIL;
      else process.env.SENDER_EMAIL = saved;
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('an AWS entry point', () => {
  it('builds its handler once per config: again only when the environment says something else', () => {
    const built: string[] = [];
    const handler = fromEnvironment(mailerConfigFromEnv, (config) => {
      built.push(config.mail.endpoint ?? 'aws');
      return () => config;
    });
    const saved = process.env.SES_ENDPOINT;
    try {
      process.env.SES_ENDPOINT = 'http://127.0.0.1:18005';
      const first = handler();
      expect(handler()).toBe(first);
      process.env.SES_ENDPOINT = 'http://127.0.0.1:18006';
      expect(handler()).not.toBe(first);
      expect(built).toEqual(['http://127.0.0.1:18005', 'http://127.0.0.1:18006']);
    } finally {
      if (saved === undefined) delete process.env.SES_ENDPOINT;
      else process.env.SES_ENDPOINT = saved;
    }
  });

  it('reads the team config as AWS sets it: the pool, the dashboard from the waiver base URL', () => {
    expect(
      teamConfigFromEnv({
        USER_POOL_ID: 'us-east-1_abc',
        TABLE_NAME: 't',
        WAIVER_BASE_URL: 'https://d1.cloudfront.net/g',
      }).cognito,
    ).toEqual({
      userPoolId: 'us-east-1_abc',
      region: 'us-east-1',
      endpoint: undefined,
    });
    expect(teamConfigFromEnv({ WAIVER_BASE_URL: 'https://d1.cloudfront.net/g' }).dashboardUrl).toBe(
      'https://d1.cloudfront.net/',
    );
  });

  it('refuses a retention config without a table, as the deployed function did', () => {
    expect(() => retentionConfigFromEnv({})).toThrow('TABLE_NAME is not configured');
  });
});
