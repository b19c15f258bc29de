import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { emptyStore, skipWithoutPostgres, TEST_PG_URL } from './testing';

test('PostgreSQL introspection sees its own schema only, so a table dropped in another one cannot fail a migration', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const own = await emptyStore('postgres');
  const other = await emptyStore('postgres');
  try {
    await sql`create table mine (id serial primary key, label text not null, note text)`.execute(own.store.db);
    await sql`create table theirs (id int)`.execute(other.store.db);
    const tables = await own.store.db.introspection.getTables();
    assert.deepEqual(
      tables.map((x) => [x.schema, x.name]),
      [[own.schema, 'mine']],
    );
    const cols = Object.fromEntries(tables[0]!.columns.map((c) => [c.name, [c.isAutoIncrementing, c.isNullable, c.hasDefaultValue]]));
    assert.deepEqual(cols, { id: [true, false, true], label: [false, false, false], note: [false, true, false] });

    // another schema's tables come and go while this one introspects: none of it reaches these reads
    const c = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${other.schema}` });
    await c.connect();
    let churn = true;
    const churning = (async () => {
      for (let i = 0; churn; i++) await c.query(`create table t${i} (id serial primary key); drop table t${i}`);
    })();
    try {
      for (let i = 0; i < 50; i++) assert.equal((await own.store.db.introspection.getTables()).length, 1);
    } finally {
      churn = false;
      await churning;
      await c.end();
    }
  } finally {
    await own.drop();
    await other.drop();
  }
});
