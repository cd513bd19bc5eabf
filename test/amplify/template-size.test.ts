import { statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assembly, CfnTemplate } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

/**
 * Room to grow: every template of the synthesized branch deployment stays under 80% of each
 * CloudFormation quota a template can run into ("Understand CloudFormation quotas", CloudFormation
 * User Guide), so the next resolvers, alarms or functions deploy. CDK uploads each template to S3
 * as the file it writes, so the file's size is what CloudFormation measures.
 */
const QUOTAS = {
  /** Template body size in an Amazon S3 object. */
  bytes: 1_048_576,
  resources: 500,
  parameters: 200,
  outputs: 200,
  /** Dynamic references ({{resolve:…}}) per template. */
  dynamicReferences: 60,
};
const HEADROOM = 0.8;

let cdk: Assembly;
let files: string[];

beforeAll(async () => {
  cdk = await synthesizedAssembly();
  files = [...cdk.nestedTemplateFiles(), ...cdk.rootTemplateFiles()];
}, 180_000);

function measure(file: string): Record<keyof typeof QUOTAS, number> {
  const text = cdk.text(file);
  const t = JSON.parse(text) as CfnTemplate;
  return {
    bytes: statSync(join(cdk.dir, file)).size,
    resources: Object.keys(t.Resources).length,
    parameters: Object.keys(t.Parameters ?? {}).length,
    outputs: Object.keys(t.Outputs ?? {}).length,
    dynamicReferences: text.match(/\{\{resolve:/g)?.length ?? 0,
  };
}

describe('every synthesized template', () => {
  it('is one of the templates of the assembly: the root and each nested stack', () => {
    expect(files.length).toBe(cdk.templates.size);
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(Object.keys(QUOTAS) as (keyof typeof QUOTAS)[])(
    'stays under 80%% of the CloudFormation quota on %s',
    (quota) => {
      const over = files
        .map((file) => ({ file, used: measure(file)[quota] }))
        .filter(({ used }) => used >= QUOTAS[quota] * HEADROOM)
        .map(({ file, used }) => `${file}: ${used} of ${QUOTAS[quota]} (${Math.round((100 * used) / QUOTAS[quota])}%)`);
      expect(over, 'move code out to S3 assets or split the stack').toEqual([]);
    },
  );
});
