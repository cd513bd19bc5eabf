import { defineConfig, type Plugin } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import FS_DENY from './local/edge/fs-deny.json' with { type: 'json' };

/** Chromium comes from Debian (`/usr/bin/chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
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

/** Component specs that also run in an Asia/Tokyo browser (the default browser is the machine's, UTC here). */
const ZONED_SPECS = ['test/src/lib/dates.test.ts', 'test/src/components/scc-event-form.test.ts'];

const nodeTimeouts = { testTimeout: 30_000, hookTimeout: 90_000 };

export default defineConfig({
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
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
