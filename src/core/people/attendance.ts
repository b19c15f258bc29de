/**
 * Attendance (考勤) from live-floor login data against the schedule.
 *
 * A login segment counts for a shift when it overlaps it (login < shift end and logout > shift start;
 * an open segment, logout null, counts as still logged in). Minutes are whole minutes, rounded down.
 * Late minutes and early-leave minutes are measured from the shift edge, not from the grace edge:
 * with 5 min grace, a login at 09:07 for a 09:00 shift is late by 7 min.
 */
import { PeopleError, parseTime } from './errors';
import { defaultAttendanceGrace, type AttendanceGrace } from './defaults';

export interface ScheduledShift {
  shiftId: string;
  agentId: string;
  teamId: string;
  /** Working date the shift belongs to, YYYY-MM-DD. */
  date: string;
  start: string;
  end: string;
}

export interface LoginSegment {
  agentId: string;
  login: string;
  /** null while still logged in. */
  logout: string | null;
}

export type AttendanceStatus = 'on_time' | 'late' | 'early_leave' | 'late_and_early_leave' | 'absent';

export interface AttendanceRecord {
  shiftId: string;
  agentId: string;
  teamId: string;
  date: string;
  status: AttendanceStatus;
  late: boolean;
  earlyLeave: boolean;
  absent: boolean;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  /** Logged-in minutes inside the shift. */
  presentMinutes: number;
}

const MIN = 60_000;

export function classifyAttendance(
  shifts: readonly ScheduledShift[],
  segments: readonly LoginSegment[],
  grace: AttendanceGrace = defaultAttendanceGrace,
): AttendanceRecord[] {
  const parsed = segments.map((s, i) => {
    const a = parseTime(s.login, `segments[${i}].login`);
    const b = s.logout === null ? Infinity : parseTime(s.logout, `segments[${i}].logout`);
    if (b < a) throw new PeopleError('bad_segment', `segments[${i}].logout`, 'logout is before login');
    return { agentId: s.agentId, a, b };
  });
  return shifts.map((sh, i) => {
    const s = parseTime(sh.start, `shifts[${i}].start`);
    const e = parseTime(sh.end, `shifts[${i}].end`);
    if (e <= s) throw new PeopleError('bad_shift', `shifts[${i}].end`, 'shift end must be after its start');
    const mine = parsed.filter((p) => p.agentId === sh.agentId && p.a < e && p.b > s);
    const base = { shiftId: sh.shiftId, agentId: sh.agentId, teamId: sh.teamId, date: sh.date };
    if (mine.length === 0) {
      return { ...base, status: 'absent', late: false, earlyLeave: false, absent: true, lateMinutes: 0, earlyLeaveMinutes: 0, presentMinutes: 0 };
    }
    const first = Math.min(...mine.map((p) => p.a));
    const last = Math.max(...mine.map((p) => p.b));
    const late = first > s + grace.lateGraceMin * MIN;
    const early = last < e - grace.earlyLeaveGraceMin * MIN;
    // Present time: union of the clipped segments.
    const clipped = mine.map((p) => [Math.max(p.a, s), Math.min(p.b, e)] as const).sort((x, y) => x[0] - y[0]);
    let present = 0;
    let curA = -Infinity;
    let curB = -Infinity;
    for (const [a, b] of clipped) {
      if (a > curB) {
        if (curB > curA) present += curB - curA;
        curA = a;
        curB = b;
      } else curB = Math.max(curB, b);
    }
    if (curB > curA) present += curB - curA;
    const status: AttendanceStatus = late && early ? 'late_and_early_leave' : late ? 'late' : early ? 'early_leave' : 'on_time';
    return {
      ...base,
      status,
      late,
      earlyLeave: early,
      absent: false,
      lateMinutes: late ? Math.floor((first - s) / MIN) : 0,
      earlyLeaveMinutes: early ? Math.floor((e - last) / MIN) : 0,
      presentMinutes: Math.floor(present / MIN),
    };
  });
}

export interface AttendanceTotals {
  key: string;
  shifts: number;
  late: number;
  earlyLeave: number;
  absent: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
}

/** Totals per agent or per team. */
export function summarizeAttendance(records: readonly AttendanceRecord[], by: 'agent' | 'team'): AttendanceTotals[] {
  const m = new Map<string, AttendanceTotals>();
  for (const r of records) {
    const key = by === 'agent' ? r.agentId : r.teamId;
    let t = m.get(key);
    if (!t) m.set(key, (t = { key, shifts: 0, late: 0, earlyLeave: 0, absent: 0, lateMinutes: 0, earlyLeaveMinutes: 0 }));
    t.shifts++;
    if (r.late) t.late++;
    if (r.earlyLeave) t.earlyLeave++;
    if (r.absent) t.absent++;
    t.lateMinutes += r.lateMinutes;
    t.earlyLeaveMinutes += r.earlyLeaveMinutes;
  }
  return [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
}
