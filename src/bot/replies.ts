import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';

/** Replies privately, whatever state the interaction is in (fresh, deferred or already answered). */
export async function replyEphemeral(interaction: RepliableInteraction, content: string | Omit<InteractionReplyOptions, 'flags'>): Promise<void> {
  const options = typeof content === 'string' ? { content } : content;
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(options);
  } else if (interaction.replied) {
    await interaction.followUp({ ...options, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ ...options, flags: MessageFlags.Ephemeral });
  }
}
