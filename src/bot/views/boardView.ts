import type { APIEmbed } from 'discord-api-types/v10';
import type { Board, BoardCellState } from '../../groups/group.types.js';
import { discordTime } from '../../scheduler/messages.js';
import { VERIFIED_MARK } from './characterView.js';

const CELL: Record<BoardCellState, string> = { done: '✅', open: '⬜', 'not-tracked': '➖' };
const DESCRIPTION_LIMIT = 4096;

/**
 * A group's board as one embed, the same for `/group show` and the live message the scheduler
 * keeps up to date: a row per member character, a column per tracked preset.
 */
export function boardEmbed(board: Board): APIEmbed {
  const legend = board.presets
    .map((p, i) => {
      const done = board.rows.filter((r) => r.cells[i]?.state === 'done').length;
      const tracking = board.rows.filter((r) => r.cells[i]?.state !== 'not-tracked').length;
      return `\`${String(i + 1).padStart(2)}\` ${p.name} — ${done}/${tracking}`;
    })
    .join('\n');
  const lines: string[] = [];
  const tail = board.nextReset ? `\nNext reset ${discordTime(board.nextReset)} (${discordTime(board.nextReset, 'f')})` : '';
  let used = legend.length + tail.length + 40;
  for (const [i, r] of board.rows.entries()) {
    const line = `${r.cells.map((c) => CELL[c.state]).join('')} **${r.characterName}** (${r.world})${r.verified ? ` ${VERIFIED_MARK}` : ''}`;
    if (used + line.length + 1 > DESCRIPTION_LIMIT - 30) {
      lines.push(`…and ${board.rows.length - i} more`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  const body = board.rows.length === 0 ? 'Nobody has joined yet: `/group join`.' : lines.join('\n');
  return {
    title: `${board.group.name}`,
    color: 0x00b894,
    description: `${legend}\n\n${body}${tail}`.slice(0, DESCRIPTION_LIMIT),
    footer: { text: `${board.rows.length} character(s) · ✅ done · ⬜ open · ➖ not tracked · next reset` },
    ...(board.nextReset && { timestamp: new Date(board.nextReset).toISOString() }),
  };
}

/** Who still has one tracked preset open. */
export function whoIsOpen(board: Board, presetKey: string): string {
  const i = board.presets.findIndex((p) => p.key === presetKey);
  const preset = board.presets[i];
  if (!preset) return `${board.group.name} does not track that.`;
  const open = board.rows.filter((r) => r.cells[i]?.state === 'open');
  const untracked = board.rows.filter((r) => r.cells[i]?.state === 'not-tracked');
  const names = (rows: typeof open) => rows.map((r) => `**${r.characterName}** (${r.world})`).join(', ');
  const parts = [open.length === 0 ? `Everyone in ${board.group.name} is done with ${preset.name}. ✅` : `Still open — ${preset.name}: ${names(open)}`];
  if (untracked.length > 0) parts.push(`Not tracking it: ${names(untracked)}`);
  return parts.join('\n').slice(0, 2000);
}
