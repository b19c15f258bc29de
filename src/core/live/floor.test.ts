import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../events';
import { diagnose } from '../diagnosis';
import { LiveFloor } from './floor';

const T = (hh: number, mm: number, ss = 0, day = 15) => Date.UTC(2024, 0, day, hh, mm, ss);
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `f${++n}`, ts, type, ...f });
const skills = () => ['Q'];

test('agent states, calls today and queue now-figures from a scripted sequence', () => {
  const f = new LiveFloor({ tzOffsetMin: 0 });
  f.apply([
    ev(T(8, 0), 'agent.login', { agent: 'a1' }),
    ev(T(8, 0), 'agent.login', { agent: 'a2' }),
    ev(T(8, 1), 'call.enqueued', { callId: 'c1', queue: 'Q' }),
    ev(T(8, 1, 10), 'call.connected', { callId: 'c1', queue: 'Q', agent: 'a1' }),
    ev(T(8, 1, 10), 'agent.talking', { agent: 'a1', queue: 'Q' }),
    ev(T(8, 2), 'call.enqueued', { callId: 'c2', queue: 'Q' }),
    ev(T(8, 3), 'agent.notReady', { agent: 'a2', reason: 'break' }),
  ]);
  const a1 = f.agents.get('a1')!;
  assert.deepEqual([a1.state, a1.since, a1.callsToday, a1.callId, a1.callSince], ['talking', T(8, 1, 10), 1, 'c1', T(8, 1, 10)]);
  const a2 = f.agents.get('a2')!;
  assert.deepEqual([a2.state, a2.reason, a2.since], ['notReady', 'break', T(8, 3)]);
  const dirty = f.takeDirty();
  assert.deepEqual(dirty.agents.map((a) => a.code).sort(), ['a1', 'a2']);
  assert.equal(dirty.queuesChanged, true);
  assert.deepEqual(f.takeDirty(), { agents: [], queuesChanged: false });

  const [q] = f.queueNow(T(8, 4), skills);
  // c2 waits since 08:02 → at 08:04 that is 120 s; 2 offered, 1 answered within 20 s (10 s wait)
  assert.equal(q.waiting, 1);
  assert.equal(q.longestWaitS, 120);
  assert.deepEqual([q.offered, q.answered, q.answerRate, q.serviceLevel], [2, 1, 0.5, 0.5]);
  assert.deepEqual(q.agents, { talking: 1, notReady: 1 });

  f.apply([
    ev(T(8, 5), 'call.abandoned', { callId: 'c2', queue: 'Q' }),
    ev(T(8, 6), 'call.ended', { callId: 'c1', queue: 'Q', agent: 'a1' }),
    ev(T(8, 6), 'agent.acw', { agent: 'a1', queue: 'Q' }),
    ev(T(8, 6, 30), 'agent.ready', { agent: 'a1' }),
    // a repeated identical state changes nothing (since stays)
    ev(T(8, 6, 40), 'agent.ready', { agent: 'a1' }),
  ]);
  const [q2] = f.queueNow(T(8, 7), skills);
  // abandoned after 180 s (not short); answer rate still 1/2
  assert.deepEqual([q2.waiting, q2.longestWaitS, q2.abandoned, q2.answerRate], [0, 0, 1, 0.5]);
  assert.deepEqual(q2.agents, { ready: 1, notReady: 1 });
  assert.deepEqual([a1.state, a1.since, a1.callsToday, a1.callId], ['ready', T(8, 6, 30), 1, undefined]);
  const iv = f.intervals().filter((p) => p.queue === 'Q');
  assert.deepEqual(
    iv.map((p) => [p.intervalStart, p.offered, p.answered]),
    [[T(8, 0), 2, 1]],
  );

  // next day: today's figures start again, the agent keeps its state, calls today back to 0
  f.apply([ev(T(0, 5, 0, 16), 'call.enqueued', { callId: 'c3', queue: 'Q' })]);
  assert.equal(f.today, '2024-01-16');
  const [q3] = f.queueNow(T(0, 6, 0, 16), skills);
  assert.deepEqual([q3.offered, q3.answered, q3.waiting, q3.longestWaitS], [1, 0, 1, 60]);
  assert.deepEqual([a1.state, a1.callsToday], ['ready', 0]);
  // a late event of the closed day is ignored
  f.apply([ev(T(23, 0, 0, 15), 'call.enqueued', { callId: 'late', queue: 'Q' })]);
  assert.equal(f.waiting.has('late'), false);
  // a1 has been ready since the previous day: from midnight to 00:06 that is 360 s staffed today
  const k = f.todayKpis(T(0, 6, 0, 16));
  assert.equal(k.offered, 1);
});

test('diagnosis input: one agent talking for the whole window, calls piling up → understaffed, long call, long waits', () => {
  const f = new LiveFloor({ tzOffsetMin: 0 });
  const evs = [ev(T(8, 30), 'agent.login', { agent: 'x' }), ev(T(8, 30), 'call.enqueued', { callId: 'k0', queue: 'Q' })];
  evs.push(ev(T(8, 30), 'call.connected', { callId: 'k0', queue: 'Q', agent: 'x' }), ev(T(8, 30), 'agent.talking', { agent: 'x', queue: 'Q' }));
  for (let i = 1; i <= 11; i++) evs.push(ev(T(8, 31), 'call.enqueued', { callId: `k${i}`, queue: 'Q' }));
  f.apply(evs);
  const input = f.diagnosisInput(T(9, 0), { windowMin: 30, teamOf: () => 'A', queuesOf: skills });
  const center = input.scopes!.find((s) => s.scope === 'center')!;
  // window = intervals from 08:30; 12 offered, 1 answered → 1/12; x staffed 1800 s, all talk → occupancy 1
  assert.equal(center.offered, 12);
  assert.equal(center.answerRate, 1 / 12);
  assert.equal(center.occupancy, 1);
  assert.equal(center.staffed, 1800);
  assert.equal(input.waiting!.length, 11);
  assert.equal(input.waiting![0].waitS, 29 * 60); // 08:31 → 09:00
  assert.deepEqual(input.talking, [{ agent: 'x', talkS: 1800 }]);
  const kinds = diagnose(input).map((d) => `${d.kind}:${d.scope}`);
  assert.ok(kinds.includes('understaffed:center'));
  assert.ok(kinds.includes('understaffed:queue'));
  assert.ok(kinds.includes('longCall:agent'));
  assert.equal(kinds.filter((k) => k === 'longWait:call').length, 11);
});

test('the day changes exactly at local midnight, also when the offset changes during the day', () => {
  const Z = Date.UTC(2026, 11, 6); // 2026-12-06T00:00Z
  const H = 3_600_000;
  // fixed UTC+8: 2026-12-07 00:00 local is 2026-12-06T16:00Z
  const f = new LiveFloor({ tzOffsetMin: 480 });
  f.applyOne({ id: 'a', ts: Z + 2 * H, type: 'agent.login', agent: 'A' });
  assert.equal(f.today, '2026-12-06');
  f.applyOne({ id: 'b', ts: Z + 16 * H - 1, type: 'agent.notReady', agent: 'A', reason: 'break' });
  assert.equal(f.today, '2026-12-06');
  f.applyOne({ id: 'c', ts: Z + 16 * H, type: 'agent.ready', agent: 'A' });
  assert.equal(f.today, '2026-12-07');
  assert.equal(f.todayStart, Z + 16 * H);
  // UTC+1 until 12:00Z, UTC+2 after: 2026-12-07 00:00 local is 2026-12-06T22:00Z (by the later offset)
  const g = new LiveFloor({ tzOffsetMin: (ts) => (ts < Z + 12 * H ? 60 : 120) });
  g.applyOne({ id: 'a', ts: Z + 2 * H, type: 'agent.login', agent: 'A' });
  assert.equal(g.today, '2026-12-06');
  g.applyOne({ id: 'b', ts: Z + 22 * H - 1, type: 'agent.notReady', agent: 'A', reason: 'break' });
  assert.equal(g.today, '2026-12-06');
  g.applyOne({ id: 'c', ts: Z + 22 * H, type: 'agent.ready', agent: 'A' });
  assert.equal(g.today, '2026-12-07');
  assert.equal(g.todayStart, Z + 22 * H);
});

test('a floor restored from its exported state continues exactly as the one that saw every event', () => {
  const first = [
    ev(T(8, 0), 'agent.login', { agent: 'a1' }),
    ev(T(8, 0), 'agent.login', { agent: 'a2' }),
    ev(T(8, 1), 'call.enqueued', { callId: 'c1', queue: 'Q' }),
    ev(T(8, 1, 10), 'call.connected', { callId: 'c1', queue: 'Q', agent: 'a1', waitS: 10 }),
    ev(T(8, 1, 10), 'agent.talking', { agent: 'a1', queue: 'Q' }),
    ev(T(8, 2), 'call.enqueued', { callId: 'c2', queue: 'Q' }),
    ev(T(8, 3), 'agent.notReady', { agent: 'a2', reason: 'break' }),
  ];
  // after the cut: c1 (in hand across it) ends, c2 (waiting across it) is abandoned, a2 comes back
  const second = [
    ev(T(8, 20), 'call.ended', { callId: 'c1', queue: 'Q', agent: 'a1' }),
    ev(T(8, 20), 'agent.acw', { agent: 'a1' }),
    ev(T(8, 21), 'call.abandoned', { callId: 'c2', queue: 'Q' }),
    ev(T(8, 25), 'agent.ready', { agent: 'a2' }),
  ];
  const whole = new LiveFloor({ tzOffsetMin: 0 });
  whole.apply([...first, ...second]);
  const before = new LiveFloor({ tzOffsetMin: 0 });
  before.apply(first);
  // through JSON, as the store keeps it
  const restored = LiveFloor.fromState({ tzOffsetMin: 0 }, JSON.parse(JSON.stringify(before.exportState())));
  restored.apply(second);
  const now = T(8, 40);
  assert.deepEqual([...restored.agents.values()], [...whole.agents.values()]);
  assert.deepEqual(restored.queueNow(now, skills), whole.queueNow(now, skills));
  assert.deepEqual(restored.intervals(), whole.intervals());
  assert.deepEqual(restored.todayKpis(now), whole.todayKpis(now));
  // by hand: 2 offered (c1, c2), 1 answered (c1, 10 s wait), 1 abandoned (c2 after 19 min); a1 talked 08:01:10–08:20 (1130 s)
  const [q] = restored.queueNow(now, skills);
  assert.deepEqual([q!.offered, q!.answered, q!.abandoned, q!.waiting], [2, 1, 1, 0]);
  assert.equal(restored.agentMeasures(now, T(8, 0), () => 'x').perAgent.get('a1')!.talk, 1130);
  assert.equal(restored.agents.get('a2')!.state, 'ready');
  assert.equal(new LiveFloor().exportState(), null);
});
