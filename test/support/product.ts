import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { configFromEnv } from '../../local/config';
import { startProduct, type Product } from '../../local/product';
import { freePort } from '../../local/stack/ports';

export interface TestProduct extends Product {
  dir: string;
}

/**
 * The whole product as `npm start` runs it — stand-ins, API, edge with the SPA, demo data — but on
 * free ports, in memory, with its outputs file in a temporary folder: for end-to-end tests and
 * benchmarks, beside a developer's own npm start.
 */
export async function startTestProduct(opts: { seed?: boolean; spa?: 'vite' | 'dist' } = {}): Promise<TestProduct> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-e2e-'));
  const [edge, graphql, dynamodb, cognito, ses] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
  const config = configFromEnv({
    SCC_PORT: String(edge),
    SCC_GRAPHQL_PORT: String(graphql),
    SCC_DYNAMODB_PORT: String(dynamodb),
    SCC_COGNITO_PORT: String(cognito),
    SCC_SES_PORT: String(ses),
    SCC_STATE_DIR: dir,
    SCC_OUTPUTS: path.join(dir, 'amplify_outputs.json'),
    SCC_SEED: opts.seed === false ? '0' : '1',
    SCC_SPA: opts.spa ?? 'vite',
  });
  const product = await startProduct(config, { persist: false });
  return {
    ...product,
    dir,
    stop: async () => {
      await product.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
