/**
 * WFM endpoints the scenario tests leave aside (forecast versions, backtest, intraday, points rules,
 * peak rule, earning, redemption lists), each answer checked against its contract entry by the test
 * server; and a second center's planner sees none of the first center's forecasts, requirements,
 * runs, leave, rules or agents.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { signIn, testApp, testPasswordHash } from '../testing';
import { createAgent, createCenter, createTeam, createUser } from '../../store/org';
import { getRequirement } from '../../store/wfm/schedules';

const H = 3_600_000;
// Monday 2026-11-02 00:00 in Asia/Shanghai (UTC+8) = 2026-11-01 16:00 UTC
const WEEK = '2026-11-02';
const WS = Date.UTC(2026, 10, 1, 16);
const HALF = 30 * 60_000;
// four weeks of history before WEEK: 10 calls in every half hour, AHT 200 s
const HISTORY = Array.from({ length: 4 * 7 * 48 }, (_, k) => ({ ts: WS - 4 * 7 * 24 * H + k * HALF, offered: 10, aht: 200 }));

forEachDatabase(
  'wfm contract: forecast versions, backtest, intraday, rules and points answer as declared; another center sees none of it',
  async (t, store) => {
    let clock = WS + 12 * H; // Monday noon local
    const { app, org, as } = await testApp(store, { now: () => clock });
    try {
      const db = store.db;
      const c2 = await createCenter(db, '第二中心', 'Asia/Shanghai', clock);
      const team = await createTeam(db, { centerId: c2, name: 'C组', leadUserId: null }, clock);
      const other = await createAgent(
        db,
        { centerId: c2, teamId: team, employeeNo: 'C001', name: '赵六', hireDate: '2025-01-01', skillLevel: 'junior', queues: ['general'] },
        clock,
      );
      await createUser(db, { username: 'wfm2', displayName: 'wfm2', passwordHash: await testPasswordHash(), roles: ['wfm'], centerId: c2 }, clock);
      const wfm = await as('wfm');
      const wfm2 = await signIn(app, 'wfm2');

      assert.equal((await wfm.req('POST', '/api/wfm/history', { queue: 'general', intervalMin: 30, rows: HISTORY })).body.rows, HISTORY.length);
      // a constant history: seasonal naive repeats it, so every forecast interval is 10 calls and the backtest error is 0
      const made = await wfm.req('POST', '/api/wfm/forecasts', { queue: 'general', intervalMin: 30, model: 'seasonalNaive', weeksAhead: 1 });
      assert.equal(made.status, 200, `forecast: ${JSON.stringify(made.body)}`);
      assert.equal(made.body.intervals, 7 * 48);
      const list = await wfm.req('GET', '/api/wfm/forecasts');
      assert.deepEqual(
        list.body.map((f: any) => [f.id, f.center_id, f.queue, f.from_ts, f.to_ts]),
        [[made.body.id, org.centerId, 'general', WS, WS + 7 * 24 * H]],
      );
      const one = await wfm.req('GET', `/api/wfm/forecasts/${made.body.id}`);
      assert.equal(one.body.points.length, 7 * 48);
      assert.ok(one.body.points.every((p: any) => Math.abs(p.offered - 10) < 1e-9 && Math.abs(p.aht - 200) < 1e-9));
      const bt = await wfm.req('POST', '/api/wfm/forecasts/backtest', { queue: 'general', intervalMin: 30, weeks: 1 });
      assert.equal(bt.status, 200, JSON.stringify(bt.body));
      assert.equal(bt.body.find((r: any) => r.model === 'seasonalNaive').wape, 0);

      // intraday at Monday noon: the day's 48 forecast intervals; from noon on 24 remain, none staffed (no published shifts)
      const intra = await wfm.req('GET', `/api/wfm/intraday?queue=general&date=${WEEK}`);
      assert.equal(intra.status, 200, JSON.stringify(intra.body));
      assert.equal(intra.body.forecastId, made.body.id);
      assert.equal(intra.body.nowTs, WS + 12 * H);
      assert.equal(intra.body.forecast.length, 48);
      assert.equal(intra.body.remaining.length, 24);
      assert.ok(intra.body.remaining.every((r: any) => r.scheduled === 0));
      assert.deepEqual(intra.body.cover, { queue: 'general', agents: 0, otherAgents: 0 });

      // a requirement from the forecast: 10 calls per 30 min at AHT 200 s = 1.11 erlangs; Erlang C by hand: 2 agents answer
      // 63.7 % within 20 s, 3 agents 90.3 %, so 80/20 needs 3 in every 15-minute slot of the week
      const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, forecastId: made.body.id, targetSl: 0.8, thresholdS: 20 });
      assert.equal(req.status, 200, JSON.stringify(req.body));
      assert.deepEqual(
        (await wfm.req('GET', '/api/wfm/requirements')).body.map((r: any) => [r.id, r.week_start, r.source]),
        [[req.body.id, WEEK, `forecast:${made.body.id}`]],
      );
      const curve = await getRequirement(store.db, req.body.id);
      assert.equal(curve.required.length, 672);
      assert.ok(curve.required.every((v) => v === 3));
      assert.deepEqual((await wfm.req('GET', '/api/wfm/schedule-runs')).body, []);

      // points rules and the peak rule are the center's settings
      assert.deepEqual((await wfm.req('GET', '/api/wfm/points-rules')).body, [{ id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 }]);
      const rules = [{ id: 'nd', kind: 'holidayHours', dates: ['2026-10-01'], pointsPerHour: 2, multiplier: 3 }];
      assert.equal((await wfm.req('PUT', '/api/wfm/points-rules', rules)).status, 200);
      assert.deepEqual((await wfm.req('GET', '/api/wfm/points-rules')).body, rules);
      assert.equal((await wfm.req('PUT', '/api/wfm/peak-rule', { mode: 'priority', order: ['points', 'tenure'] })).status, 200);
      assert.deepEqual((await wfm.req('POST', '/api/wfm/points/earn', { weekStart: WEEK })).body, { added: 0 });
      assert.deepEqual((await wfm.req('GET', '/api/wfm/redemptions')).body, []);
      assert.equal((await wfm.req('POST', '/api/wfm/leave', { agentId: org.agents.a1, date: '2026-11-03' })).status, 200);

      // the second center's planner: none of it, and the first center's records are absent, not forbidden
      assert.deepEqual((await wfm2.req('GET', '/api/wfm/forecasts')).body, []);
      assert.equal((await wfm2.req('GET', `/api/wfm/forecasts/${made.body.id}`)).status, 404);
      assert.deepEqual((await wfm2.req('GET', '/api/wfm/requirements')).body, []);
      assert.equal((await wfm2.req('POST', '/api/wfm/requirements', { weekStart: WEEK, forecastId: made.body.id, targetSl: 0.8 })).status, 404);
      // no forecast covers the day: an empty state (forecastId null, nothing forecast), not a refusal
      const noFc = await wfm2.req('GET', `/api/wfm/intraday?queue=general&date=${WEEK}`);
      assert.equal(noFc.status, 200);
      assert.equal(noFc.body.forecastId, null);
      assert.deepEqual([noFc.body.forecast, noFc.body.actuals, noFc.body.remaining, noFc.body.cover], [[], [], [], null]);
      assert.deepEqual((await wfm2.req('GET', '/api/wfm/points-rules')).body, [{ id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 }]);
      assert.deepEqual((await wfm2.req('GET', '/api/wfm/leave')).body, []);
      const foreignLeave = await wfm2.req('POST', '/api/wfm/leave', { agentId: org.agents.a1, date: '2026-11-04' });
      assert.equal(foreignLeave.status, 400);
      assert.equal(foreignLeave.body.field, 'agentId');
      assert.equal(
        (
          await wfm2.req('PUT', `/api/wfm/contracts/${org.agents.a1}`, {
            contract: { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 0, latestStartMin: 600 },
          })
        ).status,
        404,
      );
      assert.equal((await wfm.req('GET', '/api/wfm/leave')).body.length, 1);
      // and the first center's planner cannot book the second center's agent
      assert.equal((await wfm.req('POST', '/api/wfm/leave', { agentId: other, date: '2026-11-04' })).body.field, 'agentId');
      clock += 1000;
    } finally {
      await app.close();
    }
  },
);
