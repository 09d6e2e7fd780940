import type { Kysely, Transaction } from 'kysely';
import type { CharacterRow, Database } from '../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function listCharacterRows(db: Db, userId: string): Promise<CharacterRow[]> {
  return db.selectFrom('characters').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

/** A character by our id or its Lodestone id, but only among this user's. */
export function findCharacterRow(db: Db, userId: string, ref: string): Promise<CharacterRow | undefined> {
  return db
    .selectFrom('characters')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('lodestone_id', '=', ref)]))
    .executeTakeFirst();
}

export async function countCharacters(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('characters')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
