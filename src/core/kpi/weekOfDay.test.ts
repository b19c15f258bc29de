import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weekOfDay } from './interval';

test('a week row is keyed by its Monday: Sunday belongs to the week before, across months and years', () => {
  assert.equal(weekOfDay('2026-11-02'), '2026-11-02'); // a Monday
  assert.equal(weekOfDay('2026-11-04'), '2026-11-02'); // Wednesday
  assert.equal(weekOfDay('2026-11-08'), '2026-11-02'); // Sunday
  assert.equal(weekOfDay('2026-11-09'), '2026-11-09');
  assert.equal(weekOfDay('2026-03-01'), '2026-02-23'); // a Sunday in March, the week began in February
  assert.equal(weekOfDay('2027-01-01'), '2026-12-28'); // Friday 1 January
  assert.equal(weekOfDay('1970-01-01'), '1969-12-29'); // before day 0 of the epoch arithmetic
});
