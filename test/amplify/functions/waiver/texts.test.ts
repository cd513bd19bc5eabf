import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { bundleModule } from '../../../../local/edge/bundle';
import { DEFAULT_WAIVER_TEXT } from './support/fixtures';

type Texts = typeof import('../../../../amplify/waivers');

// A per-event text exists only while this file runs; the bundle picks it up like a committed one.
const OVERRIDE_ID = `zz-test-${randomUUID().slice(0, 8)}`;
const OVERRIDE_FILE = fileURLToPath(new URL(`../../../../amplify/waivers/${OVERRIDE_ID}.md`, import.meta.url));
const OVERRIDE_TEXT = '# Private charter waiver\n\nOnly for this event.\n';

let texts: Texts;
let dispose: () => void;

beforeAll(async () => {
  fs.writeFileSync(OVERRIDE_FILE, OVERRIDE_TEXT);
  try {
    ({ module: texts, dispose } = await bundleModule<Texts>('amplify/waivers/index.ts'));
  } finally {
    fs.rmSync(OVERRIDE_FILE, { force: true });
  }
});
afterAll(() => dispose?.());

it('gives every event amplify/waivers/default.md, byte for byte', async () => {
  expect(await texts.waiverTextFor('2026-05-23-alice-period')).toBe(DEFAULT_WAIVER_TEXT);
});

it('gives an event its own amplify/waivers/<event-id>.md when there is one', async () => {
  expect(await texts.waiverTextFor(OVERRIDE_ID)).toBe(OVERRIDE_TEXT);
});

it('never reads outside the waivers folder, whatever the id', async () => {
  for (const id of ['../../package', '../functions/waiver/render', 'default']) {
    expect(await texts.waiverTextFor(id)).toBe(DEFAULT_WAIVER_TEXT);
  }
});
