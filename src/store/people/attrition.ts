/** Attrition: exit interviews on top of the platform's agents.status='left' + left_date; rates, reasons, tenure, at-risk. */
import { DomainError } from '../../core/errors';
import { PeopleError } from '../../core/people/errors';
import {
  atRiskList,
  leaveReasonsByMonth,
  monthlyAttrition,
  tenureAtLeaving,
  validateEmployees,
  type AtRiskConfig,
  type AttendanceGrace,
  type Employee,
  type LeaveReason,
} from '../../core/people';
import { audit } from '../audit';
import { withTx } from '../db';
import { addDays, agentMissing, core, type Db } from './common';
import { attendanceReport } from './discipline';
import { inScope, scopeAdmits, type Scope } from '../scope';

/**
 * Records a leaver: the agent is set to status 'left' with the leaving date (the platform's columns)
 * and the coded exit reason + free text go into people_exit_interviews, in one transaction.
 */
export async function recordLeaver(
  db: Db,
  agentId: number,
  x: { leftDate: string; reasonCode: string; reasonText?: string },
  reasons: readonly LeaveReason[],
  userId: number,
  now: number,
) {
  return withTx(db, async (tx) => {
    const a = await tx.selectFrom('agents').select(['id', 'hire_date', 'team_id', 'status']).where('id', '=', agentId).executeTakeFirst();
    if (!a) throw agentMissing('agentId', agentId);
    try {
      validateEmployees(
        [{ id: String(agentId), teamId: String(a.team_id), hiredOn: a.hire_date, leftOn: x.leftDate, reasonCode: x.reasonCode, reasonText: x.reasonText }],
        reasons,
      );
    } catch (e) {
      // the core names its list (employees[0].leftOn); the caller sent one leaver: name their field
      if (e instanceof PeopleError)
        throw new PeopleError(e.why, e.field.endsWith('leftOn') ? 'leftDate' : 'reasonCode', e.problem, { reason: e.reason, params: e.params });
      throw e;
    }
    const done = await tx.selectFrom('people_exit_interviews').select('agent_id').where('agent_id', '=', agentId).executeTakeFirst();
    if (done) throw new DomainError(`agent ${agentId} already has an exit interview`, 'conflict', 'agentId', { reason: 'people.alreadyLeft' });
    await tx.updateTable('agents').set({ status: 'left', left_date: x.leftDate }).where('id', '=', agentId).execute();
    await tx
      .insertInto('people_exit_interviews')
      .values({ agent_id: agentId, reason_code: x.reasonCode, reason_text: x.reasonText?.trim() || null, interviewed_by: userId, at: now })
      .execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'people.leaver.record',
      entity: 'agent',
      entityId: agentId,
      detail: { leftDate: x.leftDate, reasonCode: x.reasonCode },
    });
  });
}

/** Every agent as the core's Employee; a leaver without an interview counts under reason 'other'. */
async function employees(db: Db, centerId: number): Promise<(Employee & { name: string })[]> {
  const rows = await db
    .selectFrom('agents as a')
    .leftJoin('people_exit_interviews as x', 'x.agent_id', 'a.id')
    .select(['a.id', 'a.name', 'a.team_id', 'a.hire_date', 'a.status', 'a.left_date', 'x.reason_code', 'x.reason_text'])
    .where('a.center_id', '=', centerId)
    .execute();
  return rows.map((r) => {
    const left = r.status === 'left' ? (r.left_date ?? r.hire_date) : null;
    return {
      id: String(r.id),
      name: r.name,
      teamId: String(r.team_id ?? ''),
      hiredOn: r.hire_date,
      leftOn: left,
      ...(left ? { reasonCode: r.reason_code ?? 'other', reasonText: r.reason_text ?? undefined } : {}),
    };
  });
}

function monthsBack(lastMonth: string, n: number): string[] {
  const [y, m] = lastMonth.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Attrition of the scope's center, of the teams it sees (a team lead: their teams), or of one team of them. */
export async function attritionStats(db: Db, scope: Scope, lastMonth: string, months: number, reasons: readonly LeaveReason[], teamId?: number) {
  const all = await employees(db, scope.centerId);
  const emps = all.filter((e) => {
    const team = e.teamId === '' ? null : Number(e.teamId);
    return scopeAdmits(scope, { teamId: team, agentId: Number(e.id) }) && (teamId === undefined || team === teamId);
  });
  const ms = monthsBack(lastMonth, months);
  const teams = [...new Set(emps.map((e) => e.teamId))].filter(Boolean).sort((a, b) => Number(a) - Number(b));
  const byTeam = teams.map((t) => ({ teamId: Number(t), months: ms.map((m) => monthlyAttrition(emps, m, t)) }));
  const center = ms.map((m) => monthlyAttrition(emps, m, null));
  const inRange = emps.filter((e) => e.leftOn && e.leftOn.slice(0, 7) >= ms[0]! && e.leftOn.slice(0, 7) <= lastMonth);
  const safeReasons = reasons.some((r) => r.code === 'other') ? reasons : [...reasons, { code: 'other', label: '其他' }];
  return {
    months: ms,
    center,
    byTeam,
    reasons: core(() => leaveReasonsByMonth(inRange, safeReasons)),
    reasonLabels: safeReasons,
    tenure: tenureAtLeaving(inRange),
    leavers: inRange
      .sort((a, b) => b.leftOn!.localeCompare(a.leftOn!))
      .map((e) => ({
        agentId: Number(e.id),
        name: e.name,
        teamId: Number(e.teamId),
        hiredOn: e.hiredOn,
        leftOn: e.leftOn,
        reasonCode: e.reasonCode,
        reasonText: e.reasonText ?? null,
      })),
  };
}

/**
 * The at-risk list: low recent mood (check-ins of the last 14 days), falling exam scores (oldest → latest
 * marked attempt; QA scores join when the quality capability is present) and absences in the last 30 days.
 */
export async function atRisk(db: Db, scope: Scope, today: string, cfg: AtRiskConfig, grace: AttendanceGrace, teamId?: number) {
  let q = db
    .selectFrom('agents')
    .select(['id', 'name', 'team_id'])
    .where(inScope(scope, { center: 'center_id', team: 'team_id', agent: 'id' }))
    .where('status', '=', 'active');
  if (teamId !== undefined) q = q.where('team_id', '=', teamId);
  const agents = await q.execute();
  const ids = agents.map((a) => a.id);
  const moods = await db
    .selectFrom('people_mood_checkins')
    .select(['agent_id', 'mood'])
    .where('agent_id', 'in', [...ids, -1])
    .where('date', '>', addDays(today, -14))
    .where('date', '<=', today)
    .execute();
  const attempts = await db
    .selectFrom('people_exam_attempts')
    .select(['agent_id', 'percent', 'submitted_at'])
    .where('agent_id', 'in', [...ids, -1])
    .where('percent', 'is not', null)
    .orderBy('submitted_at')
    .execute();
  const att = await attendanceReport(db, addDays(today, -30), today, { agentIds: ids }, grace);
  const absences = new Map(att.byAgent.map((a) => [a.key, a.absent]));
  const list = atRiskList(
    agents.map((a) => ({
      agentId: String(a.id),
      teamId: String(a.team_id ?? ''),
      recentMoods: moods.filter((m) => m.agent_id === a.id).map((m) => m.mood),
      scores: attempts.filter((t) => t.agent_id === a.id).map((t) => t.percent!),
      absences: absences.get(String(a.id)) ?? 0,
    })),
    cfg,
  );
  const names = new Map(agents.map((a) => [String(a.id), a.name]));
  return list.map((r) => ({ ...r, agentId: Number(r.agentId), teamId: Number(r.teamId), name: names.get(r.agentId) ?? '' }));
}
