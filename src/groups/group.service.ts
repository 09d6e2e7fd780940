import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { conflict, forbidden, invalid, limitReached, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { findCharacterRow } from '../characters/character.repository.js';
import type { Database, GroupRow } from '../store/schema.js';
import { findPreset } from '../tasks/presets.js';
import { parseInput } from '../validation.js';
import { computeBoard, type BoardMember } from './board.js';
import { createGroupSchema, groupNameSchema, MAX_GROUPS_PER_SERVER, MAX_MEMBERS_PER_GROUP, type CreateGroupInput } from './group.schema.js';
import type { Board, Group, GroupActor } from './group.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Told to a group's owner at their next command once Discord refused the board's message or channel. */
export interface BoardNotice {
  groupId: string;
  groupName: string;
  reason: string;
}

/**
 * Groups of one Discord server and their boards. Joining is consent: a board shows a member's
 * characters and the group's tracked presets only, never their other tasks, notes or keys.
 */
export class GroupService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(actor: GroupActor, input: CreateGroupInput): Promise<Group> {
    const g = parseInput(createGroupSchema, input);
    await this.assertMayCreate(actor, g.guildId);
    const now = this.clock();
    const row = await this.db.transaction().execute(async (tx) => {
      const count = await tx
        .selectFrom('groups')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('guild_id', '=', g.guildId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_GROUPS_PER_SERVER) throw limitReached(`A server has at most ${MAX_GROUPS_PER_SERVER} groups.`, { key: 'errors.limit.groups', values: { max: MAX_GROUPS_PER_SERVER } });
      if (await this.findByName(tx, g.guildId, g.name)) throw conflict(`This server already has a group named ${g.name}.`, { key: 'errors.conflict.groupName', values: { name: g.name } });
      return tx
        .insertInto('groups')
        .values({ id: newId(), guild_id: g.guildId, name: g.name, name_key: g.name.toLowerCase(), owner_user_id: actor.userId, presets: g.presets.join(','), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return toGroup(row, 0);
  }

  /** Who besides Manage Server may create groups in a server (null: nobody else). */
  async setCreatorRole(actor: GroupActor, guildId: string, roleId: string | null): Promise<void> {
    if (!actor.canManageServer) throw forbidden('Only members with Manage Server choose who may create groups.', { key: 'errors.forbidden.creatorRole' });
    const now = this.clock();
    await this.db
      .insertInto('guild_group_settings')
      .values({ guild_id: guildId, creator_role_id: roleId, updated_at: now })
      .onConflict((oc) => oc.column('guild_id').doUpdateSet({ creator_role_id: roleId, updated_at: now }))
      .execute();
  }

  async creatorRole(guildId: string): Promise<string | null> {
    const s = await this.db.selectFrom('guild_group_settings').select('creator_role_id').where('guild_id', '=', guildId).executeTakeFirst();
    return s?.creator_role_id ?? null;
  }

  /** A server's group by name (any case), for the bot. */
  async byName(guildId: string, name: string): Promise<Group> {
    const row = await this.findByName(this.db, guildId, parseInput(groupNameSchema, name));
    if (!row) throw notFound(`Group ${name.trim()}`, { key: 'errors.notFound.groupNamed', values: { name: name.trim() } });
    return this.withCount(row);
  }

  /** The server's groups whose name contains `query`, for autocomplete. */
  async search(guildId: string, query: string): Promise<Group[]> {
    const rows = await this.db.selectFrom('groups').selectAll().where('guild_id', '=', guildId).orderBy('name_key').limit(100).execute();
    const q = query.trim().toLowerCase();
    return rows.filter((r) => r.name_key.includes(q)).slice(0, 25).map((r) => toGroup(r, 0));
  }

  /** The groups the user is a member of. */
  async listForUser(userId: string): Promise<Group[]> {
    const rows = await this.db
      .selectFrom('groups')
      .innerJoin('group_members', 'group_members.group_id', 'groups.id')
      .selectAll('groups')
      .where('group_members.user_id', '=', userId)
      .orderBy('groups.name_key')
      .execute();
    return Promise.all(rows.map((r) => this.withCount(r)));
  }

  /**
   * Joins with one character (by our id or Lodestone id) or all of the user's characters, or
   * moves an existing membership to that choice. Returns the presets the user does not track yet.
   */
  async join(userId: string, groupId: string, characterRef: string | null): Promise<{ group: Group; missingPresets: string[] }> {
    const now = this.clock();
    const { group, characterId } = await this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
      if (!row) throw notFound('Group');
      let characterId: string | null = null;
      if (characterRef) {
        const c = await findCharacterRow(tx, userId, characterRef);
        if (!c) throw notFound('Character');
        characterId = c.id;
      } else {
        const any = await tx.selectFrom('characters').select('id').where('user_id', '=', userId).executeTakeFirst();
        if (!any) throw invalid('Link a character first (`/character link`): a board shows characters.', undefined, { key: 'errors.validation.linkFirst' });
      }
      const existing = await tx.selectFrom('group_members').select('id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
      if (existing) {
        await tx.updateTable('group_members').set({ character_id: characterId }).where('id', '=', existing.id).execute();
      } else {
        if ((await this.memberCount(tx, groupId)) >= MAX_MEMBERS_PER_GROUP) throw limitReached(`A group has at most ${MAX_MEMBERS_PER_GROUP} members.`, { key: 'errors.limit.members', values: { max: MAX_MEMBERS_PER_GROUP } });
        await tx.insertInto('group_members').values({ id: newId(), group_id: groupId, user_id: userId, character_id: characterId, joined_at: now }).execute();
      }
      await this.markDirty(tx, groupId);
      return { group: row, characterId };
    });
    const missingPresets = await this.missingFor(userId, group.presets.split(','), characterId);
    return { group: await this.withCount(group), missingPresets };
  }

  /** What a member does not track yet of the group's presets, and for which of their characters. */
  async missingPresets(userId: string, groupId: string): Promise<{ group: Group; characterId: string | null; missingPresets: string[] }> {
    const row = await this.memberGroupRow(this.db, userId, groupId);
    if (!row) throw notFound('Group');
    const m = await this.db.selectFrom('group_members').select('character_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirstOrThrow();
    return { group: await this.withCount(row), characterId: m.character_id, missingPresets: await this.missingFor(userId, row.presets.split(','), m.character_id) };
  }

  /** Missing for the chosen character (or for any, with all): neither its own task nor an account-wide one. */
  private async missingFor(userId: string, presets: string[], characterId: string | null): Promise<string[]> {
    const tracked = await this.db.selectFrom('tasks').select(['preset_key', 'character_id']).where('user_id', '=', userId).where('preset_key', 'in', presets).execute();
    return presets.filter((key) => !tracked.some((t) => t.preset_key === key && (t.character_id === null || characterId === null || t.character_id === characterId)));
  }

  async leave(userId: string, groupId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const r = await tx.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound('Group');
      await this.markDirty(tx, groupId);
    });
  }

  /** The owner or a Manage Server member takes someone off the board. */
  async removeMember(actor: GroupActor, groupId: string, memberUserId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const g = await this.managedGroup(tx, actor, groupId);
      const r = await tx.deleteFrom('group_members').where('group_id', '=', g.id).where('user_id', '=', memberUserId).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound('Member');
      await this.markDirty(tx, groupId);
    });
  }

  async delete(actor: GroupActor, groupId: string): Promise<{ board: { channelId: string; messageId: string | null } | null }> {
    return this.db.transaction().execute(async (tx) => {
      const g = await this.managedGroup(tx, actor, groupId);
      const board = await tx.selectFrom('group_boards').select(['channel_id', 'message_id']).where('group_id', '=', g.id).executeTakeFirst();
      await tx.deleteFrom('groups').where('id', '=', g.id).execute();
      return { board: board ? { channelId: board.channel_id, messageId: board.message_id } : null };
    });
  }

  /** Where the live board goes: a new message in that channel, posted and then kept up to date. */
  async postBoard(actor: GroupActor, groupId: string, channelId: string): Promise<{ previous: { channelId: string; messageId: string | null } | null }> {
    const now = this.clock();
    return this.db.transaction().execute(async (tx) => {
      const g = await tx.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
      if (!g) throw notFound('Group');
      if (g.owner_user_id !== actor.userId && !actor.canManageServer) {
        throw forbidden(`Only the group's owner or a member with Manage Server can post its board.`, { key: 'errors.forbidden.postBoard' });
      }
      const previous = await tx.selectFrom('group_boards').select(['channel_id', 'message_id']).where('group_id', '=', groupId).executeTakeFirst();
      await tx.deleteFrom('group_boards').where('group_id', '=', groupId).execute();
      await tx
        .insertInto('group_boards')
        .values({ group_id: groupId, channel_id: channelId, message_id: null, dirty: 1, created_at: now })
        .execute();
      return { previous: previous ? { channelId: previous.channel_id, messageId: previous.message_id } : null };
    });
  }

  /**
   * What a board depends on, without computing it: the group, who joined with what, each
   * member's tasks version (bumped by every write to their tasks and characters) and the hour
   * (resets fall on the hour; a cooldown's end shows within the hour at worst). A member's ETag.
   */
  async boardVersion(userId: string, groupId: string): Promise<string> {
    const rows = await this.db
      .selectFrom('group_members')
      .innerJoin('users', 'users.id', 'group_members.user_id')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .select(['group_members.user_id', 'group_members.character_id', 'users.tasks_version', 'groups.updated_at', 'groups.presets'])
      .where('group_members.group_id', '=', groupId)
      .orderBy('group_members.user_id')
      .execute();
    if (!rows.some((r) => r.user_id === userId)) throw notFound('Group');
    const h = createHash('sha256').update(String(Math.floor(this.clock() / 3_600_000)));
    for (const r of rows) h.update(`|${r.user_id}:${r.character_id ?? '*'}:${r.tasks_version}:${r.updated_at}:${r.presets}`);
    return h.digest('base64url').slice(0, 22);
  }

  /** The board of any group, for the publisher and for `/group show` inside its own server. */
  async boardOf(groupId: string): Promise<Board> {
    const row = await this.db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
    if (!row) throw notFound('Group');
    return this.board(row);
  }

  /** Boards Discord refused since the owner's last command; each is told once. */
  async takeBoardNotices(userId: string): Promise<BoardNotice[]> {
    const rows = await this.db
      .selectFrom('group_boards')
      .innerJoin('groups', 'groups.id', 'group_boards.group_id')
      .select(['groups.id', 'groups.name', 'group_boards.disabled_reason'])
      .where('groups.owner_user_id', '=', userId)
      .where('group_boards.disabled_at', 'is not', null)
      .where('group_boards.owner_notified_at', 'is', null)
      .execute();
    const told: BoardNotice[] = [];
    for (const r of rows) {
      const res = await this.db
        .updateTable('group_boards')
        .set({ owner_notified_at: this.clock() })
        .where('group_id', '=', r.id)
        .where('owner_notified_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) told.push({ groupId: r.id, groupName: r.name, reason: r.disabled_reason ?? 'Discord refused it' });
    }
    return told;
  }

  private async board(row: GroupRow): Promise<Board> {
    const now = this.clock();
    const members = await this.db
      .selectFrom('group_members')
      .innerJoin('users', 'users.id', 'group_members.user_id')
      .select(['group_members.user_id', 'group_members.character_id', 'users.username', 'users.global_name'])
      .where('group_members.group_id', '=', row.id)
      .execute();
    const userIds = members.map((m) => m.user_id);
    const presets = row.presets.split(',');
    const [characters, tasks] =
      userIds.length === 0
        ? [[], []]
        : await Promise.all([
            this.db.selectFrom('characters').select(['id', 'user_id', 'name', 'world', 'region', 'verified_at']).where('user_id', 'in', userIds).execute(),
            this.db
              .selectFrom('tasks')
              .leftJoin('characters', 'characters.id', 'tasks.character_id')
              .select([
                'tasks.user_id',
                'tasks.character_id',
                'tasks.preset_key',
                'tasks.cadence',
                'tasks.interval_hours',
                'tasks.region',
                'tasks.last_period_start',
                'tasks.last_completed_at',
                'characters.region as character_region',
              ])
              .where('tasks.user_id', 'in', userIds)
              .where('tasks.preset_key', 'in', presets)
              .execute(),
          ]);
    const boardMembers: BoardMember[] = members.map((m) => ({ userId: m.user_id, memberName: m.global_name ?? m.username, characterId: m.character_id }));
    return computeBoard(toGroup(row, members.length), boardMembers, characters, tasks, now);
  }

  private async assertMayCreate(actor: GroupActor, guildId: string): Promise<void> {
    if (actor.canManageServer) return;
    const role = await this.creatorRole(guildId);
    if (role && actor.roleIds.includes(role)) return;
    throw role
      ? forbidden(`Creating groups needs Manage Server or the <@&${role}> role.`, { key: 'errors.forbidden.createGroupRole', values: { role } })
      : forbidden('Creating groups needs Manage Server (or a role the server chose with `/group creator-role`).', { key: 'errors.forbidden.createGroup' });
  }

  private async managedGroup(db: Db, actor: GroupActor, groupId: string): Promise<GroupRow> {
    const g = await db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
    if (!g) throw notFound('Group');
    if (g.owner_user_id !== actor.userId && !actor.canManageServer) throw forbidden(`Only the group's owner or a member with Manage Server can do that.`, { key: 'errors.forbidden.ownerOnly' });
    return g;
  }

  private memberGroupRow(db: Db, userId: string, groupId: string): Promise<GroupRow | undefined> {
    return db
      .selectFrom('groups')
      .innerJoin('group_members', 'group_members.group_id', 'groups.id')
      .selectAll('groups')
      .where('groups.id', '=', groupId)
      .where('group_members.user_id', '=', userId)
      .executeTakeFirst();
  }

  private findByName(db: Db, guildId: string, name: string): Promise<GroupRow | undefined> {
    return db.selectFrom('groups').selectAll().where('guild_id', '=', guildId).where('name_key', '=', name.trim().toLowerCase()).executeTakeFirst();
  }

  private async memberCount(db: Db, groupId: string): Promise<number> {
    const r = await db
      .selectFrom('group_members')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('group_id', '=', groupId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  private async withCount(row: GroupRow): Promise<Group> {
    return toGroup(row, await this.memberCount(this.db, row.id));
  }

  private async markDirty(db: Db, groupId: string): Promise<void> {
    await db.updateTable('group_boards').set({ dirty: 1 }).where('group_id', '=', groupId).execute();
  }
}

function toGroup(row: GroupRow, memberCount: number): Group {
  return {
    id: row.id,
    guildId: row.guild_id,
    name: row.name,
    ownerUserId: row.owner_user_id,
    presets: row.presets.split(',').filter((k) => findPreset(k) !== undefined),
    memberCount,
    createdAt: row.created_at,
  };
}
