/**
 * Every setting the backend reads is checked when a Lambda starts on AWS: an unset Amplify secret
 * (its placeholder), a plain-HTTP or malformed waiver link base, a short secret or an unknown zone
 * stops the function at its cold start with a message naming each problem, so nothing is mailed.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { bundleModule } from '../../../local/edge/bundle';
import {
  AMPLIFY_SECRET_PLACEHOLDER,
  checkSettings,
  checkSettingsAtColdStart,
  FUNCTION_SETTINGS,
  settingsProblems,
  type FunctionName,
} from '../../../amplify/functions/config';

const SECRET = 'x'.repeat(48);
/** A complete, valid environment as a deployed function sees it once Amplify resolved its secrets. */
const GOOD = {
  TABLE_NAME: 'scc-table',
  TIME_ZONE: 'America/Los_Angeles',
  SENDER_EMAIL: 'ops@example.org',
  AUDIT_EMAIL: 'audit@example.org',
  WAIVER_BASE_URL: 'https://d111.cloudfront.net/g',
  WAIVER_LINK_SECRET: SECRET,
  ORIGIN_VERIFY_SECRET: SECRET,
  USER_POOL_ID: 'us-east-1_abc',
  REMINDER_HOURS: '24',
  LIVE_API_URL: 'https://abcdefghij.appsync-api.us-east-1.amazonaws.com/graphql',
};
const FUNCTIONS = Object.keys(FUNCTION_SETTINGS) as FunctionName[];

describe('the settings check', () => {
  it('accepts every function configured as a deployment configures it', () => {
    for (const fn of FUNCTIONS) expect(settingsProblems(fn, GOOD), fn).toEqual([]);
  });

  it("refuses Amplify's placeholder of an unset secret, saying how to set it", () => {
    const problems = settingsProblems('reminders', {
      ...GOOD,
      WAIVER_BASE_URL: AMPLIFY_SECRET_PLACEHOLDER,
      SENDER_EMAIL: AMPLIFY_SECRET_PLACEHOLDER,
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SENDER_EMAIL is not set: Amplify left its placeholder.*secret set SENDER_EMAIL/);
    expect(problems[1]).toMatch(/^WAIVER_BASE_URL is not set: Amplify left its placeholder/);
  });

  it('wants the waiver base URL over HTTPS, ending in /g; plain HTTP only on localhost', () => {
    const problem = (url: string) => settingsProblems('mailer', { ...GOOD, WAIVER_BASE_URL: url });
    expect(problem('https://scc.example.org/g')).toEqual([]);
    expect(problem('https://scc.example.org/g/')).toEqual([]);
    expect(problem('http://localhost:3000/g')).toEqual([]);
    expect(problem('http://127.0.0.1:3000/g')).toEqual([]);
    expect(problem('http://scc.example.org/g')).toEqual([
      'WAIVER_BASE_URL must start with https:// (expected https://<site>/g).',
    ]);
    expect(problem('ftp://scc.example.org/g')[0]).toMatch(/https:\/\//);
    expect(problem('scc.example.org/g')).toEqual(['WAIVER_BASE_URL is not a URL (expected https://<site>/g).']);
    expect(problem('https://scc.example.org/')[0]).toMatch(/followed by \/g/);
    expect(problem('https://scc.example.org/g?x=1')[0]).toMatch(/followed by \/g/);
  });

  it('names every missing required setting, and leaves optional ones optional', () => {
    expect(settingsProblems('team', {})).toEqual([
      'TABLE_NAME is not set.',
      'SENDER_EMAIL is not set.',
      'WAIVER_BASE_URL is not set.',
      'USER_POOL_ID is not set.',
    ]);
    const { AUDIT_EMAIL: _a, TIME_ZONE: _z, REMINDER_HOURS: _h, ...required } = GOOD;
    for (const fn of FUNCTIONS) expect(settingsProblems(fn, required), fn).toEqual([]);
  });

  it('checks what each value must be: an address, a zone, a long secret, whole hours', () => {
    expect(
      settingsProblems('waiver', { ...GOOD, SENDER_EMAIL: 'ops', AUDIT_EMAIL: 'Audit <audit@example.org>' }),
    ).toEqual(['SENDER_EMAIL is not an email address.']);
    expect(settingsProblems('mailer', { ...GOOD, TIME_ZONE: 'Pacific' })[0]).toMatch(
      /^TIME_ZONE is refused: .*not an IANA time zone/,
    );
    expect(settingsProblems('waiver', { ...GOOD, ORIGIN_VERIFY_SECRET: 'short' })).toEqual([
      'ORIGIN_VERIFY_SECRET is shorter than 32 characters.',
    ]);
    expect(settingsProblems('reminders', { ...GOOD, REMINDER_HOURS: '0' })[0]).toMatch(/^REMINDER_HOURS is refused/);
    expect(settingsProblems('waiver', { ...GOOD, LIVE_API_URL: 'appsync/graphql' })[0]).toMatch(
      /^LIVE_API_URL is refused: Invalid URL/,
    );
  });

  it('throws one error listing all problems, for the function named', () => {
    expect(() => checkSettings('retention', {})).toThrow(
      /^The retention function is misconfigured \(see docs\/deploy\.md\):\n- TABLE_NAME is not set\.$/,
    );
    expect(() => checkSettings('retention', GOOD)).not.toThrow();
  });

  it('runs only on Lambda, where AWS sets AWS_LAMBDA_FUNCTION_NAME', () => {
    expect(() => checkSettingsAtColdStart('retention', {})).not.toThrow();
    expect(() => checkSettingsAtColdStart('retention', { AWS_LAMBDA_FUNCTION_NAME: 'scc-retention' })).toThrow(
      /TABLE_NAME is not set/,
    );
  });
});

describe('each AWS entry point, bundled as Lambda runs it', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /** A fresh bundle each time: loading it is a cold start. */
  const load = async (fn: FunctionName) => {
    let dispose = () => {};
    try {
      const bundle = await bundleModule<{ handler: unknown }>(`amplify/functions/${fn}/handler.ts`);
      dispose = bundle.dispose;
      return bundle.module;
    } finally {
      dispose();
    }
  };

  it.each(FUNCTIONS)(
    '%s fails at its cold start (module load) when a setting is wrong, and loads when all are right',
    async (fn) => {
      Object.assign(process.env, GOOD, {
        AWS_LAMBDA_FUNCTION_NAME: `scc-${fn}`,
        TABLE_NAME: AMPLIFY_SECRET_PLACEHOLDER,
        SENDER_EMAIL: AMPLIFY_SECRET_PLACEHOLDER,
      });
      await expect(load(fn)).rejects.toThrow(`The ${fn} function is misconfigured`);
      Object.assign(process.env, GOOD);
      await expect(load(fn)).resolves.toHaveProperty('handler');
    },
  );
});
