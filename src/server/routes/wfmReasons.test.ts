/**
 * A planner's refused schedule edit says why in the user's language (issue 14): the contract rule it
 * breaks is the reason (`wfm.contract.<rule>`) with the figures and the day's date, and nothing is
 * written; a swap of a shift that already has one pending is refused with its own reason.
 */
import assert from 'node:assert/strict';
import type { ScheduleResult } from '../../core/wfm/schedule';
import { forEachDatabase, handBuiltSchedule } from '../../store/testing';
import { createRun, finishRun } from '../../store/wfm/schedules';
import { testApp } from '../testing';

// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8, the test center's zone): local midnight = 2026-11-01 16:00 UTC
const WEEK = '2026-11-02';
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;
const DAY = 24 * H;
const contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 7 * 60, latestStartMin: 14 * 60, minRestHours: 11 };

/** A finished run with the given shifts (minutes from Monday 00:00, 9 h on site, 8 paid) of agent key 'a1'. */
function resultOf(startsMin: number[]): ScheduleResult {
  const days: unknown[] = Array.from({ length: 7 }, () => null);
  for (const startMin of startsMin)
    days[Math.floor(startMin / 1440)] = { day: Math.floor(startMin / 1440), templateId: 'D9', startMin, endMin: startMin + 540, paidHours: 8, activities: [] };
  return handBuiltSchedule([{ agentId: 'a1', days }]);
}

forEachDatabase('a refused shift edit names the contract rule, its figures and the date; nothing is written', async (_t, store) => {
  const { app, org, as } = await testApp(store, { now: () => WS + 8 * H });
  try {
    const wfm = await as('wfm');
    const a1 = await as('a1');
    assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${org.agents.a1}`, { contract })).status, 200);
    const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, required: new Array(672).fill(0) });
    assert.equal(req.status, 200, JSON.stringify(req.body));
    const runId = await createRun(store.db, { centerId: org.centerId, weekStart: WEEK, requirementId: req.body.id, timeLimitS: 1 }, null, WS);
    // Monday 13:00–22:00 and Tuesday 13:00–22:00
    await finishRun(store.db, runId, WS, new Map([['a1', org.agents.a1]]), resultOf([13 * 60, 1440 + 13 * 60]), WS);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${runId}/publish`)).status, 200);
    const shifts = (await wfm.req('GET', `/api/wfm/schedule-runs/${runId}`)).body.shifts as Array<{ id: number; start: number; updatedAt: number }>;
    const tuesday = shifts.find((s) => s.start === WS + DAY + 13 * H)!;
    assert.ok(tuesday, 'the Tuesday shift');

    const refused = async (start: number) => {
      const r = await wfm.req('PATCH', `/api/wfm/shifts/${tuesday.id}`, { start, baseUpdatedAt: tuesday.updatedAt });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      return { field: r.body.field, reason: r.body.reason, params: r.body.params };
    };
    // Tuesday 05:00: before the contract's earliest start 07:00 (and 22:00 → 05:00 is only 7 h of rest, said second)
    assert.deepEqual(await refused(WS + DAY + 5 * H), {
      field: 'contract.earliestStart',
      reason: 'wfm.contract.earliestStart',
      params: { day: 1, start: '05:00', earliest: '07:00', date: '2026-11-03', agentId: org.agents.a1 },
    });
    // Tuesday 08:00: within the start window, but Monday ends at 22:00, so 10 h of rest where the contract needs 11
    assert.deepEqual(await refused(WS + DAY + 8 * H), {
      field: 'contract.minRest',
      reason: 'wfm.contract.minRest',
      params: { rest: 10, min: 11, agentId: org.agents.a1 },
    });
    // Monday 20:00 (onto the day of the other shift): two shifts start on Monday 2026-11-02
    assert.deepEqual(await refused(WS + 20 * H), {
      field: 'contract.oneShiftPerDay',
      reason: 'wfm.contract.oneShiftPerDay',
      params: { day: 0, date: '2026-11-02', agentId: org.agents.a1 },
    });
    const after = (await wfm.req('GET', `/api/wfm/schedule-runs/${runId}`)).body.shifts.find((s: { id: number }) => s.id === tuesday.id);
    assert.deepEqual([after.start, after.updatedAt], [tuesday.start, tuesday.updatedAt], 'the shift did not move');

    // a swap: to oneself, then a second request while the first is pending
    const self = await a1.req('POST', '/api/wfm/swaps', { shiftId: tuesday.id, toAgentId: org.agents.a1 });
    assert.deepEqual([self.status, self.body.field, self.body.reason], [400, 'toAgentId', 'wfm.swapSameAgent']);
    assert.equal((await a1.req('POST', '/api/wfm/swaps', { shiftId: tuesday.id, toAgentId: org.agents.a2 })).status, 200);
    const again = await a1.req('POST', '/api/wfm/swaps', { shiftId: tuesday.id, toAgentId: org.agents.b1 });
    assert.deepEqual([again.status, again.body.field, again.body.reason, again.body.params], [409, 'shiftId', 'wfm.swapPending', { id: tuesday.id }]);
  } finally {
    await app.close();
  }
});
