/**
 * Migration names: one number per migration, and the renamed 009 pair. A database migrated under the
 * old names (009_notifications) migrates cleanly: the recorded name is renamed, nothing runs twice,
 * nothing stored is lost; a fresh database records exactly today's names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, type Migration } from 'kysely';
import { migrate, MIGRATION_TABLE, type Store } from '../db';
import { createCenter, createUser } from '../org';
import { listNotifications } from '../notifications';
import { emptyStore, migrateThese, skipWithoutPostgres, withSchemaLock } from '../testing';
import { migrations, renamedMigrations } from './index';

test('every migration has a number of its own', () => {
  const numbers = Object.keys(migrations).map((name) => name.slice(0, name.indexOf('_')));
  const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
  assert.deepEqual(repeated, []);
  assert.ok(
    numbers.every((n) => /^\d{3}$/.test(n)),
    numbers.join(' '),
  );
  // the old names are gone from the set, their new names are in it
  for (const [from, to] of Object.entries(renamedMigrations)) {
    assert.ok(!(from in migrations), from);
    assert.ok(to in migrations, to);
  }
});

/** The migration set as it was before the rename (the names databases recorded then). */
function oldNames(): Record<string, string> {
  const back = Object.fromEntries(Object.entries(renamedMigrations).map(([from, to]) => [to, from]));
  return Object.fromEntries(Object.keys(migrations).map((name) => [back[name] ?? name, name]));
}

/** Runs the migrations under the names they had before the rename, as a database of that time did. */
async function migrateUnderOldNames(store: Store, schema: string | undefined) {
  const these: Record<string, Migration> = {};
  for (const [old, now] of Object.entries(oldNames())) these[old] = migrations[now]!(store.dialect);
  await migrateThese(store, schema, these);
}

const recorded = async (store: Store) =>
  (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(store.db)).rows.map((r) => r.name);

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`a database migrated under the old 009 names migrates cleanly and keeps its rows [${kind}]`, async (t) => {
    if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
    const { store, schema, drop } = await emptyStore(kind);
    try {
      await migrateUnderOldNames(store, schema);
      const before = await recorded(store);
      assert.ok(before.includes('009_notifications') && before.includes('009_live_rollups'), before.join(' '));
      // something stored in the table the renamed migration made
      const now = Date.UTC(2026, 10, 1);
      const centerId = await createCenter(store.db, 'c', 'Asia/Shanghai', now);
      const u = await createUser(store.db, { username: 'u', displayName: 'u', passwordHash: 'x', roles: ['agent'], centerId }, now);
      await store.db
        .insertInto('notifications')
        .values({ user_id: u, at: now, kind: 'qa.evaluated', title: '', data: '{"score":80}', link: null, read_at: null })
        .execute();

      // today's migrate: had 023_notifications run again, its create table would fail
      if (schema) await withSchemaLock(() => migrate(store));
      else await migrate(store);
      assert.deepEqual(await recorded(store), Object.keys(migrations).sort());
      assert.deepEqual(
        (await listNotifications(store.db, u)).items.map((n) => [n.kind, n.data]),
        [['qa.evaluated', { score: 80 }]],
      );
      // and again: nothing left to do
      if (schema) await withSchemaLock(() => migrate(store));
      else await migrate(store);
      assert.equal((await recorded(store)).length, Object.keys(migrations).length);
    } finally {
      await drop();
    }
  });

  test(`a fresh database records each migration once, under today's names [${kind}]`, async (t) => {
    if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
    const { store, schema, drop } = await emptyStore(kind);
    try {
      if (schema) await withSchemaLock(() => migrate(store));
      else await migrate(store);
      const names = await recorded(store);
      assert.deepEqual(names, Object.keys(migrations).sort());
      assert.ok(!names.includes('009_notifications'));
      // the notifications table exists and the tables it replaced do not
      assert.deepEqual(await store.db.selectFrom('notifications').selectAll().execute(), []);
      await assert.rejects(sql`select 1 from qa_notifications`.execute(store.db));
    } finally {
      await drop();
    }
  });
}
