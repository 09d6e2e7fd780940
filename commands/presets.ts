import { ActionRowBuilder, MessageFlags, SlashCommandBuilder, StringSelectMenuBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { suggestCharacters } from '../src/bot/options.js';
import { PRESETS, type PresetCategory } from '../src/tasks/presets.js';

/** Select menus hold 25 options and a message five rows, so the categories share four menus. */
const MENUS: { id: string; label: string; categories: PresetCategory[] }[] = [
  { id: 'roulettes', label: 'Duty roulettes', categories: ['Duty Roulettes'] },
  { id: 'daily', label: 'Daily, Grand Company and cooldowns', categories: ['Daily', 'Grand Company', 'Cooldowns'] },
  { id: 'saucer', label: 'Gold Saucer', categories: ['Gold Saucer'] },
  { id: 'weekly', label: 'Weekly', categories: ['Weekly'] },
];

const menuId = (menu: string, characterId: string | null) => `presets:add:${menu}:${characterId ?? '-'}`;

function menus(characterId: string | null) {
  return MENUS.map((m) => {
    const options = PRESETS.filter((p) => m.categories.includes(p.category)).map((p) => ({
      label: p.name,
      value: p.key,
      description: p.description.slice(0, 100),
    }));
    return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId(menuId(m.id, characterId))
        .setPlaceholder(`${m.label}…`)
        .setMinValues(1)
        .setMaxValues(options.length)
        .addOptions(options),
    );
  });
}

/** `/presets`: pick standard FFXIV dailies and weeklies and add them in one go. */
export default {
  data: new SlashCommandBuilder()
    .setName('presets')
    .setDescription('Add standard FFXIV dailies and weeklies from a list')
    .addStringOption((o) => o.setName('character').setDescription('Add them for this character').setAutocomplete(true).setMaxLength(64)),

  async execute(interaction, ctx) {
    const ref = interaction.options.getString('character');
    const character = ref ? await ctx.services.characters.get(ctx.user.id, ref) : undefined;
    await interaction.reply({
      content: `Pick the chores to track${character ? ` for **${character.name}**` : ''}. Ones you already track are skipped.`,
      components: menus(character?.id ?? null),
      flags: MessageFlags.Ephemeral,
    });
  },

  async autocomplete(interaction, ctx) {
    await suggestCharacters(interaction, ctx);
  },

  async handleComponent(interaction, ctx) {
    if (!interaction.isStringSelectMenu()) return;
    const m = /^presets:add:[a-z]+:([^:]+)$/.exec(interaction.customId);
    if (!m) return;
    const characterId = m[1] === '-' ? null : m[1]!;
    const { added, skipped } = await ctx.services.tasks.addPresets(ctx.user.id, { keys: interaction.values, characterId });
    const parts = [
      added.length > 0 ? `✅ Added ${added.map((t) => `**${t.name}**`).join(', ')}.` : '',
      skipped.length > 0 ? `Already tracked: ${skipped.length}.` : '',
    ].filter(Boolean);
    await interaction.update({ content: `${parts.join(' ')} Pick more, or see them with \`/tasks\`.`, components: menus(characterId) });
  },
} satisfies Command;
