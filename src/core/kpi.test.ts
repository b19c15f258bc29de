import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from './events';
import { aggregateEvents, deriveKpis, emptyMeasures, intervalStart, rollup, sumMeasures, type AgentRow, type QueueRow } from './kpi';

const T = (hh: number, mm: number, ss = 0) => Date.UTC(2024, 0, 15, hh, mm, ss);
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
  id: `t${++n}`,
  ts,
  type,
  ...f,
});
const q = (rows: QueueRow[], start: number, queue: string) => rows.find((r) => r.intervalStart === start && r.queue === queue);
const a = (rows: AgentRow[], start: number, agent: string) => rows.find((r) => r.intervalStart === start && r.agent === agent);

test('a call belongs to the interval in which it entered the queue', () => {
  const evs = [
    // answered after 15 s, crossing 08:15
    ev(T(8, 14, 50), 'call.enqueued', { callId: 'c1', queue: 'Q' }),
    ev(T(8, 15, 5), 'call.connected', { callId: 'c1', queue: 'Q', agent: 'a1' }),
    ev(T(8, 20), 'call.ended', { callId: 'c1', queue: 'Q' }),
    // short abandon (3 s) in 08:15
    ev(T(8, 16, 0), 'call.enqueued', { callId: 'c2', queue: 'Q' }),
    ev(T(8, 16, 3), 'call.abandoned', { callId: 'c2', queue: 'Q' }),
    // abandon after 32 s, entered 08:29:58, left in the 08:30 interval
    ev(T(8, 29, 58), 'call.enqueued', { callId: 'c3', queue: 'Q' }),
    ev(T(8, 30, 30), 'call.abandoned', { callId: 'c3', queue: 'Q' }),
    // answered after 25 s (outside the 20 s threshold)
    ev(T(8, 31, 0), 'call.enqueued', { callId: 'c4', queue: 'Q' }),
    ev(T(8, 31, 25), 'call.connected', { callId: 'c4', queue: 'Q', agent: 'a1' }),
  ];
  const { queues } = aggregateEvents(evs);
  const r0 = q(queues, T(8, 0), 'Q')!;
  assert.equal(r0.offered, 1);
  assert.equal(r0.answered, 1);
  assert.equal(r0.answeredWithinSl, 1);
  assert.equal(r0.waitAnswered, 15);
  const r15 = q(queues, T(8, 15), 'Q')!;
  assert.deepEqual([r15.offered, r15.answered, r15.abandoned, r15.shortAbandoned], [2, 0, 1, 1]);
  assert.equal(r15.waitAbandoned, 3 + 32);
  // SL = 0 within / (2 offered - 1 short) = 0; answer rate 0 / 2
  assert.equal(deriveKpis(r15).serviceLevel, 0);
  assert.equal(deriveKpis(r15).answerRate, 0);
  const r30 = q(queues, T(8, 30), 'Q')!;
  assert.deepEqual([r30.offered, r30.answered, r30.answeredWithinSl, r30.waitAnswered], [1, 1, 0, 25]);
  // the whole hour: offered 4, answered 2, short 1 → SL 1/3, answerRate 2/4, asa (15+25)/2
  const day = deriveKpis(sumMeasures(queues));
  assert.equal(day.serviceLevel, 1 / 3);
  assert.equal(day.answerRate, 0.5);
  assert.equal(day.asa, 20);
});

test('60-minute intervals respect a half-hour UTC offset', () => {
  // 08:00Z is 13:30 at UTC+5:30, which is in the local 13:00 hour = 07:30Z
  assert.equal(intervalStart(T(8, 0), 60, 330), T(7, 30));
  assert.equal(intervalStart(T(8, 0), 15, 330), T(8, 0));
  assert.equal(intervalStart(T(8, 44, 59), 30, -300), T(8, 30));
  const { queues } = aggregateEvents([ev(T(8, 0), 'call.enqueued', { callId: 'x', queue: 'Q' })], {
    intervalMin: 60,
    tzOffsetMin: 330,
  });
  assert.equal(queues[0]!.intervalStart, T(7, 30));
});

test('login and pause spanning intervals are split across them', () => {
  const evs = [
    ev(T(8, 10), 'agent.login', { agent: 'a1' }),
    ev(T(8, 20), 'agent.notReady', { agent: 'a1', reason: 'break' }),
    ev(T(8, 40), 'agent.ready', { agent: 'a1' }),
    ev(T(8, 50), 'agent.logout', { agent: 'a1' }),
  ];
  const { agents } = aggregateEvents(evs);
  // by hand: 08:00 [08:10,08:15) idle 5 min; 08:15 idle 5 + break 10; 08:30 break 10 + idle 5; 08:45 idle 5
  const expect = [
    [T(8, 0), 300, 300, 0],
    [T(8, 15), 900, 300, 600],
    [T(8, 30), 900, 300, 600],
    [T(8, 45), 300, 300, 0],
  ] as const;
  for (const [start, staffed, idle, nr] of expect) {
    const r = a(agents, start, 'a1')!;
    assert.equal(r.staffed, staffed, `staffed ${new Date(start).toISOString()}`);
    assert.equal(r.idle, idle);
    assert.equal(r.notReady, nr);
    assert.equal(r.notReadyByReason.break ?? 0, nr);
  }
  const tot = sumMeasures(agents);
  assert.equal(tot.staffed, 40 * 60);
  assert.equal(deriveKpis(tot).notReadyShare, 20 / 40);
  assert.equal(deriveKpis(tot).idleShare, 20 / 40);
  assert.equal(tot.notReadyCount, 1);
});

test('a repeated identical pause counts once; a new reason is a new episode', () => {
  const evs = [
    ev(T(9, 0), 'agent.login', { agent: 'a1' }),
    ev(T(9, 0), 'agent.notReady', { agent: 'a1', reason: 'meal' }),
    ev(T(9, 5), 'agent.notReady', { agent: 'a1', reason: 'meal' }), // PAUSEALL repeated
    ev(T(9, 6), 'agent.notReady', { agent: 'a1', reason: 'meal' }),
    ev(T(9, 10), 'agent.notReady', { agent: 'a1', reason: 'training' }),
    ev(T(9, 12), 'agent.login', { agent: 'a1' }), // login while logged in: no change
    ev(T(9, 14), 'agent.ready', { agent: 'a1' }),
    ev(T(9, 15), 'agent.logout', { agent: 'a1' }),
  ];
  const r = a(aggregateEvents(evs).agents, T(9, 0), 'a1')!;
  assert.equal(r.notReadyCount, 2);
  assert.deepEqual(r.notReadyByReason, { meal: 600, training: 240 });
  assert.equal(r.notReady, 840);
  assert.equal(r.idle, 60);
  assert.equal(r.staffed, 900);
});

test('a transfer ends the call segment; re-entering another queue is a new offer', () => {
  const evs = [
    ev(T(10, 0), 'agent.login', { agent: 'a1' }),
    ev(T(10, 0), 'agent.login', { agent: 'a2' }),
    ev(T(10, 0, 0), 'call.enqueued', { callId: 'c', queue: 'A' }),
    ev(T(10, 0, 5), 'agent.ringing', { agent: 'a1', queue: 'A' }),
    ev(T(10, 0, 10), 'call.connected', { callId: 'c', queue: 'A', agent: 'a1' }),
    ev(T(10, 0, 10), 'agent.talking', { agent: 'a1', queue: 'A' }),
    ev(T(10, 3, 0), 'call.transferred', { callId: 'c', queue: 'A', target: 'B' }),
    ev(T(10, 3, 0), 'agent.acw', { agent: 'a1' }),
    ev(T(10, 3, 30), 'agent.ready', { agent: 'a1' }),
    ev(T(10, 3, 5), 'call.enqueued', { callId: 'c', queue: 'B' }),
    ev(T(10, 3, 20), 'call.connected', { callId: 'c', queue: 'B', agent: 'a2' }),
    ev(T(10, 3, 20), 'agent.talking', { agent: 'a2', queue: 'B' }),
    ev(T(10, 6, 0), 'call.ended', { callId: 'c', queue: 'B' }),
    ev(T(10, 6, 0), 'agent.ready', { agent: 'a2' }),
    // a stray second end for the finished segment changes nothing
    ev(T(10, 6, 0), 'call.transferred', { callId: 'c', queue: 'B' }),
    ev(T(10, 10, 0), 'agent.logout', { agent: 'a1' }),
    ev(T(10, 10, 0), 'agent.logout', { agent: 'a2' }),
  ];
  const { queues, agents } = aggregateEvents(evs);
  const A = q(queues, T(10, 0), 'A')!;
  const B = q(queues, T(10, 0), 'B')!;
  assert.deepEqual([A.offered, A.answered, A.handled, A.transferred], [1, 1, 1, 1]);
  assert.equal(A.talk, 170); // 10:00:10 → 10:03:00
  assert.equal(A.ring, 5);
  assert.equal(A.acw, 30); // acw inherits the queue of the call it follows
  assert.deepEqual([B.offered, B.answered, B.transferred], [1, 1, 0]);
  assert.equal(B.waitAnswered, 15);
  assert.equal(B.talk, 160);
  const a1 = a(agents, T(10, 0), 'a1')!;
  const a2 = a(agents, T(10, 0), 'a2')!;
  assert.deepEqual([a1.handled, a1.transferred, a2.handled, a2.transferred], [1, 1, 1, 0]);
  assert.equal(deriveKpis(a1).transferRate, 1);
  assert.equal(deriveKpis(a1).aht, 170 + 30);
  // a1: staffed 600, ring 5, talk 170, acw 30 → occupancy 205/600
  assert.equal(deriveKpis(a1).occupancy, 205 / 600);
  assert.equal(a1.idle, 600 - 205);
});

test('calls left open at the end are offered but have no outcome; connect without enqueue infers it', () => {
  const evs = [
    ev(T(11, 0), 'call.enqueued', { callId: 'open', queue: 'Q' }),
    ev(T(11, 20), 'call.connected', { callId: 'mid', queue: 'Q', agent: 'a', waitS: 600 }),
  ];
  const { queues } = aggregateEvents(evs);
  const r = q(queues, T(11, 0), 'Q')!; // 11:20 − 600 s = 11:10 → the 11:00 interval
  assert.deepEqual([r.offered, r.answered, r.abandoned, r.waitAnswered], [2, 1, 0, 600]);
});

test('duplicate event ids count once', () => {
  const e1 = ev(T(12, 0), 'call.enqueued', { callId: 'd', queue: 'Q' });
  const { queues } = aggregateEvents([e1, e1, { ...e1 }]);
  assert.equal(queues[0]!.offered, 1);
});

test('derived figures are null when the denominator is missing, and sum before deriving', () => {
  const k = deriveKpis(emptyMeasures());
  for (const v of Object.values(k)) assert.equal(v, null);
  const m1 = { ...emptyMeasures(), talk: 300, hold: 60, acw: 40, ring: 20, staffed: 1000, notReady: 200, handled: 2 };
  const m2 = { ...emptyMeasures(), talk: 100, staffed: 1000, handled: 2, transferred: 1 };
  const s = sumMeasures([m1, m2]);
  const d = deriveKpis(s);
  assert.equal(d.aht, (300 + 60 + 40 + 100) / 4);
  assert.equal(d.occupancy, (300 + 60 + 40 + 20 + 100) / (2000 - 200));
  assert.equal(d.transferRate, 1 / 4);
  // rollup by a team key, then derive
  const teams = rollup(
    [
      { ...m1, agent: 'x' },
      { ...m2, agent: 'y' },
    ],
    (r) => (r.agent === 'x' ? 'T1' : 'T2'),
  );
  assert.equal(deriveKpis(teams.get('T1')!).notReadyShare, 0.2);
  assert.equal(deriveKpis(teams.get('T2')!).notReadyShare, 0);
});
