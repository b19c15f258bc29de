/**
 * Stored agent-days (issue 11): after a month is published, a late event batch and a schedule edit
 * change exactly the day they touch — the other day's figures stay, the month is the sum of its days —
 * and only the touched agent-days are computed again. Every number is worked out by hand.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { storeEvents } from '../../store/live/ingest';
import { publishedTestRun } from '../../store/testing';
import { computeFacts, type AgentFactsRow } from '../../store/facts/index';
import { publishMonth } from '../../store/performance/figures';
import { seedTestOrg } from '../testing';
import { at, eventMakers, oneCallSession, phoneShift } from './facts.fixtures';

const D = '2026-11-02';
const D2 = '2026-11-03';

forEachDatabase('stored agent-days: a late event or a schedule edit after publication changes exactly the day it touches', async (_t, store) => {
  const org = await seedTestOrg(store);
  const db = store.db;
  const a1 = org.agents.a1!;
  // published shifts of a1: D and D2 09:00–10:00 on the phone (3,600 s scheduled each)
  const runId = await publishedTestRun(db, org.centerId, D);
  await db
    .insertInto('wfm_shifts')
    .values([phoneShift(runId, a1, D, '09:00', '10:00'), phoneShift(runId, a1, D2, '09:00', '10:00')])
    .execute();
  // a session 09:00–10:00 with one call: ring 10 s, talk `talk` s, acw `acw` s
  const session = oneCallSession(eventMakers());
  // D: talk 180 s, acw 50 s → aht 230 s; in adherence the whole shift. D2: nothing yet (absent, out of adherence)
  await storeEvents(store, session(D, 'c1', '09:33:10', '09:34:00'));

  const a1Of = (rows: unknown[]) => (rows as AgentFactsRow[]).find((r) => r.agentId === a1)!;
  const figures = async (q: { day?: string; month?: string }, now: number) => {
    const r = a1Of((await computeFacts(db, org.centerId, { by: 'agent', ...q, now })).rows);
    return {
      handled: r.handled.value,
      aht: r.aht.value,
      adherence: r.adherence.value,
      attendance: r.attendance.value,
      earlyLeave: r.attendanceDetail.value?.earlyLeave,
    };
  };
  const stored = async () =>
    new Map(
      (await db.selectFrom('fact_agent_days').select(['day', 'computed_at']).where('agent_id', '=', a1).execute()).map((r) => [r.day, Number(r.computed_at)]),
    );

  // November is published on 11-20: the days closed by then (a day after their end: 11-01 … 11-18) are stored
  const t1 = at('2026-11-20', '10:00');
  await publishMonth(db, org.centerId, '2026-11', '迟到数据', org.users.center_manager!, t1);
  const dayD = { handled: 1, aht: 230, adherence: 1, attendance: 1, earlyLeave: 0 };
  assert.deepEqual(await figures({ day: D }, t1), dayD);
  assert.deepEqual(await figures({ day: D2 }, t1), { handled: null, aht: null, adherence: 0, attendance: 0, earlyLeave: 0 });
  // month: handled 1, aht 230, adherence 3,600 / 7,200, attendance 1 / 2
  assert.deepEqual(await figures({ month: '2026-11' }, t1), { handled: 1, aht: 230, adherence: 0.5, attendance: 0.5, earlyLeave: 0 });
  const first = await stored();
  assert.deepEqual(
    [...first.keys()].sort(),
    Array.from({ length: 18 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`),
  );
  assert.ok([...first.values()].every((c) => c === t1));

  // a late batch of D2 (talk 100 s, acw 20 s → aht 120 s), stored after publication
  const t2 = at('2026-11-20', '11:00');
  await storeEvents(store, session(D2, 'c2', '09:31:50', '09:32:10'));
  const dayD2 = { handled: 1, aht: 120, adherence: 1, attendance: 1, earlyLeave: 0 };
  // month: handled 2, aht (230 + 120) / 2 = 175, adherence 7,200 / 7,200, attendance 2 / 2
  assert.deepEqual(await figures({ month: '2026-11' }, t2), { handled: 2, aht: 175, adherence: 1, attendance: 1, earlyLeave: 0 });
  assert.deepEqual(await figures({ day: D2 }, t2), dayD2);
  assert.deepEqual(await figures({ day: D }, t2), dayD, 'D unchanged');
  // recomputed: D2 and the days after it (a1's state from D2's logout on), and D (the logged-out state from
  // D's logout closed by the late login); the days before D kept
  const second = await stored();
  assert.equal(second.get('2026-11-01'), t1);
  assert.equal(second.get(D), t2);
  assert.equal(second.get(D2), t2);

  // a schedule edit of D after publication: the shift moved to 09:30–10:30 → in adherence 09:30–10:00 = 1,800 of
  // 3,600 s; logged out at 10:00 = early leave by 30 min (still attended)
  const t3 = at('2026-11-20', '12:00');
  await db
    .updateTable('wfm_shifts')
    .set({
      start_ts: at(D, '09:30'),
      end_ts: at(D, '10:30'),
      activities: JSON.stringify([{ kind: 'phone', start: at(D, '09:30'), end: at(D, '10:30'), paid: true }]),
    })
    .where('agent_id', '=', a1)
    .where('start_ts', '=', at(D, '09:00'))
    .execute();
  assert.deepEqual(await figures({ day: D }, t3), { handled: 1, aht: 230, adherence: 0.5, attendance: 1, earlyLeave: 1 });
  assert.deepEqual(await figures({ day: D2 }, t3), dayD2, 'D2 unchanged');
  // month: adherence (1,800 + 3,600) / 7,200 = 0.75
  assert.deepEqual(await figures({ month: '2026-11' }, t3), { handled: 2, aht: 175, adherence: 0.75, attendance: 1, earlyLeave: 1 });
  // only D was computed again
  const third = await stored();
  for (const [day, c] of third) assert.equal(c, day === D ? t3 : second.get(day), day);
});
