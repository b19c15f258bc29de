import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../events';
import { validateEvent } from '../events';
import { aggregateEvents, KpiAccumulator } from '../kpi';
import { DEFAULT_EVENT_WINDOW, eventWindowSettings, guessUnit, timeWindow, tsProblem } from './eventWindow';
import { LiveFloor } from './floor';

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 4, 0);
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `w${++n}`, ts, type, ...f });

test('the window: 24 h ahead of the clock, from 1990-01-01, units named', () => {
  const w = timeWindow(DEFAULT_EVENT_WINDOW, NOW);
  assert.deepEqual(w, { earliest: Date.UTC(1990, 0, 1), latest: NOW + 24 * H });
  assert.equal(tsProblem(NOW, w), null);
  assert.equal(tsProblem(NOW + 24 * H, w), null); // the bound is inside
  assert.equal(tsProblem(NOW + 24 * H + 1, w)?.reason, 'event.tsInFuture');
  assert.equal(tsProblem(Date.UTC(1989, 11, 31, 23, 59, 59), w)?.reason, 'event.tsBeforeHistory');
  // a millisecond time ×1000 is microseconds, ×1e6 nanoseconds, ÷1000 seconds
  const ms = Date.UTC(2026, 10, 30, 16);
  assert.equal(guessUnit(ms * 1000, w), 'microseconds');
  assert.equal(guessUnit(ms * 1e6, w), 'nanoseconds');
  assert.equal(guessUnit(ms / 1000, w), 'seconds');
  const p = tsProblem(ms * 1000, w)!;
  assert.equal(p.reason, 'event.tsUnit');
  assert.equal(p.params.asIs, '2026-11-30T16:00:00.000Z');
  // beyond JS Date: still a problem, with no Date thrown
  assert.equal(tsProblem(9e15, w)?.reason, 'event.tsInFuture');
});

test('the setting: overrides over the defaults, malformed or absurd values clamped or ignored', () => {
  assert.deepEqual(eventWindowSettings(undefined), DEFAULT_EVENT_WINDOW);
  assert.deepEqual(eventWindowSettings({ maxAheadHours: 2, earliest: '2020-01-01', maxStateHours: 12 }), {
    maxAheadHours: 2,
    earliest: '2020-01-01',
    maxStateHours: 12,
  });
  assert.deepEqual(eventWindowSettings({ maxAheadHours: 'x', earliest: 'yesterday', maxStateHours: 1e9 }), { ...DEFAULT_EVENT_WINDOW, maxStateHours: 72 });
  assert.deepEqual(eventWindowSettings([1, 2]), DEFAULT_EVENT_WINDOW);
});

test('the schema refuses times after 2100 (and beyond JS Date)', () => {
  for (const ts of [Date.UTC(2100, 0, 1) + 1, 1796054400000000, 8.64e15, 9e15]) {
    const v = validateEvent({ id: 'x', ts, type: 'agent.logout', agent: '501' });
    assert.equal(v.ok, false, String(ts));
    if (!v.ok) assert.match(v.error, /^ts/);
  }
  assert.equal(validateEvent({ id: 'x', ts: Date.UTC(2099, 11, 31), type: 'agent.logout', agent: '501' }).ok, true);
});

test('KpiAccumulator: a state longer than maxStateMs counts that long, also when flushed', () => {
  const T0 = Date.UTC(2026, 10, 2);
  // login, a break at +2 h, nothing until a logout 3 days later → 2 h ready + 16 h break
  let r = aggregateEvents([
    ev(T0, 'agent.login', { agent: 'a' }),
    ev(T0 + 2 * H, 'agent.notReady', { agent: 'a', reason: 'break' }),
    ev(T0 + 72 * H, 'agent.logout', { agent: 'a' }),
  ]);
  const sum = (k: 'staffed' | 'idle' | 'notReady') => r.agents.reduce((s, x) => s + x[k], 0);
  assert.equal(sum('idle'), 2 * 3600);
  assert.equal(sum('notReady'), 16 * 3600);
  assert.equal(sum('staffed'), 18 * 3600);
  assert.equal(r.agents.length, 18 * 4);
  // flushed far ahead: 8 h cap when asked, and the agent is logged out after it
  const acc = new KpiAccumulator({ maxStateMs: 8 * H });
  acc.add(ev(T0, 'agent.login', { agent: 'b' }));
  acc.flushUntil(T0 + 365 * 24 * H);
  assert.equal(acc.agentStates().get('b')!.state, 'loggedOut');
  r = acc.rows();
  assert.equal(sum('staffed'), 8 * 3600);
});

test('LiveFloor: an impossible time is ignored (no throw, the day stays); a stale state is closed at the day change', () => {
  const f = new LiveFloor({ tzOffsetMin: 0 });
  const T0 = Date.UTC(2026, 10, 2, 8);
  f.apply([ev(T0, 'agent.login', { agent: 'a1' }), ev(T0, 'agent.login', { agent: 'a2' })]);
  assert.doesNotThrow(() => f.apply([ev(1796054400000000 * 10, 'agent.logout', { agent: 'a1' })])); // ≥ 8.64e15
  f.apply([ev(Date.UTC(2200, 0, 1), 'agent.logout', { agent: 'a1' })]);
  assert.equal(f.today, '2026-11-02');
  assert.equal(f.agents.get('a1')!.state, 'ready');
  // a2 logs out at 20:00; a1 never does: two days later a1 is no longer counted as staffed
  f.apply([ev(Date.UTC(2026, 10, 2, 20), 'agent.logout', { agent: 'a2' })]);
  f.advance(Date.UTC(2026, 10, 4, 9));
  assert.equal(f.today, '2026-11-04');
  assert.equal(f.agents.get('a1')!.state, 'loggedOut');
  assert.equal(f.agentMeasures(Date.UTC(2026, 10, 4, 9), f.todayStart, () => undefined).total.staffed, 0);
});
