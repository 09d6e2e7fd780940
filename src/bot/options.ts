import type { AutocompleteInteraction } from 'discord.js';
import type { CommandContext } from './command.js';

/** Discord shows at most 25 suggestions. */
const MAX_CHOICES = 25;

const matches = (query: string) => {
  const q = query.trim().toLowerCase();
  return (text: string) => q === '' || text.toLowerCase().includes(q);
};

/** Suggests the caller's own tasks (value: task id) for a focused `task` option. */
export async function suggestTasks(interaction: AutocompleteInteraction, ctx: CommandContext, filter?: (t: { done: boolean }) => boolean): Promise<void> {
  const tasks = await ctx.services.tasks.list(ctx.user.id);
  const ok = matches(String(interaction.options.getFocused()));
  await interaction.respond(
    tasks
      .filter((t) => ok(t.name) && (!filter || filter(t)))
      .slice(0, MAX_CHOICES)
      .map((t) => ({ name: `${t.done ? '✅' : '⬜'} ${t.name}`.slice(0, 100), value: t.id })),
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
      .map((c) => ({ name: `${c.name} (${c.world})`.slice(0, 100), value: c.id })),
  );
}
