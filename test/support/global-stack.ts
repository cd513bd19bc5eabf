import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

import { startStandIns } from '../../local/stack';
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS } from '../../local/stack/cognito';
import { freePort } from '../../local/stack/ports';

export interface TestStack {
  region: string;
  dynamodbEndpoint: string;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  sesUrl: string;
  demoPassword: string;
  users: { admin: string; crew: string; accounting: string };
  /** Where the stand-ins' logs and state live for this run. */
  dir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

/**
 * One set of stand-ins per test run, on free ports (never npm start's), DynamoDB in memory, all
 * stopped at the end. Test files isolate themselves by creating their own table.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-test-'));
  const standIns = await startStandIns({
    ports: { dynamodb: await freePort(), cognito: await freePort(), ses: await freePort() },
    stateDir: dir,
    persistDynamoDB: false,
    logDir: dir,
    region: 'us-east-1',
    demoPassword: DEFAULT_DEMO_PASSWORD,
  });
  const byGroup = (g: string) => DEMO_USERS.find((u) => u.group === g)!.email;
  project.provide('stack', {
    region: standIns.region,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    cognitoEndpoint: standIns.cognitoEndpoint,
    userPoolId: standIns.userPoolId,
    userPoolClientId: standIns.userPoolClientId,
    sesUrl: standIns.sesUrl,
    demoPassword: DEFAULT_DEMO_PASSWORD,
    users: { admin: byGroup('ADMINS'), crew: byGroup('CREW'), accounting: byGroup('ACCOUNTING') },
    dir,
  });
  return async () => {
    await standIns.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
