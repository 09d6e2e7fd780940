import { randomBytes } from 'node:crypto';
import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database, OutboxRow } from '../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OutboxMessage {
  kind: 'channel' | 'dm';
  /** A channel id, or a Discord user id for a DM. */
  target: string;
  body: unknown;
  /** What a permanent refusal switches off: `guild:<id>`, `user:<id>`, or `none`. */
  origin: string;
}

/** 20 base32 characters: unique enough, and short enough to be Discord's message nonce (25 at most). */
export const newOutboxId = (): string => randomBytes(13).toString('base64url').replace(/[-_]/g, 'x').slice(0, 20);

/**
 * Adds a message to the outbox unless one with the same `dedupeKey` is there already; one
 * statement, so it is also the claim that makes exactly one process queue it. Answers the new
 * row's id, or undefined when it was queued before (by anybody).
 */
export async function enqueueOnce(db: Db, m: OutboxMessage, dedupeKey: string, now: number): Promise<string | undefined> {
  const row = await db
    .insertInto('outbox')
    .values({ id: newOutboxId(), kind: m.kind, target: m.target, body: JSON.stringify(m.body), origin: m.origin, dedupe_key: dedupeKey, created_at: now, available_at: now })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Claims up to `limit` due rows for one process, with a lease another process may take over once
 * it runs out. On PostgreSQL the rows are locked with SKIP LOCKED, so concurrent claimers never
 * wait on each other and never get the same row; SQLite has one writer at a time anyway.
 */
export async function claimBatch(db: Kysely<Database>, c: { by: string; now: number; leaseMs: number; limit: number }): Promise<OutboxRow[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db
    .updateTable('outbox')
    .set((eb) => ({ claimed_by: c.by, lease_until: c.now + c.leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) => {
      let q = eb
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('available_at', '<=', c.now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', c.now)]))
        .orderBy('available_at')
        .limit(c.limit);
      if (postgres) q = q.forUpdate().skipLocked();
      return q;
    })
    .returningAll()
    .execute();
}

/** Only the holder of the lease records the outcome: a row taken over by another process is theirs now. */
function ownRow(db: Db, id: string, by: string) {
  return db.updateTable('outbox').where('id', '=', id).where('claimed_by', '=', by);
}

export async function markSent(db: Db, id: string, by: string, now: number): Promise<void> {
  await ownRow(db, id, by).set({ sent_at: now, lease_until: null, last_error: null }).execute();
}

export async function markFailed(db: Db, id: string, by: string, now: number, error: string): Promise<void> {
  await ownRow(db, id, by).set({ failed_at: now, lease_until: null, last_error: error.slice(0, 500) }).execute();
}

export async function retryAt(db: Db, id: string, by: string, at: number, error: string, countAttempt: boolean): Promise<void> {
  await ownRow(db, id, by)
    .set((eb) => ({
      available_at: at,
      lease_until: null,
      last_error: error.slice(0, 500),
      // A rate limit is not the message's fault: it does not use up an attempt.
      ...(countAttempt ? {} : { attempts: eb('attempts', '-', 1) }),
    }))
    .execute();
}

/** Messages waiting to go out (not sent, not given up). */
export async function outboxDepth(db: Db): Promise<number> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Sent and failed rows are kept a while for the logs' sake, then dropped. */
export async function pruneOutbox(db: Db, olderThan: number): Promise<number> {
  const r = await db
    .deleteFrom('outbox')
    .where('created_at', '<', olderThan)
    .where((eb) => eb.or([eb('sent_at', 'is not', null), eb('failed_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
