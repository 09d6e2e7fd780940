import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { conflict, limitReached, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Region } from '../resets/cadences.js';
import type { CharacterRow, Database } from '../store/schema.js';
import { TasksVersion } from '../users/tasksVersion.repository.js';
import { parseInput } from '../validation.js';
import { countCharacters, findCharacterRow, listCharacterRows } from './character.repository.js';
import {
  linkCharacterSchema,
  MAX_CHARACTERS_PER_USER,
  updateCharacterSchema,
  type LinkCharacterInput,
  type UpdateCharacterInput,
} from './character.schema.js';
import type { Character } from './character.types.js';

/** Linking, listing, editing and unlinking a user's FFXIV characters. */
export class CharacterService {
  private readonly tasksVersion: TasksVersion;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** Server secret for `persistentKey`. */
    private readonly keySecret: string,
  ) {
    this.tasksVersion = new TasksVersion(db);
  }

  async list(userId: string): Promise<Character[]> {
    return (await listCharacterRows(this.db, userId)).map((r) => this.toCharacter(r));
  }

  /** By our id or Lodestone id; another user's character is simply not found. */
  async get(userId: string, ref: string): Promise<Character> {
    const row = await findCharacterRow(this.db, userId, ref);
    if (!row) throw notFound('Character');
    return this.toCharacter(row);
  }

  async link(userId: string, input: LinkCharacterInput): Promise<Character> {
    const c = parseInput(linkCharacterSchema, input);
    const now = this.clock();
    const row = await this.db.transaction().execute(async (tx) => {
      if (await findCharacterRow(tx, userId, c.lodestoneId)) {
        throw conflict(`Character ${c.lodestoneId} is already linked.`);
      }
      if ((await countCharacters(tx, userId)) >= MAX_CHARACTERS_PER_USER) {
        throw limitReached(`You can link at most ${MAX_CHARACTERS_PER_USER} characters.`);
      }
      await this.tasksVersion.bump(tx, userId);
      return tx
        .insertInto('characters')
        .values({
          id: newId(),
          user_id: userId,
          lodestone_id: c.lodestoneId,
          name: c.name,
          world: c.world,
          datacenter: c.datacenter,
          region: c.region,
          avatar_url: c.avatarUrl ?? null,
          portrait_url: c.portraitUrl ?? null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return this.toCharacter(row);
  }

  async update(userId: string, ref: string, input: UpdateCharacterInput): Promise<Character> {
    const patch = parseInput(updateCharacterSchema, input);
    const row = await this.db.transaction().execute(async (tx) => {
      const existing = await findCharacterRow(tx, userId, ref);
      if (!existing) throw notFound('Character');
      // A new region moves the character's Jumbo Cactpot drawing: the task list changes too.
      await this.tasksVersion.bump(tx, userId);
      return tx
        .updateTable('characters')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.world !== undefined && { world: patch.world }),
          ...(patch.datacenter !== undefined && { datacenter: patch.datacenter }),
          ...(patch.region !== undefined && { region: patch.region }),
          ...(patch.avatarUrl !== undefined && { avatar_url: patch.avatarUrl }),
          ...(patch.portraitUrl !== undefined && { portrait_url: patch.portraitUrl }),
          updated_at: this.clock(),
        })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return this.toCharacter(row);
  }

  /** Unlinks a character; the tasks that belonged to it go with it (they made no sense alone). */
  async unlink(userId: string, ref: string): Promise<{ character: Character; tasksRemoved: number }> {
    return this.db.transaction().execute(async (tx) => {
      const row = await findCharacterRow(tx, userId, ref);
      if (!row) throw notFound('Character');
      const removed = await tx.deleteFrom('tasks').where('character_id', '=', row.id).executeTakeFirst();
      await tx.deleteFrom('characters').where('id', '=', row.id).execute();
      await this.tasksVersion.bump(tx, userId);
      return { character: this.toCharacter(row), tasksRemoved: Number(removed.numDeletedRows) };
    });
  }

  private toCharacter(row: CharacterRow): Character {
    return {
      id: row.id,
      userId: row.user_id,
      persistentKey: createHmac('sha256', this.keySecret)
        .update(`${row.user_id}:${row.lodestone_id}`)
        .digest()
        .subarray(0, 20)
        .toString('base64url'),
      lodestoneId: row.lodestone_id,
      name: row.name,
      world: row.world,
      datacenter: row.datacenter,
      region: row.region as Region,
      avatarUrl: row.avatar_url,
      portraitUrl: row.portrait_url,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
