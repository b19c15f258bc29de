/**
 * Test support: run a store test on both databases. SQLite runs in memory; PostgreSQL runs in a
 * fresh schema of the test database (TEST_DATABASE_URL, default the local `test` database).
 * Without a reachable PostgreSQL the PostgreSQL half is skipped with the reason — except on CI,
 * where it fails, so CI never passes with half the suite missing.
 */
import { test, type TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator, sql, type Migration } from 'kysely';
import { migrate, openStore, type Store } from './db';
import { migrations } from './migrations/index';
import type { ScheduleResult } from '../core/wfm/schedule';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgProbe: Promise<string | null> | undefined;
/** null when PostgreSQL answers, else why not. */
export function postgresUnavailable(): Promise<string | null> {
  pgProbe ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.query('select 1');
      return null;
    } catch (e) {
      return `PostgreSQL at ${TEST_PG_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable (${(e as Error).message})`;
    } finally {
      await c.end().catch(() => {});
    }
  })();
  return pgProbe;
}

// Test schemas are created, migrated and dropped under one advisory lock. The store's introspection reads its own
// schema only (pgIntrospector.ts), which is what keeps a parallel test's drop out of a migration; the lock keeps
// the catalog quiet while a schema is made or dropped.
const SCHEMA_LOCK = 7_270_001;
export async function withSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn();
  } finally {
    await c.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => {});
    await c.end().catch(() => {});
  }
}

/** A fresh, migrated store of the given kind; call the returned close() when done. */
export async function freshStore(kind: 'sqlite' | 'postgres'): Promise<Store> {
  if (kind === 'sqlite') {
    const store = await openStore({ file: ':memory:' });
    await migrate(store);
    return store;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ url: TEST_PG_URL, pgSchema: schema });
  await withSchemaLock(async () => {
    await sql.raw(`create schema ${schema}`).execute(store.db);
    await migrate(store);
  });
  const close = store.close;
  store.close = async () => {
    await close();
    await withSchemaLock(async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    });
  };
  return store;
}

/**
 * In a test that needs PostgreSQL: true (and the test is marked skipped, with the reason) when it is not
 * reachable; on CI (CI=true) an unreachable PostgreSQL fails the test instead.
 */
export async function skipWithoutPostgres(t: TestContext): Promise<boolean> {
  const why = await postgresUnavailable();
  if (!why) return false;
  if (process.env.CI === 'true') throw new Error(`${why}; CI must run the PostgreSQL half`);
  t.skip(`skipped: ${why}`);
  return true;
}

/** Registers `title [sqlite]` and `title [postgres]`, each with its own fresh store. */
export function forEachDatabase(title: string, body: (t: TestContext, store: Store) => Promise<void>) {
  for (const kind of ['sqlite', 'postgres'] as const) {
    test(`${title} [${kind}]`, async (t) => {
      if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
      const store = await freshStore(kind);
      try {
        await body(t, store);
      } finally {
        await store.close();
      }
    });
  }
}

/**
 * A published schedule run for a week with no solver behind it (tests and benchmarks then insert its
 * `wfm_shifts` by hand): an empty requirement and a run marked published. Returns the run's id.
 */
export async function publishedTestRun(db: Store['db'], centerId: number, weekStart: string, source = 'test'): Promise<number> {
  const req = await db
    .insertInto('wfm_requirements')
    .values({ center_id: centerId, week_start: weekStart, interval_min: 30, required: '[]', source, created_by: null, created_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const run = await db
    .insertInto('wfm_schedule_runs')
    .values({
      center_id: centerId,
      week_start: weekStart,
      requirement_id: req.id,
      status: 'published',
      progress: '{}',
      summary: null,
      error: null,
      time_limit_s: 1,
      created_by: null,
      created_at: 0,
      finished_at: 0,
      published_at: 0,
      published_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return run.id;
}

/**
 * A `wfm_shifts` row of a schedule made by hand (tests): the shift's activities in order as [kind, start, end, paid?]
 * (epoch ms; paid unless `false`); the shift spans them, and its paid hours are that span unless given. Day, template and
 * update time are the first day, `T` and 0: spread the row to set others.
 */
export function testShiftRow(
  runId: number,
  agentId: number,
  activities: readonly (readonly [kind: string, start: number, end: number, paid?: boolean])[],
  paidHours?: number,
) {
  const start = activities[0]![1];
  const end = activities[activities.length - 1]![2];
  return {
    run_id: runId,
    agent_id: agentId,
    day: 0,
    kind: 'shift' as const,
    template_code: 'T',
    start_ts: start,
    end_ts: end,
    paid_hours: paidHours ?? (end - start) / 3_600_000,
    activities: JSON.stringify(activities.map(([kind, s, e, paid]) => ({ kind, start: s, end: e, paid: paid ?? true }))),
    updated_at: 0,
  };
}

/** An empty store (SQLite in memory, or a fresh PostgreSQL schema) and how to drop it. */
export async function emptyStore(kind: 'sqlite' | 'postgres'): Promise<{ store: Store; schema?: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const store = await openStore({ file: ':memory:' });
    return { store, drop: () => store.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ url: TEST_PG_URL, pgSchema: schema });
  await withSchemaLock(() => sql.raw(`create schema ${schema}`).execute(store.db));
  return {
    store,
    schema,
    async drop() {
      await store.close();
      await withSchemaLock(async () => {
        const c = new pg.Client({ connectionString: TEST_PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      });
    },
  };
}

/** Runs the given migrations (name → migration) as Kysely's migrator would, under the schema lock on PostgreSQL. */
export async function migrateThese(store: Store, schema: string | undefined, these: Record<string, Migration>) {
  const run = async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => these },
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  };
  if (schema) await withSchemaLock(run);
  else await run();
}

/** Runs the migrations numbered below `below` (a database of before it). */
export async function migrateBelow(store: Store, schema: string | undefined, below: string) {
  const these: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(migrations)) if (name < below) these[name] = m(store.dialect);
  await migrateThese(store, schema, these);
}

/** A schedule result made by hand for a test: these agents' days, none of the solver's figures. */
export function handBuiltSchedule(agents: { agentId: string; days: unknown[]; paidHours?: number }[]): ScheduleResult {
  return {
    agents,
    objective: { total: 0, under: 0, over: 0, cost: 0 },
    lpBound: 0,
    gap: 0,
    stage1: {},
    unassignedPatternShifts: 0,
    warnings: [],
  } as unknown as ScheduleResult;
}
