import assert from 'node:assert/strict';
import { forEachDatabase, testShiftRow } from '../../store/testing';
import { testApp } from '../testing';
import { createRequirement, createRun } from '../../store/wfm/schedules';

// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC.
const WEEK = '2026-11-02';
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;

forEachDatabase('wfm API: a confirmed VTO slot shortens the shift; holiday calendar, leave list and history for the planner pages', async (t, store) => {
  let clock = WS - 48 * H; // the Saturday before, one second later at every call
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    const a1 = await as('a1');
    // a published week: a1 works Monday 08:00–17:00 with an unpaid meal 12:00–13:00 (8 paid hours)
    const reqId = await createRequirement(
      store.db,
      { centerId: org.centerId, weekStart: WEEK, intervalMin: 15, required: Array(672).fill(0), source: 'upload' },
      null,
      clock,
    );
    const runId = await createRun(store.db, { centerId: org.centerId, weekStart: WEEK, requirementId: reqId, timeLimitS: 1 }, null, clock);
    await store.db.updateTable('wfm_schedule_runs').set({ status: 'published', published_at: clock }).where('id', '=', runId).execute();
    const acts = [
      ['phone', WS + 8 * H, WS + 12 * H],
      ['meal', WS + 12 * H, WS + 13 * H, false],
      ['phone', WS + 13 * H, WS + 17 * H],
    ] as const;
    await store.db
      .insertInto('wfm_shifts')
      .values({ ...testShiftRow(runId, org.agents.a1, acts, 8), template_code: 'D8', updated_at: clock })
      .execute();

    // VTO Monday 15:00–17:00: a1 takes it, the planner confirms → the shift ends at 15:00 with 6 paid hours
    const slot = await wfm.req('POST', '/api/wfm/peak-slots', { kind: 'vto', title: '周一下午 VTO', start: WS + 15 * H, end: WS + 17 * H, capacity: 1 });
    assert.equal(slot.status, 200, JSON.stringify(slot.body));
    assert.equal((await a1.req('POST', `/api/wfm/peak-slots/${slot.body.id}/subscribe`)).status, 200);
    const conf = await wfm.req('POST', `/api/wfm/peak-slots/${slot.body.id}/confirm`);
    assert.equal(conf.status, 200, JSON.stringify(conf.body));
    assert.deepEqual(
      conf.body.awarded.map((a: any) => Number(a.agentId)),
      [org.agents.a1],
    );
    const [mon] = (await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts;
    assert.equal(mon.start, WS + 8 * H);
    assert.equal(mon.end, WS + 15 * H);
    assert.equal(mon.paidHours, 6);
    assert.deepEqual(
      mon.activities.map((a: any) => [a.kind, (a.start - WS) / H, (a.end - WS) / H]),
      [
        ['phone', 8, 12],
        ['meal', 12, 13],
        ['phone', 13, 15],
      ],
    );
    const audits = await store.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'wfm.shift.vto').execute();
    assert.equal(audits.length, 1);

    // holiday calendar: a date twice is refused naming the row, a good calendar is stored sorted
    const dup = await wfm.req('PUT', '/api/wfm/holidays', [{ date: '2026-10-01', name: '国庆' }, { date: '2026-10-01' }]);
    assert.equal(dup.status, 400);
    assert.equal(dup.body.field, '1.date');
    const badDate = await wfm.req('PUT', '/api/wfm/holidays', [{ date: '2026-13-1' }]);
    assert.equal(badDate.body.field, 'body.0.date');
    assert.equal(
      (
        await wfm.req('PUT', '/api/wfm/holidays', [
          { date: '2027-02-06', name: '春节', factor: 0.4 },
          { date: '2026-10-01', name: '国庆' },
        ])
      ).status,
      200,
    );
    assert.deepEqual(
      (await wfm.req('GET', '/api/wfm/holidays')).body.map((h: any) => h.date),
      ['2026-10-01', '2027-02-06'],
    );
    assert.equal((await a1.req('PUT', '/api/wfm/holidays', [])).status, 403);

    // leave list with names
    assert.equal((await wfm.req('POST', '/api/wfm/leave', { agentId: org.agents.a2, date: '2026-11-04' })).status, 200);
    const leave = (await wfm.req('GET', '/api/wfm/leave')).body;
    assert.deepEqual(
      leave.map((l: any) => [l.agent_id, l.date, l.kind]),
      [[org.agents.a2, '2026-11-04', 'annual']],
    );
    assert.equal((await a1.req('GET', '/api/wfm/leave')).status, 403);

    // history: uploaded rows come back per interval with AHT, and the queue is listed
    const rows = [0, 1, 2].map((k) => ({ ts: WS + k * 30 * 60_000, offered: 10 + k, aht: 200 }));
    assert.equal((await wfm.req('POST', '/api/wfm/history', { queue: 'Q1', intervalMin: 30, rows })).status, 200);
    const hist = (await wfm.req('GET', `/api/wfm/history?queue=Q1&intervalMin=30&from=${WS + 30 * 60_000}`)).body;
    assert.deepEqual(hist, [
      { ts: WS + 30 * 60_000, offered: 11, aht: 200 },
      { ts: WS + 60 * 60_000, offered: 12, aht: 200 },
    ]);
    assert.deepEqual(
      (await wfm.req('GET', '/api/wfm/history/queues')).body.map((q: any) => [q.queue, q.interval_min, Number(q.rows)]),
      [['Q1', 30, 3]],
    );
    // forecasting a queue without history names the queue
    const none = await wfm.req('POST', '/api/wfm/forecasts', { queue: 'NOPE', intervalMin: 30 });
    assert.equal(none.status, 400);
    assert.equal(none.body.field, 'queue');
  } finally {
    await app.close();
  }
  void t;
});
