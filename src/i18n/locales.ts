/** The game's four languages; everything a player reads exists in each. */
export const LOCALES = ['en', 'ja', 'de', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/** Discord's locale (`ja`, `de`, `fr`, `en-US`, `pt-BR`…): Japanese, German or French, English otherwise. */
export function fromDiscordLocale(locale: string | null | undefined): Locale {
  const base = (locale ?? '').toLowerCase().split('-')[0];
  return isLocale(base) ? base : 'en';
}

/**
 * The best of our languages for an Accept-Language header (RFC 9110 §12.5.4): by q-value, then
 * by order; `de-AT` counts as `de`; nothing we speak gives English.
 */
export function fromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: (tag ?? '').trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.base).find(isLocale) ?? 'en';
}
