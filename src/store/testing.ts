/**
 * Test support: run a store test on both databases. SQLite runs in memory; PostgreSQL runs in a
 * fresh schema of the test database (TEST_DATABASE_URL, default the local `test` database).
 * Without a reachable PostgreSQL the PostgreSQL half is skipped with the reason — except on CI,
 * where it fails, so CI never passes with half the suite missing.
 */
import { test, type TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openStore, type Store } from './db';

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

/** A fresh, migrated store of the given kind; call the returned close() when done. */
export async function freshStore(kind: 'sqlite' | 'postgres'): Promise<Store> {
  if (kind === 'sqlite') {
    const store = await openStore({ file: ':memory:' });
    await migrate(store);
    return store;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = await openStore({ url: TEST_PG_URL, pgSchema: schema });
  await migrate(store);
  const close = store.close;
  store.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  };
  return store;
}

/** Registers `title [sqlite]` and `title [postgres]`, each with its own fresh store. */
export function forEachDatabase(title: string, body: (t: TestContext, store: Store) => Promise<void>) {
  for (const kind of ['sqlite', 'postgres'] as const) {
    test(`${title} [${kind}]`, async (t) => {
      if (kind === 'postgres') {
        const why = await postgresUnavailable();
        if (why) {
          if (process.env.CI === 'true') throw new Error(`${why}; CI must run the PostgreSQL half`);
          t.skip(`skipped: ${why}`);
          return;
        }
      }
      const store = await freshStore(kind);
      try {
        await body(t, store);
      } finally {
        await store.close();
      }
    });
  }
}
