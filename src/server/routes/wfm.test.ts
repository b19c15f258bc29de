import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { waitForSolve } from './wfm';

// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC.
const WEEK = '2026-11-02';
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;
const DAY = 24 * H;
const tpl = {
  id: 'D8',
  spanMin: 540,
  startEarliestMin: 8 * 60,
  startLatestMin: 10 * 60,
  startStepMin: 60,
  breaks: [{ kind: 'meal', durationMin: 60, paid: false, earliestStartMin: 180, latestStartMin: 300 }],
};
const contract = { minHoursWeek: 16, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 7 * 60, latestStartMin: 14 * 60, minRestHours: 11 };
// two agents on the phones 09:00–17:00 Monday to Friday
const required = Array.from({ length: 672 }, (_, k) => {
  const day = Math.floor(k / 96);
  const h = (k % 96) / 4;
  return day < 5 && h >= 9 && h < 17 ? 2 : 0;
});

forEachDatabase('wfm API: contracts → optimised week → publish → agent view, edits, swaps, peaks, points, adherence', async (t, store) => {
  let clock = WS + 8 * H; // Monday 08:00 local, one second later at every call
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    const a1 = await as('a1');
    const a2 = await as('a2');
    const lead = await as('team_lead');

    // Erlang: the Call Centre Helper example (14 agents for 100 calls / 30 min, AHT 180 s, 80/20)
    const e = await wfm.req('POST', '/api/wfm/erlang', { calls: 100, periodS: 1800, ahtS: 180, targetSl: 0.8, thresholdS: 20, shrinkage: 0.3 });
    assert.equal(e.status, 200);
    assert.equal(e.body.agents, 14);
    assert.equal(e.body.scheduledHeads, 20);
    assert.ok(e.body.curve.some((p: any) => p.agents === 13 && p.serviceLevel < 0.8));
    const bad = await wfm.req('POST', '/api/wfm/erlang', { calls: 100, ahtS: 180, targetSl: 1, thresholdS: 0 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'targetSl');

    assert.equal((await wfm.req('PUT', '/api/wfm/templates', tpl)).status, 200);
    // a contradictory contract is refused, naming the field, and nothing is stored
    const contra = await wfm.req('PUT', `/api/wfm/contracts/${org.agents.a1}`, { contract: { ...contract, minHoursWeek: 45 } });
    assert.equal(contra.status, 400);
    assert.equal(contra.body.field, 'contract.minHoursWeek');
    assert.equal((await wfm.req('GET', '/api/wfm/contracts')).body.length, 0);
    for (const id of Object.values(org.agents)) assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${id}`, { contract, skills: ['voice'] })).status, 200);

    const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, required });
    assert.equal(req.status, 200, JSON.stringify(req.body));
    assert.equal((await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-03', required })).body.field, 'body.weekStart');
    const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: WEEK, requirementId: req.body.id, timeLimitS: 3 });
    assert.equal(run.status, 200);
    await waitForSolve(run.body.id);
    const view = (await wfm.req('GET', `/api/wfm/schedule-runs/${run.body.id}`)).body;
    assert.equal(view.run.status, 'done', view.run.error);
    // 2 agents × 8 h × 5 days = 80 agent-hours needed; three agents can give at most 3 × 40 paid hours.
    // Every shift is 9 h on site with a 1 h unpaid meal → 8 h on the phones.
    for (const s of view.shifts) {
      assert.equal(s.end - s.start, 9 * H);
      assert.equal(s.paidHours, 8);
      const phone = s.activities.filter((a: any) => a.kind === 'phone').reduce((x: number, a: any) => x + a.end - a.start, 0);
      assert.equal(phone, 8 * H);
    }
    const covered = view.coverage.reduce((s: number, c: number, k: number) => s + Math.min(c, required[k]!), 0) / 4;
    assert.ok(covered >= 60, `covered ${covered} of 80 agent-hours`);
    // agents see nothing before publishing; the planner's view is not theirs
    assert.equal((await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts.length, 0);
    assert.equal((await a1.req('GET', `/api/wfm/schedule-runs/${run.body.id}`)).status, 403);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${run.body.id}/publish`)).status, 200);
    const mine = (await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts;
    assert.deepEqual(
      mine.map((s: any) => s.id).sort(),
      view.shifts
        .filter((s: any) => s.agentId === org.agents.a1)
        .map((s: any) => s.id)
        .sort(),
    );
    assert.ok(mine.every((s: any) => s.agentId === org.agents.a1));

    // hand edit: 05:00 breaks the contract's earliest start (07:00); 10:00 is fine
    const s0 = view.shifts[0];
    const dayStart = WS + s0.day * DAY;
    const early = await wfm.req('PATCH', `/api/wfm/shifts/${s0.id}`, { start: dayStart + 5 * H });
    assert.equal(early.status, 400);
    assert.equal(early.body.field, 'contract.earliestStart');
    const ok = await wfm.req('PATCH', `/api/wfm/shifts/${s0.id}`, { start: dayStart + 10 * H, baseUpdatedAt: s0.updatedAt });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.start, dayStart + 10 * H);
    assert.ok(ok.body.updatedAt > s0.updatedAt);
    // a second planner's edit based on the shift as it was before that move: 409, nothing written
    const stale = await wfm.req('PATCH', `/api/wfm/shifts/${s0.id}`, { start: dayStart + 9 * H, baseUpdatedAt: s0.updatedAt });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.reason, 'wfm.staleShift');
    assert.equal(stale.body.field, 'baseUpdatedAt');
    const after = (await wfm.req('GET', `/api/wfm/schedule-runs/${run.body.id}`)).body.shifts.find((s: any) => s.id === s0.id);
    assert.equal(after.start, dayStart + 10 * H);
    assert.equal(after.updatedAt, ok.body.updatedAt);

    // swap: a1 gives a shift to an agent free that day; the lead of a1's team approves
    const byAgent = (id: number) => view.shifts.filter((s: any) => s.agentId === id);
    const give = mine.find(
      (s: any) => s.id !== s0.id && [org.agents.a2, org.agents.b1].some((o) => !byAgent(o).some((x: any) => x.day === s.day) && byAgent(o).length < 5),
    );
    if (give) {
      const to = [org.agents.a2, org.agents.b1].find((o) => !byAgent(o).some((x: any) => x.day === give.day))!;
      const sw = await a1.req('POST', '/api/wfm/swaps', { shiftId: give.id, toAgentId: to });
      assert.equal(sw.status, 200, JSON.stringify(sw.body));
      assert.equal((await a2.req('POST', '/api/wfm/swaps', { shiftId: give.id, toAgentId: org.agents.a2 })).status, 400);
      assert.equal((await a1.req('POST', `/api/wfm/swaps/${sw.body.id}/decide`, { approve: true })).status, 403);
      const dec = await lead.req('POST', `/api/wfm/swaps/${sw.body.id}/decide`, { approve: true });
      assert.equal(dec.status, 200, JSON.stringify(dec.body));
      assert.ok(!(await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts.some((s: any) => s.id === give.id));
      const audit = await store.db.selectFrom('audit_log').select('action').where('entity', '=', 'wfm_swap').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['wfm.swap.approve', 'wfm.swap.request']);
    }

    // peak slot Tuesday 19:00–21:00 local, one place, 5 bonus points; first come
    const slot = await wfm.req('POST', '/api/wfm/peak-slots', {
      kind: 'peak',
      title: '周二晚高峰',
      start: WS + DAY + 19 * H,
      end: WS + DAY + 21 * H,
      capacity: 1,
      bonus: 5,
    });
    assert.equal(slot.status, 200);
    assert.equal((await a2.req('POST', `/api/wfm/peak-slots/${slot.body.id}/subscribe`)).status, 200);
    assert.equal((await a1.req('POST', `/api/wfm/peak-slots/${slot.body.id}/subscribe`)).status, 200);
    assert.equal((await a1.req('POST', `/api/wfm/peak-slots/${slot.body.id}/subscribe`)).status, 409);
    const seen = (await a1.req('GET', '/api/wfm/peak-slots')).body[0];
    assert.deepEqual(
      seen.requests.map((r: any) => r.agent_id),
      [org.agents.a1],
    ); // not a2's
    const conf = await wfm.req('POST', `/api/wfm/peak-slots/${slot.body.id}/confirm`);
    assert.equal(conf.status, 200, JSON.stringify(conf.body));
    assert.deepEqual(
      conf.body.awarded.map((a: any) => Number(a.agentId)),
      [org.agents.a2],
    ); // a2 asked first
    const a2week = (await a2.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts;
    assert.ok(a2week.some((s: any) => s.kind === 'peak' && s.start === WS + DAY + 19 * H));
    // points: default rule 10 per peak slot + the slot's 5 bonus
    const pts = (await a2.req('GET', '/api/wfm/points')).body;
    assert.deepEqual(
      pts.balances.map((b: any) => [Number(b.agentId), b.balance]),
      [[org.agents.a2, 15]],
    );
    assert.equal((await a2.req('POST', '/api/wfm/redemptions', { points: 20, kind: 'gift', note: '电影票' })).body.field, 'points');
    const red = await a2.req('POST', '/api/wfm/redemptions', { points: 12, kind: 'leave', note: '半天假' });
    assert.equal(red.status, 200);
    assert.equal((await wfm.req('POST', `/api/wfm/redemptions/${red.body.id}/decide`, { approve: true })).status, 200);
    assert.deepEqual(
      (await a2.req('GET', '/api/wfm/points')).body.balances.map((b: any) => [b.earned, b.redeemed, b.balance]),
      [[15, 12, 3]],
    );
    assert.equal((await a1.req('GET', '/api/wfm/points')).body.balances.length, 0);

    // adherence: a1 follows the Monday schedule except the first 10 minutes (logged out)
    const mon = (await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts.find((s: any) => s.day === 0 && s.kind === 'shift');
    if (mon) {
      const stateOf: Record<string, string> = { phone: 'available', meal: 'notReady:meal', break: 'notReady:break' };
      const segs = mon.activities.map((a: any) => ({ agentId: org.agents.a1, start: a.start, end: a.end, state: stateOf[a.kind] }));
      segs[0].start += 600_000;
      segs.unshift({ agentId: org.agents.a1, start: mon.start, end: mon.start + 600_000, state: 'loggedOut' });
      assert.equal((await wfm.req('POST', '/api/wfm/state-segments', { segments: segs })).status, 200);
      // move to Monday 21:00 in two steps (sessions expire after 8 h without use): Monday's shifts are over
      clock = WS + 14 * H;
      await wfm.req('GET', '/api/wfm/templates');
      await lead.req('GET', '/api/wfm/swaps');
      clock = WS + 21 * H;
      const adh = (await wfm.req('GET', '/api/wfm/adherence?date=2026-11-02&graceS=0')).body;
      assert.ok(adh.agents, JSON.stringify(adh));
      const row = adh.agents.find((r: any) => Number(r.agentId) === org.agents.a1);
      const scheduledS = mon.activities.reduce((s: number, a: any) => s + (a.end - a.start) / 1000, 0);
      assert.equal(row.scheduledS, scheduledS);
      assert.equal(row.inAdherenceS, scheduledS - 600);
      assert.ok(adh.outOfAdherence.some((o: any) => Number(o.agentId) === org.agents.a1 && o.start === mon.start && o.end === mon.start + 600_000));
      // the lead of team A sees team A only
      const leadView = (await lead.req('GET', '/api/wfm/adherence?date=2026-11-02')).body;
      assert.ok(leadView.agents.every((r: any) => r.teamId === org.teamA));
    }
  } finally {
    await app.close();
  }
  void t;
});
