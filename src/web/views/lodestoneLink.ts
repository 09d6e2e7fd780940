import { findWorld } from '../../characters/worlds.js';
import type { LodestoneLink } from '../api.js';
import { clearDraft, keepDraft } from '../drafts.js';
import { domId, h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { entryWorldLabel } from '../labels.js';
import type { LodestoneActions, Outcome } from '../lodestoneActions.js';
import type { Character, LodestoneEntry } from '../types.js';
import { avatar } from './characterBadge.js';
import { feedback, field, isBusy, markBusy, worldsDatalist } from './fields.js';

const URL_DRAFT = 'link-lodestone';
const SEARCH_DRAFT = 'search-lodestone';

/**
 * Linking with the Lodestone on: by profile URL or id, or by searching a name on a world and picking from the
 * results. A link by name that the Lodestone cannot settle (several of that name, or none exactly) shows what it
 * found in the same list, to pick from.
 */
export function createLodestoneLink(actions: LodestoneActions, onLinked: (c: Character) => void) {
  let linkedIds = new Set<string>();
  let results: { title: string; entries: LodestoneEntry[] } | null = null;

  // By profile URL or id.
  const profile = h('input', { id: 'char-profile', name: 'profile', required: true, maxlength: 300, autocomplete: 'off', spellcheck: 'false', inputmode: 'url' });
  const linkButton = h('button', { type: 'submit' }, t('lodestone.link'));
  const byUrl = feedback();
  const urlForm = h(
    'form',
    { id: 'lodestone-link-form', class: 'stack' },
    field(t('lodestone.profile'), profile, t('lodestone.profileHint')),
    linkButton,
    byUrl.el,
  );

  // By name and world.
  const name = h('input', { id: 'search-name', name: 'name', required: true, maxlength: 40, autocomplete: 'off', spellcheck: 'false' });
  const world = h('input', { id: 'search-world', name: 'world', required: true, maxlength: 30, list: 'worlds', autocomplete: 'off' });
  world.addEventListener('change', () => {
    const known = findWorld(world.value);
    if (known) world.value = known.world;
  });
  const searchButton = h('button', { type: 'submit', value: 'search' }, t('lodestone.search'));
  const linkByName = h('button', { type: 'submit', value: 'link', class: 'secondary' }, t('lodestone.linkByName'));
  const byName = feedback();
  const searchForm = h(
    'form',
    { id: 'lodestone-search-form', class: 'stack', 'aria-labelledby': 'lodestone-search-h' },
    h('h3', { id: 'lodestone-search-h' }, t('lodestone.searchHeading')),
    field(t('characters.name'), name),
    field(t('characters.world'), world),
    worldsDatalist(),
    h('div', { class: 'buttons' }, searchButton, linkByName),
    byName.el,
  );

  // What a search or a refused link found.
  const resultsHeading = h('h3', { id: 'lodestone-results-h' });
  const resultList = h('ul', { class: 'candidates' });
  const picked = feedback();
  const resultsBox = h('section', { id: 'lodestone-results', class: 'results', 'aria-labelledby': 'lodestone-results-h', hidden: true }, resultsHeading, resultList, picked.el);

  const showResults = (title: string, entries: LodestoneEntry[]) => {
    results = entries.length > 0 ? { title, entries } : null;
    drawResults();
  };
  const drawResults = () => {
    resultsBox.hidden = results === null;
    resultsHeading.textContent = results?.title ?? '';
    replaceChildren(resultList, ...(results?.entries ?? []).map((e) => entryRow(e, linkedIds.has(e.lodestoneId), pick)));
  };

  /** Runs a call from a button that says what is going on meanwhile; a second press while it runs does nothing. */
  const busyWith = async <T>(button: HTMLButtonElement, busy: [text: string, label?: string], say: ReturnType<typeof feedback>, call: () => Promise<Outcome<T>>) => {
    if (isBusy(button)) return null;
    const done = markBusy(button, ...busy);
    say.progress(t('lodestone.reading'));
    try {
      const r = await call();
      say.fail(r.ok ? null : r.message);
      return r;
    } finally {
      done();
    }
  };

  const link = async (input: LodestoneLink, button: HTMLButtonElement, say: ReturnType<typeof feedback>, label?: string) => {
    picked.fail(null);
    const r = await busyWith(button, [t('lodestone.linking'), label], say, () => actions.linkFromLodestone(input));
    if (r && !r.ok && r.candidates.length > 0) showResults(t('lodestone.oneOfThese'), r.candidates);
    if (r?.ok) for (const f of [byUrl, byName, picked]) f.fail(null); // what an earlier try said no longer holds
    return r?.ok ? r.value : null;
  };

  async function pick(e: LodestoneEntry, button: HTMLButtonElement) {
    const c = await link({ lodestoneId: e.lodestoneId }, button, picked, t('lodestone.linkingEntry', { name: e.name, world: e.world, id: e.lodestoneId }));
    if (c) onLinked(c); // its Link button is gone, replaced by "linked": the keyboard goes to the new row
  }

  urlForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const c = await link(asLink(profile.value), linkButton, byUrl);
    if (c) {
      urlForm.reset();
      clearDraft(URL_DRAFT);
    }
  });

  searchForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = { name: name.value.trim(), world: world.value.trim() };
    if (!isBusy(searchButton) && !isBusy(linkByName)) showResults('', []); // results for an earlier name would mislead
    if ((ev.submitter as HTMLButtonElement | null)?.value === 'link') {
      if (await link(q, linkByName, byName)) {
        searchForm.reset();
        clearDraft(SEARCH_DRAFT);
      }
      return;
    }
    picked.fail(null);
    const r = await busyWith(searchButton, [t('lodestone.searching')], byName, () => actions.searchLodestone(q.name, q.world));
    if (!r?.ok) return;
    const n = r.value.length;
    byName.done(n === 0 ? t('lodestone.foundNobody', { name: q.name, world: q.world }) : t('lodestone.found', { count: n }));
    showResults(t('lodestone.foundOn', { world: q.world }), r.value);
  });

  keepDraft(urlForm, URL_DRAFT);
  keepDraft(searchForm, SEARCH_DRAFT);

  return {
    el: h('div', { class: 'lodestone-link' }, urlForm, searchForm, resultsBox),
    /** Marks results already linked, so the same character is not offered twice. */
    update(characters: Character[]) {
      const next = new Set(characters.map((c) => c.lodestoneId));
      // Redrawn only when that changed: a redraw would also reset a Link button busy with its call.
      const changed = next.size !== linkedIds.size || [...next].some((id) => !linkedIds.has(id));
      linkedIds = next;
      if (changed && results) drawResults();
    },
  };
}

/** A bare number is an id; anything else goes to the API as a URL (it says what is wrong with it), given https:// if left out. */
function asLink(typed: string): LodestoneLink {
  const v = typed.trim();
  if (/^\d{1,10}$/.test(v)) return { lodestoneId: v };
  return { url: /^[a-z]{2}\.finalfantasyxiv\.com\//i.test(v) ? `https://${v}` : v };
}

function entryRow(e: LodestoneEntry, linked: boolean, pick: (e: LodestoneEntry, button: HTMLButtonElement) => void): HTMLElement {
  // The id in the spoken name tells apart two characters of the same name on one world, whose faces tell them apart on screen.
  const button = h('button', { type: 'button', id: domId('pick', e.lodestoneId), 'aria-label': t('lodestone.linkEntry', { name: e.name, world: e.world, id: e.lodestoneId }) }, t('lodestone.link'));
  button.addEventListener('click', () => pick(e, button));
  return h(
    'li',
    { class: 'candidate' },
    avatar(e.avatarUrl),
    h('span', { class: 'candidate-text' }, h('span', { class: 'name' }, e.name), h('small', {}, entryWorldLabel(e))),
    linked ? h('span', { class: 'tag' }, t('lodestone.linked')) : button,
  );
}
