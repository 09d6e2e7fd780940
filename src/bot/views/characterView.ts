import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Character } from '../../characters/character.types.js';
import type { VerificationChallenge } from '../../characters/characterVerification.service.js';
import type { Locale } from '../../i18n/locales.js';
import { translator } from '../../i18n/translator.js';
import { discordTime } from '../../scheduler/messages.js';

/** The mark a verified character carries wherever the bot names it. */
export const VERIFIED_MARK = '☑️';

/** "Name (World)", marked when verified. */
export const characterLabel = (c: Pick<Character, 'name' | 'world' | 'verified'>) => `${c.name} (${c.world})${c.verified ? ` ${VERIFIED_MARK}` : ''}`;

/** Custom id of the "Check now" button: the command's prefix, then the Lodestone id. */
export const VERIFY_CHECK_PREFIX = 'character:verify-check:';

/** The Lodestone in the reader's language: every profile exists on each of these hosts. */
const LODESTONE_HOST: Record<Locale, string> = {
  en: 'na.finalfantasyxiv.com',
  ja: 'jp.finalfantasyxiv.com',
  de: 'de.finalfantasyxiv.com',
  fr: 'fr.finalfantasyxiv.com',
};
export const lodestoneProfileUrl = (lodestoneId: string, locale: Locale = 'en') => `https://${LODESTONE_HOST[locale]}/lodestone/character/${lodestoneId}/`;

export type CharacterHeading = 'linked' | 'refreshed' | 'verified';

/** One character as read from the Lodestone, in the reader's language. */
export function characterEmbed(c: Character, heading: CharacterHeading, locale: Locale = 'en'): EmbedBuilder {
  const t = translator(locale);
  const embed = new EmbedBuilder()
    .setTitle(t('bot.character.embed.title', { heading: t(`bot.character.embed.${heading}`), name: c.name }))
    .setURL(lodestoneProfileUrl(c.lodestoneId, locale))
    .setColor(c.verified ? 0x2ecc71 : 0x6c5ce7)
    .addFields(
      { name: t('bot.character.embed.world'), value: `${c.world} [${c.datacenter}] · ${c.region.toUpperCase()}`, inline: true },
      { name: t('bot.character.embed.lodestone'), value: c.lodestoneId, inline: true },
      { name: t('bot.character.embed.ownership'), value: c.verified ? t('bot.character.embed.ownershipVerified') : t('bot.character.embed.ownershipNotVerified'), inline: true },
    );
  if (c.title) embed.setDescription(`*${c.title}*`);
  if (c.freeCompany) embed.addFields({ name: t('bot.character.embed.freeCompany'), value: c.freeCompany.name, inline: true });
  if (c.avatarUrl) embed.setThumbnail(c.avatarUrl);
  return embed;
}

/** The code, what to do with it, and the button that checks. */
export function verificationPrompt(v: VerificationChallenge, locale: Locale = 'en') {
  const t = translator(locale);
  const embed = new EmbedBuilder()
    .setTitle(t('bot.character.verify.title', { name: v.character.name }))
    .setColor(0xf1c40f)
    .setDescription(
      [
        t('bot.character.verify.step1', { url: lodestoneProfileUrl(v.character.lodestoneId, locale) }),
        `${t('bot.character.verify.step2')}\n\`\`\`${v.code}\`\`\``,
        t('bot.character.verify.step3'),
        '',
        t('bot.character.verify.expires', { time: discordTime(v.expiresAt, 't'), relative: discordTime(v.expiresAt) }),
      ].join('\n'),
    );
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${VERIFY_CHECK_PREFIX}${v.character.lodestoneId}`)
      .setLabel(t('bot.character.verify.button'))
      .setStyle(ButtonStyle.Primary)
      .setEmoji('🔎'),
  );
  return { embeds: [embed], components: [row] };
}
