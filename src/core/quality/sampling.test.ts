import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, assignEvaluators, lengthBand, selectSample, weekStart, type CallRecord, type SamplingPlan } from './sampling';
import { seededRng } from './random';

test('weekStart is the Monday in the center offset', () => {
  assert.equal(weekStart('2024-03-06T12:00:00Z'), '2024-03-04'); // Wednesday
  // Sunday 20:00 UTC is Monday 04:00 in UTC+8 → the next week
  assert.equal(weekStart('2024-03-10T20:00:00Z', 480), '2024-03-11');
  assert.equal(weekStart('2024-03-10T20:00:00Z', 0), '2024-03-04');
});

test('lengthBand and largest-remainder allocation', () => {
  assert.equal(lengthBand(59, [60, 180]), 0);
  assert.equal(lengthBand(60, [60, 180]), 1);
  assert.equal(lengthBand(500, [60, 180]), 2);
  // 5 over sizes 4, 2, 4 of 10: exact 2, 1, 2
  assert.deepEqual(
    [
      ...allocate(
        [
          { key: 'a', size: 4 },
          { key: 'b', size: 2 },
          { key: 'c', size: 4 },
        ],
        5,
      ),
    ],
    [
      ['a', 2],
      ['b', 1],
      ['c', 2],
    ],
  );
  // 2 over 1, 1, 1: exact 2/3 each, remainders tie → by key: a, b
  assert.deepEqual(
    [
      ...allocate(
        [
          { key: 'a', size: 1 },
          { key: 'b', size: 1 },
          { key: 'c', size: 1 },
        ],
        2,
      ),
    ],
    [
      ['a', 1],
      ['b', 1],
      ['c', 0],
    ],
  );
  // asking more than there is takes everything
  assert.deepEqual(
    [
      ...allocate(
        [
          { key: 'a', size: 1 },
          { key: 'b', size: 2 },
        ],
        9,
      ),
    ],
    [
      ['a', 1],
      ['b', 2],
    ],
  );
});

function callsFor(agentId: string): CallRecord[] {
  const c = (n: number, queue: string, durationS: number, extra: Partial<CallRecord> = {}): CallRecord => ({
    id: `${agentId}${n}`,
    agentId,
    queue,
    startedAt: `2024-03-0${4 + (n % 5)}T02:00:00Z`,
    durationS,
    ...extra,
  });
  return [
    c(1, 'q1', 60),
    c(2, 'q1', 60),
    c(3, 'q1', 60),
    c(4, 'q1', 60), // q1 short
    c(5, 'q1', 300),
    c(6, 'q1', 300), // q1 long
    c(7, 'q2', 100),
    c(8, 'q2', 100, { complaint: true }),
    c(9, 'q2', 100, { transferred: true }),
    c(10, 'q2', 100), // q2 short
  ];
}

const plan: SamplingPlan = {
  randomPerAgentPerWeek: 5,
  lengthBandsS: [180],
  targeted: { longCallS: 250, longCallsPerAgent: 1, transfersPerAgent: 1, complaintsPerAgent: 5, newAgentDays: 90, newAgentExtra: 2 },
  utcOffsetMinutes: 0,
};

test('stratified random sample per agent-week plus targeted samples', () => {
  const s = selectSample(callsFor('A'), plan, 42, { A: '2024-02-01' });
  const random = s.filter((x) => x.reasons.includes('random')).map((x) => x.callId);
  // 5 over strata q1|0 (4 calls), q1|1 (2), q2|0 (4): 2, 1, 2
  assert.equal(random.length, 5);
  assert.equal(random.filter((id) => ['A1', 'A2', 'A3', 'A4'].includes(id)).length, 2);
  assert.equal(random.filter((id) => ['A5', 'A6'].includes(id)).length, 1);
  assert.equal(random.filter((id) => ['A7', 'A8', 'A9', 'A10'].includes(id)).length, 2);
  const withReason = (r: string) => s.filter((x) => x.reasons.includes(r as never)).map((x) => x.callId);
  assert.deepEqual(withReason('long'), ['A5']); // A5 and A6 both 300 s; tie by id
  assert.deepEqual(withReason('complaint'), ['A8']);
  assert.deepEqual(withReason('transfer'), ['A9']);
  // hired 2024-02-01, week 2024-03-04: 32 days < 90 → 2 extra calls not already chosen
  assert.equal(withReason('newAgent').length, 2);
  assert.ok(s.every((x) => x.week === '2024-03-04'));
  // reproducible: same seed and shuffled input give the same sample
  const again = selectSample([...callsFor('A')].reverse(), plan, 42, { A: '2024-02-01' });
  assert.deepEqual(again, s);
});

test("another agent's calls do not change this agent's sample; veterans get no newAgent extra", () => {
  const alone = selectSample(callsFor('A'), plan, 'w10', {});
  const both = selectSample([...callsFor('B'), ...callsFor('A')], plan, 'w10', { B: '2020-01-01' });
  assert.deepEqual(
    both.filter((x) => x.agentId === 'A'),
    alone,
  );
  assert.equal(both.filter((x) => x.agentId === 'B' && x.reasons.includes('newAgent')).length, 0);
});

test('assignEvaluators balances agent-week blocks', () => {
  const s = selectSample([...callsFor('A'), ...callsFor('B'), ...callsFor('C')], { ...plan, targeted: {} }, 1);
  const q = assignEvaluators(s, ['qa1', 'qa2']);
  // blocks of 5 calls each: A → qa1, B → qa2, C → qa1 (tie goes to the first)
  assert.deepEqual(
    q.map((x) => x.callIds.length),
    [10, 5],
  );
  assert.ok(q[0]!.callIds.every((id) => id.startsWith('A') || id.startsWith('C')));
});

test('seeded RNG is deterministic', () => {
  const a = seededRng(7);
  const b = seededRng(7);
  assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
});
