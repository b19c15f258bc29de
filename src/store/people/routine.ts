/** The team lead's shift routine: notices and the pre-shift briefing, shift log, post-shift reports, lead tasks. */
import type { Selectable } from 'kysely';
import type { DB } from '../schema';
import { DomainError, notFound, validationError } from '../../core/errors';
import type { Facts } from '../../core/facts/index';
import { deriveKpis, sumMeasures, type Measures } from '../../core/kpi';
import { computeFacts, type AgentFactsRow, type TeamFactsRow } from '../facts/index';
import { monthEnd } from '../../core/performance/kpi';
import { queueMeasures, servedQueues } from '../live/reports';
import {
  isoWeekKey,
  kpisOf,
  monthlyTaskCompletion,
  postShiftSummary,
  preShiftBriefing,
  unreadNotices,
  type DailyFigureSource,
  type DailyFigures,
  type DailyReport,
  type PeriodReport,
  type ShiftLogKind,
  type Violation,
} from '../../core/people';
import { audit } from '../audit';
import { inScope, inScopeOrDelegated, type Delegation, type Scope } from '../scope';
import { SQUAD_LOG_KINDS } from '../../core/peer/index';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { addDays, core, dayStartMs, iso, parseJson, type Db } from './common';
import { attendanceReport, teamDiscipline } from './discipline';
import { qaResults } from '../quality/evaluations';
import { openOrdersOfTeam } from '../workorders/orders';
import type { AttendanceGrace, MoodSignalConfig } from '../../core/people';

const ZERO: DailyFigures = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, slAnswered: 0, handled: 0, talkS: 0, holdS: 0, acwS: 0 };

export async function addNotice(db: Db, teamId: number, date: string, text: string, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('people_notices')
      .values({ team_id: teamId, date, text, author_id: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.notice.add', entity: 'team', entityId: teamId, detail: { noticeId: row.id, date } });
    return { id: row.id };
  });
}

/** Marks a notice read by an agent of its team (idempotent). */
export async function markNoticeRead(db: Db, noticeId: number, agentId: number, now: number) {
  const n = await db.selectFrom('people_notices').select(['id', 'team_id']).where('id', '=', noticeId).executeTakeFirst();
  const a = await db.selectFrom('agents').select('team_id').where('id', '=', agentId).executeTakeFirst();
  if (!n || !a || a.team_id !== n.team_id) throw notFound('notice', noticeId);
  const seen = await db
    .selectFrom('people_notice_reads')
    .select('notice_id')
    .where('notice_id', '=', noticeId)
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
  if (!seen) await db.insertInto('people_notice_reads').values({ notice_id: noticeId, agent_id: agentId, read_at: now }).execute();
}

// ---------------------------------------------------------------- a team's day from the store

/** The call figures of a team-day (agent side, from the facts) and the queue-side ones (from the KPI report). */
const CALL_KEYS = ['handled', 'talkS', 'holdS', 'acwS'] as const;
const QUEUE_KEYS = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'slAnswered'] as const;
/** Counts among the figures (an override must be a whole number); the rest are seconds. */
const COUNT_KEYS: readonly (keyof DailyFigures)[] = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'slAnswered', 'handled'];
export const DAILY_FIGURE_KEYS = [...QUEUE_KEYS, ...CALL_KEYS] as const;
export type FigureSources = Record<keyof DailyFigures, DailyFigureSource | null>;

/** The facts shown per agent and for the team in the briefing and the post-shift report (names: DESIGN.md). */
export const ROUTINE_FACTS = ['handled', 'aht', 'occupancy', 'transferRate', 'adherence', 'attendance', 'qaScore', 'fatalRate', 'complaints', 'csat'] as const;
type RoutineFact = (typeof ROUTINE_FACTS)[number];
type PickedFacts = Pick<Facts, RoutineFact>;
const pickFacts = (f: Facts): PickedFacts => Object.fromEntries(ROUTINE_FACTS.map((k) => [k, f[k]])) as PickedFacts;

export interface QueueDayRow {
  queue: string;
  offered: number | null;
  answered: number | null;
  abandoned: number | null;
  shortAbandoned: number | null;
  answerRate: number | null;
  serviceLevel: number | null;
  asa: number | null;
}

/**
 * The queue-side figures of a team's day: the raw measures by queue (store/live `queueMeasures`, the
 * sums behind GET /api/reports/kpi?by=queue) of the queues the team's active agents serve
 * (`agent_queues`); each row's ratios and the sum's come from core's `deriveKpis` over plain sums.
 */
export const teamQueueDay = (db: Db, teamId: number, date: string, timeZone: string) => teamQueueRange(db, teamId, date, date, timeZone);

/** The same over the local days from `fromDate` to `toDate` (both included). */
export async function teamQueueRange(db: Db, teamId: number, fromDate: string, toDate: string, timeZone: string) {
  const team = await db.selectFrom('teams').select('center_id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('team', teamId);
  const queues = await servedQueues(db, { kind: 'teams', teamIds: [teamId], centerId: team.center_id });
  if (!queues.length) return { queues, rows: [] as QueueDayRow[], total: null, measures: null };
  const byQueue = await queueMeasures(db, {
    centerId: team.center_id,
    from: dayStartMs(fromDate, timeZone),
    to: dayStartMs(addDays(toDate, 1), timeZone),
    queues,
  });
  const row = (queue: string, m: Measures): QueueDayRow => {
    const k = deriveKpis(m);
    return {
      queue,
      offered: m.offered,
      answered: m.answered,
      abandoned: m.abandoned,
      shortAbandoned: m.shortAbandoned,
      answerRate: k.answerRate,
      serviceLevel: k.serviceLevel,
      asa: k.asa,
    };
  };
  const present = queues.filter((q) => byQueue.has(q));
  if (!present.length) return { queues, rows: [] as QueueDayRow[], total: null, measures: null };
  const m = sumMeasures(present.map((q) => byQueue.get(q)!));
  return { queues, rows: present.map((q) => row(q, byQueue.get(q)!)), total: row('total', m), measures: m };
}

/**
 * A team's day as the store has it: the facts of its agents (the same `computeFacts` as GET /api/facts,
 * with each agent's targets and missed KPIs), the queue-side figures of its queues, and the day's
 * figures for the routine's KPI lines with their sources; typed overrides (audited when sent) win
 * and say 'manual'.
 */
export async function teamDay(
  db: Db,
  centerId: number,
  teamId: number,
  date: string,
  now: number,
  timeZone: string,
  overrides: Partial<DailyFigures> = {},
  /** a part of the team (a squad): its agents' facts only, and no queue-side figures (those are the team's queues', not the part's) */
  agentIds?: number[],
) {
  const facts = await computeFacts(db, centerId, { by: 'agent', day: date, teamIds: [teamId], ...(agentIds ? { agentIds } : {}), now });
  const queue = agentIds ? { queues: [] as string[], rows: [] as QueueDayRow[], total: null, measures: null } : await teamQueueDay(db, teamId, date, timeZone);
  const t = facts.total;
  const figures: DailyFigures = { ...ZERO };
  const sources = Object.fromEntries(DAILY_FIGURE_KEYS.map((k) => [k, null])) as FigureSources;
  if (t.handled.value !== null) {
    Object.assign(figures, { handled: t.handled.value, talkS: t.talk.value ?? 0, holdS: t.hold.value ?? 0, acwS: t.acw.value ?? 0 });
    for (const k of CALL_KEYS) sources[k] = 'telephony';
  }
  if (queue.measures) {
    const m = queue.measures;
    Object.assign(figures, {
      offered: m.offered,
      answered: m.answered,
      abandoned: m.abandoned,
      shortAbandoned: m.shortAbandoned,
      slAnswered: m.answeredWithinSl,
    });
    for (const k of QUEUE_KEYS) sources[k] = 'telephony';
  }
  for (const k of DAILY_FIGURE_KEYS)
    if (typeof overrides[k] === 'number') {
      figures[k] = overrides[k]!;
      sources[k] = 'manual';
    }
  const agents = (facts.rows as AgentFactsRow[]).map((a) => ({
    agentId: a.agentId,
    name: a.name,
    employeeNo: a.employeeNo,
    ...pickFacts(a),
    targets: a.targets,
    missed: a.missed,
  }));
  const missed = agents.flatMap((a) => a.targets.filter((x) => !x.met).map((x) => ({ agentId: a.agentId, name: a.name, ...x })));
  return {
    date,
    figures,
    sources,
    team: pickFacts(t),
    agents,
    missed,
    queues: { queues: queue.queues, rows: queue.rows, total: queue.total, source: 'telephony' as const },
  };
}

/** A typed override of the day's figures: whole numbers for counts, seconds ≥ 0, and consistent with each other. */
export function checkOverrides(o: Partial<Record<string, unknown>>, merged: DailyFigures): Partial<DailyFigures> {
  const out: Partial<DailyFigures> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    const key = k as keyof DailyFigures;
    if (!(DAILY_FIGURE_KEYS as readonly string[]).includes(k))
      throw validationError(`overrides.${k}`, `unknown figure "${k}"; expected one of ${DAILY_FIGURE_KEYS.join(', ')}`, {
        reason: 'routine.unknownFigure',
        params: { field: `overrides.${k}` },
      });
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (COUNT_KEYS.includes(key) && !Number.isInteger(v)))
      throw validationError(`overrides.${k}`, `${String(v)} is not ${COUNT_KEYS.includes(key) ? 'a whole number ≥ 0' : 'a number of seconds ≥ 0'}`, {
        reason: 'routine.badFigure',
        params: { field: `overrides.${k}` },
      });
    out[key] = v;
  }
  const pairs: [keyof DailyFigures, keyof DailyFigures][] = [
    ['answered', 'offered'],
    ['abandoned', 'offered'],
    ['shortAbandoned', 'abandoned'],
    ['slAnswered', 'answered'],
  ];
  for (const [part, whole] of pairs)
    if (merged[part] > merged[whole] && (part in out || whole in out)) {
      const field = `overrides.${part in out ? part : whole}`;
      throw validationError(field, `${part} (${merged[part]}) cannot exceed ${whole} (${merged[whole]})`, {
        reason: 'routine.figureExceeds',
        params: { field, part, whole },
      });
    }
  return out;
}

/**
 * The pre-shift briefing for a team and day, from what the store holds: yesterday's and today's
 * figures of the team and of each agent (the facts, with the KPI plan's targets and who missed
 * them), the queue-side figures of the team's queues (the KPI report), yesterday's typed overrides
 * from its post-shift report (source 'manual'), yesterday's attendance, violations and mood, today's
 * shifts (attendance_shifts) and the lead's notices with who read them, the QA results of yesterday's
 * calls (for coaching; the facts' day of an evaluation) and the open work orders its agents raised (overdue = past the SLA due time).
 */
export async function briefing(
  db: Db,
  teamId: number,
  date: string,
  now: number,
  cfg: { grace: AttendanceGrace; signals: MoodSignalConfig; timeZone: string },
) {
  const yesterday = addDays(date, -1);
  const rep = await db.selectFrom('people_shift_reports').select('report').where('team_id', '=', teamId).where('date', '=', yesterday).executeTakeFirst();
  const notices = await db.selectFrom('people_notices').selectAll().where('team_id', '=', teamId).where('date', '=', date).orderBy('id').execute();
  const team = await db.selectFrom('teams').select('center_id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('team', teamId);
  // only the overrides the lead typed into yesterday's report count (reports sent before issue 11 carry none)
  const typed = rep ? (parseJson<DailyReport>(rep.report, {} as DailyReport).overrides ?? {}) : {};
  const yDay = await teamDay(db, team.center_id, teamId, yesterday, now, cfg.timeZone, typed);
  const tDay = await teamDay(db, team.center_id, teamId, date, now, cfg.timeZone);
  const yStart = dayStartMs(yesterday, cfg.timeZone);
  // yesterday's QA by the facts' rule (DESIGN.md): evaluations of the calls made yesterday by the team's agents, whenever scored
  const qa = await qaResults(db, {
    centerId: team.center_id,
    agentIds: yDay.agents.map((a) => a.agentId),
    callFrom: yStart,
    callTo: dayStartMs(date, cfg.timeZone),
  });
  const orders = await openOrdersOfTeam(db, teamId);
  const shifts = await db
    .selectFrom('attendance_shifts as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .select(['s.agent_id', 'a.name', 's.start_at', 's.end_at'])
    .where('a.team_id', '=', teamId)
    .where('s.date', '=', date)
    .execute();
  const b = core(() =>
    preShiftBriefing({
      teamId: String(teamId),
      date,
      now: iso(now),
      yesterday: yDay.figures,
      qa: qa.map((q) => ({ evaluationId: String(q.evaluationId), agentId: String(q.agentId), score: q.score, fatalFailed: q.fatal })),
      workOrders: orders.map((o) => ({ id: String(o.id), title: o.title, dueAt: iso(o.dueAt) })),
      schedule: shifts.map((s) => ({ agentId: String(s.agent_id), start: iso(s.start_at), end: iso(s.end_at) })),
      notices: notices.map((n) => ({ id: String(n.id), text: n.text, authorId: String(n.author_id) })),
      longerBriefingWeekdays: cfg.signals.longerBriefingWeekdays,
    }),
  );
  const members = await db.selectFrom('agents').select(['id', 'name']).where('team_id', '=', teamId).where('status', '=', 'active').execute();
  const reads = await db
    .selectFrom('people_notice_reads')
    .selectAll()
    .where('notice_id', 'in', [...notices.map((n) => n.id), -1])
    .execute();
  const unread = unreadNotices(
    b.notices,
    members.map((m) => String(m.id)),
    reads.map((r) => ({ noticeId: String(r.notice_id), agentId: String(r.agent_id) })),
  );
  const att = await attendanceReport(db, yesterday, yesterday, { teamIds: [teamId] }, cfg.grace);
  const dayStart = yStart;
  const vio = await db
    .selectFrom('people_violations')
    .select(['id'])
    .where('team_id', '=', teamId)
    .where('at', '>=', dayStart)
    .where('at', '<', dayStart + 86_400_000)
    .execute();
  const moods = await db.selectFrom('people_mood_checkins').select(['mood']).where('team_id', '=', teamId).where('date', '=', yesterday).execute();
  const names = new Map(members.map((m) => [String(m.id), m.name]));
  const src = yDay.sources;
  return {
    ...b,
    /** the source of each KPI line's figure: manual when any of its inputs was typed */
    kpis: b.kpis.map((k) => ({ ...k, source: kpiSource(k.name, src) })),
    hasFigures: Object.values(src).some((x) => x !== null),
    /** where yesterday's figures come from, per figure ('telephony', 'manual' or null: no data) */
    figureSources: src,
    figuresSource: { calls: src.handled, queue: src.offered },
    /** yesterday's and today's facts of the team and of each agent, with targets and who missed them */
    team: { yesterday: yDay.team, today: tDay.team },
    agents: yDay.agents.map((a) => ({ ...a, today: tDay.agents.find((x) => x.agentId === a.agentId) ?? null })),
    missed: { yesterday: yDay.missed, today: tDay.missed },
    queues: { yesterday: yDay.queues, today: tDay.queues },
    /** yesterday's facts per agent (handled, aht, adherence, qaScore, each with its source) */
    agentFacts: yDay.agents.map((a) => ({ agentId: a.agentId, name: a.name, handled: a.handled, aht: a.aht, adherence: a.adherence, qaScore: a.qaScore })),
    qa: { ...b.qa, coach: b.qa.coach.map((c) => ({ ...c, name: names.get(c.agentId) ?? c.agentId })) },
    schedule: { ...b.schedule, shifts: shifts.map((s) => ({ agentId: s.agent_id, name: s.name, start: s.start_at, end: s.end_at })) },
    notices: notices.map((n) => {
      const u = unread.find((x) => x.noticeId === String(n.id))?.unread ?? [];
      return {
        id: n.id,
        text: n.text,
        unread: u.map((id) => names.get(id) ?? id),
        readCount: members.length - u.length,
        readBy: reads.filter((r) => r.notice_id === n.id).map((r) => r.agent_id),
      };
    }),
    yesterday: {
      date: yesterday,
      attendance: att.byTeam[0] ?? { shifts: 0, late: 0, earlyLeave: 0, absent: 0, lateMinutes: 0, earlyLeaveMinutes: 0 },
      violations: vio.length,
      moodAverage: moods.length ? Math.round((moods.reduce((s, m) => s + m.mood, 0) / moods.length) * 100) / 100 : null,
    },
  };
}

/** The inputs of each routine KPI line (core/people kpisOf). */
const KPI_INPUTS: Record<string, readonly (keyof DailyFigures)[]> = {
  answerRate: ['offered', 'answered'],
  serviceLevel: ['offered', 'shortAbandoned', 'slAnswered'],
  aht: CALL_KEYS,
};
function kpiSource(name: string, src: FigureSources): DailyFigureSource | null {
  const s = (KPI_INPUTS[name] ?? []).map((k) => src[k]);
  return s.includes('manual') ? 'manual' : s.includes('telephony') ? 'telephony' : null;
}

export async function addLogEntry(
  db: Db,
  teamId: number,
  e: { date: string; kind: ShiftLogKind; agentId?: number | null; text: string },
  userId: number,
  now: number,
  /** written by a squad leader for their squad (issue 17): kept on the entry and audited */
  squadId: number | null = null,
) {
  if (e.agentId != null) {
    const a = await db.selectFrom('agents').select('team_id').where('id', '=', e.agentId).executeTakeFirst();
    if (!a || a.team_id !== teamId)
      throw validationError('agentId', `agent ${e.agentId} is not in team ${teamId}`, {
        reason: 'people.agentNotInTeam',
        params: { agentId: e.agentId, teamId },
      });
  }
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('people_shift_log')
      .values({ team_id: teamId, date: e.date, at: now, kind: e.kind, agent_id: e.agentId ?? null, text: e.text, author_id: userId, squad_id: squadId })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (squadId !== null)
      await audit(tx, {
        at: now,
        userId,
        action: 'peer.squad.logEntry',
        entity: 'agent',
        entityId: e.agentId ?? null,
        detail: { entryId: row.id, squadId, teamId, date: e.date, kind: e.kind },
      });
    return { id: row.id };
  });
}

export const shiftLog = (db: Db, teamId: number, date: string) =>
  db.selectFrom('people_shift_log').selectAll().where('team_id', '=', teamId).where('date', '=', date).orderBy('at').execute();

/**
 * A team-day's shift log as the caller reaches it (src/store/scope.ts): a lead (or above) every entry of
 * the team; a squad leader (an agent with a delegation) the coaching and listening entries about their
 * squad's agents and the entries they wrote themselves. Each entry with its author's name.
 */
export async function shiftLogInReach(db: Db, scope: Scope, d: Delegation, teamId: number, date: string, userId: number) {
  let q = db
    .selectFrom('people_shift_log as l')
    .innerJoin('teams as t', 't.id', 'l.team_id')
    .leftJoin('users as u', 'u.id', 'l.author_id')
    .selectAll('l')
    .select('u.display_name as author_name')
    .where('l.team_id', '=', teamId)
    .where('l.date', '=', date)
    .where('t.center_id', '=', scope.centerId);
  if (scope.kind === 'self')
    q = q.where((eb) =>
      eb.or([
        eb('l.author_id', '=', userId),
        eb.and([eb('l.kind', 'in', [...SQUAD_LOG_KINDS]), inScopeOrDelegated(scope, d, { center: 't.center_id', agent: 'l.agent_id' })(eb)]),
      ]),
    );
  else q = q.where(inScope(scope, { center: 't.center_id', team: 'l.team_id' }));
  return q.orderBy('l.at').orderBy('l.id').execute();
}

/**
 * A stored violation as a post-shift report's row, counted to the given team (the team's report: the team
 * recorded with it; a squad's report: the squad's team).
 */
export const violationOf = (v: Selectable<DB['people_violations']>, teamId: number): Violation => ({
  id: String(v.id),
  ruleId: v.rule_code,
  ruleNo: v.rule_no,
  category: 'conduct',
  agentId: String(v.agent_id),
  teamId: String(teamId),
  recordedBy: String(v.recorded_by),
  at: iso(v.at),
  contributionFen: v.contribution_fen,
});

/**
 * The post-shift summary, generated from the store (the day's facts of the team and its agents with
 * targets and who missed them, the queue-side figures of its queues, QA from the facts, attendance,
 * violations, shift log) plus the lead's notes, stored and thereby sent up to the duty manager. Once
 * per team and day. A typed figure is an override: checked, audited with the computed value it
 * replaces, and shown as source 'manual'.
 */
export async function sendPostShift(
  db: Db,
  teamId: number,
  date: string,
  input: { overrides?: Partial<Record<string, number>>; overrideNote?: string; notes: string[] },
  userId: number,
  now: number,
  grace: AttendanceGrace,
  timeZone: string,
) {
  return withTx(db, async (tx) => {
    const att = await attendanceReport(tx, date, date, { teamIds: [teamId] }, grace);
    const dayStart = dayStartMs(date, timeZone);
    const vio = await tx
      .selectFrom('people_violations')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('at', '>=', dayStart)
      .where('at', '<', dayStart + 86_400_000)
      .execute();
    const log = await shiftLog(tx, teamId, date);
    const team = await tx.selectFrom('teams').select('center_id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw notFound('team', teamId);
    const computed = await teamDay(tx, team.center_id, teamId, date, now, timeZone);
    const typed = checkOverrides(input.overrides ?? {}, { ...computed.figures, ...(input.overrides as Partial<DailyFigures>) });
    const day = Object.keys(typed).length ? await teamDay(tx, team.center_id, teamId, date, now, timeZone, typed) : computed;
    const qa = day.team.qaScore;
    const fatal = day.team.fatalRate;
    const s = core(() =>
      postShiftSummary({
        teamId: String(teamId),
        date,
        figures: day.figures,
        attendance: att.records,
        violations: vio.map((v) => violationOf(v, v.team_id)),
        qa: [],
        // QA of the day's calls from the facts (calibration excluded): scored evaluations, their score sum, fatal ones
        qaTotals: { count: qa.den ?? 0, scoreSum: qa.num ?? 0, fatal: fatal.num ?? 0 },
        log: log.map((l) => ({ at: iso(l.at), kind: l.kind as ShiftLogKind, text: l.text })),
        notes: input.notes,
      }),
    );
    const report: DailyReport = { ...s.report, sources: day.sources, overrides: typed };
    const row = await uniqueAs('date', `the post-shift report of ${date} was already sent`, () =>
      tx
        .insertInto('people_shift_reports')
        .values({ team_id: teamId, date, author_id: userId, report: JSON.stringify(report), notes: JSON.stringify(s.notes), sent_at: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await audit(tx, { at: now, userId, action: 'people.report.send', entity: 'team', entityId: teamId, detail: { reportId: row.id, date } });
    if (Object.keys(typed).length) {
      const replaced = Object.fromEntries(
        Object.keys(typed).map((k) => [k, computed.sources[k as keyof DailyFigures] ? computed.figures[k as keyof DailyFigures] : null]),
      );
      await audit(tx, {
        at: now,
        userId,
        action: 'people.report.override',
        entity: 'team',
        entityId: teamId,
        detail: { reportId: row.id, date, overrides: typed, replaced, note: input.overrideNote ?? null },
      });
    }
    return {
      id: row.id,
      ...s,
      report,
      kpis: s.kpis.map((k) => ({ ...k, source: kpiSource(k.name, day.sources) })),
      figureSources: day.sources,
      team: day.team,
      agents: day.agents,
      missed: day.missed,
      queues: day.queues,
    };
  });
}

export async function listReports(db: Db, f: { teamIds?: number[]; from: string; to: string }) {
  let q = db
    .selectFrom('people_shift_reports as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.team_id', 't.name as team_name', 'r.date', 'r.report', 'r.notes', 'r.sent_at', 'u.display_name as author_name'])
    .where('r.date', '>=', f.from)
    .where('r.date', '<=', f.to)
    .orderBy('r.date', 'desc');
  if (f.teamIds) q = q.where('r.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, report: parseJson<DailyReport>(r.report, {} as DailyReport), notes: parseJson<string[]>(r.notes, []) }));
}

/**
 * A team's weeks (ISO, Monday first) or months touched by [from, to], computed from the owning modules
 * (issue 11), not from the stored daily reports: the call and QA figures and attendance from the facts
 * (the same `computeFacts` as GET /api/facts), the queue-side figures from the queues the team serves
 * (`teamQueueRange`, as the post-shift report's), violations and the fund's contributions from the
 * discipline records and the fund ledger of the period (`teamDiscipline`). A period is whole (a month is
 * all its days so far, even when `from` falls inside it); `days` counts its days up to `to`.
 */
export async function aggregatedReports(
  db: Db,
  centerId: number,
  f: { teamIds?: number[]; from: string; to: string },
  by: 'week' | 'month',
  now: number,
  timeZone: string,
): Promise<PeriodReport[]> {
  let tq = db.selectFrom('teams').select('id').where('center_id', '=', centerId).orderBy('id');
  if (f.teamIds) tq = tq.where('id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  const teamIds = (await tq.execute()).map((t) => t.id);
  const out: PeriodReport[] = [];
  for (const p of periodsOf(f.from, f.to, by)) {
    const facts = await computeFacts(db, centerId, { by: 'team', ...(by === 'week' ? { week: p.first } : { month: p.key }), teamIds, now });
    const disc = await teamDiscipline(db, teamIds, dayStartMs(p.first, timeZone), dayStartMs(addDays(p.last, 1), timeZone));
    for (const row of facts.rows as TeamFactsRow[]) {
      if (row.teamId === null) continue;
      const queue = await teamQueueRange(db, row.teamId, p.first, p.last, timeZone);
      const att = row.attendanceDetail.value;
      const d = disc.get(row.teamId);
      const r: PeriodReport = {
        teamId: String(row.teamId),
        period: p.key,
        days: daysBetween(p.first < f.from ? f.from : p.first, p.last > f.to ? f.to : p.last),
        ...ZERO,
        ...(row.handled.value !== null ? { handled: row.handled.value, talkS: row.talk.value ?? 0, holdS: row.hold.value ?? 0, acwS: row.acw.value ?? 0 } : {}),
        ...(queue.measures
          ? {
              offered: queue.measures.offered,
              answered: queue.measures.answered,
              abandoned: queue.measures.abandoned,
              shortAbandoned: queue.measures.shortAbandoned,
              slAnswered: queue.measures.answeredWithinSl,
            }
          : {}),
        late: att?.late ?? 0,
        earlyLeave: att?.earlyLeave ?? 0,
        absent: att?.absent ?? 0,
        violations: d?.violations ?? 0,
        contributionFen: d?.contributionFen ?? 0,
        qaCount: row.qaScore.den ?? 0,
        qaScoreSum: row.qaScore.num ?? 0,
        fatal: row.fatalRate.num ?? 0,
        kpis: { answerRate: null, serviceLevel: null, aht: null },
        qaAverage: null,
      };
      r.kpis = kpisOf(r);
      r.qaAverage = r.qaCount ? Math.round((r.qaScoreSum / r.qaCount) * 100) / 100 : null;
      out.push(r);
    }
  }
  return out.sort((a, b) => Number(a.teamId) - Number(b.teamId) || a.period.localeCompare(b.period));
}

/** The ISO weeks or months touched by [from, to]: key, first and last day. */
function periodsOf(from: string, to: string, by: 'week' | 'month'): { key: string; first: string; last: string }[] {
  const out: { key: string; first: string; last: string }[] = [];
  if (from > to) return out;
  if (by === 'month') {
    for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(`${monthEnd(m)}`, 1).slice(0, 7)) out.push({ key: m, first: `${m}-01`, last: monthEnd(m) });
    return out;
  }
  const weekday = (d: string) => (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  for (let first = addDays(from, -weekday(from)); first <= to; first = addDays(first, 7)) out.push({ key: isoWeekKey(first), first, last: addDays(first, 6) });
  return out;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;

// ---------------------------------------------------------------- lead tasks

export async function createTask(db: Db, centerId: number, t: { leadId: number; title: string; dueOn: string }, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const lead = await tx.selectFrom('user_roles').select('user_id').where('user_id', '=', t.leadId).where('role', '=', 'team_lead').executeTakeFirst();
    if (!lead) throw validationError('leadId', `user ${t.leadId} is not a team lead`, { reason: 'people.notTeamLead', params: { userId: t.leadId } });
    const row = await tx
      .insertInto('people_lead_tasks')
      .values({ center_id: centerId, lead_id: t.leadId, title: t.title, due_on: t.dueOn, completed_on: null, created_by: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.task.create', entity: 'user', entityId: t.leadId, detail: { taskId: row.id, ...t } });
    return { id: row.id };
  });
}

export async function completeTask(db: Db, taskId: number, userId: number, mayCompleteOthers: boolean, completedOn: string, now: number) {
  return withTx(db, async (tx) => {
    const t = await tx.selectFrom('people_lead_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!t || (!mayCompleteOthers && t.lead_id !== userId)) throw notFound('task', taskId);
    if (t.completed_on)
      throw new DomainError(`task ${taskId} is already done`, 'conflict', 'taskId', { reason: 'people.taskDone', params: { doneOn: t.completed_on } });
    await tx.updateTable('people_lead_tasks').set({ completed_on: completedOn }).where('id', '=', taskId).execute();
    await audit(tx, { at: now, userId, action: 'people.task.complete', entity: 'user', entityId: t.lead_id, detail: { taskId, completedOn } });
  });
}

/** A lead task of the center that is not done yet (a done task is part of the month's completion figures). */
async function openTask(tx: Db, centerId: number, id: number) {
  const t = await tx.selectFrom('people_lead_tasks').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!t) throw notFound('task', id);
  if (t.completed_on)
    throw new DomainError(`task ${id} is already done`, 'conflict', 'taskId', { reason: 'people.taskDone', params: { doneOn: t.completed_on } });
  return t;
}

/** Changes an open task's title or due date (audited). */
export async function updateTask(db: Db, centerId: number, id: number, p: { title?: string; dueOn?: string }, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const t = await openTask(tx, centerId, id);
    const next = { title: p.title ?? t.title, due_on: p.dueOn ?? t.due_on };
    await tx.updateTable('people_lead_tasks').set(next).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.task.update', entity: 'user', entityId: t.lead_id, detail: { taskId: id, before: t, after: next } });
    return { ok: true as const };
  });
}

/** Deletes an open task (audited); a done one stays in the completion figures. */
export async function deleteTask(db: Db, centerId: number, id: number, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const t = await openTask(tx, centerId, id);
    await tx.deleteFrom('people_lead_tasks').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.task.delete', entity: 'user', entityId: t.lead_id, detail: t });
    return { ok: true as const };
  });
}

export async function listTasks(db: Db, centerId: number, leadId?: number) {
  let q = db
    .selectFrom('people_lead_tasks as t')
    .innerJoin('users as u', 'u.id', 't.lead_id')
    .select(['t.id', 't.lead_id', 'u.display_name as lead_name', 't.title', 't.due_on', 't.completed_on'])
    .where('t.center_id', '=', centerId)
    .orderBy('t.due_on', 'desc');
  if (leadId) q = q.where('t.lead_id', '=', leadId);
  return q.execute();
}

export async function taskCompletion(db: Db, centerId: number, month: string, leadId?: number) {
  const rows = await listTasks(db, centerId, leadId);
  const stats = core(() =>
    monthlyTaskCompletion(
      rows.map((r) => ({ id: String(r.id), leadId: String(r.lead_id), title: r.title, dueOn: r.due_on, completedOn: r.completed_on })),
      month,
    ),
  );
  const names = new Map(rows.map((r) => [String(r.lead_id), r.lead_name]));
  return stats.map((s) => ({ ...s, leadId: Number(s.leadId), leadName: names.get(s.leadId) ?? '' }));
}
