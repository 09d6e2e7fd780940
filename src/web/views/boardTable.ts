import { h, syncChildren } from '../dom.js';
import { t, type WebKey } from '../i18n.js';
import type { BoardCellState, BoardRow, GroupBoard } from '../types.js';
import { verifiedMark } from './characterBadge.js';

/** What a cell shows, and the words a screen reader (and a hovering pointer) gets instead of the emoji. */
const CELL: Record<BoardCellState, { mark: string; words: WebKey }> = {
  done: { mark: '✅', words: 'groups.done' },
  open: { mark: '⬜', words: 'groups.open' },
  'not-tracked': { mark: '➖', words: 'groups.notTracked' },
};

/** A row as the DOM holds it: its element and what each part was built from, to touch only what changed. */
interface BuiltRow {
  tr: HTMLTableRowElement;
  head: string;
  cells: { sig: string; td: HTMLTableCellElement }[];
}

/**
 * One group's board as a table: a row per member character (name, world, verified mark, yours marked), a column per
 * tracked preset. A refresh edits the table in place, cell by cell, so that whatever did not change keeps a reader's
 * place, a text selection and keyboard focus; the wrapper scrolls sideways on a phone instead of the page.
 */
export function createBoardTable(labelId: string, groupName: string) {
  const headRow = h('tr');
  const body = h('tbody');
  const table = h('table', { class: 'board-table', 'aria-labelledby': labelId }, h('thead', {}, headRow), body);
  const empty = h('p', { class: 'empty', hidden: true }, t('groups.empty'));
  // Focusable so that the keyboard can scroll a board wider than the screen; named, so it is announced as what it is.
  const el = h('div', { class: 'board-scroll', role: 'region', 'aria-label': t('groups.board', { name: groupName }), tabindex: 0 }, table);
  const wrapper = h('div', { class: 'board-body' }, el, empty);
  let columns = '';
  let rows = new Map<string, BuiltRow>();
  let shown: GroupBoard | null = null;

  return {
    el: wrapper,
    /** `presetNames`: the presets' names in the page's language (the board names them in English). */
    update(board: GroupBoard, presetNames: ReadonlyMap<string, string>) {
      if (board === shown) return; // a redraw of the page; the board itself changes only on a poll's 200
      shown = board;
      el.setAttribute('aria-label', t('groups.board', { name: board.group.name }));
      const names = new Map(board.presets.map((p) => [p.key, presetNames.get(p.key) ?? p.name]));
      const nextColumns = JSON.stringify([...names]);
      if (nextColumns !== columns) {
        columns = nextColumns;
        headRow.replaceChildren(h('th', { scope: 'col' }, t('groups.character')), ...[...names.values()].map((name) => h('th', { scope: 'col' }, name)));
        rows = new Map(); // other columns: every row is rebuilt
      }
      const next = new Map<string, BuiltRow>();
      board.rows.forEach((r, i) => {
        const name = JSON.stringify([r.memberName, r.characterName, r.world]);
        const key = next.has(name) ? `${name}#${i}` : name; // the API has no row id; a repeated name still gets a row of its own
        next.set(key, syncRow(rows.get(key), r, names));
      });
      rows = next;
      syncChildren(body, [...next.values()].map((b) => b.tr));
      el.hidden = board.rows.length === 0;
      empty.hidden = board.rows.length > 0;
    },
  };
}

/** Builds a row, or brings an existing one up to date by replacing only its header and the cells that changed. */
function syncRow(old: BuiltRow | undefined, r: BoardRow, names: Map<string, string>): BuiltRow {
  const head = JSON.stringify([r.memberName, r.characterName, r.world, r.verified, r.you]);
  const tr = old?.tr ?? h('tr');
  tr.className = r.you ? 'you' : '';
  const th = old && old.head === head ? (tr.firstElementChild as HTMLTableCellElement) : rowHeader(r);
  const cells = r.cells.map((c, i) => {
    const sig = c.state;
    const before = old?.cells[i];
    return before && before.sig === sig ? before : { sig, td: cell(names.get(c.presetKey) ?? c.presetKey, c.state) };
  });
  syncChildren(tr, [th, ...cells.map((c) => c.td)]);
  return { tr, head, cells };
}

function rowHeader(r: BoardRow): HTMLTableCellElement {
  return h(
    'th',
    { scope: 'row' },
    h('span', { class: 'board-name' }, r.characterName, r.verified ? verifiedMark() : null),
    r.you ? h('span', { class: 'tag' }, t('groups.you')) : null,
    // Whose character it is, unless it is the player's own ("you" says so) or the name says it already.
    h('small', {}, r.you || r.memberName === r.characterName ? r.world : `${r.world} · ${r.memberName}`),
  );
}

function cell(presetName: string, state: BoardCellState): HTMLTableCellElement {
  const mark = CELL[state].mark;
  const words = t(CELL[state].words);
  return h('td', { class: `cell ${state}`, title: t('groups.cell', { preset: presetName, state: words }) }, h('span', { 'aria-hidden': 'true' }, mark), h('span', { class: 'visually-hidden' }, words));
}
