import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { commandText } from '../src/bot/localizations.js';
import { suggestCharacters } from '../src/bot/options.js';
import { parseToggleId, renderTasks } from '../src/bot/views/tasksView.js';

const d = commandText('tasks');

/** `/tasks`: the checklist, with buttons that tick tasks off and redraw it in place. */
export default {
  data: d(new SlashCommandBuilder().setName('tasks'), 'description').addStringOption((o) =>
    d(o.setName('character'), 'character').setAutocomplete(true).setMaxLength(64),
  ),

  async execute(interaction, ctx) {
    const characterRef = interaction.options.getString('character');
    const character = characterRef ? await ctx.services.characters.get(ctx.user.id, characterRef) : undefined;
    const tasks = await ctx.services.tasks.list(ctx.user.id, character ? { characterId: character.id } : {});
    await interaction.reply({ ...renderTasks(tasks, { character, now: ctx.clock(), locale: ctx.locale }), flags: MessageFlags.Ephemeral });
  },

  async autocomplete(interaction, ctx) {
    await suggestCharacters(interaction, ctx);
  },

  async handleComponent(interaction, ctx) {
    const parsed = interaction.isButton() ? parseToggleId(interaction.customId) : undefined;
    if (!parsed) return;
    await ctx.services.tasks.toggle(ctx.user.id, parsed.taskId);
    const character = parsed.characterId ? await ctx.services.characters.get(ctx.user.id, parsed.characterId) : undefined;
    const tasks = await ctx.services.tasks.list(ctx.user.id, character ? { characterId: character.id } : {});
    await interaction.update(renderTasks(tasks, { character, now: ctx.clock(), locale: ctx.locale }));
  },
} satisfies Command;
