import { defineConfig, type Plugin } from 'vitest/config';
import type { PluginOption } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import FS_DENY from './local/edge/fs-deny.json' with { type: 'json' };
import { VitePWA } from 'vite-plugin-pwa';

/** Chromium comes from Debian (`/usr/bin/chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * @open-wc/testing imports web-dev-server's websocket module, which only exists under
 * web-test-runner; in vitest's browser mode it resolves to an empty module.
 */
function openWcWebSocketStub(): Plugin {
  const id = '\0wds-web-socket-stub';
  return {
    name: 'scc:open-wc-web-socket-stub',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('__web-dev-server__web-socket.js') ? id : null),
    load: (loaded) => (loaded === id ? 'export const webSocket = undefined; export default {};' : null),
  };
}

/** The app's colours (index.html's --scc-ink and page background). */
const THEME_COLOR = '#14213d';
const BACKGROUND_COLOR = '#f4f6f9';

/**
 * The installable dashboard (issue 16 §2): a web app manifest and a Workbox service worker that
 * precaches the built app shell, so a signed-in phone opens the dashboard with no signal (what it
 * shows then comes from IndexedDB, src/lib/offline/offline-store.ts). Also used by the builds that
 * bench/ and the e2e tests make with `configFile: false`.
 *
 * The worker is registered by src/lib/offline/service-worker.ts after first paint, never by an injected
 * script (`injectRegister: false`), so the initial JavaScript stays within DESIGN.md §8's 20 KB.
 */
export function sccPwa(): PluginOption {
  return VitePWA({
    injectRegister: false,
    // A new deployment takes over at once (skipWaiting + clientsClaim below): the dashboard keeps
    // no state a reload would lose (the payment outbox lives in IndexedDB).
    registerType: 'autoUpdate',
    manifest: {
      id: '/',
      name: 'Ship Captain Crew',
      short_name: 'SCC',
      description: 'Charter events, rosters, payments and waivers — on the dock, with or without signal.',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: THEME_COLOR,
      background_color: BACKGROUND_COLOR,
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      // The app shell: every built script, style, page and icon (source maps stay on the server).
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      // aws-amplify's chunk is large; without it offline the dashboard could not even read tokens.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      cleanupOutdatedCaches: true,
      skipWaiting: true,
      clientsClaim: true,
      // Client-side routes open the cached shell; the waiver pages are the waiver Lambda's, never
      // the SPA's (DESIGN.md §5), so the worker must not answer them with index.html.
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/g\//],
    },
  });
}

/** Component specs that also run in an Asia/Tokyo browser (the default browser is the machine's, UTC here). */
const ZONED_SPECS = ['test/src/lib/domain/dates.test.ts', 'test/src/components/scc-event-form.test.ts'];

const nodeTimeouts = { testTimeout: 30_000, hookTimeout: 90_000 };

export default defineConfig({
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
  // The service worker and manifest are build output; the test projects run without them.
  plugins: process.env.VITEST ? [] : [sccPwa()],
  // The same files refused as by the local edge's Vite (local/edge/vite-guard.ts).
  server: { strictPort: true, fs: { deny: FS_DENY } },
  test: {
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          // test/src mirrors src/, which runs in the browser.
          exclude: ['test/src/**', 'test/e2e/**'],
          globalSetup: ['test/support/global-stack.ts'],
          ...nodeTimeouts,
        },
      },
      {
        extends: true,
        plugins: [openWcWebSocketStub()],
        optimizeDeps: {
          include: ['@open-wc/testing', 'lit', 'lit/decorators.js', '@lit/context', '@lit/task', 'idb'],
        },
        test: {
          name: 'browser',
          include: ['test/src/**/*.test.ts'],
          setupFiles: ['test/support/browser-setup.ts'],
          // The browser server's port (vitest 5 took it out of `browser`). Another run of the suite
          // (a second worktree) may hold it: take the next.
          api: { port: 63315, strictPort: false },
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
            instances: [
              { browser: 'chromium' },
              // The specs of dates and times again, in a browser far from the operator's zone.
              {
                browser: 'chromium',
                name: 'chromium-tokyo',
                include: ZONED_SPECS,
                provider: playwright({
                  launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
                  contextOptions: { timezoneId: 'Asia/Tokyo' },
                }),
              },
            ],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Each e2e file starts the whole product itself (test/support/product.ts).
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
