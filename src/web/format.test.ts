/**
 * Times on screen and typed are the center's wall clock whatever the zone of the process (the browser):
 * figures worked out by hand from the zones' offsets (Shanghai UTC+8; New York UTC−5, UTC−4 from 2026-03-08 03:00).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centerClock, centerToday, fmtClock, fmtDateTime, fromCenterInput, setCenterZone, toCenterInput } from './format';
import { mondayOf } from './pages/wfm/util';

test('the center clock: shown and typed in the center zone', () => {
  setCenterZone('Asia/Shanghai');
  // 2026-12-06 16:30 UTC is 2026-12-07 00:30 in Shanghai, a Monday
  const t = Date.UTC(2026, 11, 6, 16, 30);
  assert.deepEqual(centerClock(t), { day: '2026-12-07', hm: '00:30', weekday: 0 });
  assert.equal(centerToday(t), '2026-12-07');
  assert.equal(fmtClock(t), '00:30');
  assert.equal(fmtDateTime(t), '2026/12/7 00:30');
  assert.equal(toCenterInput(t), '2026-12-07T00:30');
  assert.equal(fromCenterInput('2026-12-07T00:30'), t);
  assert.equal(fromCenterInput('2026-12-07'), Date.UTC(2026, 11, 6, 16, 0));
  assert.ok(Number.isNaN(fromCenterInput('7/12/2026')));
  // Sunday 2026-12-13 23:59 in Shanghai is still the week of Monday the 7th
  assert.equal(mondayOf(Date.UTC(2026, 11, 13, 15, 59)), '2026-12-07');
  assert.equal(mondayOf(Date.UTC(2026, 11, 13, 16, 0)), '2026-12-14');

  setCenterZone('America/New_York');
  assert.equal(fmtClock(t), '11:30', 'the formatters follow a change of zone');
  assert.equal(fromCenterInput('2026-03-08T01:30'), Date.UTC(2026, 2, 8, 6, 30)); // EST, UTC−5
  assert.equal(fromCenterInput('2026-03-08T03:30'), Date.UTC(2026, 2, 8, 7, 30)); // EDT, UTC−4
  assert.equal(toCenterInput(Date.UTC(2026, 2, 8, 7, 30)), '2026-03-08T03:30');
  setCenterZone(null);
});
