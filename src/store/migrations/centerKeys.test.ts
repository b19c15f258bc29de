/**
 * Migration 032 on a database that already holds data: the forecast history uploaded before it (shared
 * by every center then) is every center's afterwards, nothing is lost, and each center can then replace
 * its own copy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { migrate, openStore, type Store } from '../db';
import { createCenter } from '../org';
import { historyFor, putHistory } from '../wfm/forecasts';
import { skipWithoutPostgres, TEST_PG_URL, withSchemaLock } from '../testing';
import { migrations } from './index';

const T0 = Date.UTC(2026, 0, 5);
const HALF = 1_800_000;

/** An empty store (SQLite in memory, or a fresh PostgreSQL schema) and how to drop it. */
async function emptyStore(kind: 'sqlite' | 'postgres'): Promise<{ store: Store; schema?: string; drop(): Promise<void> }> {
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

/** Runs the migrations numbered below `below` (a database of before it). */
async function migrateBelow(store: Store, schema: string | undefined, below: string) {
  const run = async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: {
        async getMigrations() {
          const out: Record<string, Migration> = {};
          for (const [name, m] of Object.entries(migrations)) if (name < below) out[name] = m(store.dialect);
          return out;
        },
      },
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  };
  if (schema) await withSchemaLock(run);
  else await run();
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`migration 032 gives the shared forecast history to every center and keeps it [${kind}]`, async (t) => {
    if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
    const { store, schema, drop } = await emptyStore(kind);
    try {
      await migrateBelow(store, schema, '032');
      const a = await createCenter(store.db, 'A', 'Asia/Shanghai', T0);
      const b = await createCenter(store.db, 'B', 'Asia/Shanghai', T0);
      // the history as stored before 032: no center
      await sql`insert into wfm_history (queue, interval_min, ts, offered, aht_sum) values ('general', 30, ${T0}, 4, 400), ('general', 30, ${T0 + HALF}, 6, 900)`.execute(
        store.db,
      );

      if (schema) await withSchemaLock(() => migrate(store));
      else await migrate(store);

      const read = async (centerId: number) =>
        (await historyFor(store.db, { centerId, queue: 'general', intervalMin: 30 })).map((r) => [r.ts - T0, r.offered, r.ahtSum]);
      const before = [
        [0, 4, 400],
        [HALF, 6, 900],
      ];
      assert.deepEqual(await read(a), before);
      assert.deepEqual(await read(b), before);
      // A replaces its copy; B's stays
      await putHistory(store.db, a, 'general', 30, [{ ts: T0, offered: 1, aht: 50 }]);
      assert.deepEqual(await read(a), [
        [0, 1, 50],
        [HALF, 6, 900],
      ]);
      assert.deepEqual(await read(b), before);
    } finally {
      await drop();
    }
  });
}
