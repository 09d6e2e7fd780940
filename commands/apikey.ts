import { EmbedBuilder, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { BROAD_SCOPES, scopeSchema } from '../src/apiKeys/scopes.js';
import { commandText } from '../src/bot/localizations.js';
import { invalid } from '../src/errors.js';
import { MAX_CHOICES, matches, splitList, suggestListItems } from '../src/bot/options.js';
import { discordTime } from '../src/scheduler/messages.js';

/** Refused here, in the reader's language, before the service would refuse it in English. */
function checkScopes(scopes: string[]): string[] {
  if (scopes.some((s) => !scopeSchema.safeParse(s).success)) {
    const list = BROAD_SCOPES.join(', ');
    throw invalid(`scopes: a scope is one of ${list} or character:<lodestoneId>:read|write`, undefined, { key: 'errors.validation.scope', values: { scopes: list } });
  }
  return scopes;
}

const d = commandText('apikey');

/** `/apikey create|list|revoke`: keys for overlays, plugins and spreadsheets. The key is shown once. */
export default {
  data: d(new SlashCommandBuilder().setName('apikey'), 'description')
    .addSubcommand((s) =>
      d(s.setName('create'), 'create.description')
        .addStringOption((o) => d(o.setName('name'), 'create.name').setRequired(true).setMinLength(1).setMaxLength(100))
        .addStringOption((o) => d(o.setName('scopes'), 'create.scopes').setRequired(true).setAutocomplete(true).setMaxLength(500)),
    )
    .addSubcommand((s) => d(s.setName('list'), 'list.description'))
    .addSubcommand((s) => d(s.setName('revoke'), 'revoke.description').addStringOption((o) => d(o.setName('key'), 'revoke.key').setRequired(true).setAutocomplete(true))),

  async execute(interaction, ctx) {
    const { t } = ctx;
    const keys = ctx.services.apiKeys;
    switch (interaction.options.getSubcommand(true)) {
      case 'create': {
        const { key, apiKey } = await keys.create(ctx.user.id, {
          name: interaction.options.getString('name', true),
          scopes: checkScopes(splitList(interaction.options.getString('scopes', true))),
        });
        return interaction.reply({
          content: `🔑 **${apiKey.name}** (${apiKey.scopes.join(', ')}):\n\`\`\`\n${key}\n\`\`\`${t('bot.apikey.created')}`,
          flags: MessageFlags.Ephemeral,
        });
      }
      case 'list': {
        const list = await keys.list(ctx.user.id);
        const embed = new EmbedBuilder()
          .setTitle(t('bot.apikey.listTitle'))
          .setDescription(
            list.length === 0
              ? t('bot.apikey.none')
              : list
                  .map((k) => {
                    const used = k.lastUsedAt ? t('bot.apikey.lastUsed', { when: discordTime(k.lastUsedAt) }) : t('bot.apikey.neverUsed');
                    const expires = k.expiresAt ? ` · ${t('bot.apikey.expires', { when: discordTime(k.expiresAt) })}` : '';
                    return `**${k.name}** \`${k.prefix}…\` — ${k.scopes.join(', ')} · ${used}${expires}`;
                  })
                  .join('\n')
                  .slice(0, 4096),
          );
        return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      }
      case 'revoke':
        await keys.revoke(ctx.user.id, interaction.options.getString('key', true));
        return interaction.reply({ content: t('bot.apikey.revoked'), flags: MessageFlags.Ephemeral });
      default:
        return interaction.reply({ content: t('bot.unknownSubcommand'), flags: MessageFlags.Ephemeral });
    }
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'key') {
      const ok = matches(String(focused.value));
      const list = await ctx.services.apiKeys.list(ctx.user.id);
      return interaction.respond(
        list
          .filter((k) => ok(`${k.name} ${k.prefix}`))
          .slice(0, MAX_CHOICES)
          .map((k) => ({ name: `${k.name} (${k.prefix}…)`.slice(0, 100), value: k.id })),
      );
    }
    const characters = await ctx.services.characters.list(ctx.user.id);
    const all = [...BROAD_SCOPES, ...characters.flatMap((c) => [`character:${c.lodestoneId}:read`, `character:${c.lodestoneId}:write`])];
    return interaction.respond(suggestListItems(String(focused.value), all));
  },
} satisfies Command;
