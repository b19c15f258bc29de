/**
 * Migration 059: a requirement keeps the shrinkage it was computed with (the sum and the leave category's
 * share). A requirement stored before the migration reads as not known (null, null); one stored after keeps
 * what it was given, in SQLite and PostgreSQL, and the published week hands it to the time-off check.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrate, type Store } from '../db';
import { createCenter } from '../org';
import { emptyStore, migrateBelow, skipWithoutPostgres, withSchemaLock } from '../testing';
import { createRequirement, getRequirement, listRequirements } from './schedules';
import { publishedWeek } from './timeOff';

const T0 = Date.UTC(2026, 10, 1);
const WEEK = '2026-11-02';
const required = Array.from({ length: 672 }, (_, k) => (k >= 36 && k < 68 ? 20 : 0));

/** Marks a requirement's week published (a run with no shifts). */
async function publish(store: Store, centerId: number, requirementId: number) {
  await sql`insert into wfm_schedule_runs (center_id, week_start, requirement_id, status, progress, time_limit_s, created_at)
    values (${centerId}, ${WEEK}, ${requirementId}, 'published', '{}', 1, ${T0})`.execute(store.db);
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`migration 059: a requirement keeps its shrinkage; one stored before reads as not known [${kind}]`, async (t) => {
    if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
    const { store, schema, drop } = await emptyStore(kind);
    try {
      await migrateBelow(store, schema, '059');
      const c = await createCenter(store.db, 'c', 'Asia/Shanghai', T0);
      // a requirement as stored before 059 (from a forecast at the center's 15 %: nothing kept it)
      const old = (
        await sql<{ id: number }>`insert into wfm_requirements (center_id, week_start, interval_min, required, source, created_at)
          values (${c}, ${WEEK}, 15, ${JSON.stringify(required)}, 'forecast:1', ${T0}) returning id`.execute(store.db)
      ).rows[0]!.id;
      await publish(store, c, old);

      if (schema) await withSchemaLock(() => migrate(store));
      else await migrate(store);

      // (and migration 060's planned-activity share: not given here, so not known either)
      const unknown = { total: null, leave: null, activity: null };
      assert.deepEqual((await getRequirement(store.db, old)).shrinkage, unknown);
      const w = await publishedWeek(store.db, c, WEEK);
      assert.deepEqual([w?.shrinkage, w?.required.slice(36, 38)], [unknown, [20, 20]]);

      // stored after it: what it was computed with, read back as numbers (PostgreSQL's double precision too)
      const id = await createRequirement(
        store.db,
        { centerId: c, weekStart: WEEK, intervalMin: 15, required, source: 'forecast:2', shrinkage: { total: 0.15, leave: 0.05 } },
        null,
        T0 + 1,
      );
      assert.deepEqual((await getRequirement(store.db, id)).shrinkage, { total: 0.15, leave: 0.05, activity: null });
      // one number typed (no categories): the total, the leave share not known; an upload: neither
      const one = await createRequirement(
        store.db,
        { centerId: c, weekStart: WEEK, intervalMin: 15, required, source: 'forecast:3', shrinkage: { total: 0.3, leave: null } },
        null,
        T0 + 2,
      );
      const upload = await createRequirement(store.db, { centerId: c, weekStart: WEEK, intervalMin: 15, required, source: 'upload' }, null, T0 + 3);
      assert.deepEqual(
        (await listRequirements(store.db, { centerId: c })).map((r) => [r.id, r.shrinkage]),
        [
          [upload, unknown],
          [one, { total: 0.3, leave: null, activity: null }],
          [id, { total: 0.15, leave: 0.05, activity: null }],
          [old, unknown],
        ],
      );
      // the newest published run of the week is the one the time-off check reads
      await publish(store, c, id);
      assert.deepEqual((await publishedWeek(store.db, c, WEEK))?.shrinkage, { total: 0.15, leave: 0.05, activity: null });
    } finally {
      await drop();
    }
  });
}
