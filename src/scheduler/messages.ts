import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { ResetEvent } from '../resets/cadences.js';
import type { TaskView } from '../tasks/task.types.js';

const EVENT_TEXT: Record<ResetEvent, { title: string; body: string }> = {
  'daily-reset': { title: 'Daily reset', body: 'Duty roulettes, allied society quests, Mini Cactpot and daily hunts are open again.' },
  'weekly-reset': { title: 'Weekly reset', body: 'Wondrous Tails, Custom Deliveries, raid loot, Challenge Log and the tomestone cap are open again.' },
  'gc-reset': { title: 'Grand Company reset', body: 'Supply and provisioning missions have new requests.' },
  'fashion-report-open': { title: 'Fashion Report judging is open', body: 'Masked Rose is judging until the weekly reset.' },
  'jumbo-cactpot-eu': { title: 'Jumbo Cactpot drawing (EU)', body: 'The EU data centers draw this week\'s Jumbo Cactpot.' },
  'jumbo-cactpot-na': { title: 'Jumbo Cactpot drawing (NA)', body: 'The NA data centers draw this week\'s Jumbo Cactpot.' },
  'jumbo-cactpot-jp': { title: 'Jumbo Cactpot drawing (JP)', body: 'The JP data centers draw this week\'s Jumbo Cactpot.' },
  'jumbo-cactpot-oc': { title: 'Jumbo Cactpot drawing (OC)', body: 'The OC data center draws this week\'s Jumbo Cactpot.' },
  'ocean-fishing': { title: 'Ocean Fishing departure', body: 'The boat leaves Limsa Lominsa; boarding is open for 15 minutes.' },
};

/** A Discord timestamp: each reader sees it in their own time zone. */
export const discordTime = (ms: number, style: 'R' | 't' | 'f' | 'F' = 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

export function eventTitle(event: ResetEvent): string {
  return EVENT_TEXT[event].title;
}

/** A server announcement; the role is pinged only through `allowed_mentions`. */
export function guildAnnouncement(event: ResetEvent, occursAt: number, leadMinutes: number, roleId: string | null): RESTPostAPIChannelMessageJSONBody {
  const t = EVENT_TEXT[event];
  const when = leadMinutes > 0 ? `${discordTime(occursAt)} (${discordTime(occursAt, 't')})` : 'now';
  const text = `**${t.title}** — ${when}. ${t.body}`;
  return {
    content: roleId ? `<@&${roleId}> ${text}` : text,
    allowed_mentions: { parse: [], roles: roleId ? [roleId] : [] },
  };
}

/** The personal DM listing what is still open before a reset. */
export function personalReminderMessage(cadence: 'daily' | 'weekly', resetAt: number, open: TaskView[]): RESTPostAPIChannelMessageJSONBody {
  const lines = open.slice(0, 40).map((t) => `• ${t.name}`);
  if (open.length > 40) lines.push(`…and ${open.length - 40} more`);
  return {
    content: `The ${cadence} reset is ${discordTime(resetAt)}. Still open:\n${lines.join('\n')}`,
    allowed_mentions: { parse: [] },
  };
}

/** Told to a player when another player proved one of their linked characters theirs. */
export function lostVerificationMessage(characterName: string, world: string): RESTPostAPIChannelMessageJSONBody {
  return {
    content:
      `🔓 Another Discord account proved that **${characterName}** (${world}) is theirs, so your link to it is no longer verified. ` +
      'Your tasks are untouched. If the character is yours, run `/character verify` to prove it again.',
    allowed_mentions: { parse: [] },
  };
}
