import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AuthError } from '../auth/auth.errors.js';
import { randomToken, sha256 } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { invalid, limitReached, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { ApiKeyRow, Database } from '../store/schema.js';
import { parseInput } from '../validation.js';
import { scopeSchema } from './scopes.js';
import { BoundedMap } from '../boundedMap.js';

export const MAX_KEYS_PER_USER = 25;
/** `last_used_at` is written at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60_000;
const KEY_PREFIX = 'ffxt_';

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).regex(/\S/, 'must not be blank'),
  scopes: z.array(scopeSchema).min(1).max(50),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the key stops working; must be in the future'),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/** An API key as its owner sees it (never the key itself, after creation). */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

/** The caller of a request made with an API key. */
export interface KeyPrincipal {
  userId: string;
  keyId: string;
  scopes: string[];
}

/** Long-lived, scoped credentials for tools and plugins; only hashes are stored. */
export class ApiKeyService {
  /** When this process last wrote `last_used_at` per key; forgetting one only costs one more write. */
  private readonly touched = new BoundedMap<string, number>(10_000);

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(userId: string, input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKey }> {
    const k = parseInput(createApiKeySchema, input);
    const now = this.clock();
    const expiresAt = k.expiresAt ? Date.parse(k.expiresAt) : null;
    if (expiresAt != null && expiresAt <= now) throw invalid('expiresAt: must be in the future.');
    const key = `${KEY_PREFIX}${randomToken()}`;
    const row = await this.db.transaction().execute(async (tx) => {
      const n = await tx
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(n.n) >= MAX_KEYS_PER_USER) throw limitReached(`You can have at most ${MAX_KEYS_PER_USER} API keys; revoke one first.`, { key: 'errors.limit.apiKeys', values: { max: MAX_KEYS_PER_USER } });
      return tx
        .insertInto('api_keys')
        .values({
          id: newId(),
          user_id: userId,
          name: k.name,
          prefix: key.slice(0, KEY_PREFIX.length + 6),
          key_hash: sha256(key),
          scopes: [...new Set(k.scopes)].join(' '),
          created_at: now,
          last_used_at: null,
          expires_at: expiresAt,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { key, apiKey: toApiKey(row) };
  }

  async list(userId: string): Promise<ApiKey[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at').execute();
    return rows.map(toApiKey);
  }

  async revoke(userId: string, id: string): Promise<void> {
    const r = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.clock() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('API key');
  }

  /** One indexed lookup; `last_used_at` is refreshed at most once a minute per key. */
  async authenticate(key: string): Promise<KeyPrincipal> {
    const now = this.clock();
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', sha256(key)).executeTakeFirst();
    if (!row || row.revoked_at != null) throw new AuthError('API_KEY_INVALID', 'Unknown or revoked API key.');
    if (row.expires_at != null && row.expires_at <= now) throw new AuthError('API_KEY_INVALID', 'This API key has expired.');
    if ((this.touched.get(row.id) ?? row.last_used_at ?? 0) <= now - TOUCH_EVERY_MS) {
      this.touched.set(row.id, now);
      await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { userId: row.user_id, keyId: row.id, scopes: row.scopes.split(' ') };
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(' '),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}
