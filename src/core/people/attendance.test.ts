import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAttendance, summarizeAttendance, type ScheduledShift } from './attendance';

const T = (hm: string) => `2024-03-04T${hm}:00+08:00`;
const shift = (agentId: string, teamId = 't1'): ScheduledShift => ({
  shiftId: `s-${agentId}`,
  agentId,
  teamId,
  date: '2024-03-04',
  start: T('09:00'),
  end: T('18:00'),
});

test('late, early leave, absence with minutes and grace', () => {
  const recs = classifyAttendance(
    [shift('a'), shift('b'), shift('c'), shift('d'), shift('e', 't2')],
    [
      { agentId: 'a', login: T('08:55'), logout: T('18:02') }, // on time
      { agentId: 'b', login: T('09:07'), logout: T('18:00') }, // 7 min late (> 09:05 grace edge)
      { agentId: 'c', login: T('09:04'), logout: T('17:40') }, // within grace; leaves 20 min early
      { agentId: 'd', login: T('07:00'), logout: T('08:30') }, // before the shift only → absent
      { agentId: 'e', login: T('09:00'), logout: T('12:00') },
      { agentId: 'e', login: T('13:00'), logout: null }, // still logged in → not early
    ],
    { lateGraceMin: 5, earlyLeaveGraceMin: 5 },
  );
  const by = Object.fromEntries(recs.map((r) => [r.agentId, r]));
  assert.equal(by.a!.status, 'on_time');
  assert.equal(by.a!.presentMinutes, 540); // 09:00–18:00 = 9 h × 60
  assert.equal(by.b!.status, 'late');
  assert.equal(by.b!.lateMinutes, 7); // 09:07 − 09:00
  assert.equal(by.c!.status, 'early_leave');
  assert.equal(by.c!.lateMinutes, 0);
  assert.equal(by.c!.earlyLeaveMinutes, 20); // 18:00 − 17:40
  assert.equal(by.c!.presentMinutes, 516); // 09:04–17:40 = 8 h 36 min = 480 + 36
  assert.equal(by.d!.status, 'absent');
  assert.equal(by.e!.status, 'on_time');
  assert.equal(by.e!.presentMinutes, 480); // 3 h + 5 h (13:00–18:00) = 180 + 300

  const teams = summarizeAttendance(recs, 'team');
  assert.deepEqual(teams[0], { key: 't1', shifts: 4, late: 1, earlyLeave: 1, absent: 1, lateMinutes: 7, earlyLeaveMinutes: 20 });
});

test('zero grace: one minute counts; bad segment is rejected naming the field', () => {
  const [r] = classifyAttendance([shift('a')], [{ agentId: 'a', login: T('09:01'), logout: T('17:59') }]);
  assert.equal(r!.status, 'late_and_early_leave');
  assert.equal(r!.lateMinutes, 1);
  assert.equal(r!.earlyLeaveMinutes, 1);
  assert.throws(() => classifyAttendance([shift('a')], [{ agentId: 'a', login: T('10:00'), logout: T('09:00') }]), /segments\[0\]\.logout/);
});
