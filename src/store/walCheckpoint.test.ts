/**
 * SQLite's WAL is checkpointed after WAL_AUTOCHECKPOINT_PAGES pages, not SQLite's default 1,000 (issue 16:
 * an ingest batch dirties more than 1,000 pages, and with the default every batch's commit copied them all
 * into the database file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrate, openStore, WAL_AUTOCHECKPOINT_PAGES } from './db';

test('sqlite: a commit of 2,000 pages stays in the WAL (no checkpoint) and other connections read it', async () => {
  assert.ok(WAL_AUTOCHECKPOINT_PAGES > 2500);
  const dir = mkdtempSync(join(tmpdir(), 'cf-wal-'));
  const file = join(dir, 'db.sqlite');
  const store = await openStore({ file });
  try {
    const s = store.sqlite!;
    assert.equal(s.pragma('wal_autocheckpoint', { simple: true }), WAL_AUTOCHECKPOINT_PAGES);
    assert.equal(s.pragma('page_size', { simple: true }), 4096);
    s.exec('create table t (id integer primary key, b blob not null)');
    const before = statSync(file).size;
    const ins = s.prepare('insert into t (b) values (?)');
    // 2,000 rows of 3,000 bytes: one row a page, 2,000 pages in one commit (twice SQLite's default threshold)
    s.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run(Buffer.alloc(3000, i % 251));
    })();
    // with SQLite's default the commit would have copied the pages into the file (about 8 MB); here it is as before
    assert.ok(statSync(file).size - before < 100 * 4096, `database file grew from ${before} to ${statSync(file).size} bytes`);
    assert.ok(statSync(`${file}-wal`).size > 2000 * 4096);
    const other = new SQLite(file, { readonly: true });
    try {
      assert.deepEqual(other.prepare('select count(*) as n, sum(length(b)) as l from t').get(), { n: 2000, l: 6_000_000 });
    } finally {
      other.close();
    }
    // an explicit checkpoint still moves everything into the file
    s.pragma('wal_checkpoint(TRUNCATE)');
    assert.ok(statSync(file).size >= 2000 * 4096);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sqlite: temporary files in memory (the 100-row inserts' statement journals), and again after migrating", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-tmp-'));
  const store = await openStore({ file: join(dir, 'db.sqlite') });
  try {
    const s = store.sqlite!;
    const MEMORY = 2; // SQLite's number for temp_store = MEMORY (FILE is 1)
    assert.equal(s.pragma('temp_store', { simple: true }), MEMORY);
    await migrate(store);
    assert.equal(s.pragma('temp_store', { simple: true }), MEMORY);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
