import path from 'node:path';

import { DEFAULT_DEMO_PASSWORD } from './stack/cognito';

/** Everything `npm start` can be told, from the environment, with the defaults the README gives. */
export interface LocalConfig {
  ports: { edge: number; graphql: number; dynamodb: number; cognito: number; ses: number };
  stateDir: string;
  outputsFile: string;
  demoPassword: string;
  region: string;
  seed: boolean;
  /** How the edge serves the dashboard: Vite from source (the default), or a production build with its service worker. */
  spa: 'vite' | 'dist';
}

export const PORT_VARIABLES = {
  edge: ['SCC_PORT', 3000],
  graphql: ['SCC_GRAPHQL_PORT', 4000],
  dynamodb: ['SCC_DYNAMODB_PORT', 8000],
  cognito: ['SCC_COGNITO_PORT', 9229],
  ses: ['SCC_SES_PORT', 8005],
} as const;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): LocalConfig {
  const port = (key: keyof typeof PORT_VARIABLES): number => {
    const [name, fallback] = PORT_VARIABLES[key];
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a port number`);
    return n;
  };
  return {
    ports: {
      edge: port('edge'),
      graphql: port('graphql'),
      dynamodb: port('dynamodb'),
      cognito: port('cognito'),
      ses: port('ses'),
    },
    stateDir: path.resolve(root, env.SCC_STATE_DIR || '.local'),
    outputsFile: path.resolve(root, env.SCC_OUTPUTS || 'amplify_outputs.json'),
    demoPassword: env.SCC_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    region: env.SCC_REGION || 'us-east-1',
    seed: env.SCC_SEED !== '0',
    spa: spaMode(env.SCC_SPA),
  };
}

function spaMode(raw: string | undefined): LocalConfig['spa'] {
  if (raw === undefined || raw === '' || raw === 'vite') return 'vite';
  if (raw === 'dist') return 'dist';
  throw new Error(`SCC_SPA=${raw}: use vite (the default) or dist`);
}
