import { fr } from '../../i18n/catalogue/fr.js';
import words from 'virtual:game-words/fr';

/** French: the page's messages and the game's names, one chunk, fetched only when the page shows French. */
export const messages = fr.web;
export const { terms, regions } = words;
