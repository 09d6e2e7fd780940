import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * Claims a (target, event, occurrence) before sending. The primary key makes exactly one
 * claimer win, whichever process or restart gets there first.
 */
export async function claimAnnouncement(
  db: Kysely<Database>,
  claim: { target: string; event: string; occursAt: number; now: number; by: string },
): Promise<boolean> {
  const row = await db
    .insertInto('announcement_claims')
    .values({ target: claim.target, event: claim.event, occurs_at: claim.occursAt, claimed_at: claim.now, claimed_by: claim.by, sent_at: null })
    .onConflict((oc) => oc.columns(['target', 'event', 'occurs_at']).doNothing())
    .returning('target')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markSent(db: Kysely<Database>, c: { target: string; event: string; occursAt: number; now: number }): Promise<void> {
  await db
    .updateTable('announcement_claims')
    .set({ sent_at: c.now })
    .where('target', '=', c.target)
    .where('event', '=', c.event)
    .where('occurs_at', '=', c.occursAt)
    .execute();
}

/** Gives a claim back after a transient failure so the next tick retries it. */
export async function releaseClaim(db: Kysely<Database>, c: { target: string; event: string; occursAt: number }): Promise<void> {
  await db
    .deleteFrom('announcement_claims')
    .where('target', '=', c.target)
    .where('event', '=', c.event)
    .where('occurs_at', '=', c.occursAt)
    .where('sent_at', 'is', null)
    .execute();
}

export async function pruneClaims(db: Kysely<Database>, olderThan: number): Promise<number> {
  const r = await db.deleteFrom('announcement_claims').where('occurs_at', '<', olderThan).executeTakeFirst();
  return Number(r.numDeletedRows);
}
