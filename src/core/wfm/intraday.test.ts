import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activityShare,
  applyOvertime,
  breakStarts,
  intradayRequired,
  proposeIntraday,
  queueCover,
  queueShare,
  reforecastRequired,
  shiftQueues,
  type IntradayShift,
} from './intraday';
import type { Contract } from './schedule';

// Monday 2027-01-04 00:00 UTC (zone offset 0 in these tests)
const W = Date.UTC(2027, 0, 4);
const at = (hm: string, day = 0) => W + day * 86_400_000 + (Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3))) * 60_000;
const contract: Contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 6 * 60, latestStartMin: 14 * 60, minRestHours: 11 };
/** 15-min intervals from..to with the required agents given by f */
const day = (from: string, to: string, f: (hm: string) => number) => {
  const out: { ts: number; required: number }[] = [];
  for (let t = at(from); t < at(to); t += 15 * 60_000) out.push({ ts: t, required: f(new Date(t).toISOString().slice(11, 16)) });
  return out;
};
const shift = (id: number, from: string, to: string, breaks: [string, number][] = [], extra: Partial<IntradayShift> = {}): IntradayShift => {
  const acts = [];
  let t = at(from);
  for (const [b, d] of breaks) {
    if (at(b) > t) acts.push({ kind: 'phone', start: t, end: at(b), paid: true });
    acts.push({ kind: 'break', start: at(b), end: at(b) + d * 60_000, paid: true });
    t = at(b) + d * 60_000;
  }
  acts.push({ kind: 'phone', start: t, end: at(to), paid: true });
  return {
    shiftId: id,
    agentId: 100 + id,
    start: at(from),
    end: at(to),
    paidHours: (at(to) - at(from)) / 3_600_000,
    activities: acts,
    // one 15-min break starting 60..150 min after the shift start
    breakRules: [{ kind: 'break', durationMin: 15, paid: true, earliestStartMin: 60, latestStartMin: 150 }],
    contract,
    otherShifts: [],
    ...extra,
  };
};

test('breaks both taken at the 10:00 peak move to the nearest intervals with spare cover', () => {
  // two agents 09:00–13:00, both on break 10:00–10:15; 2 needed at 10:00, 1 otherwise.
  // Cover at 10:00 is 0 (short 2 agent-intervals = 30 agent-minutes).
  // A's break: every start 10:15..11:30 leaves 10:00 short by 1 (ties → nearest: 10:15).
  // B's break: 10:15 would leave 10:15 with 0 (short 1, no better); 10:30 leaves 10:30 with 1 = needed → short 0.
  const plan = proposeIntraday({
    intervalMin: 15,
    intervals: day('09:00', '13:00', (hm) => (hm === '10:00' ? 2 : 1)),
    shifts: [shift(1, '09:00', '13:00', [['10:00', 15]]), shift(2, '09:00', '13:00', [['10:00', 15]])],
    nowTs: at('09:00'),
    weekStartTs: W,
  });
  assert.deepEqual(
    plan.breakMoves.map((m) => [m.shiftId, new Date(m.fromStart).toISOString().slice(11, 16), new Date(m.toStart).toISOString().slice(11, 16)]),
    [
      [1, '10:00', '10:15'],
      [2, '10:00', '10:30'],
    ],
  );
  assert.equal(plan.shortBeforeMin, 30);
  assert.equal(plan.shortAfterMin, 0);
  const i10 = plan.intervals.find((x) => x.ts === at('10:00'))!;
  assert.deepEqual([i10.required, i10.planned, i10.afterBreaks], [2, 0, 2]);
  // no overtime was needed; spare cover of 1 everywhere except 10:00–10:45 → VTO 09:00–10:00 and 10:45–12:45 windows
  assert.ok(plan.offers.every((o) => o.kind === 'vto'));
});

test('a break that has begun, or would move before now, stays', () => {
  const s = shift(1, '09:00', '13:00', [['10:00', 15]]);
  assert.deepEqual(breakStarts(s, at('10:00'), at('10:05')), []);
  // now 10:40: only 10:45..11:30 remain of the 10:00..11:30 window (10:00 itself is the break's own start)
  assert.deepEqual(
    breakStarts(s, at('10:00'), at('10:40')).map((t) => new Date(t).toISOString().slice(11, 16)),
    [],
    'the break began before now',
  );
  const later = shift(1, '09:00', '13:00', [['11:00', 15]]);
  assert.deepEqual(
    breakStarts(later, at('11:00'), at('10:40')).map((t) => new Date(t).toISOString().slice(11, 16)),
    ['10:45', '11:00', '11:15', '11:30'],
  );
});

test('a shortfall after the last shift ends becomes an overtime offer to the agents whose contract allows it', () => {
  // 1 needed 09:00–11:30; agent 101 works 09:00–11:00 → 11:00 and 11:15 short by 1 (30 agent-minutes).
  // 102 also ends at 11:00 but already has 39.5 h this week: +0.5 h = 40 h is still allowed;
  // 103 ends at 11:00 with 39.75 h: +0.5 h = 40.25 h > 40 → ruled out (maxHoursWeek).
  // 104 ends at 11:00 and starts again at 00:00 on Tuesday, with 12.75 h rest in the contract: 13 h now,
  // 12.5 h after working until 11:30 → ruled out (minRest).
  const plan = proposeIntraday({
    intervalMin: 15,
    intervals: day('09:00', '11:30', () => 1),
    shifts: [
      shift(1, '09:00', '11:00'),
      shift(2, '09:00', '11:00', [], { otherShifts: [{ start: at('09:00', 1), end: at('18:30', 1), paidHours: 37.5 }] }),
      shift(3, '09:00', '11:00', [], { otherShifts: [{ start: at('09:00', 1), end: at('18:45', 1), paidHours: 37.75 }] }),
      shift(4, '09:00', '11:00', [], {
        contract: { ...contract, earliestStartMin: 0, minRestHours: 12.75 },
        otherShifts: [{ start: at('00:00', 1), end: at('08:00', 1), paidHours: 8 }],
      }),
    ],
    nowTs: at('09:00'),
    weekStartTs: W,
    vtoMinOver: 99,
  });
  const ot = plan.offers.filter((o) => o.kind === 'overtime');
  assert.equal(ot.length, 1);
  assert.equal(ot[0]!.start, at('11:00'));
  assert.equal(ot[0]!.end, at('11:30'));
  assert.equal(ot[0]!.capacity, 1);
  assert.deepEqual(
    ot[0]!.agents.map((a) => a.agentId),
    [101, 102],
  );
  assert.deepEqual(
    plan.ruledOut.map((r) => [r.agentId, r.rule]),
    [
      [103, 'maxHoursWeek'],
      [104, 'minRest'],
    ],
  );
  assert.equal(plan.shortBeforeMin, 30);
  assert.equal(plan.shortAfterMin, 0);
});

test('a shortfall before the first shift starts is offered as coming in early; no contract, no offer', () => {
  // 2 needed 08:00–08:30, nobody until 08:30: short 2 per interval = 60 agent-minutes; two agents starting at 08:30 can come in early, one has no contract
  const plan = proposeIntraday({
    intervalMin: 15,
    intervals: day('08:00', '09:00', (hm) => (hm < '08:30' ? 2 : 1)),
    shifts: [shift(1, '08:30', '12:30'), shift(2, '08:30', '12:30', [], { contract: undefined }), shift(3, '08:30', '12:30')],
    nowTs: at('07:00'),
    weekStartTs: W,
    vtoMinOver: 99,
  });
  const [o] = plan.offers;
  assert.equal(o!.kind, 'overtime');
  assert.deepEqual([o!.start, o!.end, o!.capacity], [at('08:00'), at('08:30'), 2]);
  assert.deepEqual(
    o!.agents.map((a) => [a.agentId, a.start === at('08:00'), a.end === at('12:30')]),
    [
      [101, true, true],
      [103, true, true],
    ],
  );
  assert.equal(plan.shortAfterMin, 0);
});

test('over-coverage well above the requirement becomes VTO offers sized to keep the requirement met', () => {
  // 4 agents 09:00–11:00, required 1 from 10:00: spare 3 at 10:00–11:00 → VTO capacity 3;
  // before 10:00 nothing is required (spare 4) but it is before now (10:00) so it is not offered
  const plan = proposeIntraday({
    intervalMin: 15,
    intervals: day('09:00', '11:00', (hm) => (hm >= '10:00' ? 1 : 0)),
    shifts: [1, 2, 3, 4].map((i) => shift(i, '09:00', '11:00', [], { breakRules: [] })),
    nowTs: at('10:00'),
    weekStartTs: W,
    vtoMinOver: 2,
  });
  assert.equal(plan.offers.length, 1);
  const [v] = plan.offers;
  assert.deepEqual([v!.kind, v!.start, v!.end, v!.capacity, v!.agents.length], ['vto', at('10:00'), at('11:00'), 3, 4]);
  // taking it ends the shift at 10:00
  assert.equal(v!.agents[0]!.end, at('10:00'));
  assert.deepEqual(
    plan.intervals.filter((x) => x.ts >= at('10:00')).map((x) => x.after),
    [1, 1, 1, 1],
  );
});

test('taking overtime extends the shift and merges the phone time', () => {
  const s = shift(1, '09:00', '11:00');
  const r = applyOvertime(s, { start: at('09:00'), end: at('11:30') });
  assert.deepEqual([r.start, r.end, r.paidHours, r.activities.length], [at('09:00'), at('11:30'), 2.5, 1]);
});

test('intervals with a hole are refused naming the line', () => {
  assert.throws(
    () =>
      proposeIntraday({
        intervalMin: 15,
        intervals: [
          { ts: at('09:00'), required: 1 },
          { ts: at('09:30'), required: 1 },
        ],
        shifts: [],
        nowTs: at('09:00'),
        weekStartTs: W,
      }),
    /intervals\[1\]\.ts/,
  );
});

test('the share of the agents at work booked in planned activities: training counts, breaks and VTO do not', () => {
  const act = (kind: string, from: string, to: string) => ({ kind, start: at(from), end: at(to), paid: kind !== 'vto' });
  const shifts = [
    { activities: [act('phone', '09:00', '10:00')] },
    { activities: [act('training', '09:00', '09:30'), act('phone', '09:30', '10:00')] },
    { activities: [act('break', '09:00', '09:15'), act('phone', '09:15', '10:00')] },
    { activities: [act('vto', '09:00', '09:30'), act('phone', '09:30', '10:00')] },
  ];
  // 09:00 one on the phone, one in training (the break and the VTO are not at work): 1/2; 09:15 two on the
  // phone, one in training: 1/3; 09:30 and 09:45 all four on the phone: 0; 10:00 nobody: 0
  const share = activityShare(shifts, [at('09:00'), at('09:15'), at('09:30'), at('09:45'), at('10:00')], 15);
  assert.deepEqual(
    share.map((x) => Math.round(x * 1e9) / 1e9),
    [0.5, 0.333333333, 0, 0, 0],
  );
});

test('intraday compares the cover with the requirement net of the leave and activities the schedule shows', () => {
  // 3 heads required, computed with 40 % shrinkage of which 10 % leave: N ≈ 3 × 0.6 = 1.8 agents on the phone
  const s = { total: 0.4, leave: 0.1 };
  // nothing booked: only leave is seen, 30 % unseen: 1.8 / 0.7 = 2.571428571 (the time-off figure, net of leave)
  assert.equal(intradayRequired(3, s, 0), 2.571428571);
  // a third of the agents in training: seen 10 % + min(33.3 %, 30 %) = 40 %, nothing unseen: 1.8
  assert.equal(intradayRequired(3, s, 1 / 3), 1.8);
  // a tenth in training: seen 20 %, 20 % unseen: 1.8 / 0.8 = 2.25
  assert.equal(intradayRequired(3, s, 0.1), 2.25);
  // a re-forecast's Erlang agents (on the phone, no shrinkage) grossed up by the unseen share: 1.8 / 0.7, as above
  assert.equal(intradayRequired(1.8, s, 0, 'agents'), 2.571428571);
  assert.equal(intradayRequired(1.8, s, 1 / 3, 'agents'), 1.8);
  // one number (leave not recorded): activities only; 1/3 seen, 1/15 unseen: 1.8 / (14 / 15) = 27 / 14
  assert.equal(intradayRequired(3, { total: 0.4, leave: null }, 1 / 3), 1.928571429);
  assert.equal(intradayRequired(3, { total: 0.4, leave: null }, 0), 3);
  // shrinkage not known: as stored, whatever is booked
  assert.equal(intradayRequired(3, null, 1 / 3), 3);
  assert.equal(intradayRequired(3, { total: null, leave: null }, 1 / 3), 3);
  assert.equal(intradayRequired(1.8, null, 0, 'agents'), 1.8);

  // the proposal: three agents 09:00–17:00 where 3 heads are required, the third in training 10:00–11:00. As
  // stored, 10:00–11:00 is short one agent: 4 × 15 = 60 agent-minutes (the training counted twice); net of what
  // the schedule shows it needs 1.8 there and 2.571… elsewhere, covered by 2 and 3: nothing short, no offer
  const training = shift(3, '09:00', '17:00');
  training.activities = [
    { kind: 'phone', start: at('09:00'), end: at('10:00'), paid: true },
    { kind: 'training', start: at('10:00'), end: at('11:00'), paid: true },
    { kind: 'phone', start: at('11:00'), end: at('17:00'), paid: true },
  ];
  const shifts = [shift(1, '09:00', '17:00'), shift(2, '09:00', '17:00'), training];
  const stored = day('09:00', '17:00', () => 3);
  const booked = activityShare(
    shifts,
    stored.map((x) => x.ts),
    15,
  );
  const net = stored.map((x, i) => ({ ts: x.ts, required: intradayRequired(x.required, s, booked[i]!) }));
  assert.deepEqual([...new Set(net.map((x) => x.required))], [2.571428571, 1.8]);
  const base = { intervalMin: 15, shifts, nowTs: at('08:00'), weekStartTs: W };
  assert.equal(proposeIntraday({ ...base, intervals: stored }).shortBeforeMin, 60);
  const plan = proposeIntraday({ ...base, intervals: net });
  assert.deepEqual([plan.shortBeforeMin, plan.offers.length], [0, 0]);
});

test("a re-forecast of one queue replaces that queue's share of the requirement only: the other queue keeps its own", () => {
  // published 20 heads = queue A 11 + queue B 9, computed with 15 % shrinkage, 5 % of it leave; nothing booked:
  // 5 % seen, 10 % unseen, so a head of the plan counts 0.85 / 0.9 and an agent on the phone 1 / 0.9
  const s = { total: 0.15, leave: 0.05 };
  const byQueue = { A: [11, 11], B: [9, 9] };
  assert.deepEqual(queueShare(byQueue, 'A', 2), [11, 11]);
  // A re-forecast at 9 agents: A needs 9 / 0.9 = 10, B keeps 9 × 0.85 / 0.9 = 7.65 / 0.9 = 8.5: 18.5
  // (the old rule put A's 10 in place of the whole center's requirement: B's 8.5 agents were lost)
  assert.equal(reforecastRequired(20, 11, 9, s, 0), 18.5);
  // A re-forecast at exactly what the plan gave it (11 × 0.85 = 9.35 agents): the plan's own 20 × 0.85 / 0.9
  assert.equal(intradayRequired(20, s, 0), 18.888888889);
  assert.equal(reforecastRequired(20, 11, 9.35, s, 0), 18.888888889);
  // B re-forecast instead (6.3 agents): A keeps 11 × 0.85 / 0.9 = 10.388888889, B needs 6.3 / 0.9 = 7
  assert.equal(reforecastRequired(20, queueShare(byQueue, 'B', 2)![1]!, 6.3, s, 0), 17.388888889);
  // a queue the split does not name was planned none: the plan stays whole and the re-forecast adds 2 / 0.9
  assert.deepEqual(queueShare(byQueue, 'C', 2), [0, 0]);
  assert.equal(reforecastRequired(20, 0, 2, s, 0), 21.111111111);
  // no per-queue split: null (the service refuses, naming the queue)
  assert.equal(queueShare(null, 'A', 2), null);
  // shrinkage not known: as given, 20 − 11 + 9
  assert.equal(reforecastRequired(20, 11, 9, null, 0), 18);
  // with a tenth of the agents in training (all 10 % non-leave seen, nothing unseen): 9 × 0.85 + 9 = 16.65
  assert.equal(reforecastRequired(20, 11, 9, s, 0.1), 16.65);
  // a share above the total leaves the other queues none, never less
  assert.equal(reforecastRequired(5, 11, 9, null, 0), 9);
});

test('the activities seen are capped at the planned-activity share when the requirement records it (sickness stays unseen)', () => {
  // 18 heads at 20 % shrinkage: 5 % leave, 5 % planned activities, 10 % sickness / other; N = 18 × 0.8 = 14.4
  const s = { total: 0.2, leave: 0.05, activity: 0.05 };
  // 10 % booked in training: only the 5 % planned are seen (leave 5 % + 5 %), 10 % unseen: 14.4 / 0.9 = 16
  assert.equal(intradayRequired(18, s, 0.1), 16);
  // without the activity share recorded the cap is all 15 % non-leave: 5 % + 10 % seen, 5 % unseen: 14.4 / 0.95
  assert.equal(intradayRequired(18, { total: 0.2, leave: 0.05 }, 0.1), 15.157894737);
  assert.equal(intradayRequired(18, { total: 0.2, leave: 0.05, activity: null }, 0.1), 15.157894737);
  // 3 % booked, under either cap: 8 % seen, 12 % unseen: 14.4 / 0.88 either way
  assert.equal(intradayRequired(18, s, 0.03), 16.363636364);
  assert.equal(intradayRequired(18, { total: 0.2, leave: 0.05 }, 0.03), 16.363636364);
  // no activity planned at all: booked training is a real gap, only leave is seen: 14.4 / 0.85
  assert.equal(intradayRequired(18, { total: 0.2, leave: 0.05, activity: 0 }, 0.1), 16.941176471);
  // the re-forecast's agents too: 14.4 / 0.9
  assert.equal(intradayRequired(14.4, s, 0.1, 'agents'), 16);
});

test('a queue’s cover: agents on the phone on shifts answering the queue, several queues counting in each', () => {
  const T = 1_000_000_000_000;
  const ph = (from: number, to: number) => [{ kind: 'phone', start: T + from * 60_000, end: T + to * 60_000, paid: true }];
  // a (skills A) and b (A, B) on the phone 0–60 min, c (B) 0–30 min; d (skills B) on a plan's shift answering A, 30–60
  const shifts = [
    { agentId: 1, activities: ph(0, 60) },
    { agentId: 2, activities: ph(0, 60) },
    { agentId: 3, activities: ph(0, 30) },
    { agentId: 4, activities: ph(30, 60), queues: ['A'] },
  ];
  const skills = new Map<number, string[]>([
    [1, ['A']],
    [2, ['A', 'B']],
    [3, ['B']],
    [4, ['B']],
  ]);
  const tss = [T, T + 30 * 60_000];
  assert.deepEqual(queueCover(shifts, skills, 'A', tss, 30), { cover: [2, 3], agents: 3, otherAgents: 1 });
  assert.deepEqual(queueCover(shifts, skills, 'B', tss, 30), { cover: [2, 1], agents: 2, otherAgents: 2 });
  // half an interval on the phone counts half an agent; an agent without skills counts in no queue
  assert.deepEqual(queueCover([{ agentId: 5, activities: ph(0, 15) }], new Map(), 'A', tss, 30), { cover: [0, 0], agents: 0, otherAgents: 1 });
  assert.deepEqual(queueCover([{ agentId: 1, activities: ph(0, 15) }], skills, 'A', tss, 30).cover, [0.5, 0]);
  // the plan's queues win over the skills; none of either: no queue
  assert.deepEqual([shiftQueues({ queues: ['A'] }, ['B']), shiftQueues({ queues: null }, ['B']), shiftQueues({}, undefined)], [['A'], ['B'], []]);
});
