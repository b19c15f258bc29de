/**
 * The planner's rules through the routes (issue 15): a contract's day rules are stored and refused before a
 * solve when they cannot be met (the rule and the agent named); the distinct-shift cost reaches the
 * optimiser and the run says how many shift types it uses. Figures worked out by hand beside each check.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { waitForSolve } from './wfm';

// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8).
const WS = Date.UTC(2026, 10, 1, 16);
const day = { id: 'D8', spanMin: 480, startEarliestMin: 480, startLatestMin: 600, startStepMin: 60, breaks: [] };
const contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1380, minRestHours: 11 };
// one agent 08–16 on Monday, 09–17 on Tuesday, 10–18 on Wednesday
const required = Array.from({ length: 672 }, (_, s) => {
  const h0 = [8, 9, 10][Math.floor(s / 96)];
  return h0 !== undefined && s % 96 >= h0 * 4 && s % 96 < (h0 + 8) * 4 ? 1 : 0;
});

forEachDatabase(
  'schedule rules: impossible day rules are refused naming the rule and the agent; the distinct-shift cost gives one shift type',
  async (t, store) => {
    let clock = WS - 2 * 86_400_000;
    const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
    try {
      const wfm = await as('wfm');
      assert.equal((await wfm.req('PUT', '/api/wfm/templates', day)).status, 200);
      const ids = Object.values(org.agents);
      // only a1 works (the others have no contract)
      const a1 = org.agents.a1!;
      const put = (c: object) => wfm.req('PUT', `/api/wfm/contracts/${a1}`, { contract: { ...contract, ...c } });
      // 40 h of 8-hour shifts need 5 days; 3 days off and 4 days off in a row leave 3 (the tighter rule is named)
      assert.equal((await put({ minHoursWeek: 40, minDaysOff: 3, minConsecutiveDaysOff: 4 })).status, 200);
      const contracts = (await wfm.req('GET', '/api/wfm/contracts')).body as { agentId: number; contract: { minConsecutiveDaysOff?: number } }[];
      assert.equal(contracts.find((c) => c.agentId === a1)!.contract.minConsecutiveDaysOff, 4);
      const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-02', required });
      const bad = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: req.body.id, timeLimitS: 3 });
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.equal(bad.body.reason, 'wfm.scheduleRuleInfeasible');
      assert.deepEqual(bad.body.params, { agent: '李娜', field: 'contract.minConsecutiveDaysOff', most: 3, need: 5, week: '2026-11-02' });
      assert.equal((await wfm.req('GET', '/api/wfm/schedule-runs')).body.length, 0); // no run was stored
      // a bad rule value is refused by its field
      const zero = await put({ maxConsecutiveDays: 0 });
      assert.equal(zero.status, 400);
      assert.match(zero.body.field, /maxConsecutiveDays/);

      // rules that fit; with 2 agent-hours short worth one type, one 09:00 type covers all three days
      // (3 types: 24 paid + 3 × 2,000; one type: 24 + 2,020 + 2,000)
      assert.equal((await put({ maxConsecutiveDays: 5, weekendsOff: { min: 1, weeks: 1 } })).status, 200);
      const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: req.body.id, timeLimitS: 3, distinctShiftCost: 2 });
      assert.equal(run.status, 200, JSON.stringify(run.body));
      await waitForSolve(run.body.id);
      const view = (await wfm.req('GET', `/api/wfm/schedule-runs/${run.body.id}`)).body;
      assert.equal(view.run.status, 'done', view.run.error);
      assert.equal(view.distinctShifts, 1);
      assert.deepEqual(
        view.shifts.map((s: { start: number }) => (s.start - WS) / 3_600_000),
        [9, 33, 57],
      );
      // no cost: each day its own start, 3 types
      const free = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: req.body.id, timeLimitS: 3 });
      await waitForSolve(free.body.id);
      assert.equal((await wfm.req('GET', `/api/wfm/schedule-runs/${free.body.id}`)).body.distinctShifts, 3);
      assert.ok(ids.length > 1);
    } finally {
      await app.close();
    }
  },
);
