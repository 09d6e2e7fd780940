import { h } from '../dom.js';
import { t } from '../i18n.js';

export interface CodeRowOptions {
  id: string;
  label: string;
  value: string;
  /** The hint or steps the field is described by. */
  describedBy: string;
  /** The Copy button's accessible name (it says what is copied). */
  copyLabel: string;
  /** Said when the browser refuses the clipboard: the field is focused, all selected, to copy by hand. */
  refused: string;
  buttonId?: string;
}

/**
 * A code to hand on (a verification code, a group's invite id): a read-only field selected whole however it is
 * reached, so it copies by hand on any device and reads out to screen readers, and a Copy button where the page
 * may use the Clipboard API (HTTPS or localhost).
 */
export function codeRow(o: CodeRowOptions): HTMLElement {
  const code = h('input', { id: o.id, class: 'code', value: o.value, readonly: true, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': o.describedBy });
  // All of it: a click would otherwise drop the selection for a caret.
  code.addEventListener('focus', () => code.select());
  code.addEventListener('click', () => code.select());
  const copied = h('span', { class: 'copied', role: 'status' });
  const copy = navigator.clipboard
    ? h(
        'button',
        {
          type: 'button',
          class: 'quiet',
          ...(o.buttonId && { id: o.buttonId }),
          'aria-label': o.copyLabel,
          onclick: () => {
            navigator.clipboard.writeText(o.value).then(
              () => void (copied.textContent = t('page.copied')),
              () => {
                code.focus();
                copied.textContent = o.refused;
              },
            );
          },
        },
        t('page.copy'),
      )
    : null;
  return h('div', { class: 'code-row' }, h('label', { for: o.id }, o.label), code, copy, copied);
}
