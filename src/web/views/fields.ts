import { h } from '../dom.js';
import { characterLabel } from '../labels.js';
import type { Character } from '../types.js';

/** A labelled control: the label names it for screen readers and enlarges its click target. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', {}, hint) : null);
}

/** Fills an "Account-wide or one character" select, keeping the current choice when it still exists. */
export function fillOwners(select: HTMLSelectElement, characters: Character[]): void {
  const current = select.value;
  select.replaceChildren(h('option', { value: '' }, 'Account-wide'), ...characters.map((c) => h('option', { value: c.id }, characterLabel(c))));
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
