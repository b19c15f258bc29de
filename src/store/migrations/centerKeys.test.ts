/**
 * Migration 032 on a database that already holds data: the forecast history uploaded before it (shared
 * by every center then) is every center's afterwards, nothing is lost, and each center can then replace
 * its own copy; QA calls keep their evaluations and work items, and a second center may then store a
 * call with the same id, with its own work item, while a row pointing at a call its center lacks is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrate } from '../db';
import { createAgent, createCenter, createTeam, createUser } from '../org';
import { findCall } from '../quality/calls';
import { listEvaluations } from '../quality/evaluations';
import { historyFor, putHistory } from '../wfm/forecasts';
import { emptyStore, migrateBelow, skipWithoutPostgres, withSchemaLock } from '../testing';

const T0 = Date.UTC(2026, 0, 5);
const HALF = 1_800_000;

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`migration 032 gives the shared forecast history to every center and keys QA calls by center, keeping what is stored [${kind}]`, async (t) => {
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

      // a QA call x1 of A with an evaluation and a work item, and a stored fact day of its agent
      const team = await createTeam(store.db, { centerId: a, name: 't', leadUserId: null }, T0);
      const agentA = await createAgent(
        store.db,
        { centerId: a, teamId: team, employeeNo: 'A1', name: 'A1', hireDate: '2020-01-01', skillLevel: 'junior', extCode: 'A1', queues: ['general'] },
        T0,
      );
      const teamB = await createTeam(store.db, { centerId: b, name: 'tb', leadUserId: null }, T0);
      const agentB = await createAgent(
        store.db,
        { centerId: b, teamId: teamB, employeeNo: 'B1', name: 'B1', hireDate: '2020-01-01', skillLevel: 'junior', extCode: 'B1', queues: ['general'] },
        T0,
      );
      const qa = await createUser(store.db, { username: 'qa', displayName: 'qa', passwordHash: 'x', roles: ['qa'], centerId: a }, T0);
      const tpl = (
        await sql<{
          id: number;
        }>`insert into qa_templates (center_id, template_key, version, name, definition, active, created_at) values (${a}, 'k', 1, 'k', '{}', 1, ${T0}) returning id`.execute(
          store.db,
        )
      ).rows[0]!.id;
      await sql`insert into qa_calls (id, center_id, agent_id, queue, started_at, duration_s, created_at) values ('x1', ${a}, ${agentA}, 'general', ${T0}, 60, ${T0})`.execute(
        store.db,
      );
      await sql`insert into qa_evaluations (center_id, call_id, agent_id, team_id, evaluator_id, template_id, month, answers, answer_history, result, score, fatal, flagged, time_spent_s, created_at, updated_at)
        values (${a}, 'x1', ${agentA}, ${team}, ${qa}, ${tpl}, '2026-01', '[]', '[]', '{}', 90, 0, 0, 60, ${T0}, ${T0})`.execute(store.db);
      await sql`insert into qa_work_items (center_id, call_id, agent_id, evaluator_id, week, reasons, created_at) values (${a}, 'x1', ${agentA}, ${qa}, '2026-W02', '[]', ${T0})`.execute(
        store.db,
      );

      if (schema) await withSchemaLock(() => migrate(store));
      else await migrate(store);

      // B stores its own x1 and samples it: both centers' rows stand
      await sql`insert into qa_calls (id, center_id, agent_id, queue, started_at, duration_s, created_at) values ('x1', ${b}, ${agentB}, 'general', ${T0}, 120, ${T0})`.execute(
        store.db,
      );
      await sql`insert into qa_work_items (center_id, call_id, agent_id, evaluator_id, week, reasons, created_at) values (${b}, 'x1', ${agentB}, ${qa}, '2026-W02', '[]', ${T0})`.execute(
        store.db,
      );
      assert.deepEqual([(await findCall(store.db, a, 'x1'))?.duration_s, (await findCall(store.db, b, 'x1'))?.duration_s], [60, 120]);
      assert.deepEqual(
        (await listEvaluations(store.db, { centerId: a })).map((e) => [
          e.call_id,
          e.agent_id,
          e.score,
          e.call_started_at === undefined ? null : Number(e.call_started_at),
        ]),
        [['x1', agentA, 90, T0]],
      );
      assert.deepEqual(await listEvaluations(store.db, { centerId: b }), []);
      // a work item of B for a call B does not have is refused (the foreign key is on the center and the id)
      await assert.rejects(
        sql`insert into qa_work_items (center_id, call_id, agent_id, evaluator_id, week, reasons, created_at) values (${b}, 'a-only', ${agentB}, ${qa}, '2026-W02', '[]', ${T0})`.execute(
          store.db,
        ),
      );
      // the stored-facts trigger still fires on a re-scored evaluation of A's call (and only for A's agent)
      const day = (agentId: number, centerId: number) => ({
        agent_id: agentId,
        day: '2026-01-05',
        center_id: centerId,
        day_start: T0 - 8 * 3_600_000,
        day_end: T0 + 16 * 3_600_000,
        agent_code: null,
        conf: '{}',
        parts: '{}',
        computed_at: T0,
      });
      await store.db
        .insertInto('fact_agent_days')
        .values([day(agentA, a), day(agentB, b)])
        .execute();
      await sql`update qa_evaluations set score = 80 where call_id = 'x1'`.execute(store.db);
      assert.deepEqual(
        (await store.db.selectFrom('fact_agent_days').select('agent_id').execute()).map((r) => r.agent_id),
        [agentB],
      );

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
