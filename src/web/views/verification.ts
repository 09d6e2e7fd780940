import { domId, h } from '../dom.js';
import { t, tNodes } from '../i18n.js';
import { formatClockTime, serverNow } from '../time.js';
import type { Character, Verification } from '../types.js';
import { codeRow } from './codeRow.js';

/** What the box shows besides the code: a call under way, and the API's answer to the last check. */
export interface VerificationView {
  busy: 'check' | 'renew' | null;
  message: string | null;
}

export interface VerificationHandlers {
  check(): void;
  renew(): void;
  close(): void;
}

/**
 * The code to paste into the Lodestone profile, how to do it, until when it works, and "Check now". The code sits
 * in a read-only field: selectable and copyable by hand on any device, read out by screen readers, and focused
 * (all selected) when the box opens. Copy uses the Clipboard API where the page may (HTTPS or localhost).
 */
export function verificationBox(c: Character, v: Verification, view: VerificationView, on: VerificationHandlers): HTMLElement {
  const codeId = domId('code', c.id);
  const titleId = domId('verify-h', c.id);
  const stepsId = domId('verify-steps', c.id);
  const expired = Date.parse(v.expiresAt) <= serverNow();


  const checking = view.busy === 'check';
  const renewing = view.busy === 'renew';
  return h(
    'div',
    {
      class: 'verification',
      role: 'group',
      'aria-labelledby': titleId,
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === 'Escape') on.close();
      },
    },
    h('p', { class: 'verification-title', id: titleId }, t('verification.title', { name: c.name })),
    codeRow({
      id: codeId,
      label: t('verification.code'),
      value: v.code,
      describedBy: stepsId,
      copyLabel: t('verification.copyLabel', { name: c.name }),
      refused: t('verification.copyRefused'),
      buttonId: domId('copy', c.id),
    }),
    h('p', { class: 'steps', id: stepsId }, ...withLinks(v.instructions)),
    expired
      ? h('p', { class: 'expiry' }, t('verification.expired'))
      : h('p', { class: 'expiry' }, ...tNodes('verification.worksUntil', { time: h('time', { datetime: v.expiresAt }, formatClockTime(v.expiresAt)) })),
    view.message ? h('p', { class: 'form-error', role: 'alert' }, view.message) : null,
    h(
      'div',
      { class: 'buttons' },
      h('button', {
        type: 'button',
        id: domId('check', c.id),
        'aria-disabled': view.busy !== null ? 'true' : null,
        'aria-label': checking ? t('verification.checkingLabel', { name: c.name }) : t('verification.checkLabel', { name: c.name }),
        onclick: () => on.check(),
      }, checking ? t('verification.checking') : t('verification.check')),
      h('button', {
        type: 'button',
        class: 'quiet',
        id: domId('renew', c.id),
        'aria-disabled': view.busy !== null ? 'true' : null,
        'aria-label': renewing ? t('verification.renewingLabel', { name: c.name }) : t('verification.renewLabel', { name: c.name }),
        onclick: () => on.renew(),
      }, renewing ? t('verification.renewing') : t('verification.renew')),
      h('button', { type: 'button', class: 'quiet', id: domId('close-verify', c.id), 'aria-label': t('verification.closeLabel', { name: c.name }), onclick: () => on.close() }, t('verification.close')),
    ),
  );
}

/** The instructions as text, with the profile's address as a link that opens beside the checklist. */
function withLinks(text: string): (string | Node)[] {
  return text.split(/(https:\/\/[^\s)"]+)/).map((part, i) =>
    i % 2 === 1 ? h('a', { href: part, target: '_blank', rel: 'noopener noreferrer' }, part) : part,
  );
}
