import { recall, remember } from './remembered.js';

/** The checklist's "Show hidden" choice, remembered on this browser. */
const SHOW_HIDDEN_KEY = 'ffxiv-tracker:show-hidden';

export const showsHidden = (): boolean => recall(SHOW_HIDDEN_KEY) === '1';

export const rememberShowHidden = (show: boolean): void => remember(SHOW_HIDDEN_KEY, show ? '1' : null);
