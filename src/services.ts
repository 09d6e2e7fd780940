import type { Kysely } from 'kysely';
import { ApiKeyService } from './apiKeys/apiKey.service.js';
import { DiscordOAuthClient } from './auth/discordOAuth.client.js';
import { createJwtCodec } from './auth/jwt.js';
import { OAuthService } from './auth/oauth.service.js';
import { SessionService } from './auth/session.service.js';
import { CharacterService } from './characters/character.service.js';
import { CharacterVerificationService } from './characters/characterVerification.service.js';
import { LodestoneClient } from './lodestone/lodestone.client.js';
import { GroupService } from './groups/group.service.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { GuildReminderService } from './reminders/guildReminder.service.js';
import { PersonalReminderService } from './reminders/personalReminder.service.js';
import type { Database } from './store/schema.js';
import { TaskService } from './tasks/task.service.js';
import { UserService } from './users/user.service.js';

/** The domain services, built once and shared by the bot, the HTTP app and the scheduler. */
export interface Services {
  users: UserService;
  characters: CharacterService;
  verification: CharacterVerificationService;
  groups: GroupService;
  tasks: TaskService;
  sessions: SessionService;
  oauth: OAuthService;
  guildReminders: GuildReminderService;
  personalReminders: PersonalReminderService;
  apiKeys: ApiKeyService;
}

export interface ServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Server secret: signs JWTs and keys character `persistentKey`s. */
  secret: string;
  config: Config;
  log: Logger;
}

export function buildServices({ db, clock, secret, config, log }: ServiceDeps): Services {
  const users = new UserService(db, clock, config.discord.cdnUrl);
  const sessions = new SessionService(db, clock, createJwtCodec(secret, config.jwtTtlSeconds, clock));
  const { clientId, clientSecret, apiUrl, authorizeUrl } = config.discord;
  const discord =
    clientId && clientSecret ? new DiscordOAuthClient({ apiUrl, clientId, clientSecret }, log.child({ component: 'oauth' })) : undefined;
  const lodestone = config.lodestone
    ? new LodestoneClient({ ...config.lodestone, clock, log: log.child({ component: 'lodestone' }) })
    : undefined;
  const characters = new CharacterService(db, clock, secret, lodestone, config.lodestone?.userCallsPerMinute);
  return {
    users,
    characters,
    verification: new CharacterVerificationService(db, clock, characters),
    groups: new GroupService(db, clock),
    tasks: new TaskService(db, clock),
    sessions,
    oauth: new OAuthService(
      db,
      clock,
      { clientId, authorizeUrl, redirectUri: config.oauth.redirectUri, redirectAllowlist: config.oauth.redirectAllowlist },
      discord,
      users,
      sessions,
    ),
    guildReminders: new GuildReminderService(db, clock),
    personalReminders: new PersonalReminderService(db, clock),
    apiKeys: new ApiKeyService(db, clock),
  };
}
