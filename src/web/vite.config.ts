import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web checklist: `src/web` bundled into `dist/web`, served by the service at `/app/`.
 * `npm run build` runs this after tsc; the browser test builds into a temp dir with `build.outDir`.
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: URLs for code: the service's CSP is script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // `vite --config src/web/vite.config.ts` serves the app on :3000 and forwards the API to `npm start` on :8080
  // (log-in then needs OAUTH_REDIRECT_URI=http://localhost:3000/app/).
  server: {
    port: 3000,
    proxy: Object.fromEntries(
      ['/login', '/exchange', '/auth', '/users', '/tasks', '/characters', '/lodestone', '/presets', '/resets', '/features', '/groups'].map((p) => [p, 'http://localhost:8080']),
    ),
  },
});
