import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import type { CommandContext } from './command.js';
import { characterLabel } from './views/characterView.js';
import { taskName } from './views/tasksView.js';

/** Discord shows at most 25 suggestions. */
export const MAX_CHOICES = 25;

/** A choice's name and value are limited to 100 characters. */
const choice = (name: string, value: string): ApplicationCommandOptionChoiceData<string> => ({ name: name.slice(0, 100), value: value.slice(0, 100) });

/** Case-insensitive substring match; the game's soft hyphens (German, French names) never get in the way. */
export const matches = (query: string) => {
  const q = query.trim().toLowerCase();
  return (text: string) => q === '' || text.replace(/\u00AD/g, '').toLowerCase().includes(q);
};

/**
 * Suggests the caller's own tasks (value: task id) for a focused `task` option, named for the
 * reader (presets in their language, their own tasks as written); either name matches.
 */
export async function suggestTasks(interaction: AutocompleteInteraction, ctx: CommandContext, filter?: (t: { done: boolean }) => boolean): Promise<void> {
  const tasks = await ctx.services.tasks.list(ctx.user.id);
  const ok = matches(String(interaction.options.getFocused()));
  await interaction.respond(
    tasks
      .map((t) => ({ task: t, name: taskName(t, ctx.locale) }))
      .filter(({ task, name }) => (ok(name) || ok(task.name)) && (!filter || filter(task)))
      .slice(0, MAX_CHOICES)
      .map(({ task, name }) => choice(`${task.done ? '✅' : '⬜'} ${name}`, task.id)),
  );
}

/** Suggests the caller's own characters (value: character id). */
export async function suggestCharacters(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const characters = await ctx.services.characters.list(ctx.user.id);
  const ok = matches(String(interaction.options.getFocused()));
  await interaction.respond(
    characters
      .filter((c) => ok(`${c.name} ${c.world}`))
      .slice(0, MAX_CHOICES)
      .map((c) => ({ name: characterLabel(c).slice(0, 100), value: c.id })),
  );
}

/** The items of a comma- or space-separated option value. */
export const splitList = (raw: string): string[] => raw.split(/[\s,]+/).filter(Boolean);

/**
 * Completes a comma-separated list option: keeps what was typed before the last comma and offers
 * each choice not chosen yet that starts with the part being typed. `describe` adds words for the
 * reader after the item offered (the value stays the list itself).
 */
export function suggestListItems(typed: string, all: readonly string[], describe?: (item: string) => string): ApplicationCommandOptionChoiceData<string>[] {
  const parts = typed.split(',').map((p) => p.trim());
  const last = parts.pop() ?? '';
  const chosen = parts.filter(Boolean);
  const prefix = chosen.length > 0 ? `${chosen.join(',')},` : '';
  return all
    .filter((s) => s.startsWith(last) && !chosen.includes(s))
    .slice(0, MAX_CHOICES)
    .map((s) => choice(describe ? `${prefix}${s} · ${describe(s)}` : `${prefix}${s}`, `${prefix}${s}`));
}
