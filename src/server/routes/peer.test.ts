/**
 * Peer help (issue 17) through the API on both databases: pairs and their follow-ups by role, a squad leader
 * acting on their squad and refused outside it, shadowing booked into the listener's published shift (the
 * schedule's phone coverage drops by one for its half hour) and refused outside shifts, over breaks and on leave.
 */
import assert from 'node:assert/strict';
import { forEachDatabase, publishedTestRun, testShiftRow } from '../../store/testing';
import { testApp } from '../testing';
import { storeEvents } from '../../store/live/ingest';
import { eventMakers, oneCallSession } from './facts.fixtures';

const H = 3600_000;
// Asia/Shanghai (UTC+8); 2026-11-02 is a Monday
const at = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`) - 8 * H;
const D = '2026-11-02';

forEachDatabase('peer help: pairs, follow-ups and squads by role; a squad leader acts on their squad only', async (_t, store) => {
  const { org, as, app } = await testApp(store, { now: () => at(D, '08:00') });
  try {
    const lead = await as('team_lead'); // leads team A: a1 李娜, a2 王芳; b1 张伟 is in team B
    const manager = await as('center_manager');
    const [a1, a2, b1] = [await as('a1'), await as('a2'), await as('b1')];
    const { a1: A1, a2: A2, b1: B1 } = org.agents;
    const pair = (leaderAgentId: number, memberIds: number[]) => ({
      kind: 'pair',
      title: '一帮一',
      leaderAgentId,
      memberIds,
      goal: '把平均处理时长降到 300 秒以内',
      kpi: 'aht',
      kpiTarget: 300,
      startDate: '2026-11-01',
      endDate: '2026-11-30',
    });

    // the lead pairs a1 (mentor) with a2; the figures compare October with November
    const made = await lead.req('POST', '/api/peer/plans', pair(A1, [A2]));
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const planId = made.body.plan.id as number;
    assert.deepEqual(made.body.months, { before: '2026-10', during: '2026-11' });
    assert.equal(made.body.figures.length, 1);
    assert.equal(made.body.figures[0].agentId, A2);
    assert.equal(made.body.figures[0].kpis[0].kpi, 'aht'); // the plan's KPI first
    assert.equal(made.body.canEdit, true);
    // the mentor and the mentee each hear of it on their bell
    for (const c of [a1, a2]) {
      const told = (await c.req('GET', '/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'peer.planMade');
      assert.equal(told.length, 1, JSON.stringify((await c.req('GET', '/api/notifications')).body));
      assert.equal(told[0].data.title, '一帮一');
    }
    assert.equal((await b1.req('GET', '/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'peer.planMade').length, 0);

    // refusals name the field; nothing is stored
    const other = await lead.req('POST', '/api/peer/plans', pair(A1, [B1]));
    assert.equal(other.status, 403);
    assert.equal(other.body.reason, 'people.agentNotVisible');
    const two = await lead.req('POST', '/api/peer/plans', pair(A1, [A2, B1]));
    assert.equal(two.status, 400);
    assert.equal(two.body.reason, 'peer.pairOneMentee');
    const backwards = await lead.req('POST', '/api/peer/plans', { ...pair(A1, [A2]), endDate: '2026-10-01' });
    assert.equal(backwards.body.field, 'body.endDate');
    assert.equal((await lead.req('GET', '/api/peer/plans')).body.length, 1);

    // agents see the plans they are in; another team's agent sees none and gets 404 for it
    assert.equal((await a2.req('GET', '/api/peer/plans')).body.length, 1);
    assert.equal((await b1.req('GET', '/api/peer/plans')).body.length, 0);
    assert.equal((await b1.req('GET', `/api/peer/plans/${planId}`)).status, 404);
    // the mentee does not write follow-ups; the mentor and the lead do (listed by date)
    const selfNote = await a2.req('POST', `/api/peer/plans/${planId}/follow-ups`, { date: '2026-11-05', note: '我自己写' });
    assert.equal(selfNote.status, 403);
    assert.equal(selfNote.body.reason, 'peer.notYourPlan');
    assert.equal((await a1.req('POST', `/api/peer/plans/${planId}/follow-ups`, { date: '2026-11-09', note: '陪听两通投诉电话' })).status, 200);
    const led = await lead.req('POST', `/api/peer/plans/${planId}/follow-ups`, { date: '2026-11-06', note: '第一周：话术卡已给' });
    assert.deepEqual(
      led.body.followUps.map((f: { date: string }) => f.date),
      ['2026-11-06', '2026-11-09'],
    );
    assert.equal(led.body.plan.followUps, 2);

    // squads: a squad is part of one of the lead's teams
    const bad = await lead.req('PUT', '/api/peer/squads', { teamId: org.teamA, leaderAgentId: A1, name: '一小队', memberIds: [A2, B1] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'body.memberIds.1');
    assert.equal(bad.body.reason, 'peer.notInTeam');
    assert.equal((await lead.req('PUT', '/api/peer/squads', { teamId: org.teamB, leaderAgentId: B1, name: 'B', memberIds: [B1] })).status, 403);
    const squad = await lead.req('PUT', '/api/peer/squads', { teamId: org.teamA, leaderAgentId: A1, name: '一小队', memberIds: [A2] });
    assert.equal(squad.status, 200);
    const squadId = squad.body.id as number;

    // the manager pairs b1 (mentor, team B) with a2, and a2 (mentor) with b1
    const p2 = (await manager.req('POST', '/api/peer/plans', pair(B1, [A2]))).body.plan.id as number;
    const p3 = (await manager.req('POST', '/api/peer/plans', pair(A2, [B1]))).body.plan.id as number;
    // the squad leader a1 reaches both (a2 is in their squad) and writes a follow-up where their squad's agent is the mentee…
    const reach = (await a1.req('GET', '/api/peer/plans')).body.map((p: { id: number }) => p.id).sort();
    assert.deepEqual(reach, [planId, p2, p3].sort());
    assert.equal((await a1.req('POST', `/api/peer/plans/${p2}/follow-ups`, { date: '2026-11-10', note: '小队长跟进' })).status, 200);
    // …but not for b1, who is outside the squad (403), and a plan wholly outside the squad is as absent (404)
    const outside = await a1.req('POST', `/api/peer/plans/${p3}/follow-ups`, { date: '2026-11-10', note: '越权' });
    assert.equal(outside.status, 403);
    assert.equal(outside.body.reason, 'peer.notYourPlan');
    const p4 = (await manager.req('POST', '/api/peer/plans', { ...pair(B1, [A1]), kind: 'group', memberIds: [A1] })).body.plan.id as number;
    assert.equal((await b1.req('GET', `/api/peer/plans/${p4}`)).status, 200);
    // the squad leader closes nothing (a lead's decision)
    assert.equal((await a1.req('POST', `/api/peer/plans/${planId}/close`, { result: 'met' })).status, 403);

    // squad figures: the squad leader and the lead; a squad member is refused; another team's agent does not see the squad
    const figs = await a1.req('GET', `/api/peer/squads/${squadId}/figures?month=2026-11`);
    assert.equal(figs.status, 200);
    assert.deepEqual(
      figs.body.agents.map((a: { agentId: number }) => a.agentId),
      [A1, A2],
    );
    assert.equal((await lead.req('GET', `/api/peer/squads/${squadId}/figures`)).status, 200);
    const member = await a2.req('GET', `/api/peer/squads/${squadId}/figures`);
    assert.equal(member.status, 403);
    assert.equal(member.body.reason, 'peer.notSquadLeader');
    assert.equal((await b1.req('GET', `/api/peer/squads/${squadId}/figures`)).status, 404);
    // the delegation is for peer help only: elsewhere the squad leader is an agent who sees their own records
    assert.equal((await a1.req('GET', `/api/agents/${A2}`)).status, 403);

    // the lead closes the pair with its result; a closed plan takes no more follow-ups
    const closed = await lead.req('POST', `/api/peer/plans/${planId}/close`, { result: 'partly', note: '时长降了，未达标' });
    assert.equal(closed.body.plan.status, 'closed');
    assert.equal(closed.body.plan.result, 'partly');
    const late = await lead.req('POST', `/api/peer/plans/${planId}/follow-ups`, { date: '2026-12-01', note: '迟了' });
    assert.equal(late.status, 409);
    assert.equal(late.body.reason, 'peer.planClosed');
  } finally {
    await app.close();
  }
});

forEachDatabase(
  'shadowing: booked into the listener’s published shift, coverage drops, refused outside shifts, over breaks and on leave',
  async (_t, store) => {
    const { org, as, app } = await testApp(store, { now: () => at(D, '08:00') });
    try {
      const db = store.db;
      const runId = await publishedTestRun(db, org.centerId, D);
      // the run view's contract wants a phase in the run's progress
      await db
        .updateTable('wfm_schedule_runs')
        .set({ progress: JSON.stringify({ phase: 'done' }) })
        .where('id', '=', runId)
        .execute();
      const shift = (agentId: number, acts: [string, string, string][]) =>
        db
          .insertInto('wfm_shifts')
          .values(
            testShiftRow(
              runId,
              agentId,
              acts.map(([kind, s, e]) => [kind, at(D, s), at(D, e), kind !== 'meal'] as const),
              4,
            ),
          )
          .execute();
      const { a1: A1, a2: A2, b1: B1 } = org.agents;
      // a2 listens; a1 is the top agent; b1 is on leave that day
      await shift(A2, [
        ['phone', '09:00', '11:00'],
        ['break', '11:00', '11:15'],
        ['phone', '11:15', '13:00'],
      ]);
      await shift(A1, [
        ['phone', '08:00', '12:00'],
        ['meal', '12:00', '13:00'],
        ['phone', '13:00', '17:00'],
      ]);
      await shift(B1, [['phone', '09:00', '13:00']]);
      await db.insertInto('wfm_leave').values({ agent_id: B1, date: D, kind: 'annual', created_at: 0 }).execute();
      const a2 = await as('a2');
      const wfm = await as('wfm');
      const lead = await as('team_lead');
      const b1 = await as('b1');
      // phone coverage per 15 min; 10:00 local is slot 40 of the week, 10:15 slot 41, 10:30 slot 42
      const coverage = async () => ((await wfm.req('GET', `/api/wfm/schedule-runs/${runId}`)).body.coverage as number[]).slice(40, 43);
      // a1, a2, b1 are all on the phones at 10:00–10:45
      assert.deepEqual(await coverage(), [3, 3, 3]);
      const myActs = async () =>
        ((await a2.req('GET', `/api/wfm/my-schedule?week=${D}`)).body.shifts[0].activities as { kind: string; start: number; end: number }[]).map(
          (a) => `${a.kind} ${new Date(a.start + 8 * H).toISOString().slice(11, 16)}–${new Date(a.end + 8 * H).toISOString().slice(11, 16)}`,
        );
      const before = await myActs();

      const book = (topAgentId: number, s: string, e: string, extra: object = {}) =>
        a2.req('POST', '/api/peer/shadowing', { topAgentId, date: D, start: s, end: e, note: '学投诉处理', ...extra });
      const refusal = async (r: Promise<{ status: number; body: any }>) => {
        const { status, body } = await r;
        return [status, body.field, body.reason, body.params?.activity ?? body.params?.who];
      };
      // refused: over a2's break, over a1's meal, outside a2's shift, top agent on leave, for another agent, backwards
      assert.deepEqual(await refusal(book(A1, '10:45', '11:30')), [400, 'body.start', 'peer.shadowOverlapsActivity', 'break']);
      assert.deepEqual(await refusal(book(A1, '12:00', '12:30')), [400, 'body.topAgentId', 'peer.topAgentNotOnPhone', 'meal']);
      assert.deepEqual(await refusal(book(A1, '13:30', '14:00')), [400, 'body.start', 'peer.shadowOutsideShift', 'agent']);
      assert.deepEqual(await refusal(book(B1, '10:00', '10:30')), [400, 'body.topAgentId', 'peer.topAgentOnLeave', 'top']);
      assert.deepEqual((await refusal(book(A2, '10:00', '10:30', { agentId: B1 }))).slice(0, 1), [403]);
      assert.deepEqual((await refusal(book(A1, '10:30', '10:00'))).slice(0, 3), [400, 'body.end', 'peer.endBeforeStart']);
      assert.deepEqual(await myActs(), before); // nothing changed by a refusal

      const booked = await book(A1, '10:00', '10:30');
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
      assert.equal(booked.body.topAgentName, '李娜');
      // the top agent is told who listens, and when (the center's clock times)
      const a1 = await as('a1');
      const told = (await a1.req('GET', '/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'peer.shadowBooked');
      assert.deepEqual(told[0].data, { agentName: '王芳', date: D, start: '10:00', end: '10:30' });
      // the agent sees it in their schedule; the phone time is split around it
      assert.deepEqual(await myActs(), ['phone 09:00–10:00', 'shadow 10:00–10:30', 'phone 10:30–11:00', 'break 11:00–11:15', 'phone 11:15–13:00']);
      // coverage at 10:00 and 10:15 drops from 3 to 2 (a2 is listening, not taking calls); 10:30 stays 3
      assert.deepEqual(await coverage(), [2, 2, 3]);
      // a second booking over it is an overlap with the shadow activity
      assert.deepEqual(await refusal(book(A1, '10:15', '10:45')), [400, 'body.start', 'peer.shadowOverlapsActivity', 'shadow']);

      // who sees it: a2 and their lead; b1 (another team) does not, nor can cancel it
      assert.equal((await a2.req('GET', '/api/peer/shadowing')).body.length, 1);
      assert.equal((await lead.req('GET', '/api/peer/shadowing')).body.length, 1);
      assert.equal((await b1.req('GET', '/api/peer/shadowing')).body.length, 0);
      assert.equal((await b1.req('DELETE', `/api/peer/shadowing/${booked.body.id}`)).status, 404);

      // cancelling gives the phone time back in one piece and the coverage returns
      assert.equal((await a2.req('DELETE', `/api/peer/shadowing/${booked.body.id}`)).status, 200);
      assert.deepEqual(await myActs(), before);
      assert.deepEqual(await coverage(), [3, 3, 3]);
      assert.equal((await a2.req('GET', '/api/peer/shadowing')).body.length, 0);
    } finally {
      await app.close();
    }
  },
);

forEachDatabase(
  'a pair’s figures before vs during come from the facts: the mentee’s AHT 360 s in October, 240 s in November, target 300 met',
  async (_t, store) => {
    const { org, as, app } = await testApp(store, { now: () => at(D, '21:00') });
    try {
      const m = eventMakers();
      const session = oneCallSession(m);
      // a1 (A001): October 15: talk 09:30:10–09:35:10 (300 s) + after-call work to 09:36:10 (60 s) → AHT 360 s;
      // November 2: talk 09:30:10–09:33:10 (180 s) + after-call work to 09:34:10 (60 s) → AHT 240 s
      await storeEvents(store, [...session('2026-10-15', 'c-oct', '09:35:10', '09:36:10'), ...session(D, 'c-nov', '09:33:10', '09:34:10')]);
      const lead = await as('team_lead');
      const made = await lead.req('POST', '/api/peer/plans', {
        kind: 'pair',
        title: '一帮一',
        leaderAgentId: org.agents.a2,
        memberIds: [org.agents.a1],
        goal: '处理时长降到 300 秒',
        kpi: 'aht',
        kpiTarget: 300,
        startDate: '2026-11-01',
        endDate: '2026-11-30',
      });
      assert.equal(made.status, 200, JSON.stringify(made.body));
      const kpis = made.body.figures[0].kpis as { kpi: string; before: number | null; during: number | null; delta: number | null; met: boolean | null }[];
      const aht = kpis.find((k) => k.kpi === 'aht')!;
      assert.deepEqual(aht, { kpi: 'aht', before: 360, during: 240, delta: -120, met: true });
      // handled: one call each month, no target → met is null
      assert.deepEqual(
        kpis.find((k) => k.kpi === 'handled'),
        { kpi: 'handled', before: 1, during: 1, delta: 0, met: null },
      );
    } finally {
      await app.close();
    }
  },
);
