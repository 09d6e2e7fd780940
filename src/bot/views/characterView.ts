import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Character } from '../../characters/character.types.js';
import type { VerificationChallenge } from '../../characters/characterVerification.service.js';
import { discordTime } from '../../scheduler/messages.js';

/** The mark a verified character carries wherever the bot names it. */
export const VERIFIED_MARK = '☑️';

/** "Name (World)", marked when verified. */
export const characterLabel = (c: Pick<Character, 'name' | 'world' | 'verified'>) => `${c.name} (${c.world})${c.verified ? ` ${VERIFIED_MARK}` : ''}`;

/** Custom id of the "Check now" button: the command's prefix, then the Lodestone id. */
export const VERIFY_CHECK_PREFIX = 'character:verify-check:';

/** One character as read from the Lodestone. */
export function characterEmbed(c: Character, heading: string): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setTitle(`${heading}: ${c.name}`)
    .setURL(`https://na.finalfantasyxiv.com/lodestone/character/${c.lodestoneId}/`)
    .setColor(c.verified ? 0x2ecc71 : 0x6c5ce7)
    .addFields(
      { name: 'World', value: `${c.world} [${c.datacenter}] · ${c.region.toUpperCase()}`, inline: true },
      { name: 'Lodestone', value: c.lodestoneId, inline: true },
      { name: 'Ownership', value: c.verified ? `${VERIFIED_MARK} verified` : 'not verified: `/character verify`', inline: true },
    );
  if (c.title) embed.setDescription(`*${c.title}*`);
  if (c.freeCompany) embed.addFields({ name: 'Free company', value: c.freeCompany.name, inline: true });
  if (c.avatarUrl) embed.setThumbnail(c.avatarUrl);
  return embed;
}

/** The code, what to do with it, and the button that checks. */
export function verificationPrompt(v: VerificationChallenge) {
  const embed = new EmbedBuilder()
    .setTitle(`Prove ${v.character.name} is yours`)
    .setColor(0xf1c40f)
    .setDescription(
      [
        `1. Open [your Lodestone profile](https://na.finalfantasyxiv.com/lodestone/character/${v.character.lodestoneId}/) and choose **Edit Profile**.`,
        `2. Paste this code anywhere in the **Character Profile** text and save:\n\`\`\`${v.code}\`\`\``,
        '3. Press **Check now**.',
        '',
        `The code works until ${discordTime(v.expiresAt, 't')} (${discordTime(v.expiresAt)}). Once verified you may remove it.`,
      ].join('\n'),
    );
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${VERIFY_CHECK_PREFIX}${v.character.lodestoneId}`).setLabel('Check now').setStyle(ButtonStyle.Primary).setEmoji('🔎'),
  );
  return { embeds: [embed], components: [row] };
}
