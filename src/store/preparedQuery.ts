import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Stand-ins for the values of a prepared query; typed `never` so they fit any column. */
export type Slots<K extends string> = { readonly [P in K]: never };

/**
 * A query built and compiled once, then run with new values. Kysely otherwise rebuilds the query
 * tree and compiles it to SQL on every call (~10 µs), as much as SQLite takes to run a primary-key
 * read; on the per-request session check and the completion write that was a large share of the
 * request. The SQL is the dialect's own, so build it on the store's `Kysely`; it may then run on
 * that store or on any transaction of it.
 *
 * Slots stand for single values only: a list (`in`) is expanded when compiled, so it can't be one.
 */
export class PreparedQuery<K extends string, R> {
  private readonly compiled: CompiledQuery<R>;
  /** For each parameter of the SQL: the slot it comes from, or undefined for a constant. */
  private readonly sources: readonly (K | undefined)[];

  constructor(names: readonly K[], build: (slots: Slots<K>) => Compilable<R>) {
    // Unique objects, found again by identity: no constant in the query can be mistaken for one.
    const markers = new Map<unknown, K>(names.map((n) => [Object.freeze({ slot: n }), n]));
    const slots = Object.fromEntries([...markers].map(([marker, name]) => [name, marker])) as unknown as Slots<K>;
    this.compiled = build(slots).compile();
    this.sources = this.compiled.parameters.map((p) => markers.get(p));
    const unused = names.filter((n) => !this.sources.includes(n));
    if (unused.length > 0) throw new Error(`prepared query never uses ${unused.join(', ')}: ${this.compiled.sql}`);
  }

  execute(db: Db, values: { readonly [P in K]: unknown }): Promise<QueryResult<R>> {
    const constants = this.compiled.parameters;
    const parameters = this.sources.map((s, i) => (s === undefined ? constants[i] : values[s]));
    // A fresh id per run, as Kysely gives each query: plugins key their per-query state on it.
    return db.executeQuery<R>({ query: this.compiled.query, sql: this.compiled.sql, parameters, queryId: createQueryId() });
  }

  async all(db: Db, values: { readonly [P in K]: unknown }): Promise<R[]> {
    return (await this.execute(db, values)).rows;
  }

  async first(db: Db, values: { readonly [P in K]: unknown }): Promise<R | undefined> {
    return (await this.execute(db, values)).rows[0];
  }
}
