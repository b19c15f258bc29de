/**
 * The inputs of the per-agent facts (core/facts), gathered set-based per agent × local day (center
 * time zone) for a range of days: one grouped query per source over the whole range, joined to an
 * inline table of the range's local days (so days follow the zone, DST included), never a loop per
 * agent or per day.
 *
 * Sources: telephony (live_agent_intervals / live_agent_reasons via agents.ext_code), schedule
 * (published wfm_shifts against the live agent states, core/wfm/adherence), attendance (the same
 * shifts against login segments from the same states, core/people/attendance), QA (evaluations,
 * calibration excluded, on the local day of the call — the same day the evaluation's month comes
 * from), work orders (upheld complaints on their verdict day), survey (survey_answers), people
 * (skill level, valid certifications).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { notFound, validationError } from '../../core/errors';
import { inScope, type Scope } from '../scope';
import { addParts, DEFAULT_CSAT_RULE, isSatisfied, type CsatRule, type FactParts, type PersonFacts } from '../../core/facts/index';
import { dateOfInstant, startOfDayMs } from '../../core/performance/facts';
import { computeAdherence, type ScheduledActivity, type StateSegment } from '../../core/wfm/adherence';
import { classifyAttendance, type LoginSegment, type ScheduledShift } from '../../core/people/attendance';
import { qaComponents, type EvaluationScore, type ScoredEvaluation } from '../../core/quality/index';
import { getSetting } from '../org';
import { listShifts } from '../wfm/schedules';
import { stateSegments } from '../wfm/floor';
import { peopleConfig } from '../people/common';

type Db = Kysely<DB>;
export const CSAT_SETTING = 'facts.csat';
const DAY = 86_400_000;
const SKILL_LEVEL: Record<string, number> = { junior: 1, intermediate: 2, senior: 3 };

export async function getCsatRule(db: Db, centerId: number): Promise<CsatRule> {
  return (await getSetting<CsatRule>(db, centerId, CSAT_SETTING)) ?? DEFAULT_CSAT_RULE;
}

/** 'YYYY-MM-DD' + n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export function daysOf(from: string, to: string): string[] {
  for (const [f, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
      throw validationError(f, `"${v}" is not a YYYY-MM-DD date`, { reason: 'facts.badDate', params: { value: v } });
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
    if (out.length > 400) throw validationError('to', 'a period is at most 400 days', { reason: 'facts.periodTooLong', params: { max: 400 } });
  }
  return out;
}

export interface FactAgent {
  agentId: number;
  teamId: number | null;
  employeeNo: string;
  name: string;
  hireDate: string;
  extCode: string | null;
}

export interface GatheredFacts {
  centerId: number;
  tz: string;
  dates: string[];
  /** [from, to) of the range in epoch ms */
  from: number;
  to: number;
  agents: FactAgent[];
  /** agentId → date → parts (only agent-days with some data) */
  days: Map<number, Map<string, FactParts>>;
  person: Map<number, PersonFacts>;
}

export interface GatherOptions {
  agentIds?: number[];
  teamIds?: number[];
  /** what the caller sees of the center (src/store/scope.ts) */
  scope?: Scope;
  /** adherence and attendance are evaluated up to `now` (a shift still to come is not absent) */
  now: number;
}

/** Inline table (d: day index, s: start ms, e: end ms) of the local days; `starts` ends with the range's end. */
function daysTable(starts: number[]): string {
  return starts
    .slice(0, -1)
    .map((s, i) => `select ${i} as d, cast(${s} as bigint) as s, cast(${starts[i + 1]} as bigint) as e`)
    .join(' union all ');
}

export async function gatherFacts(db: Db, centerId: number, fromDate: string, toDate: string, opts: GatherOptions): Promise<GatheredFacts> {
  const center = await db.selectFrom('centers').select(['id', 'timezone']).where('id', '=', centerId).executeTakeFirst();
  if (!center) throw notFound(`center ${centerId}`);
  const tz = center.timezone;
  const dates = daysOf(fromDate, toDate);
  const starts = [...dates, addDays(toDate, 1)].map((d) => startOfDayMs(d, tz));
  const from = starts[0]!;
  const to = starts[starts.length - 1]!;
  const days = sql.raw(daysTable(starts));

  // agents on the books in the range
  let aq = db
    .selectFrom('agents')
    .select(['id', 'team_id', 'employee_no', 'name', 'hire_date', 'ext_code', 'skill_level'])
    .where('center_id', '=', centerId)
    .where('hire_date', '<=', toDate)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('left_date', 'is', null), eb('left_date', '>=', fromDate)]))
    .orderBy('employee_no');
  if (opts.agentIds) aq = aq.where('id', 'in', opts.agentIds.length ? opts.agentIds : [-1]);
  if (opts.teamIds) aq = aq.where('team_id', 'in', opts.teamIds.length ? opts.teamIds : [-1]);
  if (opts.scope) aq = aq.where(inScope(opts.scope, { center: 'center_id', team: 'team_id', agent: 'id' }));
  const agentRows = await aq.execute();
  const ids = agentRows.map((a) => a.id);
  const idList = ids.length ? ids : [-1];
  const agents: FactAgent[] = agentRows.map((a) => ({
    agentId: a.id,
    teamId: a.team_id,
    employeeNo: a.employee_no,
    name: a.name,
    hireDate: a.hire_date,
    extCode: a.ext_code,
  }));

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
  const codeFilter = opts.agentIds || opts.teamIds ? sql` and agent_code in (${sql.join(codes.map((c) => sql`${c}`))})` : sql``;
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
    const grace = (await peopleConfig(db, centerId)).attendanceGrace;
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
    join qa_calls c on c.id = e.call_id
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
  const rule = await getCsatRule(db, centerId);
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

  // ---- people: skill level, certifications valid at the end of the range
  const certs = ids.length
    ? await db
        .selectFrom('people_certifications')
        .select(['agent_id', 'queue'])
        .where('agent_id', 'in', ids)
        .where('passed_at', '<', to)
        .where('valid_until', '>=', Math.min(to, opts.now))
        .execute()
    : [];
  const person = new Map<number, PersonFacts>();
  for (const a of agentRows)
    person.set(a.id, {
      skillLevel: SKILL_LEVEL[a.skill_level] ?? null,
      certifiedQueues: [...new Set(certs.filter((c) => c.agent_id === a.id).map((c) => c.queue))],
    });

  return { centerId, tz, dates, from, to, agents, days: out, person };
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

/** Sum of one agent's days (a week, a month). */
export function periodParts(g: GatheredFacts, agentId: number): FactParts {
  return addParts(g.days.get(agentId)?.values() ?? []);
}

export { dateOfInstant };
