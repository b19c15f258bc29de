/**
 * Reads that used to ignore the center (issue 12): the WFM forecast history (`queueIntervals`), the
 * agent state timelines adherence reads (`liveAgentSegments` / `stateSegments`), the points ledger and
 * redemptions, the QA-call sync and the survey call lookup. Two centers share a queue name ('general')
 * and a call id ('x1', one row per center in qa_calls); agent codes are unique in the database (agents.ext_code), so center B's agent
 * code also shows up in events stored for center A (a mis-routed feed) that B must not see.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../core/events';
import { forEachDatabase } from './testing';
import { createAgent, createCenter, createTeam } from './org';
import { storeEvents } from './live/ingest';
import { queueIntervals } from './live/reports';
import { addLedger, ledger, listRedemptions, pointsBalances, requestRedemption, stateSegments } from './wfm/floor';
import { callFacts } from './surveys';
import { findCall } from './quality/calls';

const T0 = Date.UTC(2026, 2, 2, 1); // 09:00 in Shanghai
const M = 60_000;
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `cr${++n}`, ts, type, ...f });

forEachDatabase('two centers: forecast history, agent states, points, QA calls and survey lookups each read only their own center', async (_t, store) => {
  const db = store.db;
  const a = await createCenter(db, 'A', 'Asia/Shanghai', T0);
  const b = await createCenter(db, 'B', 'Asia/Shanghai', T0);
  const ta = await createTeam(db, { centerId: a, name: 'ta', leadUserId: null }, T0);
  const tb = await createTeam(db, { centerId: b, name: 'tb', leadUserId: null }, T0);
  const agent = (centerId: number, teamId: number, code: string) =>
    createAgent(db, { centerId, teamId, employeeNo: code, name: code, hireDate: '2020-01-01', skillLevel: 'junior', extCode: code, queues: ['general'] }, T0);
  const a1 = await agent(a, ta, 'A1');
  const b1 = await agent(b, tb, 'B1');

  // center A: 3 calls in 'general' at 09:00–09:15, each 60 s talk; A1 logs in and becomes ready
  const evA: CallFloorEvent[] = [ev(T0 - 10 * M, 'agent.login', { agent: 'A1' }), ev(T0 - 9 * M, 'agent.ready', { agent: 'A1' })];
  for (let i = 0; i < 3; i++) {
    const t = T0 + i * 2 * M;
    const call = i === 0 ? 'x1' : `a${i}`;
    evA.push(ev(t, 'call.enqueued', { queue: 'general', callId: call }));
    evA.push(ev(t + 10_000, 'call.connected', { queue: 'general', callId: call, agent: 'A1', waitS: 10 }));
    evA.push(ev(t + 70_000, 'call.ended', { queue: 'general', callId: call, agent: 'A1' }));
  }
  // a mis-routed feed: B1's code in A's events (B1 would be 'notReady' from 09:00 if A's events counted for B)
  evA.push(ev(T0, 'agent.login', { agent: 'B1' }), ev(T0 + M, 'agent.notReady', { agent: 'B1', reason: 'break' }));
  await storeEvents(store, evA, { centerId: a });
  // center B: 1 call in its own 'general' (and its own call x1), answered by B1 who is ready from 08:50
  await storeEvents(
    store,
    [
      ev(T0 - 10 * M, 'agent.login', { agent: 'B1' }),
      ev(T0 - 10 * M + 1000, 'agent.ready', { agent: 'B1' }),
      ev(T0 + 5 * M, 'call.enqueued', { queue: 'general', callId: 'x1' }),
      ev(T0 + 5 * M + 20_000, 'call.connected', { queue: 'general', callId: 'x1', agent: 'B1', waitS: 20 }),
      ev(T0 + 5 * M + 140_000, 'call.ended', { queue: 'general', callId: 'x1', agent: 'B1' }),
    ],
    { centerId: b },
  );

  // forecast history: A offered and answered 3, B 1 — both in the 09:00 half hour of a queue named 'general'
  const hist = async (centerId: number) =>
    (await queueIntervals(db, { centerId, queue: 'general', intervalMin: 30, from: T0 - 60 * M, to: T0 + 60 * M, tzOffsetMin: 480 })).map((r) => [
      r.intervalStart,
      r.offered,
      r.answered,
    ]);
  assert.deepEqual(await hist(a), [[T0, 3, 3]]);
  assert.deepEqual(await hist(b), [[T0, 1, 1]]);

  // agent states for adherence: B1 in center B is available from 08:50 until talking at 09:05:20 — A's mis-routed events do not count
  const segs = (await stateSegments(db, { kind: 'all', centerId: b }, T0, T0 + 4 * M)).map((s) => [s.agentId, s.state, s.start, s.end]);
  assert.deepEqual(segs, [[String(b1), 'available', T0, T0 + 4 * M]]);
  // center A's scope sees its own agent only (B1's code is not A's agent)
  const segsA = await stateSegments(db, { kind: 'all', centerId: a }, T0, T0 + 4 * M);
  assert.deepEqual([...new Set(segsA.map((s) => s.agentId))], [String(a1)]);

  // points: each center's planners see their own agents' ledger, balances and redemptions
  await addLedger(
    db,
    [
      { agentId: String(a1), points: 10, ts: T0, reason: 'peak' },
      { agentId: String(b1), points: 7, ts: T0, reason: 'peak' },
    ],
    null,
  );
  await requestRedemption(db, b1, 5, 'gift', 'tea', T0, null);
  assert.deepEqual(
    (await ledger(db, { kind: 'all', centerId: a })).map((e) => [e.agentId, e.points]),
    [[String(a1), 10]],
  );
  assert.deepEqual(
    (await pointsBalances(db, { kind: 'all', centerId: b })).map((x) => [x.agentId, x.balance]),
    [[String(b1), 7]],
  );
  assert.equal((await listRedemptions(db, { kind: 'all', centerId: a })).length, 0);
  assert.equal((await listRedemptions(db, { kind: 'all', centerId: b })).length, 1);
  assert.equal((await listRedemptions(db, { kind: 'teams', teamIds: [ta], centerId: a })).length, 0);

  // QA calls: the key is (center, id), so each center's x1 is a row of its own with its own agent and
  // talk time — A's 60 s by A1, B's 120 s by B1 — and neither overwrote the other
  const qa = await db.selectFrom('qa_calls').select(['id', 'center_id', 'agent_id', 'duration_s']).orderBy('center_id').orderBy('id').execute();
  const x1 = qa.filter((r) => r.id === 'x1');
  assert.deepEqual(
    x1.map((r) => [r.center_id, r.agent_id, r.duration_s]),
    [
      [a, a1, 60],
      [b, b1, 120],
    ],
  );
  assert.equal((await findCall(db, a, 'x1'))?.agent_id, a1);
  assert.equal((await findCall(db, b, 'x1'))?.agent_id, b1);
  assert.deepEqual(
    qa.filter((r) => r.center_id === a).map((r) => [r.id, r.agent_id, r.duration_s]),
    [
      ['a1', a1, 60],
      ['a2', a1, 60],
      ['x1', a1, 60],
    ],
  );

  // surveys: call x1 was served by A1 in A and by B1 in B
  assert.equal((await callFacts(db, a, ['x1'])).get('x1')?.agent, 'A1');
  assert.equal((await callFacts(db, b, ['x1'])).get('x1')?.agent, 'B1');
});
