import { ALL_WORLDS } from '../../characters/worlds.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { characterLabel } from '../labels.js';
import type { Character } from '../types.js';

/** A labelled control: the label names it for screen readers and enlarges its click target. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', {}, hint) : null);
}

/** Fills an "Account-wide or one character" select, keeping the current choice when it still exists. */
export function fillOwners(select: HTMLSelectElement, characters: Character[]): void {
  const current = select.value;
  select.replaceChildren(h('option', { value: '' }, t('checklist.accountWide')), ...characters.map((c) => h('option', { value: c.id }, characterLabel(c))));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

/**
 * Runs a form's submit once at a time; on success the form is cleared. The button is marked busy with
 * aria-disabled, not disabled, so keyboard focus stays where it was.
 */
export function onSubmit(form: HTMLFormElement, submit: () => Promise<boolean>): void {
  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    button?.setAttribute('aria-disabled', 'true');
    try {
      if (await submit()) form.reset();
    } finally {
      busy = false;
      button?.removeAttribute('aria-disabled');
    }
  });
}

/** Every known world, for the `list` of a world field (id "worlds"; a page has one character form). */
export const worldsDatalist = () => h('datalist', { id: 'worlds' }, ...ALL_WORLDS.map((w) => h('option', { value: w.world })));

export const isBusy = (button: HTMLButtonElement) => button.getAttribute('aria-disabled') === 'true';

/**
 * Marks a button busy while its call runs, with words saying what is going on (Lodestone reads take seconds);
 * presses meanwhile are to be ignored (see isBusy). Returns the undo. aria-disabled rather than disabled, so that
 * keyboard focus stays on the button. `label` replaces an aria-label for as long, which would otherwise still
 * give screen readers the idle name.
 */
export function markBusy(button: HTMLButtonElement, text: string, label?: string): () => void {
  const before = { text: button.textContent, label: button.getAttribute('aria-label') };
  button.setAttribute('aria-disabled', 'true');
  button.textContent = text;
  if (label) button.setAttribute('aria-label', label);
  return () => {
    button.removeAttribute('aria-disabled');
    button.textContent = before.text;
    if (before.label) button.setAttribute('aria-label', before.label);
    else button.removeAttribute('aria-label');
  };
}

/**
 * A form's two message lines: progress and results (a polite status) and the API's refusal (an alert). Both stay
 * in the page while empty, since a live region that appears together with its text is often not announced.
 */
export function feedback() {
  const status = h('p', { class: 'form-status', role: 'status' });
  const alert = h('p', { class: 'form-error', role: 'alert' });
  return {
    el: h('div', { class: 'feedback' }, status, alert),
    progress(text: string) {
      alert.textContent = '';
      status.textContent = text;
    },
    done(text = '') {
      status.textContent = text;
    },
    fail(text: string | null) {
      status.textContent = '';
      alert.textContent = text ?? '';
    },
  };
}
