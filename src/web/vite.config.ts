import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { GAME_REGIONS, GAME_TERMS } from '../i18n/gameTerms.js';
import { isLocale } from '../i18n/locales.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const GAME_WORDS = 'virtual:game-words/';

/**
 * `virtual:game-words/<lang>`: the game's own names (src/i18n/gameTerms.ts) in that one language, without their
 * sources. gameTerms.ts holds all four languages in one object, which no bundler can split, so importing it would put
 * every language into whichever chunk imports it; this hands each language's chunk (src/web/locales/) its own words.
 */
function gameWordsByLanguage(): Plugin {
  const pick = <K extends string>(table: Record<K, Record<'en' | 'ja' | 'de' | 'fr', string>>, lang: 'en' | 'ja' | 'de' | 'fr') =>
    Object.fromEntries(Object.entries<Record<string, string>>(table).map(([key, names]) => [key, names[lang]]));
  return {
    name: 'game-words-by-language',
    resolveId: (id) => (id.startsWith(GAME_WORDS) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${GAME_WORDS}`)) return null;
      const lang = id.slice(GAME_WORDS.length + 1);
      if (!isLocale(lang)) throw new Error(`${id}: no such language`);
      return `export default ${JSON.stringify({ terms: pick(GAME_TERMS, lang), regions: pick(GAME_REGIONS, lang) })};`;
    },
  };
}

/**
 * The web checklist: `src/web` bundled into `dist/web`, served by the service at `/app/`.
 * `npm run build` runs this after tsc; the browser test builds into a temp dir with `build.outDir`.
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  plugins: [gameWordsByLanguage()],
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
      ['/login', '/exchange', '/auth', '/users', '/tasks', '/characters', '/lodestone', '/presets', '/resets', '/features', '/groups', '/api-keys', '/calendar.ics'].map((p) => [p, 'http://localhost:8080']),
    ),
  },
});
