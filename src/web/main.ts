import { App } from './app.js';
import { initialLanguage, useLanguage } from './i18n.js';
import { applyTheme, followOtherTabs, storedTheme } from './theme.js';

// Before anything else, so the page is never drawn in the other theme first. The CSP allows no inline script, so this
// is the earliest point: module scripts run before DOMContentLoaded, and the stylesheet has no say over localStorage.
applyTheme(storedTheme());
followOtherTabs();

/**
 * Every word on the page comes from the language's chunk, so it is fetched before anything is drawn. If it cannot be
 * (offline, or a newer deploy replaced the files), English is tried; failing that there are no words to speak with, so
 * the one sentence left says it in all four languages.
 */
async function start(): Promise<void> {
  const lang = initialLanguage();
  try {
    await useLanguage(lang).catch(() => (lang === 'en' ? Promise.reject(new Error('no catalogue')) : useLanguage('en')));
  } catch {
    document.getElementById('main')!.textContent =
      'Reload the page to try again. · ページを再読み込みしてください。 · Lade die Seite neu. · Rechargez la page pour réessayer.';
    return;
  }
  await new App().boot();
}

void start();
