import { domId, h } from '../dom.js';
import { intlLocale, t, type WebKey } from '../i18n.js';
import { characterLabel } from '../labels.js';
import type { ApiKey, Character } from '../types.js';

/** The scopes the create form offers, with the words that say what each allows. */
export const OFFERED_SCOPES = [
  ['tasks:read', 'apiKeys.tasksRead'],
  ['tasks:write', 'apiKeys.tasksWrite'],
  ['characters:read', 'apiKeys.charactersRead'],
  ['characters:write', 'apiKeys.charactersWrite'],
] as const satisfies readonly (readonly [string, WebKey])[];

/**
 * A scope in words. One narrowed to a character names it as the player knows it; by its Lodestone id only when it is
 * not (or no longer) linked, where the key reaches nothing until it is linked again.
 */
export function scopeWords(scope: string, characters: readonly Character[]): string {
  const offered = OFFERED_SCOPES.find(([s]) => s === scope);
  if (offered) return t(offered[1]);
  const narrowed = /^character:(\d+):(read|write)$/.exec(scope);
  if (!narrowed) return scope;
  const linked = characters.find((c) => c.lodestoneId === narrowed[1]);
  const character = linked ? characterLabel(linked) : t('apiKeys.unlinkedCharacter', { id: narrowed[1]! });
  return t(narrowed[2] === 'read' ? 'apiKeys.characterRead' : 'apiKeys.characterWrite', { character });
}

const day = (iso: string) => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).format(new Date(iso));

/** "starts with ffxt_ab12 · created 3 Dec 2026 · never used · does not expire" */
function facts(key: ApiKey, now: number): string {
  const expiry = key.expiresAt
    ? t(Date.parse(key.expiresAt) <= now ? 'apiKeys.expired' : 'apiKeys.expires', { date: day(key.expiresAt) })
    : t('apiKeys.noExpiry');
  return [
    t('apiKeys.prefix', { prefix: `${key.prefix}…` }),
    t('apiKeys.created', { date: day(key.createdAt) }),
    key.lastUsedAt ? t('apiKeys.lastUsed', { date: day(key.lastUsedAt) }) : t('apiKeys.neverUsed'),
    expiry,
  ].join(' · ');
}

export interface KeyRowActions {
  askToRevoke(key: ApiKey): void;
}

/**
 * One key: its name, what tells it apart, what it may do (`characters` name the characters it is limited to), and
 * Revoke (asked about under it: see revokeQuestion).
 */
export function keyRow(key: ApiKey, characters: readonly Character[], actions: KeyRowActions, question: HTMLElement | null): HTMLElement {
  return h(
    'li',
    { class: 'api-key', id: domId('api-key', key.id) },
    h(
      'div',
      { class: 'api-key-head' },
      h(
        'div',
        { class: 'api-key-text' },
        h('span', { class: 'api-key-name' }, key.name),
        h('small', {}, facts(key, Date.now())),
        h('ul', { class: 'key-scopes' }, ...key.scopes.map((s) => h('li', {}, scopeWords(s, characters)))),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'quiet danger',
          id: domId('revoke', key.id),
          'aria-label': t('apiKeys.revokeLabel', { name: key.name }),
          onclick: () => actions.askToRevoke(key),
        },
        t('apiKeys.revoke'),
      ),
    ),
    question,
  );
}

/** A revocation asked about: which key, and whether the answer is on its way. */
export interface RevokeQuestion {
  key: ApiKey;
  busy: boolean;
}

/**
 * "Revoke “Overlay”?" in the page, under the key: the harmless answer first (see groupCard.ts), and Escape says no
 * without closing the dialog around it. A refusal is said in the view's own alert line, which outlives this box.
 */
export function revokeQuestion(q: RevokeQuestion, yes: () => void, no: () => void): HTMLElement {
  const questionId = domId('revoke-q', q.key.id);
  return h(
    'div',
    {
      class: 'confirm',
      role: 'group',
      'aria-labelledby': questionId,
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key !== 'Escape') return;
        e.preventDefault();
        no();
      },
    },
    h('p', { id: questionId }, t('apiKeys.revokeQuestion', { name: q.key.name })),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        {
          type: 'button',
          class: 'danger-solid',
          id: domId('revoke-yes', q.key.id),
          // aria-disabled, not disabled: the button keeps keyboard focus while the answer is on its way.
          'aria-disabled': q.busy ? 'true' : null,
          onclick: () => {
            if (!q.busy) yes();
          },
        },
        q.busy ? t('apiKeys.revoking') : t('apiKeys.revokeLabel', { name: q.key.name }),
      ),
      h('button', { type: 'button', class: 'quiet cancel', id: domId('revoke-no', q.key.id), onclick: no }, t('page.cancel')),
    ),
  );
}
