/** What the store benches share: run one measurement on a fresh SQLite file, then on a fresh PostgreSQL schema. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openStore, type Store } from '../../src/store/db';
import { freshStore, postgresUnavailable } from '../../src/store/testing';

/**
 * `measure` on SQLite, then on PostgreSQL (skipped, saying why, when it is not reachable). The
 * environment variable `only` (e.g. BENCH_DB) set to `sqlite` or `postgres` runs that one alone.
 */
export async function onEachStore(only: string, tmpPrefix: string, measure: (kind: 'sqlite' | 'postgres', store: Store) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  try {
    if (process.env[only] !== 'postgres') {
      const lite = await openStore({ file: join(dir, 'bench.sqlite') });
      await migrate(lite);
      await measure('sqlite', lite);
      await lite.close();
    }
    const why = process.env[only] === 'sqlite' ? `${only}=sqlite` : await postgresUnavailable();
    if (why) console.log(`postgres: skipped (${why})`);
    else {
      const pg = await freshStore('postgres');
      await measure('postgres', pg);
      await pg.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
