/**
 * Intraday re-optimisation (issue 15). Three agents (a1, a2 of team A, b1 of team B) each work Monday
 * 09:00–17:00 with one 15-min break that may start 10:00–11:30; the published requirement is 2 agents
 * 09:00–13:00 and 15:00–17:00, 1 agent 13:00–15:00 and 17:00–17:30. All three breaks are put at 10:00.
 * Every figure below is worked out by hand from that (see the comments).
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { waitForSolve } from './wfm';

// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC.
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;
const M = 60_000;
const at = (h: number, m = 0) => WS + h * H + m * M;
const day = {
  id: 'D8',
  spanMin: 480,
  startEarliestMin: 540,
  startLatestMin: 540,
  startStepMin: 60,
  breaks: [{ kind: 'break', durationMin: 15, paid: true, earliestStartMin: 60, latestStartMin: 150 }],
  days: [0],
};
const contract = { minHoursWeek: 8, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 540, latestStartMin: 540, minRestHours: 11 };
// 15-min intervals from Monday 00:00: 09:00 = 36, 13:00 = 52, 15:00 = 60, 17:00 = 68, 17:30 = 70
const required = Array.from({ length: 672 }, (_, k) => (k >= 36 && k < 52 ? 2 : k >= 52 && k < 60 ? 1 : k >= 60 && k < 68 ? 2 : k >= 68 && k < 70 ? 1 : 0));

forEachDatabase('intraday: break moves, overtime and VTO offers pushed, first come first served, scoped to the caller', async (t, store) => {
  let clock = WS + 7 * H; // Monday 07:00: planned and published before the day begins
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    const lead = await as('team_lead');
    const a1 = await as('a1');
    const a2 = await as('a2');
    const b1 = await as('b1');
    assert.equal((await wfm.req('PUT', '/api/wfm/templates', day)).status, 200);
    for (const id of Object.values(org.agents)) assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${id}`, { contract })).status, 200);
    const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-02', required });
    const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: req.body.id, timeLimitS: 3 });
    await waitForSolve(run.body.id);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${run.body.id}/publish`)).status, 200);
    // every break at 10:00 (the optimiser's own placement is not what this test is about)
    await store.db
      .updateTable('wfm_shifts')
      .set({
        activities: JSON.stringify([
          { kind: 'phone', start: at(9), end: at(10), paid: true },
          { kind: 'break', start: at(10), end: at(10, 15), paid: true },
          { kind: 'phone', start: at(10, 15), end: at(17), paid: true },
        ]),
      })
      .where('run_id', '=', run.body.id)
      .execute();
    const shiftIds = (await store.db.selectFrom('wfm_shifts').select(['id', 'agent_id']).where('run_id', '=', run.body.id).orderBy('id').execute()).map(
      (s) => s.id,
    );
    assert.equal(shiftIds.length, 3);

    clock = at(8); // Monday 08:00: the whole working day is ahead
    const plan = async (c = wfm) => c.req('GET', '/api/wfm/intraday/plan?date=2026-11-02');
    const pr = await plan();
    assert.equal(pr.status, 200, JSON.stringify(pr.body));
    const p = pr.body;
    assert.deepEqual([p.published, p.source, p.intervalMin], [true, 'plan', 15]);
    const iv = (ts: number) => p.intervals.find((x: { ts: number }) => x.ts === ts);
    // 10:00: 2 needed, all 3 on break → 0; after the moves 2 (a third break stays at 10:00)
    assert.deepEqual([iv(at(10)).required, iv(at(10)).planned, iv(at(10)).afterBreaks], [2, 0, 2]);
    // the first shift's break: 10:15 (nearest start that lowers the shortfall, 10:15 keeps 2 of 3);
    // the second's: 10:15 would leave 10:15 short, so 10:30; the third's: nothing is short any more, it stays
    assert.deepEqual(
      p.breakMoves.map((m: { shiftId: number; fromStart: number; toStart: number }) => [m.shiftId, m.fromStart, m.toStart]),
      [
        [shiftIds[0], at(10), at(10, 15)],
        [shiftIds[1], at(10), at(10, 30)],
      ],
    );
    // short: 10:00 by 2 (30 agent-min) and 17:00–17:30 by 1 (30 agent-min) = 60; after breaks and overtime: 0
    assert.deepEqual([p.shortBeforeMin, p.shortAfterMin], [60, 0]);
    const kinds = p.proposals.map((o: { kind: string; start: number; end: number; capacity: number; agents: unknown[] }) => [
      o.kind,
      o.start,
      o.end,
      o.capacity,
      o.agents.length,
    ]);
    // overtime 17:00–17:30 for 1 of the 3 (each ends at 17:00 with 8 of 40 h); VTO 13:00–15:00 for 2 (3 on, 1 needed: 2 spare ≥ the default 2)
    assert.deepEqual(kinds, [
      ['overtime', at(17), at(17, 30), 1, 3],
      ['vto', at(13), at(15), 2, 3],
    ]);
    // the team lead of team A sees the proposal for a1 and a2 only; an agent sees no plan
    const lp = (await plan(lead)).body;
    assert.deepEqual(lp.proposals[0].agents.map((a: { agentId: number }) => a.agentId).sort(), [org.agents.a1, org.agents.a2].sort());
    assert.equal((await plan(a1)).status, 403);

    // a move outside the window is refused by its field and nothing is written
    const bad = await wfm.req('POST', '/api/wfm/intraday/breaks', {
      date: '2026-11-02',
      moves: [{ shiftId: shiftIds[0], fromStart: at(10), toStart: at(12) }],
    });
    assert.deepEqual([bad.status, bad.body.field, bad.body.reason], [400, 'moves[0].toStart', 'wfm.breakMoveRefused']);
    // the lead may not move team B's break
    const b1Shift = (await store.db.selectFrom('wfm_shifts').select('id').where('agent_id', '=', org.agents.b1).executeTakeFirstOrThrow()).id;
    const other = await lead.req('POST', '/api/wfm/intraday/breaks', { date: '2026-11-02', moves: [{ shiftId: b1Shift, fromStart: at(10), toStart: at(11) }] });
    assert.equal(other.status, 404);
    const ok = await wfm.req('POST', '/api/wfm/intraday/breaks', {
      date: '2026-11-02',
      moves: p.breakMoves.map((m: { shiftId: number; fromStart: number; toStart: number }) => ({
        shiftId: m.shiftId,
        fromStart: m.fromStart,
        toStart: m.toStart,
      })),
    });
    assert.deepEqual([ok.status, ok.body.moved], [200, 2]);
    const p2 = (await plan()).body;
    assert.deepEqual(p2.breakMoves, []);
    assert.equal(p2.intervals.find((x: { ts: number }) => x.ts === at(10)).planned, 2);
    assert.equal(p2.shortBeforeMin, 30); // only 17:00–17:30 is left

    // push both offers; the three agents hear of them on the bell
    const push = await wfm.req('POST', '/api/wfm/intraday/offers', {
      date: '2026-11-02',
      offers: [
        { kind: 'overtime', start: at(17), end: at(17, 30), capacity: 1 },
        { kind: 'vto', start: at(13), end: at(15), capacity: 2 },
      ],
    });
    assert.equal(push.status, 200, JSON.stringify(push.body));
    const [otId, vtoId] = push.body.ids;
    const too = await wfm.req('POST', '/api/wfm/intraday/offers', { date: '2026-11-02', offers: [{ kind: 'vto', start: at(13), end: at(15), capacity: 3 }] });
    assert.deepEqual([too.status, too.body.field], [400, 'offers[0].capacity']);
    const bell = (await a1.req('GET', '/api/notifications')).body.items.map((n: { kind: string }) => n.kind);
    assert.ok(bell.includes('wfm.overtimeOffer') && bell.includes('wfm.vtoOffer'), bell.join());
    assert.equal((await a1.req('GET', '/api/wfm/intraday/my-offers')).body.length, 2);

    // first come, first served: a1 takes the one overtime place, a2 is too late
    assert.equal((await a1.req('POST', `/api/wfm/intraday/offers/${otId}/answer`, { accept: true })).status, 200);
    const late = await a2.req('POST', `/api/wfm/intraday/offers/${otId}/answer`, { accept: true });
    assert.deepEqual([late.status, late.body.reason], [409, 'wfm.offerFull']);
    const a1Shift = await store.db.selectFrom('wfm_shifts').selectAll().where('agent_id', '=', org.agents.a1).executeTakeFirstOrThrow();
    assert.deepEqual([Number(a1Shift.end_ts), a1Shift.paid_hours], [at(17, 30), 8.5]); // 8 h + 30 min
    // b1 takes VTO: 13:00–15:00 becomes an unpaid gap, 6 paid hours left
    assert.equal((await b1.req('POST', `/api/wfm/intraday/offers/${vtoId}/answer`, { accept: true })).status, 200);
    const b1Row = await store.db.selectFrom('wfm_shifts').selectAll().where('agent_id', '=', org.agents.b1).executeTakeFirstOrThrow();
    assert.equal(b1Row.paid_hours, 6);
    assert.ok(JSON.parse(b1Row.activities).some((x: { kind: string; start: number }) => x.kind === 'vto' && x.start === at(13)));
    const twice = await b1.req('POST', `/api/wfm/intraday/offers/${vtoId}/answer`, { accept: false });
    assert.deepEqual([twice.status, twice.body.reason], [409, 'wfm.offerAnswered']);
    // a2 declines the VTO; a lead cannot answer; the planner sees every answer
    assert.equal((await a2.req('POST', `/api/wfm/intraday/offers/${vtoId}/answer`, { accept: false })).status, 200);
    assert.equal((await lead.req('POST', `/api/wfm/intraday/offers/${vtoId}/answer`, { accept: true })).status, 403);
    const offers = (await plan()).body.offers;
    assert.deepEqual(
      offers.map((o: { kind: string; taken: number; agents: { status: string }[] }) => [o.kind, o.taken, o.agents.map((a) => a.status).sort()]),
      [
        ['vto', 1, ['accepted', 'declined', 'offered']],
        ['overtime', 1, ['accepted', 'offered', 'offered']],
      ],
    );

    // the center's setting: defaults until changed; a bad bound is refused by its field and nothing changes
    assert.deepEqual((await lead.req('GET', '/api/wfm/intraday/settings')).body, { vtoMinOver: 2, maxOvertimeMin: 120, maxVtoMin: 120, rtaGraceMin: 5 });
    const set = { vtoMinOver: 1, maxOvertimeMin: 60, maxVtoMin: 60, rtaGraceMin: 3 };
    const badSet = await wfm.req('PUT', '/api/wfm/intraday/settings', { ...set, rtaGraceMin: -1 });
    assert.deepEqual([badSet.status, badSet.body.field], [400, 'body.rtaGraceMin']);
    assert.equal((await lead.req('PUT', '/api/wfm/intraday/settings', set)).status, 403);
    assert.equal((await wfm.req('PUT', '/api/wfm/intraday/settings', set)).status, 200);
    assert.deepEqual((await wfm.req('GET', '/api/wfm/intraday/settings')).body, set);
  } finally {
    await app.close();
  }
});
