import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { build, type Plugin, type Rollup } from 'vite';

import { startEdge } from '../local/edge';
import { CHROMIUM, CHROMIUM_ARGS, sccPwa } from '../vite.config';
import type { Benchmark } from './lib/context';
import { round, summarize } from './lib/stats';
import type { RenderTiming } from './spa/cards';

const root = path.resolve(import.meta.dirname, '..');
const KB = 1024;
const CARDS = 50;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const gz = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;

/** amplify_outputs.json is written by npm start or ampx; the build only needs its shape. */
function stubOutputs(file: string): Plugin {
  return {
    name: 'scc:bench-outputs',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('amplify_outputs.json') ? file : null),
  };
}

/** `vite build` as production runs it, into `outDir`; `input` defaults to index.html. */
async function viteBuild(outDir: string, input?: string): Promise<Rollup.RollupOutput> {
  const outputs = path.join(outDir, '..', 'amplify_outputs.json');
  fs.writeFileSync(outputs, JSON.stringify({ version: '1.4', auth: {}, data: {}, custom: { local: {} } }));
  // Under NODE_ENV=test or development Vite would resolve Lit's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return (await build({
      root,
      configFile: false,
      mode: 'production',
      logLevel: 'silent',
      // The dashboard as deployed: with its manifest and service worker (outside the initial load).
      plugins: [stubOutputs(outputs), ...(input ? [] : [sccPwa()])],
      build: { outDir, emptyOutDir: true, target: 'es2022', ...(input ? { rollupOptions: { input } } : {}) },
    })) as Rollup.RollupOutput;
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** What index.html loads before any dynamic import: the entry chunk, its static imports, and their CSS. */
function initialLoad(output: Rollup.RollupOutput) {
  const chunks = output.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  const assets = output.output.filter((o): o is Rollup.OutputAsset => o.type === 'asset');
  const seen = new Map<string, Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) visit(chunks.find((c) => c.fileName === name)!);
  };
  for (const entry of chunks.filter((c) => c.isEntry)) visit(entry);
  const initial = [...seen.values()];
  const html = String(assets.find((a) => a.fileName === 'index.html')?.source ?? '');
  const cssFiles = new Set<string>(
    initial.flatMap((c) => [
      ...((c as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? []),
    ]),
  );
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+)"/g)) cssFiles.add(m[1]!);
  const css = assets.filter((a) => cssFiles.has(a.fileName));
  return {
    jsGzip: initial.reduce((s, c) => s + gz(c.code), 0),
    jsRaw: initial.reduce((s, c) => s + Buffer.byteLength(c.code), 0),
    cssGzip: css.reduce((s, a) => s + gz(a.source), 0),
    htmlGzip: gz(html),
    initialChunks: initial.length,
    totalJsGzip: chunks.reduce((s, c) => s + gz(c.code), 0),
    chunks: chunks.length,
  };
}

function fixtureEvents(n: number) {
  const boats = ['Lady Washington', 'Hawaiian Chieftain', null];
  return Array.from({ length: n }, (_, i) => {
    const dueCents = (i % 7) * 45_000;
    const paidCents = Math.min(dueCents, (i % 5) * 30_000);
    const day = String((i % 28) + 1).padStart(2, '0');
    return {
      __typename: 'Event',
      id: `2027-05-${day}-bench-sail-${i}`,
      title: `Bench sail ${i}: sunset on the sound`,
      startsAt: `2027-05-${day}T01:30:00.000Z`,
      endsAt: `2027-05-${day}T04:00:00.000Z`,
      boat: boats[i % 3],
      captain: i % 4 ? 'Ahab' : null,
      crew: i % 2 ? ['Ishmael', 'Queequeg'] : [],
      capacity: 40 + (i % 10),
      priceCents: 4_500,
      dueCents,
      paidCents,
      balanceCents: dueCents - paidCents,
      rosterCount: i % 12,
      waiversSigned: i % 6,
      headCount: i % 20,
    };
  });
}

/**
 * The production build's weight (what the dashboard loads before its first dynamic import, and all
 * its JavaScript) and the time Chromium takes to render 50 `<scc-event-card>`s from a built page.
 */
export const spa: Benchmark = async ({ quick, log, shared, scratch }) => {
  const renders = quick ? 10 : 40;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-bench-spa-'));
  scratch.push(work);
  log('spa: vite build');
  const t0 = performance.now();
  const app = initialLoad(await viteBuild(path.join(work, 'dist')));
  const buildSeconds = (performance.now() - t0) / 1000;
  shared.distDir = path.join(work, 'dist');

  log('spa: building the card page and rendering in Chromium');
  const pageDir = path.join(work, 'cards');
  await viteBuild(pageDir, path.join(root, 'bench/spa/cards.html'));
  // The edge answers unknown paths (Chromium's /favicon.ico) with index.html, as CloudFront would.
  fs.copyFileSync(path.join(pageDir, 'bench/spa/cards.html'), path.join(pageDir, 'index.html'));
  const edge = await startEdge({ spa: { mode: 'dist', dir: pageDir }, waiver: async () => ({ statusCode: 404 }) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const timings: RenderTiming[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${edge.url}/bench/spa/cards.html`);
    await page.waitForSelector('body[data-ready="true"]');
    const events = fixtureEvents(CARDS);
    for (let i = 0; i < renders + 1; i++) {
      timings.push(await page.evaluate((data) => window.sccRenderCards(data as never), events));
    }
  } finally {
    await browser.close();
    await edge.close();
  }
  // Cards with something owed carry the button; none at all would mean the user never arrived.
  const bad = timings.find((t) => t.cards !== CARDS || t.withButton === 0 || t.height <= 0);
  if (bad)
    throw new Error(`the page rendered ${bad.cards} cards (${bad.withButton} with their button), ${bad.height}px high`);
  const [first, ...rest] = timings;
  const laidOut = summarize(rest.map((t) => t.laidOutMs));
  const frame = summarize(rest.map((t) => t.frameMs));
  return {
    id: 'spa',
    title: 'The dashboard build, and 50 event cards in Chromium',
    method: `\`vite build\` (production) of index.html; the initial load is the entry chunk, its static imports and their CSS, gzip level 9 each. Then a built page (bench/spa/cards.html) renders ${CARDS} \`<scc-event-card>\`s from fixture data, as a crew member sees them, in Chromium (headless, 1280×900), ${renders} times after a first, cold render: time from setting the data to the cards laid out (a forced layout read), and to the next animation frame.`,
    metrics: [
      {
        key: 'initial_js_gzip',
        label: `initial JavaScript, gzip (${plural(app.initialChunks, 'chunk')})`,
        value: app.jsGzip,
        unit: 'B',
        budget: { max: 20 * KB, source: 'docs/architecture.md, budgets' },
      },
      { key: 'initial_css_gzip', label: 'initial CSS, gzip', value: app.cssGzip, unit: 'B' },
      {
        key: 'initial_js_css_gzip',
        label: 'initial JavaScript + CSS, gzip',
        value: app.jsGzip + app.cssGzip,
        unit: 'B',
        budget: { max: 20 * KB, source: 'docs/architecture.md, budgets (shell + sign-in)' },
      },
      { key: 'index_html_gzip', label: 'index.html, gzip', value: app.htmlGzip, unit: 'B' },
      {
        key: 'total_js_gzip',
        label: `all JavaScript, gzip (${plural(app.chunks, 'chunk')})`,
        value: app.totalJsGzip,
        unit: 'B',
      },
      {
        key: 'render_laid_out_p50',
        label: `${CARDS} cards: data set → laid out, p50`,
        value: round(laidOut.p50),
        unit: 'ms',
      },
      {
        key: 'render_laid_out_p99',
        label: `${CARDS} cards: data set → laid out, p99`,
        value: round(laidOut.p99),
        unit: 'ms',
      },
      {
        key: 'render_frame_p50',
        label: `${CARDS} cards: data set → next frame, p50`,
        value: round(frame.p50),
        unit: 'ms',
      },
      {
        key: 'render_cold',
        label: `${CARDS} cards, first render on the page (styles adopted, templates prepared)`,
        value: round(first!.laidOutMs),
        unit: 'ms',
      },
    ],
    notes: [
      `${first!.withButton} of the ${CARDS} fixture events have a balance due, so their cards show the crew's "Log payment" button.`,
      `The build took ${buildSeconds.toFixed(1)} s; initial JavaScript is ${(app.jsRaw / KB).toFixed(1)} KB before compression. aws-amplify and the signed-in views are in the ${app.chunks - app.initialChunks} chunks loaded later.`,
      ...(app.cssGzip === 0
        ? [
            "The build emits no CSS file: the components carry their styles in their JavaScript (Lit `css`), and index.html inlines the shell's own.",
          ]
        : []),
    ],
  };
};
