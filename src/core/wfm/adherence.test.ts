import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeAdherence, reforecastIntraday, rollupAdherence, type ScheduledActivity, type StateSegment } from './adherence';
import { erlangC } from './erlang';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1, 1, 0); // 09:00 in China

test('adherence, conformance and out-of-adherence with a 5-minute grace, worked by hand', () => {
  // schedule 09:00–11:00: phone 60 min, break 15 min, phone 45 min
  const schedule: ScheduledActivity[] = [
    { agentId: 'a', start: T0, end: T0 + 60 * M, activity: 'phone' },
    { agentId: 'a', start: T0 + 60 * M, end: T0 + 75 * M, activity: 'break' },
    { agentId: 'a', start: T0 + 75 * M, end: T0 + 120 * M, activity: 'phone' },
  ];
  // logs in 3 min late; takes the break 10 min late (10:10–10:25 instead of 10:00–10:15)
  const states: StateSegment[] = [
    { agentId: 'a', start: T0 - 60 * M, end: T0 + 3 * M, state: 'loggedOut' },
    { agentId: 'a', start: T0 + 3 * M, end: T0 + 30 * M, state: 'available' },
    { agentId: 'a', start: T0 + 30 * M, end: T0 + 70 * M, state: 'talk' },
    { agentId: 'a', start: T0 + 70 * M, end: T0 + 85 * M, state: 'notReady:break' },
    { agentId: 'a', start: T0 + 85 * M, end: T0 + 120 * M, state: 'acw' },
  ];
  const [r] = computeAdherence(schedule, states, { from: T0, to: T0 + 120 * M, graceS: 300 });
  // in adherence: phone 3–60 (57) + break 70–75 (5) + phone 85–120 (35) = 97 of 120 minutes
  assert.equal(r!.scheduledS, 120 * 60);
  assert.equal(r!.inAdherenceS, 97 * 60);
  assert.equal(r!.adherence, 97 / 120);
  // out of adherence: 0–3 (3 min, tolerated), 60–70 (talk during break, 10), 75–85 (break during phone, 10)
  assert.deepEqual(
    r!.outOfAdherence.map((o) => [(o.start - T0) / M, (o.end - T0) / M, o.scheduled, o.states.join()]),
    [
      [60, 70, 'break', 'talk'],
      [75, 85, 'phone', 'notReady:break'],
    ],
  );
  assert.equal(r!.adherenceWithGrace, 100 / 120);
  // worked = logged in 3–120 = 117 min; logged out before the shift: nothing outside it
  assert.equal(r!.conformance, 117 / 120);
  assert.equal(r!.unscheduledWorkedS, 0);
  const team = rollupAdherence([r!, { ...r!, agentId: 'b', scheduledS: 3600, inAdherenceS: 3600 } as typeof r & {}]);
  assert.equal(team.adherence, (97 * 60 + 3600) / (120 * 60 + 3600));
});

test('conformance counts work within the schedule only: logged in all day on a 3-hour schedule is 100 %, not 800 %', () => {
  // schedule 09:00–12:00 phone; the agent is available from 00:00 to 24:00 (an always-on feed)
  const day0 = T0 - 9 * 60 * M;
  const schedule: ScheduledActivity[] = [{ agentId: 'a', start: T0, end: T0 + 180 * M, activity: 'phone' }];
  const states: StateSegment[] = [{ agentId: 'a', start: day0, end: day0 + 1440 * M, state: 'available' }];
  const [r] = computeAdherence(schedule, states, { from: day0, to: day0 + 1440 * M });
  assert.equal(r!.scheduledS, 180 * 60);
  assert.equal(r!.workedS, 180 * 60);
  assert.equal(r!.conformance, 1);
  assert.equal(r!.adherence, 1);
  // 24 h − 3 h worked outside the schedule
  assert.equal(r!.unscheduledWorkedS, 21 * 3600);
  assert.equal(rollupAdherence([r!]).conformance, 1);
});

test('custom state mapping and unknown state time', () => {
  const schedule: ScheduledActivity[] = [{ agentId: 'x', start: 0, end: 10 * M, activity: 'training' }];
  const states: StateSegment[] = [{ agentId: 'x', start: 0, end: 4 * M, state: 'classroom' }];
  const mapping = { phone: [], break: [], meal: [], training: ['classroom'], meeting: [], shadow: [], off: [] };
  const [r] = computeAdherence(schedule, states, { from: 0, to: 10 * M, mapping, graceS: 0 });
  assert.equal(r!.adherence, 0.4);
  assert.deepEqual(r!.outOfAdherence[0]!.states, ['unknown']);
});

test('intraday re-forecast: damped ratio and staffing gap from Erlang C', () => {
  const I = 30 * M;
  const forecast = [0, 1, 2, 3].map((k) => ({ ts: k * I, offered: 100, aht: 180 }));
  const actuals = [0, 1].map((k) => ({ ts: k * I, offered: 120, aht: 180 }));
  const r = reforecastIntraday({
    forecast,
    actuals,
    nowTs: 2 * I,
    damping: 0.5,
    intervalS: 1800,
    scheduledAgents: { [2 * I]: 14, [3 * I]: 16 },
    targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }],
  });
  assert.equal(r.volumeRatio, 1.2);
  assert.ok(Math.abs(r.appliedVolumeFactor - 1.1) < 1e-12); // 1 + 0.5 × 0.2
  assert.equal(r.remaining.length, 2);
  assert.ok(Math.abs(r.remaining[0]!.offered - 110) < 1e-9);
  // 110 calls / 30 min × 180 s = 11 Erlangs; find the smallest N with SL >= 80 % by scanning here
  let n = 12;
  while (erlangC({ calls: 110, periodS: 1800, ahtS: 180, agents: n, thresholdS: 20 }).serviceLevel < 0.8) n++;
  assert.equal(r.remaining[0]!.required, n);
  assert.equal(r.remaining[0]!.gap, 14 - n);
  assert.equal(r.remaining[1]!.gap, 16 - n);
});

test('a shadowing activity (跟聽) is kept by listening off the phones, not by taking calls', () => {
  // 10 min shadowing: 6 min notReady:shadow (in), 4 min available (out) → 360 / 600 = 0.6
  const schedule: ScheduledActivity[] = [{ agentId: 'x', start: 0, end: 10 * M, activity: 'shadow' }];
  const states: StateSegment[] = [
    { agentId: 'x', start: 0, end: 6 * M, state: 'notReady:shadow' },
    { agentId: 'x', start: 6 * M, end: 10 * M, state: 'available' },
  ];
  const [r] = computeAdherence(schedule, states, { from: 0, to: 10 * M, graceS: 0 });
  assert.equal(r!.adherence, 0.6);
});
