import { ActionRowBuilder, MessageFlags, SlashCommandBuilder, StringSelectMenuBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { commandText, joinNames } from '../src/bot/localizations.js';
import { suggestCharacters } from '../src/bot/options.js';
import { label } from '../src/bot/views/groupPicker.js';
import { taskName } from '../src/bot/views/tasksView.js';
import { presetDescription, presetName } from '../src/i18n/presetText.js';
import type { Locale } from '../src/i18n/locales.js';
import { translator } from '../src/i18n/translator.js';
import { PRESETS, type PresetCategory } from '../src/tasks/presets.js';

/** Select menus hold 25 options and a message five rows, so the categories share four menus (placeholders: `bot.presets.menus`). */
const MENUS: { id: 'roulettes' | 'daily' | 'saucer' | 'weekly'; categories: PresetCategory[] }[] = [
  { id: 'roulettes', categories: ['Duty Roulettes'] },
  { id: 'daily', categories: ['Daily', 'Grand Company', 'Cooldowns'] },
  { id: 'saucer', categories: ['Gold Saucer'] },
  { id: 'weekly', categories: ['Weekly'] },
];

const menuId = (menu: string, characterId: string | null) => `presets:add:${menu}:${characterId ?? '-'}`;

/** The menus in the reader's language: each preset in the game's own wording; the values stay the language-free keys. */
function menus(characterId: string | null, locale: Locale) {
  const t = translator(locale);
  return MENUS.map((m) => {
    const options = PRESETS.filter((p) => m.categories.includes(p.category)).map((p) => ({
      label: label(presetName(p.key, locale)),
      value: p.key,
      description: label(presetDescription(p.key, locale)),
    }));
    return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId(menuId(m.id, characterId))
        .setPlaceholder(label(`${t(`bot.presets.menus.${m.id}`)}…`, 150))
        .setMinValues(1)
        .setMaxValues(options.length)
        .addOptions(options),
    );
  });
}

const d = commandText('presets');

/** `/presets`: pick standard FFXIV dailies and weeklies and add them in one go. */
export default {
  data: d(new SlashCommandBuilder().setName('presets'), 'description').addStringOption((o) =>
    d(o.setName('character'), 'character').setAutocomplete(true).setMaxLength(64),
  ),

  async execute(interaction, ctx) {
    const ref = interaction.options.getString('character');
    const character = ref ? await ctx.services.characters.get(ctx.user.id, ref) : undefined;
    await interaction.reply({
      content: character ? ctx.t('bot.presets.pickFor', { name: character.name }) : ctx.t('bot.presets.pick'),
      components: menus(character?.id ?? null, ctx.locale),
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
    const { t, locale } = ctx;
    const characterId = m[1] === '-' ? null : m[1]!;
    const { added, skipped } = await ctx.services.tasks.addPresets(ctx.user.id, { keys: interaction.values, characterId });
    const parts = [
      added.length > 0 ? t('bot.presets.added', { names: joinNames(t, added.map((task) => `**${taskName(task, locale)}**`)) }) : '',
      skipped.length > 0 ? t('bot.presets.alreadyTracked', { count: skipped.length }) : '',
      t('bot.presets.more'),
    ].filter(Boolean);
    await interaction.update({ content: parts.join(' ').slice(0, 2000), components: menus(characterId, locale) });
  },
} satisfies Command;
