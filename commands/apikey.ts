import { EmbedBuilder, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { BROAD_SCOPES } from '../src/apiKeys/scopes.js';
import { MAX_CHOICES, matches, splitList, suggestListItems } from '../src/bot/options.js';
import { discordTime } from '../src/scheduler/messages.js';

/** `/apikey create|list|revoke`: keys for overlays, plugins and spreadsheets. The key is shown once. */
export default {
  data: new SlashCommandBuilder()
    .setName('apikey')
    .setDescription('API keys for tools and plugins')
    .addSubcommand((s) =>
      s
        .setName('create')
        .setDescription('Create a key (shown once)')
        .addStringOption((o) => o.setName('name').setDescription('What it is for').setRequired(true).setMinLength(1).setMaxLength(100))
        .addStringOption((o) =>
          o
            .setName('scopes')
            .setDescription('Comma-separated, e.g. tasks:read,tasks:write or character:12345678:write')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(500),
        ),
    )
    .addSubcommand((s) => s.setName('list').setDescription('Your keys'))
    .addSubcommand((s) =>
      s
        .setName('revoke')
        .setDescription('Revoke a key at once')
        .addStringOption((o) => o.setName('key').setDescription('Which key').setRequired(true).setAutocomplete(true)),
    ),

  async execute(interaction, ctx) {
    const keys = ctx.services.apiKeys;
    switch (interaction.options.getSubcommand(true)) {
      case 'create': {
        const { key, apiKey } = await keys.create(ctx.user.id, {
          name: interaction.options.getString('name', true),
          scopes: splitList(interaction.options.getString('scopes', true)),
        });
        return interaction.reply({
          content: `🔑 **${apiKey.name}** (${apiKey.scopes.join(', ')}):\n\`\`\`\n${key}\n\`\`\`This is the only time it is shown. Send it as the \`x-api-key\` header.`,
          flags: MessageFlags.Ephemeral,
        });
      }
      case 'list': {
        const list = await keys.list(ctx.user.id);
        const embed = new EmbedBuilder()
          .setTitle('Your API keys')
          .setDescription(
            list.length === 0
              ? 'None. Create one with `/apikey create`.'
              : list
                  .map(
                    (k) =>
                      `**${k.name}** \`${k.prefix}…\` — ${k.scopes.join(', ')} · last used ${k.lastUsedAt ? discordTime(k.lastUsedAt) : 'never'}${k.expiresAt ? ` · expires ${discordTime(k.expiresAt)}` : ''}`,
                  )
                  .join('\n'),
          );
        return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      }
      case 'revoke':
        await keys.revoke(ctx.user.id, interaction.options.getString('key', true));
        return interaction.reply({ content: '🗑️ Revoked. Requests with that key are refused from now on.', flags: MessageFlags.Ephemeral });
      default:
        return interaction.reply({ content: 'Unknown subcommand.', flags: MessageFlags.Ephemeral });
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
