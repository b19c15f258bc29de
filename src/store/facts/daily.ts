/**
 * The raw parts of agent-days, computed from the sources (no stored days): one grouped query per
 * source over the whole range of local days (center time zone, DST included), never a loop per agent
 * or per day. store/facts/days.ts stores the closed days' parts and calls this only for the agent-days
 * it has not stored (or that late data made stale); gather.ts describes the sources.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { isSatisfied, type CsatRule, type FactParts } from '../../core/facts/index';
import { computeAdherence, type ScheduledActivity, type StateSegment } from '../../core/wfm/adherence';
import { classifyAttendance, type LoginSegment, type ScheduledShift } from '../../core/people/attendance';
import { qaComponents, type EvaluationScore, type ScoredEvaluation } from '../../core/quality/index';
import type { AttendanceGrace } from '../../core/people/defaults';
import { listShifts } from '../wfm/schedules';
import { stateSegments } from '../wfm/floor';

type Db = Kysely<DB>;

/** The settings the parts depend on. */
export interface FactsConf {
  csat: CsatRule;
  grace: AttendanceGrace;
}

export interface RawAgent {
  id: number;
  ext_code: string | null;
}

export interface RawRange {
  centerId: number;
  /** local dates of the range */
  dates: string[];
  /** epoch ms start of each date, then the range's end */
  starts: number[];
  agents: RawAgent[];
  /** the agents are a subset of the center's (filter the telephony by their codes) */
  subset: boolean;
  conf: FactsConf;
  now: number;
}

/** Inline table (d: day index, s: start ms, e: end ms) of the local days; `starts` ends with the range's end. */
function daysTable(starts: number[]): string {
  return starts
    .slice(0, -1)
    .map((s, i) => `select ${i} as d, cast(${s} as bigint) as s, cast(${starts[i + 1]} as bigint) as e`)
    .join(' union all ');
}

/** agentId → date → parts of the range's agent-days with some data. */
export async function rawAgentDays(db: Db, r: RawRange): Promise<Map<number, Map<string, FactParts>>> {
  const { centerId, dates, starts, now } = r;
  const from = starts[0]!;
  const to = starts[starts.length - 1]!;
  const days = sql.raw(daysTable(starts));
  const agentRows = r.agents;
  const ids = agentRows.map((a) => a.id);
  const idList = ids.length ? ids : [-1];
  const opts = { now };
  const out = new Map<number, Map<string, FactParts>>();
  const at = (agentId: number, d: number): FactParts => {
    const date = dates[d]!;
    let m = out.get(agentId);
    if (!m) out.set(agentId, (m = new Map()));
    let p = m.get(date);
    if (!p) m.set(date, (p = { complaints: 0 }));
    return p;
  };
  const n = (x: unknown) => Number(x ?? 0);
  const inIds = sql.join(idList.map((i) => sql`${i}`));

  // ---- telephony: agent-side sums per agent × day. The local day of an interval is a CASE over the
  // day starts (the zone's days, DST included) and the agent is matched by code in memory: no join to
  // the days table or to agents per interval row (that join was most of the time at 1,000 agents).
  const dayCase = sql.raw(
    dates.length > 1
      ? `case ${starts
          .slice(1, -1)
          .map((s, i) => `when interval_start < ${s} then ${i}`)
          .join(' ')} else ${dates.length - 1} end`
      : '0',
  );
  const byCode = new Map(agentRows.filter((a) => a.ext_code !== null).map((a) => [a.ext_code!, a.id]));
  const codes = [...byCode.keys()];
  const codeFilter = r.subset ? sql` and agent_code in (${sql.join(codes.map((c) => sql`${c}`))})` : sql``;
  const none = { rows: [] as Record<string, unknown>[] };
  const tel = !codes.length
    ? none
    : await sql<Record<string, unknown>>`
    select agent_code, ${dayCase} as d, sum(handled) as handled, sum(transferred) as transferred, sum(talk) as talk, sum(hold) as hold,
      sum(acw) as acw, sum(ring) as ring, sum(staffed) as staffed, sum(idle) as idle, sum(not_ready) as not_ready
    from live_agent_intervals
    where center_id = ${centerId} and interval_start >= ${from} and interval_start < ${to}${codeFilter}
    group by 1, 2`.execute(db);
  for (const r of tel.rows) {
    const agentId = byCode.get(String(r.agent_code));
    if (agentId === undefined) continue;
    at(agentId, n(r.d)).telephony = {
      handled: n(r.handled),
      transferred: n(r.transferred),
      talk: n(r.talk),
      hold: n(r.hold),
      acw: n(r.acw),
      ring: n(r.ring),
      staffed: n(r.staffed),
      idle: n(r.idle),
      notReady: n(r.not_ready),
      notReadyByReason: {},
    };
  }
  const reasons = !codes.length
    ? none
    : await sql<Record<string, unknown>>`
    select agent_code, ${dayCase} as d, reason, sum(seconds) as s
    from live_agent_reasons
    where center_id = ${centerId} and interval_start >= ${from} and interval_start < ${to}${codeFilter}
    group by 1, 2, 3`.execute(db);
  for (const r of reasons.rows) {
    const agentId = byCode.get(String(r.agent_code));
    if (agentId === undefined) continue;
    const t = at(agentId, n(r.d)).telephony;
    if (t) t.notReadyByReason[String(r.reason)] = (t.notReadyByReason[String(r.reason)] ?? 0) + n(r.s);
  }

  // ---- schedule: published shifts against the actual states; attendance from the same states
  const dayIndex = (ts: number) => {
    // the local day a time falls in (binary search over the day starts)
    let lo = 0;
    let hi = starts.length - 2;
    if (ts < starts[0]! || ts >= starts[starts.length - 1]!) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= ts) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const shifts = (await listShifts(db, { from, to, publishedOnly: true, agentIds: ids })).filter((s) => s.kind !== 'vto');
  const statesTo = Math.min(Math.max(to, ...shifts.map((s) => s.end)), opts.now);
  if (shifts.length && statesTo > from) {
    const shiftAgents = [...new Set(shifts.map((s) => s.agentId))];
    const states = await stateSegments(db, { kind: 'all', centerId }, from, statesTo, shiftAgents);
    const statesBy = new Map<string, StateSegment[]>();
    for (const s of states) {
      const l = statesBy.get(s.agentId);
      if (l) l.push(s);
      else statesBy.set(s.agentId, [s]);
    }
    const grace = r.conf.grace;
    const byAgent = new Map<number, typeof shifts>();
    for (const s of shifts) {
      const l = byAgent.get(s.agentId);
      if (l) l.push(s);
      else byAgent.set(s.agentId, [s]);
    }
    for (const [agentId, list] of byAgent) {
      const st = statesBy.get(String(agentId)) ?? [];
      const sched: ScheduledActivity[] = list.flatMap((s) =>
        s.activities.map((a) => ({
          agentId: String(agentId),
          start: a.start,
          end: a.end,
          activity: (a.kind === 'vto' ? 'off' : a.kind) as ScheduledActivity['activity'],
        })),
      );
      // adherence per local day, up to now
      for (let d = 0; d < dates.length; d++) {
        const dFrom = starts[d]!;
        const dTo = Math.min(starts[d + 1]!, opts.now);
        if (dTo <= dFrom) continue;
        const daySched = sched.filter((x) => x.end > dFrom && x.start < dTo);
        if (!daySched.length) continue;
        const [r] = computeAdherence(
          daySched,
          st.filter((x) => x.end > dFrom && x.start < dTo),
          { from: dFrom, to: dTo },
        ).filter((x) => x.agentId === String(agentId));
        if (r && r.scheduledS > 0) at(agentId, d).schedule = { scheduledS: r.scheduledS, adherentS: r.inAdherenceS, workedS: r.workedS };
      }
      // attendance: shifts started (before now) in the range, on their start's local day
      const started = list.filter((s) => s.kind !== 'off' && s.start < opts.now && dayIndex(s.start) >= 0);
      if (!started.length) continue;
      const logins = loginSegments(st);
      const recs = classifyAttendance(
        started.map(
          (s) =>
            ({
              shiftId: String(s.id),
              agentId: String(agentId),
              teamId: '',
              date: dates[dayIndex(s.start)]!,
              start: new Date(s.start).toISOString(),
              end: new Date(Math.min(s.end, Math.max(opts.now, s.start + 1))).toISOString(),
            }) satisfies ScheduledShift,
        ),
        logins,
        grace,
      );
      recs.forEach((rec, i) => {
        const p = at(agentId, dayIndex(started[i]!.start));
        const a = (p.attendance ??= {
          scheduledShifts: 0,
          attendedShifts: 0,
          onTime: 0,
          late: 0,
          lateMinutes: 0,
          earlyLeave: 0,
          earlyLeaveMinutes: 0,
          absent: 0,
        });
        a.scheduledShifts++;
        if (!rec.absent) a.attendedShifts++;
        if (rec.status === 'on_time') a.onTime++;
        if (rec.late) a.late++;
        if (rec.earlyLeave) a.earlyLeave++;
        if (rec.absent) a.absent++;
        a.lateMinutes += rec.lateMinutes;
        a.earlyLeaveMinutes += rec.earlyLeaveMinutes;
      });
    }
  }

  // ---- QA: evaluations (calibration excluded) on the local day of the evaluated call
  const evals = await sql<{ id: number; agent_id: number; d: number; result: string }>`
    select e.id as id, e.agent_id as agent_id, d.d as d, e.result as result
    from qa_evaluations e
    join qa_calls c on c.center_id = e.center_id and c.id = e.call_id
    join (${days}) d on c.started_at >= d.s and c.started_at < d.e
    where e.center_id = ${centerId} and e.calibration_id is null and e.agent_id in (${inIds})`.execute(db);
  const evalGroups = new Map<string, ScoredEvaluation[]>();
  for (const r of evals.rows) {
    const k = `${n(r.agent_id)}|${n(r.d)}`;
    const se: ScoredEvaluation = {
      id: String(r.id),
      callId: '',
      agentId: String(r.agent_id),
      evaluatorId: '',
      result: JSON.parse(r.result) as EvaluationScore,
    };
    const l = evalGroups.get(k);
    if (l) l.push(se);
    else evalGroups.set(k, [se]);
  }
  for (const [k, list] of evalGroups) {
    const [agentId, d] = k.split('|').map(Number) as [number, number];
    at(agentId, d).qa = qaComponents(list);
  }

  // ---- complaints: upheld complaint work orders about the agent, on their verdict day
  const compl = await sql<{ agent_id: number; d: number; c: number }>`
    select o.agent_id as agent_id, d.d as d, count(*) as c
    from wo_orders o
    join (${days}) d on o.verdict_at >= d.s and o.verdict_at < d.e
    where o.center_id = ${centerId} and o.type = 'complaint' and o.verdict = 'upheld' and o.agent_id in (${inIds})
    group by o.agent_id, d.d`.execute(db);
  for (const r of compl.rows) at(n(r.agent_id), n(r.d)).complaints += n(r.c);

  // ---- survey: answers per agent × day × scale × score, satisfied by the center's rule
  const rule = r.conf.csat;
  const surv = await sql<{ agent_id: number; d: number; scale_max: number; score: number; c: number }>`
    select s.agent_id as agent_id, d.d as d, s.scale_max as scale_max, s.score as score, count(*) as c
    from survey_answers s
    join (${days}) d on s.ts >= d.s and s.ts < d.e
    where s.center_id = ${centerId} and s.agent_id in (${inIds})
    group by s.agent_id, d.d, s.scale_max, s.score`.execute(db);
  for (const r of surv.rows) {
    const p = at(n(r.agent_id), n(r.d));
    const sv = (p.survey ??= { answers: 0, satisfied: 0 });
    sv.answers += n(r.c);
    if (isSatisfied(rule, n(r.score), n(r.scale_max))) sv.satisfied += n(r.c);
  }

  return out;
}

/** Login segments (login → logout) from state segments: consecutive states other than loggedOut. */
export function loginSegments(states: readonly StateSegment[]): LoginSegment[] {
  const out: { agentId: string; a: number; b: number }[] = [];
  for (const s of [...states].sort((x, y) => x.start - y.start)) {
    if (s.state === 'loggedOut') continue;
    const last = out[out.length - 1];
    if (last && last.agentId === s.agentId && last.b >= s.start) last.b = Math.max(last.b, s.end);
    else out.push({ agentId: s.agentId, a: s.start, b: s.end });
  }
  return out.map((x) => ({ agentId: x.agentId, login: new Date(x.a).toISOString(), logout: new Date(x.b).toISOString() }));
}
