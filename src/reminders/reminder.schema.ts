import { z } from 'zod';
import { LOCALES } from '../i18n/locales.js';
import { RESET_EVENTS } from '../resets/cadences.js';

/** What a server gets when it chooses no events. */
export const DEFAULT_GUILD_EVENTS = ['daily-reset', 'weekly-reset'] as const;

const snowflake = z.string().regex(/^\d{15,25}$/, 'must be a Discord id');

export const guildReminderSchema = z.strictObject({
  channelId: snowflake,
  roleId: snowflake.nullish(),
  events: z
    .array(z.enum(RESET_EVENTS, { error: (iss) => `Unknown event: ${String(iss.input)}. Choose from: ${RESET_EVENTS.join(', ')}.` }))
    .max(RESET_EVENTS.length)
    .optional(),
  leadMinutes: z.number().int().min(0).max(24 * 60).default(0),
  language: z.enum(LOCALES).default('en'),
});

/** Personal DMs before a reset: which reset and how many hours ahead. */
export const personalReminderSchema = z
  .strictObject({
    cadence: z.enum(['daily', 'weekly']),
    hoursBefore: z.number().int().min(1).max(72),
  })
  // A day or more ahead, the daily tasks open then close at the earlier reset, not the one named.
  .refine((r) => r.cadence !== 'daily' || r.hoursBefore <= 23, {
    path: ['hoursBefore'],
    message: 'at most 23 hours before the daily reset',
    params: { i18n: { key: 'errors.validation.dailyHoursBefore' } },
  });

export type GuildReminderInput = z.input<typeof guildReminderSchema>;
export type PersonalReminderInput = z.input<typeof personalReminderSchema>;
