import SQLite from 'better-sqlite3';
import type pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema';
import { migrations, renamedMigrations } from './migrations/index';
import { OwnSchemaPostgresDialect } from './pgIntrospector';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<DB>;
  dialect: Dialect;
  /** For PostgreSQL: the connection string (LISTEN/NOTIFY fan-out needs its own client). */
  url?: string;
  /** PostgreSQL schema the store works in, when not the default (tests). */
  pgSchema?: string;
  /**
   * SQLite: the better-sqlite3 handle behind `db`, for the hot ingest path's prepared statements.
   * Use it only inside a Kysely transaction or connection callback (that holds the one connection,
   * so nothing else runs between its statements).
   */
  sqlite?: SQLite.Database;
  /**
   * PostgreSQL: the driver's own client behind a transaction (`db`), for what Kysely cannot send (COPY).
   * Use it only inside that transaction, and only while no Kysely query of it is running.
   */
  pgClientOf?(db: Kysely<DB>): Promise<pg.ClientBase>;
  /**
   * SQLite: the write turn shared with import threads writing the same file, in shared memory. Slot
   * `MAIN_WRITING` is above 0 while this connection writes or waits to (a write transaction from BEGIN to its
   * end, a write statement outside one): a thread lets it go first (`holdWriteTurn`). Each import thread has a
   * slot of its own from `THREAD_WRITING` on (`takeTurnSlot`), 1 while it holds its turn: this connection waits
   * for every such slot to be 0, asynchronously, before it writes, so the event loop never sleeps in SQLite's
   * busy handler behind a thread's transaction.
   */
  writing?: Int32Array;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… → PostgreSQL; otherwise a SQLite file path (':memory:' allowed). */
  url?: string;
  /** SQLite file when url is not a postgres URL. */
  file?: string;
  /** PostgreSQL schema to work in (tests use one schema each). */
  pgSchema?: string;
}

let pgModule: Promise<typeof pg> | undefined;
/**
 * The PostgreSQL driver, loaded on first use (a SQLite server starts without it, issue 16). pg returns
 * int8/numeric as strings; our bigint columns hold epoch ms and counts that fit in a double.
 */
export function loadPg(): Promise<typeof pg> {
  return (pgModule ??= import('pg').then(({ default: m }) => {
    m.types.setTypeParser(20, (v) => Number(v));
    m.types.setTypeParser(1700, (v) => Number(v));
    return m;
  }));
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(opts.url)) {
    const pg = await loadPg();
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: 10,
      // no parallel plans in a schema of its own (the tests' set-up): their plans stay those the plan checks expect
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema} -c max_parallel_workers_per_gather=0` } : {}),
    });
    // the pool's clients by their server process id: a transaction's own client is found by asking its pid
    const clients = new Map<number, pg.PoolClient>();
    const pidOf = (c: pg.PoolClient) => (c as unknown as { processID: number }).processID;
    pool.on('connect', (c) => void clients.set(pidOf(c), c));
    pool.on('remove', (c) => void clients.delete(pidOf(c)));
    const db = new Kysely<DB>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
    const pgClientOf = async (tx: Kysely<DB>) => {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid;
      const c = clients.get(Number(pid));
      if (!c) throw new Error(`no pool client for PostgreSQL process ${pid}`);
      return c;
    };
    return { db, dialect: 'postgres', url: opts.url, pgSchema: opts.pgSchema, pgClientOf, close: () => db.destroy() };
  }
  const file = opts.file ?? opts.url ?? './data/callfloor.sqlite';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  sqlite.pragma(`temp_store = ${SQLITE_TEMP_STORE}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const writing = new Int32Array(new SharedArrayBuffer(4 * (THREAD_WRITING + TURN_SLOTS)));
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }, writing) });
  return { db, dialect: 'sqlite', sqlite, writing, close: () => db.destroy() };
}

/**
 * SQLite: WAL pages after which a commit checkpoints (SQLite's default is 1,000, 4 MB). One ingest batch of
 * 20,000 events dirties more than that (leaf pages of the per-agent index and the aggregate tables all over
 * their trees), so with the default every batch's commit copied all its pages into the database file; with
 * 10,000 (about 40 MB of WAL) a checkpoint comes every few batches and copies each page once for all of them,
 * as the same leaf pages recur batch after batch (issue 16: the commit's share of the SQLite ingest fell from
 * 8–9 % to 4–5 % of its CPU, bench/RESULTS-ingest.md). Readers see the same data either way.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * SQLite keeps its temporary files in memory (`temp_store = MEMORY`). The ingest writes 100 rows a
 * statement; a statement that writes several rows and may fail part-way keeps a journal of every page it
 * changes, so that it can be undone alone, and past 64 KiB that journal is a temporary file. A 100-row
 * INSERT into live_events changes pages all over its per-agent index, so every statement wrote hundreds
 * of KiB to a file (a `perf` profile's largest item: `pwrite` under `subjournalPageIfRequired`). In memory
 * the store step on SQLite is about 1.5x as fast (issue 16, bench/RESULTS-ingest.md "Session 15"); such a
 * journal lives only as long as its statement. Migrations run with temporary files on disk (`migrate`):
 * an index built over a large live_events sorts all its entries in temporary files.
 */
export const SQLITE_TEMP_STORE = 'MEMORY';

/**
 * SQLite page cache (KiB) of a bulk import's connection (the CLI's `import`, the server's import thread).
 * SQLite's default of 2 MB is smaller than the hot pages of `live_events`' indexes (its ids are hashes:
 * every batch touches pages all over the id index), so a batch re-read and re-spilled pages; at 32 MB a
 * 20 MB queue_log cost 13 % less CPU (bench/RESULTS-speed.md). Paid for in memory, within the import's
 * peak RSS aim (300 MB).
 */
export const IMPORT_CACHE_KIB = 32 * 1024;

/** Give an import's own SQLite connection the larger page cache (no-op on PostgreSQL). */
export function useImportCache(store: Store): void {
  if (store.dialect === 'sqlite' && store.sqlite) store.sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
}

/**
 * How long a SQLite writer waits for another process's write lock (a CLI import into a running
 * server's database) before failing. better-sqlite3 waits synchronously, so keep it to seconds.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite transactions begin IMMEDIATE: a deferred transaction that reads and then writes cannot wait
 * for the lock (WAL answers SQLITE_BUSY at once when another process committed in between), so a CLI
 * import beside a running server failed with "database is locked". Taking the write lock at BEGIN makes
 * such a writer wait up to the busy timeout instead. Within one process Kysely's driver already runs one
 * transaction at a time on the one connection: that is the per-process writer queue.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private inTx = false;
  constructor(
    cfg: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly writing: Int32Array,
  ) {
    super(cfg);
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const c = await super.acquireConnection();
    // a write statement outside a transaction (an implicit one of its own) raises the flag for its duration
    return {
      executeQuery: <R>(q: CompiledQuery) => {
        if (this.inTx || !WRITE_STATEMENT.test(q.sql)) return c.executeQuery<R>(q);
        raise(this.writing);
        // better-sqlite3 runs it synchronously once called: only after the threads' turn ended
        return this.awaitThreadsLetGo()
          .then(() => c.executeQuery<R>(q))
          .finally(() => lower(this.writing));
      },
      streamQuery: (q, n) => c.streamQuery(q, n),
    };
  }
  /**
   * Waits for the import threads' turn to end (flag raised by the caller) with the connection let go: a
   * writer waiting here held Kysely's one connection, so every read behind it (GET /api/health, a screen)
   * waited for the thread's transaction too (p99 148 ms during a 500 MB upload, the event loop free). Nothing
   * is open on the connection while it waits; it is taken back before the write.
   */
  private async awaitThreadsLetGo(): Promise<void> {
    // as threadsDone: never past the busy timeout (a killed thread may hold its slot), then SQLite's own lock decides
    const end = performance.now() + SQLITE_BUSY_TIMEOUT_MS;
    while (threadHoldingTurn(this.writing) >= 0 && performance.now() < end) {
      await super.releaseConnection();
      try {
        await threadsDone(this.writing);
      } finally {
        await super.acquireConnection();
      }
    }
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    raise(this.writing);
    try {
      await this.awaitThreadsLetGo();
      // only once the connection is this transaction's again: a plain write meanwhile takes its own turn
      this.inTx = true;
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (e) {
      this.inTx = false;
      lower(this.writing);
      throw e;
    }
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      this.inTx = false;
      lower(this.writing);
    }
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.inTx = false;
      lower(this.writing);
    }
  }
}
const WRITE_STATEMENT = /^\s*(insert|update|delete|replace|with|create|drop|alter|pragma)\b/i;
/** Slots of `Store.writing`: the main connection writes or waits to (a count); from THREAD_WRITING on, one per import thread. */
export const MAIN_WRITING = 0;
export const THREAD_WRITING = 1;
/** Import threads that can hold a turn at once (one slot each); a thread beyond them writes without one (the busy handler decides). */
export const TURN_SLOTS = 32;
const raise = (w: Int32Array) => void Atomics.add(w, MAIN_WRITING, 1);
const lower = (w: Int32Array) => {
  Atomics.sub(w, MAIN_WRITING, 1);
  Atomics.notify(w, MAIN_WRITING);
};

/** ES2024's Atomics.waitAsync (in Node since 16; this project's TypeScript lib is ES2023). */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/**
 * The main connection, its flag raised, waits without blocking the event loop until no thread holds its
 * turn (a thread that has not begun yet sees the flag and lets it go first). Never longer than the busy
 * timeout: a thread that ended without lowering its slot (killed) holds nobody; SQLite's own lock decides then.
 */
async function threadsDone(w: Int32Array): Promise<void> {
  const end = performance.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (;;) {
    const slot = threadHoldingTurn(w);
    const left = end - performance.now();
    if (slot < 0 || left <= 0) return;
    const r = (Atomics as unknown as AtomicsWaitAsync).waitAsync(w, slot, 1, left);
    if (r.async) await r.value;
  }
}

/** The slot of a thread holding its turn now, or -1 when none does. */
export function threadHoldingTurn(w: Int32Array): number {
  for (let i = THREAD_WRITING; i < w.length; i++) if (Atomics.load(w, i) !== 0) return i;
  return -1;
}
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly writing: Int32Array,
  ) {
    super(cfg);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.cfg, this.writing);
  }
}

/**
 * A background writer of the same SQLite file (an import thread) calls this before each of its transactions:
 * while the main connection writes or waits to (`Store.writing` of that connection, shared), it waits, at
 * most `maxMs`; then it holds its turn (its own `slot`, from `takeTurnSlot`, set to 1) until `releaseWriteTurn`,
 * and the main connection waits for that before its next write, without blocking its event loop. SQLite has no
 * queue for its write lock: a writer waiting in its busy handler retries after sleeps of up to 100 ms and can
 * miss every gap between two back-to-back transactions of the other (a live push measured waiting 4 s, the
 * event loop held throughout), and on the main thread that wait held every request. Returns the ms waited.
 *
 * The turn is one store into the thread's own slot (not a shared count): a thread terminated anywhere — even
 * between taking its turn and telling anyone — is cleared by the main thread zeroing its slot when the thread
 * has ended (`releaseWriteTurn` again, harmless when it had let go already). With a count, a thread killed
 * after its add and before it recorded the turn left the count up, and every later write of the main
 * connection waited the busy timeout.
 */
export function holdWriteTurn(writing: Int32Array, slot: number, maxMs = 1_000): number {
  const start = performance.now();
  for (;;) {
    const v = Atomics.load(writing, MAIN_WRITING);
    const left = maxMs - (performance.now() - start);
    if (v <= 0 || left <= 0) {
      // claim, then look again: the main connection raises its flag before it looks at ours, so one of the two sees the other
      Atomics.store(writing, slot, 1);
      if (left <= 0 || Atomics.load(writing, MAIN_WRITING) <= 0) return performance.now() - start;
      releaseWriteTurn(writing, slot);
      continue;
    }
    Atomics.wait(writing, MAIN_WRITING, v, Math.min(left, 50));
  }
}

/** The end of a turn taken with `holdWriteTurn` (after the transaction's commit or rollback); idempotent. */
export function releaseWriteTurn(writing: Int32Array, slot: number): void {
  Atomics.store(writing, slot, 0);
  Atomics.notify(writing, slot);
}

/** Turn slots handed to running threads, per shared flag (main thread only: it starts the threads). */
const slotsInUse = new WeakMap<Int32Array, Set<number>>();

/**
 * A turn slot for a thread about to start, or undefined when all are taken (that thread then writes without a
 * turn). Give it back with `endTurnSlot` once the thread has ended, whatever way.
 */
export function takeTurnSlot(writing: Int32Array): number | undefined {
  let used = slotsInUse.get(writing);
  if (!used) slotsInUse.set(writing, (used = new Set()));
  for (let i = THREAD_WRITING; i < writing.length; i++)
    if (!used.has(i)) {
      used.add(i);
      Atomics.store(writing, i, 0);
      return i;
    }
  return undefined;
}

/** The thread given `slot` has ended: a turn it still held (terminated inside one) is let go, and the slot is free again. */
export function endTurnSlot(writing: Int32Array, slot: number): void {
  releaseWriteTurn(writing, slot);
  slotsInUse.get(writing)?.delete(slot);
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, make] of Object.entries(migrations)) out[name] = make(this.dialect);
    return out;
  }
}

export async function migrate(store: Store): Promise<void> {
  // Kysely looks for its migration tables in every schema unless told which one: with several
  // schemas in one database (tests use one each) it would find another schema's and skip creating its own.
  const schema = store.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s : undefined;
  await renameRecordedMigrations(store, schema);
  if (await upToDate(store, schema)) return; // Kysely's migrator introspects every table first: a start's largest cost after loading
  const migrator = new Migrator({
    db: store.db,
    provider: new StaticProvider(store.dialect),
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // an index built over a large table sorts its entries in temporary files: on disk, whatever the size
  store.sqlite?.pragma('temp_store = FILE');
  const { error, results } = await migrator.migrateToLatest().finally(() => {
    store.sqlite?.pragma(`temp_store = ${SQLITE_TEMP_STORE}`);
  });
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
}

/** Every known migration is recorded as done (one read of the migration table). */
async function upToDate(store: Store, schema: string | undefined): Promise<boolean> {
  if (!(await migrationTableExists(store, schema))) return false;
  const done = new Set((await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(store.db)).rows.map((r) => r.name));
  return Object.keys(migrations).every((m) => done.has(m));
}

/** Kysely's table of executed migrations (its default name). */
export const MIGRATION_TABLE = 'kysely_migration';

/**
 * Renames recorded migrations (`renamedMigrations`, old → new) in the migration table, if it exists:
 * the migrator then sees them as done under their new names. Idempotent; a fresh database has no table yet.
 */
async function renameRecordedMigrations(store: Store, schema: string | undefined): Promise<void> {
  const exists = await migrationTableExists(store, schema);
  if (!exists) return;
  await store.db.transaction().execute(async (tx) => {
    for (const [from, to] of Object.entries(renamedMigrations))
      await sql`update ${sql.table(MIGRATION_TABLE)} set name = ${to} where name = ${from}`.execute(tx);
  });
}

async function migrationTableExists(store: Store, schema: string | undefined): Promise<boolean> {
  return store.dialect === 'postgres'
    ? (
        await sql<{
          n: number;
        }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema ?? 'public'} and table_name = ${MIGRATION_TABLE}`.execute(
          store.db,
        )
      ).rows[0]!.n > 0
    : (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(store.db)).rows[0]!.n > 0;
}

/** Runs fn in a transaction, joining the caller's transaction when there is one already. */
export function withTx<T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The dialect behind a Kysely instance (a transaction is one too). */
export function dialectOf(db: Kysely<DB>): Dialect {
  const name = (db.getExecutor().adapter.constructor.name ?? '').toLowerCase();
  return name.includes('postgres') ? 'postgres' : 'sqlite';
}

/**
 * Serialises a "check a limit, then write" (a balance, an attempts count) on both databases. Call it
 * inside `withTx`, BEFORE reading the figures the check uses; the lock holds until the transaction ends.
 * PostgreSQL: `SELECT … FOR UPDATE` on the owning row (read committed would otherwise let two
 * transactions read the same balance). SQLite: a no-op UPDATE of the row takes the database's write
 * lock up front (`BEGIN IMMEDIATE` semantics), so no other writer — another process included — can
 * slip in between the read and the write. Returns false when the row does not exist.
 */
export async function lockRow(tx: Kysely<DB>, table: 'teams' | 'agents' | 'users' | 'people_exams', id: number): Promise<boolean> {
  if (!tx.isTransaction) throw new Error('lockRow needs a transaction (use withTx)');
  if (dialectOf(tx) === 'postgres') {
    const r = await sql<{ id: number }>`select id from ${sql.table(table)} where id = ${id} for update`.execute(tx);
    return r.rows.length > 0;
  }
  const r = await sql`update ${sql.table(table)} set id = id where id = ${id}`.execute(tx);
  return Number(r.numAffectedRows ?? 0) > 0;
}
