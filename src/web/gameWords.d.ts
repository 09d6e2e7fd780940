/**
 * `virtual:game-words/<lang>` (made by the plugin in vite.config.ts): the game's own names from src/i18n/gameTerms.ts
 * in that one language, so that each language's chunk carries its own and no other.
 */
declare module 'virtual:game-words/*' {
  const words: {
    readonly terms: Readonly<Record<import('../i18n/gameTerms.js').GameTermKey, string>>;
    readonly regions: Readonly<Record<import('../resets/cadences.js').Region, string>>;
  };
  export default words;
}
