/** The team lead's shift routine: notices and the pre-shift briefing, shift log, post-shift reports, lead tasks. */
import { DomainError, notFound, validationError } from '../../core/errors';
import { addParts, deriveFacts } from '../../core/facts/index';
import { gatherFacts } from '../facts/gather';
import {
  aggregateReports,
  monthlyTaskCompletion,
  postShiftSummary,
  preShiftBriefing,
  unreadNotices,
  type DailyFigures,
  type DailyReport,
  type ShiftLogKind,
  type Violation,
} from '../../core/people';
import { audit } from '../audit';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { addDays, core, dayStartMs, iso, parseJson, type Db } from './common';
import { attendanceReport } from './discipline';
import { qaResults } from '../quality/evaluations';
import { openOrdersOfTeam } from '../workorders/orders';
import type { AttendanceGrace, MoodSignalConfig } from '../../core/people';

const ZERO: DailyFigures = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, slAnswered: 0, handled: 0, talkS: 0, holdS: 0, acwS: 0 };

export async function addNotice(db: Db, teamId: number, date: string, text: string, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const row = await tx.insertInto('people_notices').values({ team_id: teamId, date, text, author_id: userId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.notice.add', entity: 'team', entityId: teamId, detail: { noticeId: row.id, date } });
    return { id: row.id };
  });
}

/** Marks a notice read by an agent of its team (idempotent). */
export async function markNoticeRead(db: Db, noticeId: number, agentId: number, now: number) {
  const n = await db.selectFrom('people_notices').select(['id', 'team_id']).where('id', '=', noticeId).executeTakeFirst();
  const a = await db.selectFrom('agents').select('team_id').where('id', '=', agentId).executeTakeFirst();
  if (!n || !a || a.team_id !== n.team_id) throw notFound(`notice ${noticeId}`);
  const seen = await db.selectFrom('people_notice_reads').select('notice_id').where('notice_id', '=', noticeId).where('agent_id', '=', agentId).executeTakeFirst();
  if (!seen) await db.insertInto('people_notice_reads').values({ notice_id: noticeId, agent_id: agentId, read_at: now }).execute();
}

/**
 * The pre-shift briefing for a team and day, from what the store holds: yesterday's figures from the
 * team's post-shift report (the live floor's figures once that capability writes them), yesterday's
 * attendance, violations and mood, today's shifts (attendance_shifts) and the lead's notices with who read them,
 * the team's QA results of yesterday (evaluations made that local day, from the quality store) and the
 * open work orders its agents raised (from the work-order store; overdue = past the SLA due time).
 */
export async function briefing(db: Db, teamId: number, date: string, now: number, cfg: { grace: AttendanceGrace; signals: MoodSignalConfig; timeZone: string }) {
  const yesterday = addDays(date, -1);
  const rep = await db.selectFrom('people_shift_reports').select('report').where('team_id', '=', teamId).where('date', '=', yesterday).executeTakeFirst();
  const notices = await db.selectFrom('people_notices').selectAll().where('team_id', '=', teamId).where('date', '=', date).orderBy('id').execute();
  const team = await db.selectFrom('teams').select('center_id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound(`team ${teamId}`);
  // yesterday's agent-side call figures from the facts (one source with the KPI report); the queue-side
  // ones (offered, answered, service level) are not per team and still come from the post-shift report
  const yFacts = await teamDayFacts(db, team.center_id, teamId, yesterday, now);
  const typed: DailyFigures = rep ? { ...ZERO, ...pickFigures(parseJson<DailyReport>(rep.report, {} as DailyReport)) } : ZERO;
  const figures: DailyFigures = { ...typed, ...yFacts.figures };
  const yStart = dayStartMs(yesterday, cfg.timeZone);
  const qa = await qaResults(db, { centerId: team.center_id, teamIds: [teamId], createdFrom: yStart, createdTo: dayStartMs(date, cfg.timeZone) });
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
      yesterday: figures,
      qa: qa.map((q) => ({ evaluationId: String(q.evaluationId), agentId: String(q.agentId), score: q.score, fatalFailed: q.fatal })),
      workOrders: orders.map((o) => ({ id: String(o.id), title: o.title, dueAt: iso(o.dueAt) })),
      schedule: shifts.map((s) => ({ agentId: String(s.agent_id), start: iso(s.start_at), end: iso(s.end_at) })),
      notices: notices.map((n) => ({ id: String(n.id), text: n.text, authorId: String(n.author_id) })),
      longerBriefingWeekdays: cfg.signals.longerBriefingWeekdays,
    }),
  );
  const members = await db.selectFrom('agents').select(['id', 'name']).where('team_id', '=', teamId).where('status', '=', 'active').execute();
  const reads = await db.selectFrom('people_notice_reads').selectAll().where('notice_id', 'in', [...notices.map((n) => n.id), -1]).execute();
  const unread = unreadNotices(b.notices, members.map((m) => String(m.id)), reads.map((r) => ({ noticeId: String(r.notice_id), agentId: String(r.agent_id) })));
  const att = await attendanceReport(db, yesterday, yesterday, { teamIds: [teamId] }, cfg.grace);
  const dayStart = yStart;
  const vio = await db.selectFrom('people_violations').select(['id']).where('team_id', '=', teamId).where('at', '>=', dayStart).where('at', '<', dayStart + 86_400_000).execute();
  const moods = await db.selectFrom('people_mood_checkins').select(['mood']).where('team_id', '=', teamId).where('date', '=', yesterday).execute();
  const names = new Map(members.map((m) => [String(m.id), m.name]));
  return {
    ...b,
    hasFigures: !!rep || yFacts.agents.length > 0,
    /** where yesterday's figures come from: handled/talk/hold/acw from the facts when the floor has them */
    figuresSource: { calls: Object.keys(yFacts.figures).length ? 'telephony' : rep ? 'manual' : null, queue: rep ? 'manual' : null },
    /** yesterday's facts per agent of the team (handled, aht, adherence, qaScore, each with its source) */
    agentFacts: yFacts.agents,
    qa: { ...b.qa, coach: b.qa.coach.map((c) => ({ ...c, name: names.get(c.agentId) ?? c.agentId })) },
    schedule: { ...b.schedule, shifts: shifts.map((s) => ({ agentId: s.agent_id, name: s.name, start: s.start_at, end: s.end_at })) },
    notices: notices.map((n) => {
      const u = unread.find((x) => x.noticeId === String(n.id))?.unread ?? [];
      return { id: n.id, text: n.text, unread: u.map((id) => names.get(id) ?? id), readCount: members.length - u.length, readBy: reads.filter((r) => r.notice_id === n.id).map((r) => r.agent_id) };
    }),
    yesterday: {
      date: yesterday,
      attendance: att.byTeam[0] ?? { shifts: 0, late: 0, earlyLeave: 0, absent: 0, lateMinutes: 0, earlyLeaveMinutes: 0 },
      violations: vio.length,
      moodAverage: moods.length ? Math.round((moods.reduce((s, m) => s + m.mood, 0) / moods.length) * 100) / 100 : null,
    },
  };
}

/**
 * A team's day from the facts (store/facts): the agent-side call figures (handled, talk, hold, acw)
 * when the floor has telephony for the team's agents that day (else none, so typed ones stay), and
 * each agent's handled, aht, adherence and qaScore.
 */
async function teamDayFacts(db: Db, centerId: number, teamId: number, date: string, now: number) {
  const g = await gatherFacts(db, centerId, date, date, { teamIds: [teamId], now });
  const parts = addParts(g.agents.flatMap((a) => [...(g.days.get(a.agentId)?.values() ?? [])]));
  const t = parts.telephony;
  const figures: Partial<DailyFigures> = t ? { handled: t.handled, talkS: t.talk, holdS: t.hold, acwS: t.acw } : {};
  const agents = g.agents
    .filter((a) => g.days.has(a.agentId))
    .map((a) => {
      const f = deriveFacts(addParts(g.days.get(a.agentId)!.values()), g.person.get(a.agentId) ?? null, now);
      return { agentId: a.agentId, name: a.name, handled: f.handled, aht: f.aht, adherence: f.adherence, qaScore: f.qaScore };
    });
  return { figures, agents };
}

function pickFigures(r: Partial<DailyFigures>): DailyFigures {
  const out = { ...ZERO };
  for (const k of Object.keys(ZERO) as (keyof DailyFigures)[]) if (typeof r[k] === 'number') out[k] = r[k]!;
  return out;
}

export async function addLogEntry(db: Db, teamId: number, e: { date: string; kind: ShiftLogKind; agentId?: number | null; text: string }, userId: number, now: number) {
  if (e.agentId != null) {
    const a = await db.selectFrom('agents').select('team_id').where('id', '=', e.agentId).executeTakeFirst();
    if (!a || a.team_id !== teamId) throw validationError('agentId', `agent ${e.agentId} is not in team ${teamId}`);
  }
  const row = await db.insertInto('people_shift_log').values({ team_id: teamId, date: e.date, at: now, kind: e.kind, agent_id: e.agentId ?? null, text: e.text, author_id: userId }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id };
}

export const shiftLog = (db: Db, teamId: number, date: string) =>
  db.selectFrom('people_shift_log').selectAll().where('team_id', '=', teamId).where('date', '=', date).orderBy('at').execute();

/**
 * The post-shift summary, generated from the day's data (attendance, violations, shift log) plus
 * the lead's figures and notes, stored and thereby sent up to the duty manager. Once per team and day.
 */
export async function sendPostShift(db: Db, teamId: number, date: string, input: { figures?: Partial<DailyFigures>; notes: string[] }, userId: number, now: number, grace: AttendanceGrace, timeZone: string) {
  return withTx(db, async (tx) => {
    const att = await attendanceReport(tx, date, date, { teamIds: [teamId] }, grace);
    const dayStart = dayStartMs(date, timeZone);
    const vio = await tx.selectFrom('people_violations').selectAll().where('team_id', '=', teamId).where('at', '>=', dayStart).where('at', '<', dayStart + 86_400_000).execute();
    const log = await shiftLog(tx, teamId, date);
    const team = await tx.selectFrom('teams').select('center_id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw notFound(`team ${teamId}`);
    // the day's agent-side call figures from the facts override typed ones (one source of numbers)
    const dayFacts = await teamDayFacts(tx, team.center_id, teamId, date, now);
    const s = core(() =>
      postShiftSummary({
        teamId: String(teamId),
        date,
        figures: { ...pickFigures(input.figures ?? {}), ...dayFacts.figures },
        attendance: att.records,
        violations: vio.map((v) => ({ id: String(v.id), ruleId: v.rule_code, ruleNo: v.rule_no, category: 'conduct', agentId: String(v.agent_id), teamId: String(v.team_id), recordedBy: String(v.recorded_by), at: iso(v.at), contributionFen: v.contribution_fen }) as Violation),
        qa: [],
        log: log.map((l) => ({ at: iso(l.at), kind: l.kind as ShiftLogKind, text: l.text })),
        notes: input.notes,
      }),
    );
    const row = await uniqueAs('date', `the post-shift report of ${date} was already sent`, () =>
      tx.insertInto('people_shift_reports').values({ team_id: teamId, date, author_id: userId, report: JSON.stringify(s.report), notes: JSON.stringify(s.notes), sent_at: now }).returning('id').executeTakeFirstOrThrow(),
    );
    await audit(tx, { at: now, userId, action: 'people.report.send', entity: 'team', entityId: teamId, detail: { reportId: row.id, date } });
    return { id: row.id, ...s };
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

export async function aggregatedReports(db: Db, f: { teamIds?: number[]; from: string; to: string }, by: 'week' | 'month') {
  const rows = await listReports(db, f);
  return aggregateReports(rows.map((r) => r.report), by).map((p) => ({ ...p, teamId: Number(p.teamId) }));
}

// ---------------------------------------------------------------- lead tasks

export async function createTask(db: Db, centerId: number, t: { leadId: number; title: string; dueOn: string }, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const lead = await tx.selectFrom('user_roles').select('user_id').where('user_id', '=', t.leadId).where('role', '=', 'team_lead').executeTakeFirst();
    if (!lead) throw validationError('leadId', `user ${t.leadId} is not a team lead`);
    const row = await tx.insertInto('people_lead_tasks').values({ center_id: centerId, lead_id: t.leadId, title: t.title, due_on: t.dueOn, completed_on: null, created_by: userId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.task.create', entity: 'user', entityId: t.leadId, detail: { taskId: row.id, ...t } });
    return { id: row.id };
  });
}

export async function completeTask(db: Db, taskId: number, userId: number, mayCompleteOthers: boolean, completedOn: string, now: number) {
  return withTx(db, async (tx) => {
    const t = await tx.selectFrom('people_lead_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!t || (!mayCompleteOthers && t.lead_id !== userId)) throw notFound(`task ${taskId}`);
    if (t.completed_on) throw new DomainError(`task ${taskId} is already done`, 'conflict', 'taskId');
    await tx.updateTable('people_lead_tasks').set({ completed_on: completedOn }).where('id', '=', taskId).execute();
    await audit(tx, { at: now, userId, action: 'people.task.complete', entity: 'user', entityId: t.lead_id, detail: { taskId, completedOn } });
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
  const stats = core(() => monthlyTaskCompletion(rows.map((r) => ({ id: String(r.id), leadId: String(r.lead_id), title: r.title, dueOn: r.due_on, completedOn: r.completed_on })), month));
  const names = new Map(rows.map((r) => [String(r.lead_id), r.lead_name]));
  return stats.map((s) => ({ ...s, leadId: Number(s.leadId), leadName: names.get(s.leadId) ?? '' }));
}
