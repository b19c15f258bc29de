import { CompiledQuery, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dialect, Store } from '../db';

/**
 * Bulk statements for the hot ingest path.
 * - SQLite: prepared statements (cached per connection) run row by row inside the caller's
 *   transaction: no SQL text to build or parse per batch, and no parameter limit.
 * - PostgreSQL: one statement per table and batch, each column sent as one array and spread by
 *   `unnest` (a handful of parameters, whatever the row count; one round trip).
 * The generic multi-row helpers (`insertRows`, `selectIn`) stay for other callers.
 */
export const MAX_PARAMS = 30_000;

export type PgType = 'text' | 'bigint' | 'integer' | 'double precision';
export interface TableSpec {
  table: string;
  cols: readonly (readonly [name: string, pgType: PgType])[];
  /** after the rows: `on conflict … do …`, `returning …` */
  tail: string;
}

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();
/** A prepared statement, cached per SQLite connection. */
export function prepared(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let m = statements.get(sqlite);
  if (!m) statements.set(sqlite, (m = new Map()));
  let st = m.get(text);
  if (!st) m.set(text, (st = sqlite.prepare(text)));
  return st;
}

function sqliteOf(store: Store): SQLite.Database {
  if (!store.sqlite) throw new Error('SQLite store without its connection handle (open it with openStore)');
  return store.sqlite;
}

const names = (spec: TableSpec) => spec.cols.map((c) => c[0]).join(', ');

/** PostgreSQL: `insert into t (cols) select * from unnest($1::type[], …) tail` with column arrays. */
function unnestInsert(spec: TableSpec): string {
  const arrays = spec.cols.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ');
  return `insert into ${spec.table} (${names(spec)}) select * from unnest(${arrays}) ${spec.tail}`;
}

function columns(spec: TableSpec, rows: readonly (readonly unknown[])[]): unknown[][] {
  const cols = spec.cols.map(() => new Array<unknown>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < cols.length; c++) cols[c]![r] = row[c];
  }
  return cols;
}

/** SQLite: rows per multi-row statement (fewer calls into SQLite; its parameter limit is 32,766). */
const SQLITE_CHUNK = 100;
const values = (n: number, cols: number) => {
  const one = `(${new Array(cols).fill('?').join(',')})`;
  return new Array(n).fill(one).join(',');
};

/**
 * SQLite: run `insert … values (…)×n tail` over the rows, SQLITE_CHUNK rows per statement (then one
 * by one), each statement prepared once per connection; `each(changes, lastRowid, first, n)` after each.
 */
function sqliteInsert(
  sqlite: SQLite.Database,
  spec: TableSpec,
  rows: readonly (readonly unknown[])[],
  each?: (changes: number, lastRowid: number, first: number, n: number) => void,
): void {
  const cols = spec.cols.length;
  const head = `insert into ${spec.table} (${names(spec)}) values `;
  const many = prepared(sqlite, `${head}${values(SQLITE_CHUNK, cols)} ${spec.tail}`);
  const params = new Array<unknown>(SQLITE_CHUNK * cols);
  let i = 0;
  for (; i + SQLITE_CHUNK <= rows.length; i += SQLITE_CHUNK) {
    let p = 0;
    for (let r = i; r < i + SQLITE_CHUNK; r++) {
      const row = rows[r]!;
      for (let c = 0; c < cols; c++) params[p++] = row[c];
    }
    const info = many.run(params);
    each?.(info.changes, Number(info.lastInsertRowid), i, SQLITE_CHUNK);
  }
  if (i < rows.length) {
    const one = prepared(sqlite, `${head}${values(1, cols)} ${spec.tail}`);
    for (; i < rows.length; i++) {
      const info = one.run(rows[i] as unknown[]);
      each?.(info.changes, Number(info.lastInsertRowid), i, 1);
    }
  }
}

/** Write rows (arrays in spec.cols order) in the caller's transaction; `tail` decides conflicts. */
export async function writeRows(store: Store, db: Kysely<any>, spec: TableSpec, rows: readonly (readonly unknown[])[]): Promise<void> {
  if (!rows.length) return;
  if (store.dialect === 'sqlite') return sqliteInsert(sqliteOf(store), spec, rows);
  await db.executeQuery(CompiledQuery.raw(unnestInsert(spec), columns(spec, rows)));
}

export interface InsertedNew {
  /** how many rows were new */
  count: number;
  /** the lowest seq a new row got (Infinity when none) */
  firstSeq: number;
  /** the keys of the new rows, or 'all' when every row was new */
  keys: Set<unknown> | 'all';
}

/**
 * Insert rows (distinct keys) that may already be there into a table whose
 * `seqCol` is an ascending integer key (SQLite rowid / PostgreSQL identity): which rows were new and
 * the lowest seq they got. SQLite uses `tail` (`on conflict (key) do nothing`); PostgreSQL looks the
 * keys up first. Needs one writer at a time (the caller's lock), so that the rows with a seq at or
 * above the first new one are this call's. `key` is the column index of the unique key.
 */
export async function insertNew(
  store: Store,
  db: Kysely<any>,
  spec: TableSpec,
  rows: readonly (readonly unknown[])[],
  seqCol: string,
  key = 0,
): Promise<InsertedNew> {
  if (!rows.length) return { count: 0, firstSeq: Infinity, keys: 'all' };
  const keyName = spec.cols[key]![0];
  let count = 0;
  let firstSeq = Infinity;
  if (store.dialect === 'sqlite') {
    // a statement's new rows get consecutive rowids ending at lastInsertRowid
    sqliteInsert(sqliteOf(store), spec, rows, (changes, last) => {
      if (!changes) return;
      count += changes;
      firstSeq = Math.min(firstSeq, last - changes + 1);
    });
  } else if (rows.length >= COPY_MIN_ROWS && store.pgClientOf) {
    return copyInsertNew(store, db, spec, rows, seqCol, key);
  } else {
    // look the keys up first, then a plain INSERT of the rest: cheaper than ON CONFLICT's speculative
    // insertion (the caller's lock keeps other writers out in between; were one there, the unique
    // key would fail the transaction, never store twice)
    const cols = columns(spec, rows);
    const pgType = spec.cols[key]![1];
    const there = await db.executeQuery<{ k: unknown }>(
      CompiledQuery.raw(`select ${keyName} as k from ${spec.table} where ${keyName} = any($1::${pgType}[])`, [cols[key]]),
    );
    let todo = rows;
    if (there.rows.length) {
      const old = new Set(there.rows.map((r) => r.k));
      todo = rows.filter((r) => !old.has(r[key]));
    }
    if (todo.length) {
      const plain = { ...spec, tail: '' };
      const res = await db.executeQuery<{ n: number; s: number | null }>(
        CompiledQuery.raw(
          `with i as (${unnestInsert(plain)} returning ${seqCol}) select count(*) as n, min(${seqCol}) as s from i`,
          todo === rows ? cols : columns(spec, todo),
        ),
      );
      count = Number(res.rows[0]!.n);
      if (count) firstSeq = Number(res.rows[0]!.s);
    }
    if (count === rows.length) return { count, firstSeq, keys: 'all' };
    return { count, firstSeq, keys: new Set(todo.map((r) => r[key])) };
  }
  if (count === rows.length) return { count, firstSeq, keys: 'all' };
  if (!count) return { count, firstSeq, keys: new Set() };
  // some were there already: this call's rows are those from firstSeq on
  const got = await query<{ k: unknown }>(
    store,
    db,
    `select ${keyName} as k from ${spec.table} where ${seqCol} >= ?`,
    `select ${keyName} as k from ${spec.table} where ${seqCol} >= $1`,
    [firstSeq],
  );
  return { count, firstSeq, keys: new Set(got.map((r) => r.k)) };
}

/** PostgreSQL: batches of at least this many rows (imports, a connector's backlog) load through COPY. */
export const COPY_MIN_ROWS = 1000;

/** A value in COPY's text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyValue(v: unknown): string {
  if (v == null) return '\\N';
  if (typeof v === 'number') return String(v); // nothing to escape
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** PostgreSQL's SQLSTATE for a unique key violated. */
const UNIQUE_VIOLATION = '23505';

/**
 * insertNew on PostgreSQL for a big batch: COPY straight into the table (issue 16: before session 11 the
 * whole batch went into a staging table of the session first and then `insert … select … on conflict do
 * nothing`, every row written twice and inserted speculatively). COPY gives the rows their seq in the order
 * sent, so the first new seq is the first row's.
 *
 * Optimistic (issue 16, session 13): the batch is COPY'd first without looking its keys up, inside a
 * savepoint. In a stream that is not re-sent (an import, a connector's backlog) no key is there yet, and the
 * lookup (one probe of the unique index a row, 10–15 % of the store step) is saved. When some are there, the
 * unique key fails the COPY at the first of them (for a re-sent file: at once), the savepoint is rolled back,
 * and the keys are looked up and only the others COPY'd. The caller's lock keeps other writers out in
 * between (were one there, the unique key would fail the transaction, never store twice). The failed COPY's
 * sequence numbers are skipped (a gap; nothing reads seq as gap-free on PostgreSQL).
 */
async function copyInsertNew(
  store: Store,
  db: Kysely<any>,
  spec: TableSpec,
  rows: readonly (readonly unknown[])[],
  seqCol: string,
  key: number,
): Promise<InsertedNew> {
  const [keyName, keyType] = spec.cols[key]!;
  const client = await store.pgClientOf!(db);
  const copy = async (todo: readonly (readonly unknown[])[]) => {
    const text = function* () {
      for (let i = 0; i < todo.length; i += 500) {
        let chunk = '';
        // a row's values appended one by one (a map and a join made two arrays a row: half this loop's time)
        for (let r = i, end = Math.min(todo.length, i + 500); r < end; r++) {
          const row = todo[r]!;
          chunk += copyValue(row[0]);
          for (let c = 1; c < row.length; c++) chunk += '\t' + copyValue(row[c]);
          chunk += '\n';
        }
        yield chunk;
      }
    };
    const { from: copyFrom } = await import('pg-copy-streams');
    await pipeline(Readable.from(text()), client.query(copyFrom(`copy ${spec.table} (${names(spec)}) from stdin`)));
  };
  let todo = rows;
  await client.query('savepoint insert_new_copy');
  try {
    await copy(rows);
    await client.query('release savepoint insert_new_copy');
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    await client.query('rollback to savepoint insert_new_copy');
    await client.query('release savepoint insert_new_copy');
    const there = await db.executeQuery<{ k: unknown }>(
      CompiledQuery.raw(`select ${keyName} as k from ${spec.table} where ${keyName} = any($1::${keyType}[])`, [rows.map((r) => r[key])]),
    );
    const old = new Set(there.rows.map((r) => r.k));
    todo = rows.filter((r) => !old.has(r[key]));
    if (!todo.length) return { count: 0, firstSeq: Infinity, keys: new Set() };
    await copy(todo);
  }
  const first = await db.executeQuery<{ s: number }>(
    CompiledQuery.raw(`select ${seqCol} as s from ${spec.table} where ${keyName} = $1::${keyType}`, [todo[0]![key]]),
  );
  const firstSeq = Number(first.rows[0]!.s);
  if (todo === rows) return { count: rows.length, firstSeq, keys: 'all' };
  return { count: todo.length, firstSeq, keys: new Set(todo.map((r) => r[key])) };
}

/** The JSON (SQLite, for `json_each(?)`) or array (PostgreSQL, for `= any($n)`) form of a list parameter. */
export function listParam(store: Store, values: readonly unknown[]): unknown {
  return store.dialect === 'sqlite' ? JSON.stringify(values) : values;
}

/** Run a read on the caller's connection: SQLite prepared (cached), PostgreSQL through Kysely. */
export async function query<R>(store: Store, db: Kysely<any>, sqliteText: string, pgText: string, params: readonly unknown[]): Promise<R[]> {
  if (store.dialect === 'sqlite') return prepared(sqliteOf(store), sqliteText).all(...params) as R[];
  return (await db.executeQuery<R>(CompiledQuery.raw(pgText, [...params]))).rows;
}

/** Run a write on the caller's connection. */
export async function exec(store: Store, db: Kysely<any>, sqliteText: string, pgText: string, params: readonly unknown[]): Promise<void> {
  if (store.dialect === 'sqlite') prepared(sqliteOf(store), sqliteText).run(...params);
  else await db.executeQuery(CompiledQuery.raw(pgText, [...params]));
}

export function placeholders(dialect: Dialect, rows: number, cols: number): string {
  const out: string[] = new Array(rows);
  let n = 1;
  for (let r = 0; r < rows; r++) {
    const p: string[] = new Array(cols);
    for (let c = 0; c < cols; c++) p[c] = dialect === 'postgres' ? `$${n++}` : '?';
    out[r] = `(${p.join(',')})`;
  }
  return out.join(',');
}

/** Runs `head VALUES (...),(...) tail` over rows in chunks; returns the rows any RETURNING gave back. */
export async function insertRows<R = unknown>(
  db: Kysely<any>,
  dialect: Dialect,
  head: string,
  tail: string,
  cols: number,
  rows: readonly unknown[][],
): Promise<R[]> {
  const per = Math.max(1, Math.floor(MAX_PARAMS / cols));
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    const q = CompiledQuery.raw(`${head} values ${placeholders(dialect, chunk.length, cols)} ${tail}`, params);
    const res = await db.executeQuery<R>(q);
    for (const r of res.rows) out.push(r);
  }
  return out;
}

/** `x in (…)` over many values, in chunks; returns all rows. */
export async function selectIn<R>(
  db: Kysely<any>,
  dialect: Dialect,
  build: (inList: string) => string,
  values: readonly unknown[],
  chunkSize = 900,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += chunkSize) {
    const chunk = values.slice(i, i + chunkSize);
    const list = chunk.map((_, j) => (dialect === 'postgres' ? `$${j + 1}` : '?')).join(',');
    const res = await db.executeQuery<R>(CompiledQuery.raw(build(list), [...chunk]));
    for (const r of res.rows) out.push(r);
  }
  return out;
}
