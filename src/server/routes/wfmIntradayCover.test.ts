/**
 * The intraday panel (GET /api/wfm/intraday) compares one queue's forecast with that queue's cover: the agents on the
 * phone on a shift that answers the queue (a multi-skill plan's shift: its queues; else the agent's skills), not every
 * agent on the phone. Monday 2026-11-02 (Asia/Shanghai), published by hand:
 *   a1, skills voice + A, phone 09:00–17:00
 *   a2, skills A + B,     phone 09:00–13:00 (answers both: counts in full in each)
 *   b1, skill B,          phone 09:00–17:00
 * Queues A and B are forecast 1 call of 60 s every 30 min, which Erlang C at 80 % in 20 s meets with 1 agent
 * (traffic 1/30 Erlang, SL ≈ 0.976; see wfmIntradayQueue.test.ts). By hand, at 10:00: A has a1 + a2 = 2, B has
 * a2 + b1 = 2; at 14:00 A has a1 = 1, B has b1 = 1. The old rule counted everyone on the phone: 3 at 10:00, 2 at 14:00
 * for both queues. Then b1's shift is given queue A by a multi-skill plan (wfm_shifts.queues): the plan's queues win
 * over b1's skills, so at 14:00 A has 2 and B none.
 */
import assert from 'node:assert/strict';
import { forEachDatabase, handBuiltSchedule } from '../../store/testing';
import { saveForecast } from '../../store/wfm/forecasts';
import { createRequirement, createRun, finishRun, publishRun } from '../../store/wfm/schedules';
import { testApp } from '../testing';

const H = 3_600_000;
const M = 60_000;
const WEEK = '2026-11-02';
// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC
const WS = Date.UTC(2026, 10, 1, 16);
const contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 540, latestStartMin: 540, minRestHours: 11 };

forEachDatabase('intraday panel: a queue’s cover counts the agents scheduled on that queue, not every agent on the phone', async (t, store) => {
  const clock = WS + 8 * H; // Monday 08:00: the whole working day is still to come
  const { app, org, as } = await testApp(store, { now: () => clock });
  try {
    const wfm = await as('wfm');
    const skills = { a1: ['voice', 'A'], a2: ['A', 'B'], b1: ['B'] } as const;
    for (const [name, id] of Object.entries(org.agents))
      assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${id}`, { contract, skills: skills[name as keyof typeof skills] })).status, 200);
    const reqId = await createRequirement(
      store.db,
      { centerId: org.centerId, weekStart: WEEK, intervalMin: 15, required: new Array<number>(672).fill(0), source: 'upload' },
      null,
      clock,
    );
    const phone = (from: number, to: number) => ({ kind: 'phone', startMin: from * 60, endMin: to * 60, paid: true });
    const ends = { a1: 17, a2: 13, b1: 17 } as const;
    const result = handBuiltSchedule(
      Object.entries(org.agents).map(([name, id]) => {
        const end = ends[name as keyof typeof ends];
        const day = { day: 0, templateId: 'D', startMin: 540, endMin: end * 60, paidHours: end - 9, activities: [phone(9, end)] };
        return { agentId: String(id), days: [day, null, null, null, null, null, null], paidHours: end - 9 };
      }),
    );
    const runId = await createRun(store.db, { centerId: org.centerId, weekStart: WEEK, requirementId: reqId, timeLimitS: 1 }, null, clock);
    await finishRun(store.db, runId, WS, new Map(Object.values(org.agents).map((id) => [String(id), id])), result, clock);
    await publishRun(store.db, runId, null, clock);
    const points = Array.from({ length: 48 }, (_, k) => ({ ts: WS + k * 30 * M, offered: 1, aht: 60 }));
    for (const queue of ['A', 'B'])
      await saveForecast(store.db, { centerId: org.centerId, queue, model: 'test', intervalMin: 30, params: {} }, points, null, clock);

    const panel = async (queue: string) => {
      const r = await wfm.req('GET', `/api/wfm/intraday?queue=${queue}&date=${WEEK}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const at = (h: number) => r.body.remaining.find((x: { ts: number }) => x.ts === WS + h * H);
      return { body: r.body, at };
    };
    const a = await panel('A');
    // [scheduled, required, gap] at 10:00 and 14:00 (the old rule: 3 and 2 scheduled)
    assert.deepEqual(
      [10, 14].map((h) => [a.at(h).scheduled, a.at(h).required, a.at(h).gap]),
      [
        [2, 1, 1],
        [1, 1, 0],
      ],
    );
    assert.deepEqual([a.at(8.5).scheduled, a.at(17).scheduled], [0, 0]);
    // the panel says which cover it counts: 2 agents on queue A, 1 other on the phone (b1) not counted
    assert.deepEqual(a.body.cover, { queue: 'A', agents: 2, otherAgents: 1 });
    const b = await panel('B');
    assert.deepEqual(
      [10, 13, 14].map((h) => b.at(h).scheduled),
      [2, 1, 1],
    );
    assert.deepEqual(b.body.cover, { queue: 'B', agents: 2, otherAgents: 1 });
    // a queue nobody answers: no cover, everyone on the phone said to be other
    await saveForecast(store.db, { centerId: org.centerId, queue: 'C', model: 'test', intervalMin: 30, params: {} }, points, null, clock);
    const c = await panel('C');
    assert.deepEqual([c.at(10).scheduled, c.at(10).gap, c.body.cover], [0, -1, { queue: 'C', agents: 0, otherAgents: 3 }]);

    // a multi-skill plan's shift answers the queues the plan gave it, whatever the agent's skills say
    await store.db
      .updateTable('wfm_shifts')
      .set({ queues: JSON.stringify(['A']) })
      .where('run_id', '=', runId)
      .where('agent_id', '=', org.agents.b1)
      .execute();
    const a2 = await panel('A');
    assert.deepEqual([a2.at(10).scheduled, a2.at(14).scheduled, a2.body.cover], [3, 2, { queue: 'A', agents: 3, otherAgents: 0 }]);
    const b2 = await panel('B');
    assert.deepEqual([b2.at(10).scheduled, b2.at(14).scheduled, b2.at(14).gap, b2.body.cover], [1, 0, -1, { queue: 'B', agents: 1, otherAgents: 2 }]);
  } finally {
    await app.close();
  }
});
