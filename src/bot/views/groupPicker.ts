import { ActionRowBuilder, ButtonBuilder, ButtonStyle, StringSelectMenuBuilder, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { presetDescription, presetName } from '../../i18n/presetText.js';
import type { Locale } from '../../i18n/locales.js';
import { translator } from '../../i18n/translator.js';
import { PRESETS, type PresetCategory } from '../../tasks/presets.js';

/** Two menus, since one holds 25 options and there are more presets; placeholders from `bot.group.menus`. */
const MENUS: { slot: number; label: 'roulettes' | 'others'; categories: PresetCategory[] }[] = [
  { slot: 0, label: 'roulettes', categories: ['Duty Roulettes'] },
  { slot: 1, label: 'others', categories: ['Daily', 'Grand Company', 'Gold Saucer', 'Weekly', 'Cooldowns'] },
];

/** A menu label: one line, at most `max` characters (Discord's limit), without the game's soft hyphens. */
export const label = (s: string, max = 100) => {
  const one = s.replace(/\u00AD/g, '');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

export const PICK_PREFIX = 'group:pick:';
export const CREATE_PREFIX = 'group:create:';

/**
 * The preset picker of `/group create`. The message itself keeps the choice: each pick redraws
 * the menus with the chosen options as defaults, and Create reads them back, so no state waits
 * anywhere between the clicks (any process can answer any of them).
 */
export function presetPicker(name: string, chosen: ReadonlySet<string>, locale: Locale = 'en') {
  const t = translator(locale);
  const rows: ActionRowBuilder<StringSelectMenuBuilder | ButtonBuilder>[] = MENUS.map((m) => {
    const options = PRESETS.filter((p) => m.categories.includes(p.category)).map((p) => ({
      label: label(presetName(p.key, locale)),
      value: p.key,
      description: label(presetDescription(p.key, locale)),
      default: chosen.has(p.key),
    }));
    return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId(`${PICK_PREFIX}${m.slot}`)
        .setPlaceholder(label(`${t(`bot.group.menus.${m.label}`)}…`, 150))
        .setMinValues(0)
        .setMaxValues(options.length)
        .addOptions(options),
    );
  });
  rows.push(
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(`${CREATE_PREFIX}${name}`)
        .setLabel(label(t('bot.group.createButton', { name }), 80))
        .setStyle(ButtonStyle.Success)
        .setDisabled(chosen.size === 0),
    ),
  );
  return rows;
}

/** The presets chosen so far, read from the picker message's menus. */
export function chosenPresets(rows: readonly APIActionRowComponent<APIComponentInMessageActionRow>[], replaceSlot?: { slot: number; values: readonly string[] }): Set<string> {
  const chosen = new Set<string>();
  for (const row of rows) {
    for (const c of row.components) {
      if (!('custom_id' in c) || !c.custom_id.startsWith(PICK_PREFIX) || !('options' in c) || !c.options) continue;
      const slot = Number(c.custom_id.slice(PICK_PREFIX.length));
      if (replaceSlot && slot === replaceSlot.slot) replaceSlot.values.forEach((v) => chosen.add(v));
      else c.options.filter((o) => o.default).forEach((o) => chosen.add(o.value));
    }
  }
  return chosen;
}
