import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slaFor, DEFAULT_SLA, type SlaPolicy } from './sla';
import { isRepeatComplainer, repeatComplainers, complaintsInWindow } from './complaints';

const created = '2026-03-01T08:00:00.000Z';

test('SLA: due and warning times, and status as time passes', () => {
  // escalation/high = 2 h to resolve, warn 30 min before
  const o = { type: 'escalation' as const, priority: 'high' as const, createdAt: created };
  const at = (now: string) => slaFor(o, now);
  assert.equal(at(created).dueAt, '2026-03-01T10:00:00.000Z');
  assert.equal(at(created).warnAt, '2026-03-01T09:30:00.000Z');
  assert.equal(at('2026-03-01T09:29:59.000Z').status, 'ok');
  assert.equal(at('2026-03-01T09:30:00.000Z').status, 'warning');
  assert.equal(at('2026-03-01T10:00:00.000Z').status, 'warning'); // due exactly: not yet breached
  assert.equal(at('2026-03-01T10:00:01.000Z').status, 'breached');
  assert.equal(at('2026-03-01T10:30:00.000Z').minutesLeft, -30);
  // closed orders: met / missed, clock stopped at closing
  assert.equal(slaFor({ ...o, closedAt: '2026-03-01T09:59:00.000Z' }, '2026-03-05T00:00:00.000Z').status, 'met');
  const missed = slaFor({ ...o, closedAt: '2026-03-01T10:15:00.000Z' }, '2026-03-05T00:00:00.000Z');
  assert.deepEqual([missed.status, missed.minutesLeft], ['missed', -15]);
});

test('SLA policy is data; a warning window longer than the target starts at creation', () => {
  const policy: SlaPolicy = { ...DEFAULT_SLA, dispatch: { ...DEFAULT_SLA.dispatch, urgent: { resolveMinutes: 10, warnBeforeMinutes: 60 } } };
  const s = slaFor({ type: 'dispatch', priority: 'urgent', createdAt: created }, created, policy);
  assert.deepEqual([s.dueAt, s.warnAt, s.status], ['2026-03-01T08:10:00.000Z', created, 'warning']);
});

test('repeat complainers: N complaints within D days', () => {
  const c = [
    { customerId: 'c1', at: '2026-02-01T10:00:00.000Z' }, // 30 days before now: outside (window is (now−30d, now])
    { customerId: 'c1', at: '2026-02-20T10:00:00.000Z' },
    { customerId: 'c1', at: '2026-03-02T10:00:00.000Z' },
    { customerId: 'c2', at: '2026-02-25T10:00:00.000Z' },
    { customerId: 'c2', at: '2026-02-26T10:00:00.000Z' },
    { customerId: 'c2', at: '2026-03-03T09:00:00.000Z' },
    { customerId: 'c3', at: '2026-03-04T09:00:00.000Z' }, // after now: not counted
  ];
  const now = '2026-03-03T10:00:00.000Z';
  assert.equal(complaintsInWindow(c, 'c1', now), 2);
  assert.equal(isRepeatComplainer(c, 'c1', now), false);
  assert.equal(isRepeatComplainer(c, 'c2', now), true);
  assert.deepEqual(repeatComplainers(c, now), ['c2']);
  assert.deepEqual(repeatComplainers(c, now, { count: 2, withinDays: 30 }), ['c1', 'c2']);
  assert.deepEqual(repeatComplainers(c, now, { count: 3, withinDays: 31 }), ['c1', 'c2']);
});
