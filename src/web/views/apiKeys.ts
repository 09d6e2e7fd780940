import type { Api } from '../api.js';
import { domId, h, replaceChildren } from '../dom.js';
import { ApiError, NetworkError } from '../http.js';
import { t } from '../i18n.js';
import type { ApiKey, Character, CreatedApiKey } from '../types.js';
import type { DialogView } from './accountDialog.js';
import { createApiKeyForm } from './apiKeyForm.js';
import { keyRow, revokeQuestion, type RevokeQuestion } from './apiKeyList.js';
import { codeRow } from './codeRow.js';
import { feedback } from './fields.js';

export interface ApiKeysHost {
  readonly api: Pick<Api, 'apiKeys' | 'characters' | 'createApiKey' | 'revokeApiKey'>;
  /** For what this view cannot say itself: an ended session (the login screen) or a bug. */
  report(err: unknown): void;
}

/**
 * Why a call failed, in words for the line under what was pressed. The page's banner and toasts sit behind the modal
 * dialog, so this view says an unreachable service itself; an ended session goes to `report`, which leaves the page.
 */
function failure(host: ApiKeysHost, err: unknown, what: string): string | null {
  if (err instanceof ApiError) return t('page.failedBecause', { what, reason: err.message });
  if (err instanceof NetworkError) return t('page.unreachable', { what });
  host.report(err);
  return null;
}

/**
 * The API-key view: the keys you have (never the keys themselves), each revoked after a question; a form to create one,
 * for all your characters or only some; and a new key, shown once with Copy and a warning until you say you have it
 * (or close the view).
 */
export function createApiKeysView(host: ApiKeysHost): DialogView & { load(): Promise<void> } {
  let keys: ApiKey[] | null = null;
  let characters: Character[] = [];
  let created: CreatedApiKey | null = null;
  let asking: RevokeQuestion | null = null;

  const intro = h('p');
  const newKey = h('div');
  const listHeading = h('h3', { id: 'api-keys-list-h', tabindex: -1 });
  const said = feedback();
  const list = h('div', { id: 'api-key-list' });
  const form = createApiKeyForm(async (input, say) => {
    try {
      created = await host.api.createApiKey(input);
    } catch (err) {
      say.fail(failure(host, err, t('apiKeys.notCreated')));
      return false;
    }
    say.done();
    const { key: _shownOnce, ...listed } = created;
    keys = [...(keys ?? []), listed];
    drawList();
    drawNewKey();
    document.getElementById('new-api-key')?.focus(); // selected whole, described by the warning
    return true;
  });
  const el = h(
    'div',
    { class: 'account-view api-keys' },
    intro,
    newKey,
    h('section', { class: 'stack', 'aria-labelledby': listHeading.id }, listHeading, said.el, list),
    form.el,
  );

  function drawNewKey(): void {
    if (!created) return newKey.replaceChildren();
    const done = () => {
      created = null;
      drawNewKey();
      listHeading.focus();
    };
    replaceChildren(
      newKey,
      h(
        'section',
        { class: 'new-key', 'aria-labelledby': 'new-key-h' },
        h('h3', { id: 'new-key-h' }, t('apiKeys.newHeading', { name: created.name })),
        h('p', { id: 'new-key-warning', class: 'warning' }, t('apiKeys.newWarning')),
        codeRow({
          id: 'new-api-key',
          label: t('apiKeys.key'),
          value: created.key,
          describedBy: 'new-key-warning',
          copyLabel: t('apiKeys.copyLabel'),
          refused: t('apiKeys.copyRefused'),
          buttonId: 'copy-api-key',
        }),
        h('div', { class: 'buttons' }, h('button', { type: 'button', id: 'new-key-done', class: 'secondary', onclick: done }, t('apiKeys.copied'))),
      ),
    );
  }

  function drawList(): void {
    if (!keys) return list.replaceChildren();
    if (keys.length === 0) return replaceChildren(list, h('p', { class: 'empty' }, t('apiKeys.none')));
    const question = (key: ApiKey) => (asking?.key.id === key.id ? revokeQuestion(asking, () => void revoke(key), () => stopAsking(key)) : null);
    replaceChildren(list, h('ul', { class: 'api-key-list' }, ...keys.map((k) => keyRow(k, characters, { askToRevoke }, question(k)))));
  }

  function askToRevoke(key: ApiKey): void {
    asking = { key, busy: false };
    said.fail(null);
    drawList();
    document.getElementById(domId('revoke-no', key.id))?.focus(); // the harmless answer first
  }

  function stopAsking(key: ApiKey): void {
    asking = null;
    drawList();
    document.getElementById(domId('revoke', key.id))?.focus();
  }

  async function revoke(key: ApiKey): Promise<void> {
    asking = { key, busy: true };
    drawList();
    try {
      await host.api.revokeApiKey(key.id);
    } catch (err) {
      if (asking?.key.id === key.id) asking = { key, busy: false };
      drawList();
      said.fail(failure(host, err, t('apiKeys.notRevoked', { name: key.name })));
      return;
    }
    asking = null;
    keys = (keys ?? []).filter((k) => k.id !== key.id);
    drawList();
    said.done(t('apiKeys.revoked', { name: key.name }));
    listHeading.focus(); // its row, and the button that had focus, are gone
  }

  const relabel = () => {
    intro.textContent = t('apiKeys.intro');
    listHeading.textContent = t('apiKeys.listHeading');
    drawNewKey();
    drawList();
    form.relabel();
  };

  relabel();
  return {
    el,
    title: () => t('apiKeys.heading'),
    relabel,
    /**
     * The keys, and the characters to name in them and to offer in the form. Asked for here rather than taken from the
     * page's state: `/app/#api-keys` opens this view before the checklist has loaded, and a character linked meanwhile
     * (in another tab, or with the bot) belongs in the choice.
     */
    async load() {
      said.progress(t('apiKeys.loading'));
      const [listed, linked] = await Promise.allSettled([host.api.apiKeys(), host.api.characters()]);
      // Without the characters the form makes keys for all of them only, and the list names characters by their id.
      if (linked.status === 'fulfilled') {
        characters = linked.value;
        form.offer(characters);
      } else if (listed.status === 'fulfilled' && !(linked.reason instanceof ApiError || linked.reason instanceof NetworkError)) {
        host.report(linked.reason); // an ended session or a bug, said once: had the keys failed too, `failure` says it
      }
      if (listed.status === 'fulfilled') {
        keys = listed.value;
        said.done();
      } else said.fail(failure(host, listed.reason, t('apiKeys.notLoaded')));
      drawList();
    },
  };
}
