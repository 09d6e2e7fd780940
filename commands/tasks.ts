import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { suggestCharacters } from '../src/bot/options.js';
import { parseToggleId, renderTasks } from '../src/bot/views/tasksView.js';

/** `/tasks`: the checklist, with buttons that tick tasks off and redraw it in place. */
export default {
  data: new SlashCommandBuilder()
    .setName('tasks')
    .setDescription('Your FFXIV tasks: what is done and what is still open before the reset')
    .addStringOption((o) => o.setName('character').setDescription('Only this character\'s tasks').setAutocomplete(true).setMaxLength(64)),

  async execute(interaction, ctx) {
    const characterRef = interaction.options.getString('character');
    const character = characterRef ? await ctx.services.characters.get(ctx.user.id, characterRef) : undefined;
    const tasks = await ctx.services.tasks.list(ctx.user.id, character ? { characterId: character.id } : {});
    await interaction.reply({ ...renderTasks(tasks, { character, now: ctx.clock() }), flags: MessageFlags.Ephemeral });
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
    await interaction.update(renderTasks(tasks, { character, now: ctx.clock() }));
  },
} satisfies Command;
