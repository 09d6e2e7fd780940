import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';

/** What a view of the account menu gives the dialog: its title, its content, and how to redraw it in a new language. */
export interface DialogView {
  title(): string;
  el: HTMLElement;
  relabel(): void;
}

/**
 * The dialog the account menu's views open in. Modal (`showModal`): focus stays inside, the page behind is inert, and
 * Escape closes it, all by the browser itself. On a phone it fills the screen. `onClose` runs however it was closed.
 */
export function createAccountDialog(onClose: () => void) {
  const heading = h('h2', { id: 'account-dialog-h', tabindex: -1 });
  const close = h('button', { type: 'button', class: 'quiet dialog-close' }, h('span', { 'aria-hidden': 'true' }, '×'));
  const body = h('div', { class: 'dialog-body' });
  const dialog = h('dialog', { id: 'account-dialog', class: 'account-dialog', 'aria-labelledby': 'account-dialog-h' }, h('div', { class: 'dialog-head' }, heading, close), body);
  let view: DialogView | null = null;

  close.addEventListener('click', () => dialog.close());
  // The dialog has no padding of its own, so a click that lands on the element itself is on the backdrop.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    view = null;
    body.replaceChildren(); // a new API key must not stay in the page once its dialog is closed
    onClose();
  });

  const label = () => {
    close.setAttribute('aria-label', t('account.close'));
    if (view) heading.textContent = view.title();
  };

  return {
    el: dialog,
    /** Which view is open, if any. */
    current: () => view,
    /** Shows `next` (in place of another view if one is open), focus on its title so it is read first. */
    show(next: DialogView): void {
      view = next;
      label();
      replaceChildren(body, next.el);
      if (!dialog.open) dialog.showModal();
      heading.focus();
    },
    close(): void {
      if (dialog.open) dialog.close();
    },
    relabel(): void {
      label();
      view?.relabel();
    },
  };
}
