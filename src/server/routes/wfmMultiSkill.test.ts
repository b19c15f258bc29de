/**
 * Multi-skill planning over HTTP (issue 15): skill levels saved with the contract (a level for a skill the agent
 * lacks, or outside 1..5, is refused naming the field, nothing stored), the plan of a week for two queues from their
 * forecasts with Erlang C per queue beside it, and who may ask (planners only; another center's forecast is absent).
 * The plan is a background run: the request answers its id, the run shows progress, then the stored draft (shifts
 * with their queues, SL per queue in the summary) is published the single-skill way and the agent reads their shifts.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { signIn, testApp, testPasswordHash } from '../testing';
import { createCenter, createUser } from '../../store/org';
import { getRequirement } from '../../store/wfm/schedules';
import { waitForSolve } from './wfm';

const H = 3_600_000;
// Monday 2026-11-02 00:00 in Asia/Shanghai (UTC+8) = 2026-11-01 16:00 UTC
const WEEK = '2026-11-02';
const WS = Date.UTC(2026, 10, 1, 16);
const HALF = 30 * 60_000;
// four weeks of history: 2 calls in every half hour, AHT 200 s (seasonal naive repeats it)
const HISTORY = Array.from({ length: 4 * 7 * 48 }, (_, k) => ({ ts: WS - 4 * 7 * 24 * H + k * HALF, offered: 2, aht: 200 }));
const tpl = {
  id: 'D8',
  spanMin: 540,
  startEarliestMin: 8 * 60,
  startLatestMin: 10 * 60,
  startStepMin: 60,
  breaks: [{ kind: 'meal', durationMin: 60, paid: false, earliestStartMin: 180, latestStartMin: 300 }],
};
const contract = { minHoursWeek: 16, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 7 * 60, latestStartMin: 14 * 60, minRestHours: 11 };

forEachDatabase('multi-skill: skill levels on the contract, the week planned for two queues with SL per queue from the simulation', async (t, store) => {
  const clock = WS + 12 * H;
  const { app, org, as } = await testApp(store, { now: () => clock });
  try {
    const wfm = await as('wfm');
    const a1 = await as('a1');
    assert.equal((await wfm.req('PUT', '/api/wfm/templates', tpl)).status, 200);

    // levels: a1 serves both queues (billing at 5), a2 general only, b1 billing only (no levels: read as 3)
    const put = (id: number, body: object) => wfm.req('PUT', `/api/wfm/contracts/${id}`, { contract, ...body });
    assert.equal((await put(org.agents.a1, { skills: ['general', 'billing'], skillLevels: { billing: 5 } })).status, 200);
    assert.equal((await put(org.agents.a2, { skills: ['general'] })).status, 200);
    assert.equal((await put(org.agents.b1, { skills: ['billing'] })).status, 200);
    const noSkill = await put(org.agents.a2, { skills: ['general'], skillLevels: { tech: 4 } });
    assert.equal(noSkill.status, 400);
    assert.equal(noSkill.body.field, 'skillLevels.tech');
    assert.equal(noSkill.body.reason, 'wfm.levelWithoutSkill');
    const tooHigh = await put(org.agents.a1, { skills: ['general', 'billing'], skillLevels: { billing: 7 } });
    assert.equal(tooHigh.status, 400);
    assert.equal(tooHigh.body.field, 'skillLevels.billing');
    assert.equal(tooHigh.body.reason, 'input.between');
    const stored = (await wfm.req('GET', '/api/wfm/contracts')).body;
    assert.deepEqual(stored.find((c: any) => c.agentId === org.agents.a1).skillLevels, { billing: 5 });
    assert.deepEqual(stored.find((c: any) => c.agentId === org.agents.a2).skillLevels, {});

    const forecast = async (queue: string) => {
      assert.equal((await wfm.req('POST', '/api/wfm/history', { queue, intervalMin: 30, rows: HISTORY })).status, 200);
      const f = await wfm.req('POST', '/api/wfm/forecasts', { queue, intervalMin: 30, model: 'seasonalNaive', weeksAhead: 1 });
      assert.equal(f.status, 200, JSON.stringify(f.body));
      return f.body.id as number;
    };
    const general = await forecast('general');
    const billing = await forecast('billing');

    // per-queue requirements: each from its queue's forecast (2 calls per 30 min at 200 s: 2 agents by Erlang C, worked
    // below), kept beside the total (their sum, 4); the list names the queues
    const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, queueForecastIds: [general, billing], targetSl: 0.8, thresholdS: 20 });
    assert.equal(req.status, 200, JSON.stringify(req.body));
    const curve = await getRequirement(store.db, req.body.id);
    assert.ok(curve.required.length === 672 && curve.required.every((v) => v === 4));
    assert.deepEqual(Object.keys(curve.byQueue ?? {}), ['general', 'billing']);
    assert.ok(curve.byQueue!.general!.every((v) => v === 2) && curve.byQueue!.billing!.every((v) => v === 2));
    assert.deepEqual((await wfm.req('GET', '/api/wfm/requirements')).body[0].queues, ['general', 'billing']);

    // agents and team leads may not plan; the same queue twice is refused naming the second forecast
    assert.equal((await a1.req('POST', '/api/wfm/multi-skill/plan', { weekStart: WEEK, forecastIds: [general] })).status, 403);
    const lead = await as('team_lead');
    assert.equal((await lead.req('POST', '/api/wfm/multi-skill/plan', { weekStart: WEEK, forecastIds: [general] })).status, 403);
    const twice = await wfm.req('POST', '/api/wfm/multi-skill/plan', { weekStart: WEEK, forecastIds: [general, general] });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.field, 'forecastIds[1]');
    assert.equal(twice.body.reason, 'wfm.queueTwice');

    const plan = await wfm.req('POST', '/api/wfm/multi-skill/plan', {
      weekStart: WEEK,
      forecastIds: [general, billing],
      slTarget: 0.8,
      thresholdS: 20,
      timeLimitS: 3,
    });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    const runId = plan.body.id as number;
    // answered before the solve ends: the run is running (or just finished) and says where it is
    const early = (await wfm.req('GET', `/api/wfm/schedule-runs/${runId}`)).body;
    assert.ok(['running', 'done'].includes(early.run.status), early.run.status);
    assert.equal(typeof early.run.progress.phase, 'string');
    // its requirement is stored pending (zeros until the plan fills it): a single-skill run on it is refused, nothing stored
    const pendingReq = early.run.requirement_id as number;
    const listedPending = (await wfm.req('GET', '/api/wfm/requirements')).body.find((q: any) => q.id === pendingReq);
    const runsBefore = (await wfm.req('GET', '/api/wfm/schedule-runs')).body.length;
    if (early.run.status === 'running') {
      assert.equal(listedPending.pending, true);
      const onPending = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: WEEK, requirementId: pendingReq, timeLimitS: 3 });
      assert.equal(onPending.status, 409, JSON.stringify(onPending.body));
      assert.equal(onPending.body.reason, 'wfm.requirementPending');
      assert.deepEqual(onPending.body.params, { requirementId: pendingReq, runId, weekStart: WEEK });
      assert.equal((await wfm.req('GET', '/api/wfm/schedule-runs')).body.length, runsBefore);
    }
    await waitForSolve(runId);
    // filled: no longer pending
    assert.equal((await wfm.req('GET', '/api/wfm/requirements')).body.find((q: any) => q.id === pendingReq).pending, false);
    const view = await wfm.req('GET', `/api/wfm/schedule-runs/${runId}`);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.run.status, 'done', view.body.run.error);
    const r = view.body.run.summary.multiSkill;
    assert.deepEqual(
      r.queues.map((q: any) => q.queue),
      ['general', 'billing'],
    );
    // Erlang C alone, by hand: 4 calls an hour × 200 s = 0.222 Erl. One agent: P(wait) = 0.222,
    // SL = 1 − 0.222·e^(−(0.005 − 0.00111)·20) = 1 − 0.222·0.9252 = 0.794 < 0.8, so 2 agents in each of the 168 hours
    for (const q of r.queues) assert.equal(q.erlangAgentHours, 2 * 168);
    assert.equal(r.erlangAgentHours, 2 * 2 * 168);
    // 2 calls per half hour for 336 half hours = 672 expected per queue (Poisson: s.d. 26; we allow 4 s.d.)
    for (const q of r.queues) {
      assert.ok(Math.abs(q.offered - 672) < 104, `${q.queue} offered ${q.offered}`);
      assert.ok(q.serviceLevel >= 0 && q.serviceLevel <= 1);
    }
    // three skill groups: the cross-skilled a1 (billing at 5), general-only a2, billing-only b1
    assert.deepEqual(
      r.groups.map((g: any) => [g.key, g.agents]),
      [
        ['billing:3', 1],
        ['billing:5|general:3', 1],
        ['general:3', 1],
      ],
    );
    assert.deepEqual(r.queuesWithoutAgents, []);
    // the stored draft: each shift names the queues its agent answers (a1 both, a2 general, b1 billing)
    const shifts = view.body.shifts as any[];
    assert.ok(shifts.length > 0);
    const queuesOf = (agentId: number) => [...new Set(shifts.filter((s) => s.agentId === agentId).map((s) => (s.queues ?? []).join('+')))];
    assert.deepEqual(queuesOf(org.agents.a1), ['billing+general']);
    assert.deepEqual(queuesOf(org.agents.a2), ['general']);
    assert.deepEqual(queuesOf(org.agents.b1), ['billing']);
    // the run's requirement now holds the plan's curve: what the groups were asked for, in agent-hours
    const planReq = await getRequirement(store.db, view.body.run.requirement_id);
    assert.equal(planReq.source, 'multiSkill');
    assert.equal((planReq.required.reduce((a, b) => a + b, 0) * 15) / 60, r.requiredAgentHours);
    // the agent sees nothing before publishing; the team lead may not publish; the planner does
    assert.deepEqual((await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts, []);
    assert.equal((await lead.req('POST', `/api/wfm/schedule-runs/${runId}/publish`)).status, 403);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${runId}/publish`)).status, 200);
    const mine = (await a1.req('GET', `/api/wfm/my-schedule?week=${WEEK}`)).body.shifts as any[];
    assert.deepEqual(
      mine.map((s) => s.id),
      shifts.filter((s) => s.agentId === org.agents.a1).map((s) => s.id),
    );
    assert.ok(mine.length > 0 && mine.every((s) => s.agentId === org.agents.a1 && s.queues.join('+') === 'billing+general'));

    // another center's planner: our forecasts are absent to them
    const c2 = await createCenter(store.db, '第二中心', 'Asia/Shanghai', clock);
    await createUser(store.db, { username: 'wfm2', displayName: 'wfm2', passwordHash: await testPasswordHash(), roles: ['wfm'], centerId: c2 }, clock);
    const wfm2 = await signIn(app, 'wfm2');
    assert.equal((await wfm2.req('POST', '/api/wfm/multi-skill/plan', { weekStart: WEEK, forecastIds: [general] })).status, 404);
  } finally {
    await app.close();
  }
});
