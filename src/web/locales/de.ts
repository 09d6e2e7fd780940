import { de } from '../../i18n/catalogue/de.js';
import words from 'virtual:game-words/de';

/** German: the page's messages and the game's names, one chunk, fetched only when the page shows German. */
export const messages = de.web;
export const { terms, regions } = words;
