/// <reference types="vite/client" />
/**
 * Registers the Workbox service worker of the built site (vite.config.ts `sccPwa`), which precaches the app
 * shell so the dashboard opens with no signal. main.ts loads this after first paint.
 *
 * Hand-written instead of vite-plugin-pwa's `virtual:pwa-register`: with `registerType:
 * 'autoUpdate'` the worker updates itself, so registration is one call, and the virtual module
 * would need the plugin in every Vite that serves the SPA (the dev edge, bench and test builds).
 */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  // Vite's dev server (npm start) has no sw.js: only the built site installs.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return undefined;
  // Workbox's advice: install (which downloads the whole shell) once the page has loaded, so on a
  // slow link the precache does not compete with what the first screen needs.
  if (document.readyState !== 'complete')
    await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  try {
    return await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  } catch (error) {
    // Without the worker the dashboard still works online; say why in the console only.
    console.warn('Service worker not registered:', error);
    return undefined;
  }
}
