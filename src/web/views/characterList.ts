import { domId, h, syncChildren } from '../dom.js';
import { t } from '../i18n.js';
import { homeLabel } from '../labels.js';
import type { LodestoneActions } from '../lodestoneActions.js';
import { formatDayAndTime } from '../time.js';
import type { Character, Verification } from '../types.js';
import { avatar, verifiedMark } from './characterBadge.js';
import { verificationBox } from './verification.js';

/** What one row is doing, kept here because the rows are rebuilt from the API's characters on every change. */
interface RowState {
  /** The Lodestone call under way; the row's buttons wait for it. */
  busy: 'refresh' | 'verify' | 'check' | null;
  /** The API's refusal of the last refresh (or of a first code), under the row. */
  message: string | null;
  /** The open verification box. */
  verification: Verification | null;
  /** The API's answer to the last "Check now" (or "New code"), inside the box. */
  boxMessage: string | null;
}

const IDLE: RowState = { busy: null, message: null, verification: null, boxMessage: null };

interface RowHandlers {
  refresh(): void;
  verify(): void;
  check(): void;
  close(): void;
}

const focusById = (id: string) => document.getElementById(id)?.focus();

/**
 * The linked characters. Rows are rebuilt only when their character or their own state changed, so that ticking a
 * task elsewhere never takes away a selected code, a focused button, or reads a row's message out again.
 */
export function createCharacterList(actions: LodestoneActions, lodestone: boolean) {
  const el = h('ul', { class: 'characters' });
  const empty = h('li', { class: 'empty' }, t('characters.none'));
  const ui = new Map<string, RowState>();
  const built = new Map<string, { sig: string; li: HTMLLIElement }>();
  let characters: Character[] = [];

  const stateOf = (id: string) => ui.get(id) ?? IDLE;
  const set = (id: string, change: Partial<RowState>) => {
    ui.set(id, { ...stateOf(id), ...change });
    render();
  };

  const handlers = (c: Character): RowHandlers => ({
    refresh: async () => {
      if (stateOf(c.id).busy) return;
      set(c.id, { busy: 'refresh', message: null });
      const r = await actions.refreshCharacter(c);
      set(c.id, { busy: null, message: r.ok ? null : r.message });
    },
    verify: async () => {
      if (stateOf(c.id).busy) return;
      const open = stateOf(c.id).verification !== null;
      set(c.id, { busy: 'verify', message: null, boxMessage: null });
      const r = await actions.startVerification(c);
      if (r.ok) {
        set(c.id, { busy: null, verification: r.value });
        focusById(domId('code', c.id));
      } else {
        set(c.id, open ? { busy: null, boxMessage: r.message } : { busy: null, message: r.message });
      }
    },
    check: async () => {
      if (stateOf(c.id).busy) return;
      set(c.id, { busy: 'check', boxMessage: null });
      const r = await actions.checkVerification(c);
      if (r.ok) {
        set(c.id, { busy: null, verification: null });
        focusById(domId('character', c.id)); // the box is gone; the name now reads "…, verified"
      } else {
        set(c.id, { busy: null, boxMessage: r.message });
      }
    },
    close: () => {
      if (stateOf(c.id).busy) return;
      set(c.id, { verification: null, boxMessage: null });
      focusById(domId('verify', c.id));
    },
  });

  function render(): void {
    const active = document.activeElement;
    const focusedId = active instanceof HTMLElement && el.contains(active) ? active.id : '';
    const rows =
      characters.length === 0
        ? [empty]
        : characters.map((c) => {
            const s = stateOf(c.id);
            const sig = JSON.stringify([c, s]);
            const old = built.get(c.id);
            if (old?.sig === sig) return old.li;
            const li = characterRow(c, s, lodestone, handlers(c));
            built.set(c.id, { sig, li });
            return li;
          });
    syncChildren(el, rows);
    if (focusedId && !el.contains(document.activeElement)) document.getElementById(focusedId)?.focus({ preventScroll: true });
    const linked = new Set(characters.map((c) => c.id));
    for (const id of built.keys()) if (!linked.has(id)) built.delete(id);
    for (const id of ui.keys()) if (!linked.has(id)) ui.delete(id);
  }

  return {
    el,
    update(next: Character[]) {
      characters = next;
      render();
    },
    /** Takes the keyboard (and a screen reader) to a character's row, e.g. one just linked from a list of results. */
    focus: (c: Character) => focusById(domId('character', c.id)),
  };
}

function characterRow(c: Character, s: RowState, lodestone: boolean, on: RowHandlers): HTMLLIElement {
  const notes = lodestone ? [c.verified ? null : t('characters.notVerified'), c.fetchedAt === null ? t('characters.neverRead') : null].filter((n) => n !== null) : [];
  const waiting = s.busy !== null;
  const button = (key: string, text: string, label: string, onclick: () => void) =>
    h('button', { type: 'button', class: 'quiet', id: domId(key, c.id), 'aria-label': label, 'aria-disabled': waiting ? 'true' : null, onclick }, text);
  const actions = lodestone
    ? h(
        'div',
        { class: 'character-actions' },
        s.busy === 'refresh'
          ? button('refresh', t('characters.refreshing'), t('characters.refreshingLabel', { name: c.name }), on.refresh)
          : button('refresh', t('characters.refresh'), t('characters.refreshLabel', { name: c.name }), on.refresh),
        c.verified || s.verification
          ? null
          : s.busy === 'verify'
            ? button('verify', t('characters.gettingCode'), t('characters.gettingCodeLabel', { name: c.name }), on.verify)
            : button('verify', t('characters.verify'), t('characters.verifyLabel', { name: c.name }), on.verify),
      )
    : null;

  return h(
    'li',
    { class: 'character', 'data-character': c.lodestoneId },
    h(
      'div',
      { class: 'character-head' },
      avatar(c.avatarUrl),
      h(
        'div',
        { class: 'character-text' },
        h('span', { class: 'character-name', id: domId('character', c.id), tabindex: -1 }, c.name, c.verified ? verifiedMark() : null),
        h('small', {}, homeLabel(c)),
        notes.length > 0 ? h('small', { class: 'character-state' }, notes.join(' · ')) : null,
      ),
      actions,
    ),
    c.lostVerificationAt && !c.verified
      ? h('p', { class: 'character-note' }, t('characters.lostVerification', { when: formatDayAndTime(c.lostVerificationAt), name: c.name }))
      : null,
    s.message ? h('p', { class: 'form-error', role: 'alert' }, s.message) : null,
    s.verification
      ? verificationBox(c, s.verification, { busy: s.busy === 'check' ? 'check' : s.busy === 'verify' ? 'renew' : null, message: s.boxMessage }, {
          check: on.check,
          renew: on.verify,
          close: on.close,
        })
      : null,
  );
}
