import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePeriods, localTime, shown } from './table';

test('a figure is shown rounded in its unit: % with one decimal, whole seconds, hours with one decimal', () => {
  assert.equal(shown(5110 / 5400, 'ratio'), 94.6);
  assert.equal(shown(1, 'ratio'), 100);
  assert.equal(shown(2545.4, 'sec'), 2545);
  assert.equal(shown(5400, 'hours'), 1.5);
  assert.equal(shown(139.534174553102, 'count'), 140);
  assert.equal(shown(null, 'ratio'), null);
  assert.equal(shown(Number.NaN, 'sec'), null);
});

test('local times are 24-hour in the report zone, by name or by offset', () => {
  const t = Date.UTC(2026, 10, 2, 13, 30); // 21:30 in Shanghai
  assert.equal(localTime(t, 'Asia/Shanghai'), '2026-11-02 21:30');
  assert.equal(localTime(t, 480), '2026-11-02 21:30');
  assert.equal(localTime(t, 'UTC'), '2026-11-02 13:30');
});

test('compared periods: the week so far against the same days before, the month so far against last year', () => {
  // 2026-11-04 is a Wednesday
  assert.deepEqual(comparePeriods('week', '2026-11-04'), {
    now: { from: '2026-11-02', to: '2026-11-04' },
    before: { from: '2026-10-26', to: '2026-10-28' },
  });
  // a Monday compares one day with one day
  assert.deepEqual(comparePeriods('week', '2026-11-09').before, { from: '2026-11-02', to: '2026-11-02' });
  // a Sunday: the whole week
  assert.deepEqual(comparePeriods('week', '2026-11-08').now, { from: '2026-11-02', to: '2026-11-08' });
  assert.deepEqual(comparePeriods('month', '2026-11-04'), {
    now: { from: '2026-11-01', to: '2026-11-04' },
    before: { from: '2025-11-01', to: '2025-11-04' },
  });
  // 29 February against the 28th a year before
  assert.deepEqual(comparePeriods('month', '2028-02-29').before, { from: '2027-02-01', to: '2027-02-28' });
});
