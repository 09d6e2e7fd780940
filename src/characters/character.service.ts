import { createHmac } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { conflict, DomainError, invalid, limitReached, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { RateLimiter } from '../rateLimiter.js';
import type { LodestoneClient } from '../lodestone/lodestone.client.js';
import type { LodestoneProfile, LodestoneSearchEntry } from '../lodestone/lodestone.types.js';
import { lodestoneIdFromUrl } from '../lodestone/lodestoneUrl.js';
import type { Region } from '../resets/cadences.js';
import type { CharacterRow, Database } from '../store/schema.js';
import { TasksVersion } from '../users/tasksVersion.repository.js';
import { parseInput } from '../validation.js';
import { countCharacters, findCharacterRow, listCharacterRows } from './character.repository.js';
import {
  linkCharacterSchema,
  linkRequestSchema,
  lodestoneSearchSchema,
  MAX_CHARACTERS_PER_USER,
  updateCharacterSchema,
  type LinkRequest,
  type UpdateCharacterInput,
} from './character.schema.js';
import type { Character } from './character.types.js';
import { findWorld, regionOfDatacenter } from './worlds.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the Lodestone is the source of, once it is on. */
const LODESTONE_FIELDS = ['name', 'world', 'datacenter', 'region', 'avatarUrl', 'portraitUrl'] as const;

/**
 * Linking, listing, refreshing and unlinking a user's FFXIV characters. With a Lodestone client
 * a character is read from its profile; without one (`LODESTONE_URL=off`) it is a label typed by hand.
 */
export class CharacterService {
  private readonly tasksVersion: TasksVersion;
  private readonly userBudget: RateLimiter;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** Server secret for `persistentKey`. */
    private readonly keySecret: string,
    private readonly lodestone: LodestoneClient | undefined,
    userCallsPerMinute = 10,
  ) {
    this.tasksVersion = new TasksVersion(db);
    this.userBudget = new RateLimiter(userCallsPerMinute, 60_000, clock);
  }

  /**
   * Counts one Lodestone read caused by this user. The process has one polite queue, so a user
   * past their share waits rather than slowing everybody's links.
   */
  spendLodestoneCall(userId: string): void {
    const waitMs = this.userBudget.take(userId);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new DomainError('TOO_MANY_REQUESTS', `You asked the Lodestone too often; try again in ${seconds} s.`, undefined, undefined, waitMs / 1000, {
        key: 'errors.lodestone.tooManyRequests',
        values: { seconds },
      });
    }
  }

  /** Whether characters are read from the Lodestone on this service. */
  get readsLodestone(): boolean {
    return this.lodestone !== undefined;
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

  /**
   * Links a character: by Lodestone id, profile URL, or name + world (searched on the Lodestone).
   * The Lodestone is read before anything is written, so a failed read links nothing.
   */
  async link(userId: string, input: LinkRequest): Promise<Character> {
    const req = parseInput(linkRequestSchema, input);
    if (!this.lodestone) return this.linkByHand(userId, req);

    let lodestoneId = req.lodestoneId;
    if (req.url !== undefined) {
      lodestoneId = lodestoneIdFromUrl(req.url);
      if (!lodestoneId) {
        throw invalid('url: that is not a Lodestone profile URL (https://<region>.finalfantasyxiv.com/lodestone/character/<id>/).');
      }
    }
    if (lodestoneId !== undefined) await this.assertCanLink(this.db, userId, lodestoneId);
    this.spendLodestoneCall(userId);
    if (lodestoneId === undefined) lodestoneId = (await this.findExactly(req.name!, req.world!)).lodestoneId;

    const profile = await this.readProfile(lodestoneId, { fresh: false });
    const region = this.regionOf(profile);
    const now = this.clock();
    const row = await this.db.transaction().execute(async (tx) => {
      await this.assertCanLink(tx, userId, profile.lodestoneId);
      await this.tasksVersion.bump(tx, userId);
      return tx
        .insertInto('characters')
        .values({ id: newId(), user_id: userId, lodestone_id: profile.lodestoneId, ...profileColumns(profile, region, now), created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return this.toCharacter(row);
  }

  /** The Lodestone's search for a name on a world, for a client to pick from before linking. */
  async search(userId: string, input: { name: string; world: string }): Promise<LodestoneSearchEntry[]> {
    const q = parseInput(lodestoneSearchSchema, input);
    this.requireLodestone();
    this.spendLodestoneCall(userId);
    return this.requireLodestone().searchCharacters(q.name, this.canonicalWorld(q.world));
  }

  /**
   * Reads the profile afresh (never from the cache) and updates every link to that Lodestone id:
   * the id survives renames and world transfers, and a data-center move changes the region.
   */
  async refresh(userId: string, ref: string): Promise<Character> {
    const existing = await findCharacterRow(this.db, userId, ref);
    if (!existing) throw notFound('Character');
    this.requireLodestone();
    this.spendLodestoneCall(userId);
    const profile = await this.readProfile(existing.lodestone_id, { fresh: true });
    await this.db.transaction().execute((tx) => this.applyProfile(tx, profile));
    return this.get(userId, existing.id);
  }

  /** Writes what the Lodestone showed to every row linking that character; inside the caller's transaction. */
  async applyProfile(tx: Transaction<Database>, profile: LodestoneProfile): Promise<void> {
    const now = this.clock();
    const rows = await tx.selectFrom('characters').select(['id', 'user_id', 'region']).where('lodestone_id', '=', profile.lodestoneId).execute();
    if (rows.length === 0) return;
    const region = this.regionOf(profile, rows[0]!.region as Region);
    await tx.updateTable('characters').set(profileColumns(profile, region, now)).where('lodestone_id', '=', profile.lodestoneId).execute();
    for (const userId of new Set(rows.map((r) => r.user_id))) await this.tasksVersion.bump(tx, userId);
  }

  /** Reads a profile; a private one is refused here, since linking needs what it hides. */
  async readProfile(lodestoneId: string, opts: { fresh: boolean }): Promise<LodestoneProfile> {
    const profile = await this.requireLodestone().getCharacter(lodestoneId, opts);
    if (profile.isPrivate) {
      throw new DomainError(
        'LODESTONE_PRIVATE',
        `${profile.name}'s Lodestone profile is private. Make it public (Lodestone → Account → Character Profile privacy), then try again.`,
        undefined,
        undefined,
        undefined,
        { key: 'errors.lodestone.private', values: { name: profile.name } },
      );
    }
    return profile;
  }

  async update(userId: string, ref: string, input: UpdateCharacterInput): Promise<Character> {
    const patch = parseInput(updateCharacterSchema, input);
    if (this.lodestone) {
      const managed = LODESTONE_FIELDS.filter((f) => patch[f] !== undefined);
      if (managed.length > 0) {
        throw new DomainError('LODESTONE_MANAGED', `${managed.join(', ')} come${managed.length === 1 ? 's' : ''} from the Lodestone: refresh the character instead.`);
      }
    }
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
      // Before the delete, whose cascade takes the character off any group: its boards must still be found.
      await this.tasksVersion.bump(tx, userId);
      const removed = await tx.deleteFrom('tasks').where('character_id', '=', row.id).executeTakeFirst();
      await tx.deleteFrom('character_verifications').where('user_id', '=', userId).where('lodestone_id', '=', row.lodestone_id).execute();
      await tx.deleteFrom('characters').where('id', '=', row.id).execute();
      return { character: this.toCharacter(row), tasksRemoved: Number(removed.numDeletedRows) };
    });
  }

  toCharacter(row: CharacterRow): Character {
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
      title: row.title,
      freeCompany: row.free_company_id && row.free_company_name ? { id: row.free_company_id, name: row.free_company_name } : null,
      verified: row.verified_at != null,
      verifiedAt: row.verified_at,
      lostVerificationAt: row.lost_verification_at,
      fetchedAt: row.fetched_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private async linkByHand(userId: string, req: ReturnType<typeof linkRequestSchema.parse>): Promise<Character> {
    if (req.url !== undefined) throw new DomainError('LODESTONE_OFF', 'The Lodestone is off on this service: link with lodestoneId, name, world, datacenter and region.');
    const c = parseInput(linkCharacterSchema, req);
    const now = this.clock();
    const row = await this.db.transaction().execute(async (tx) => {
      await this.assertCanLink(tx, userId, c.lodestoneId);
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

  private async assertCanLink(db: Db, userId: string, lodestoneId: string): Promise<void> {
    if (await findCharacterRow(db, userId, lodestoneId)) throw conflict(`Character ${lodestoneId} is already linked.`, { key: 'errors.conflict.characterLinked', values: { lodestoneId } });
    if ((await countCharacters(db, userId)) >= MAX_CHARACTERS_PER_USER) {
      throw limitReached(`You can link at most ${MAX_CHARACTERS_PER_USER} characters.`, { key: 'errors.limit.characters', values: { max: MAX_CHARACTERS_PER_USER } });
    }
  }

  /** The one character of exactly that name (any case) on that world; otherwise says what was found. */
  private async findExactly(name: string, world: string): Promise<LodestoneSearchEntry> {
    const worldName = this.canonicalWorld(world);
    const found = await this.requireLodestone().searchCharacters(name, worldName);
    const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase();
    const exact = found.filter((e) => e.name.toLowerCase() === wanted && e.world.toLowerCase() === worldName.toLowerCase());
    if (exact.length === 1) return exact[0]!;
    const listed = (exact.length > 1 ? exact : found).slice(0, 10);
    const summary = listed.map((e) => `${e.name} (${e.world}, Lodestone ${e.lodestoneId})`).join('; ');
    const candidates = listed.map((e) => ({ lodestoneId: e.lodestoneId, name: e.name, world: e.world, datacenter: e.datacenter, avatarUrl: e.avatarUrl }));
    if (exact.length > 1) {
      throw new DomainError(
        'LODESTONE_AMBIGUOUS',
        `The Lodestone has ${exact.length} characters named ${name} on ${worldName}: ${summary}. Link with your profile URL instead.`,
        undefined,
        { candidates },
        undefined,
        { key: 'errors.lodestone.ambiguous', values: { n: exact.length, name, world: worldName, summary } },
      );
    }
    throw new DomainError(
      'LODESTONE_NOT_FOUND',
      found.length === 0
        ? `The Lodestone has no character named ${name} on ${worldName}. Check the spelling, or link with your profile URL.`
        : `The Lodestone has no character named exactly ${name} on ${worldName}; it found ${summary}. Link with your profile URL instead.`,
      undefined,
      { candidates },
      undefined,
      found.length === 0
        ? { key: 'errors.lodestone.noneNamed', values: { name, world: worldName } }
        : { key: 'errors.lodestone.notExactly', values: { name, world: worldName, summary } },
    );
  }

  /** A known world in its own spelling; an unknown one is passed on as typed (a new world). */
  private canonicalWorld(world: string): string {
    return findWorld(world)?.world ?? world.trim();
  }

  private regionOf(profile: LodestoneProfile, fallback?: Region): Region {
    const region = regionOfDatacenter(profile.datacenter) ?? findWorld(profile.world)?.region ?? fallback;
    if (!region) {
      throw new DomainError('LODESTONE_UNAVAILABLE', `The data center ${profile.datacenter} is new to this service; it cannot tell its region yet.`, undefined, undefined, undefined, {
        key: 'errors.lodestone.newDatacenter',
        values: { datacenter: profile.datacenter },
      });
    }
    return region;
  }

  /** The Lodestone client, for the verification check that must read a private profile's frame too. */
  lodestoneClient(): LodestoneClient {
    return this.requireLodestone();
  }

  private requireLodestone(): LodestoneClient {
    if (!this.lodestone) throw new DomainError('LODESTONE_OFF', 'The Lodestone is off on this service (LODESTONE_URL=off).', undefined, undefined, undefined, { key: 'errors.lodestone.off' });
    return this.lodestone;
  }
}

function profileColumns(p: LodestoneProfile, region: Region, now: number) {
  return {
    name: p.name,
    world: p.world,
    datacenter: p.datacenter,
    region,
    avatar_url: p.avatarUrl,
    portrait_url: p.portraitUrl,
    title: p.title,
    free_company_id: p.freeCompany?.id ?? null,
    free_company_name: p.freeCompany?.name ?? null,
    fetched_at: now,
    updated_at: now,
  };
}

