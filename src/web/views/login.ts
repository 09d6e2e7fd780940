import { h } from '../dom.js';

/** The logged-out screen. The button navigates to GET /login, which sends the browser on to Discord. */
export function renderLogin(message: string | null): Node {
  const button = h('button', { type: 'button', id: 'login', class: 'primary' }, 'Log in with Discord');
  button.addEventListener('click', () => location.assign('/login'));
  return h(
    'section',
    { class: 'login panel', 'aria-labelledby': 'login-h' },
    h('h2', { id: 'login-h' }, 'Your FFXIV chores, one checklist'),
    h('p', {}, 'Duty roulettes, Wondrous Tails, Custom Deliveries, the cactpots: tick them off and see when each one resets, in your own time zone.'),
    message ? h('p', { class: 'notice', role: 'alert' }, message) : null,
    button,
  );
}
