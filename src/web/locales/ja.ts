import { ja } from '../../i18n/catalogue/ja.js';
import words from 'virtual:game-words/ja';

/** Japanese: the page's messages and the game's names, one chunk, fetched only when the page shows Japanese. */
export const messages = ja.web;
export const { terms, regions } = words;
