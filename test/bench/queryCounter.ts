import { sql, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';

/** Statements by kind (`select`, `insert`, …) seen by a Kysely handle wrapped with {@link QueryCounter}. */
export type StatementCounts = Record<string, number>;

/** Counts the statements that go through a Kysely handle, to show what a scheduler tick asks of the store. */
export class QueryCounter implements KyselyPlugin {
  counts: StatementCounts = {};

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind.replace(/QueryNode$|Node$/, '').toLowerCase();
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  take(): StatementCounts {
    const c = this.counts;
    this.counts = {};
    return c;
  }
}

/**
 * Rows inserted, updated or deleted so far on the store's one SQLite connection (Kysely's
 * SQLite driver has a single connection, so this is everything the service wrote).
 */
export async function totalChanges(db: Kysely<any>): Promise<number> {
  const r = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return Number(r.rows[0]!.n);
}
