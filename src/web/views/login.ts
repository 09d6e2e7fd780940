import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * The logged-out screen: what the tracker is, the next resets (`resets`, from the public clock), then the button,
 * which navigates to GET /login, which sends the browser on to Discord.
 */
export function renderLogin(message: string | null, resets: Node): Node {
  const button = h('button', { type: 'button', id: 'login', class: 'primary' }, t('login.button'));
  button.addEventListener('click', () => location.assign('/login'));
  return h(
    'section',
    { class: 'login panel', 'aria-labelledby': 'login-h' },
    h('h2', { id: 'login-h' }, t('login.heading')),
    h('p', {}, t('login.blurb')),
    message ? h('p', { class: 'notice', role: 'alert' }, message) : null,
    resets,
    button,
  );
}
