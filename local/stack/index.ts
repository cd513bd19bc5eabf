import path from 'node:path';

import { startCognito, startDynamoDB, startSes, HOST } from './standins';
import { cognitoClient, ensureUserPool, type UserPool } from './cognito';
import { stopAll, type ManagedProcess } from './process';

export { HOST } from './standins';
export { stopAll } from './process';

export interface StandInOptions {
  ports: { dynamodb: number; cognito: number; ses: number };
  /** Keep DynamoDB data and Cognito state here (npm start); omitted: in memory / a temp dir (tests). */
  stateDir: string;
  persistDynamoDB: boolean;
  logDir: string;
  region: string;
  demoPassword: string;
  /** The browser origins that may call cognito-local (the dashboard's); default none. */
  allowedOrigins?: readonly string[];
}

export interface StandIns extends UserPool {
  region: string;
  dynamodbEndpoint: string;
  cognitoEndpoint: string;
  sesUrl: string;
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

/**
 * DynamoDB Local, cognito-local and aws-ses-v2-local, started side by side, with the user pool,
 * groups and demo users in place. Everything started is stopped if any part fails.
 */
export async function startStandIns(opts: StandInOptions): Promise<StandIns> {
  try {
    const processes = await Promise.all([
      startDynamoDB({
        port: opts.ports.dynamodb,
        dbPath: opts.persistDynamoDB ? path.join(opts.stateDir, 'ddb') : undefined,
        logDir: opts.logDir,
      }),
      startCognito({
        port: opts.ports.cognito,
        stateDir: path.join(opts.stateDir, 'cognito'),
        logDir: opts.logDir,
        allowedOrigins: opts.allowedOrigins,
      }),
      startSes({ port: opts.ports.ses, logDir: opts.logDir }),
    ]);
    const cognitoEndpoint = `http://${HOST}:${opts.ports.cognito}`;
    const pool = await ensureUserPool(cognitoClient(cognitoEndpoint, opts.region), opts.demoPassword);
    return {
      ...pool,
      region: opts.region,
      dynamodbEndpoint: `http://${HOST}:${opts.ports.dynamodb}`,
      cognitoEndpoint,
      sesUrl: `http://${HOST}:${opts.ports.ses}`,
      processes,
      stop: async () => {
        await Promise.all(processes.map((p) => p.stop()));
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
