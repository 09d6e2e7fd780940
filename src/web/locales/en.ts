import { en } from '../../i18n/catalogue/en.js';
import words from 'virtual:game-words/en';

/** English: the page's messages and the game's names, one chunk, fetched only when the page shows English. */
export const messages = en.web;
export const { terms, regions } = words;
