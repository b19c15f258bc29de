/**
 * Goals of agents and teams (issue 17): all SQL of the capability. Every read names its center; a list
 * takes the caller's scope (src/store/scope.ts) and an agent additionally sees their own team's goals.
 * Also the few counts the lead scorecard needs that no other module already answers (post-shift
 * reports sent, coaching entries of the shift log, mood check-ins of a month).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import type { Scope } from '../scope';
import type { GoalKind, GoalStatus, GoalSubject } from '../../core/goals/index';

type Db = Kysely<DB>;

export interface Goal {
  id: number;
  subject: GoalSubject;
  teamId: number;
  teamName: string;
  agentId: number | null;
  agentName: string | null;
  kind: GoalKind;
  month: string | null;
  kpi: string | null;
  direction: 'higher' | 'lower' | null;
  target: number | null;
  dueDate: string | null;
  skillLevel: number | null;
  queue: string | null;
  share: number | null;
  note: string;
  status: GoalStatus;
  setBy: number | null;
  setByName: string | null;
  updatedAt: number;
}

export interface GoalFilter {
  id?: number;
  month?: string;
  teamId?: number;
  agentId?: number;
  /** the caller's own team: an agent (scope self) sees their team's team goals too */
  ownTeamId?: number | null;
  includeDropped?: boolean;
}

/** The goals the scope sees: all of the center; a lead's teams' (their agents' and the teams'); an agent's own and their team's. */
export async function listGoals(db: Db, scope: Scope, f: GoalFilter = {}): Promise<Goal[]> {
  let q = db
    .selectFrom('goals as g')
    .innerJoin('teams as t', 't.id', 'g.team_id')
    .leftJoin('agents as a', 'a.id', 'g.agent_id')
    .leftJoin('users as u', 'u.id', 'g.set_by')
    .selectAll('g')
    .select(['t.name as team_name', 'a.name as agent_name', 'u.display_name as set_by_name'])
    .where('g.center_id', '=', scope.centerId);
  if (scope.kind === 'teams') q = q.where('g.team_id', 'in', scope.teamIds.length ? scope.teamIds : [-1]);
  if (scope.kind === 'self') {
    const agentId = scope.agentId ?? -1;
    const team = f.ownTeamId ?? -1;
    q = q.where((eb) => eb.or([eb('g.agent_id', '=', agentId), eb.and([eb('g.subject', '=', 'team'), eb('g.team_id', '=', team)])]));
  }
  if (f.id !== undefined) q = q.where('g.id', '=', f.id);
  if (f.teamId !== undefined) q = q.where('g.team_id', '=', f.teamId);
  if (f.agentId !== undefined) q = q.where('g.agent_id', '=', f.agentId);
  // a month's goals: KPI goals of the month and skill goals due in it
  if (f.month !== undefined) {
    const month = f.month;
    q = q.where((eb) => eb.or([eb('g.month', '=', month), eb.and([eb('g.kind', '=', 'skill'), eb('g.due_date', 'like', `${month}-%`)])]));
  }
  if (!f.includeDropped) q = q.where('g.status', '=', 'active');
  const rows = await q.orderBy('g.team_id').orderBy('g.agent_id').orderBy('g.id').execute();
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject as GoalSubject,
    teamId: r.team_id,
    teamName: r.team_name,
    agentId: r.agent_id,
    agentName: r.agent_name,
    kind: r.kind as GoalKind,
    month: r.month,
    kpi: r.kpi,
    direction: r.direction as Goal['direction'],
    target: r.target === null ? null : Number(r.target),
    dueDate: r.due_date,
    skillLevel: r.skill_level,
    queue: r.queue,
    share: r.share === null ? null : Number(r.share),
    note: r.note,
    status: r.status as GoalStatus,
    setBy: r.set_by,
    setByName: r.set_by_name,
    updatedAt: Number(r.updated_at),
  }));
}

export interface GoalInput {
  subject: GoalSubject;
  teamId: number;
  agentId: number | null;
  kind: GoalKind;
  month: string | null;
  kpi: string | null;
  direction: 'higher' | 'lower' | null;
  target: number | null;
  dueDate: string | null;
  skillLevel: number | null;
  queue: string | null;
  share: number | null;
  note: string;
}

/** Stores a new goal (audited with what was set). */
export async function insertGoal(db: Db, centerId: number, g: GoalInput, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('goals')
      .values({
        center_id: centerId,
        subject: g.subject,
        team_id: g.teamId,
        agent_id: g.agentId,
        kind: g.kind,
        month: g.month,
        kpi: g.kpi,
        direction: g.direction,
        target: g.target,
        due_date: g.dueDate,
        skill_level: g.skillLevel,
        queue: g.queue,
        share: g.share,
        note: g.note,
        status: 'active',
        set_by: userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'goals.create', entity: 'goal', entityId: row.id, detail: g });
    return row.id;
  });
}

/** Changes a goal's target, note or status (audited with before and after). */
export async function updateGoal(
  db: Db,
  centerId: number,
  id: number,
  p: { target?: number; share?: number; note?: string; status?: GoalStatus },
  userId: number | null,
  now: number,
): Promise<void> {
  await withTx(db, async (tx) => {
    const before = await tx
      .selectFrom('goals')
      .select(['target', 'share', 'note', 'status'])
      .where('id', '=', id)
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    if (!before) return;
    const next = {
      target: p.target ?? before.target,
      share: p.share ?? before.share,
      note: p.note ?? before.note,
      status: p.status ?? before.status,
    };
    await tx
      .updateTable('goals')
      .set({ ...next, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(tx, { at: now, userId, action: 'goals.update', entity: 'goal', entityId: id, detail: { before, after: next } });
  });
}

/** Post-shift reports sent per team between two dates (inclusive). */
export async function reportsSent(db: Db, teamIds: number[], from: string, to: string): Promise<Map<number, number>> {
  if (!teamIds.length) return new Map();
  const rows = await db
    .selectFrom('people_shift_reports')
    .select(['team_id', db.fn.countAll<number>().as('n')])
    .where('team_id', 'in', teamIds)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy('team_id')
    .execute();
  return new Map(rows.map((r) => [r.team_id, Number(r.n)]));
}

/**
 * Coaching and listening (跟聽) entries of the shift log per team between two dates: the lead's routine, so an
 * entry a squad leader wrote for their squad (squad_id set, issue 17) is not counted.
 */
export async function coachingEntries(db: Db, teamIds: number[], from: string, to: string): Promise<Map<number, number>> {
  if (!teamIds.length) return new Map();
  const rows = await db
    .selectFrom('people_shift_log')
    .select(['team_id', db.fn.countAll<number>().as('n')])
    .where('team_id', 'in', teamIds)
    .where('kind', 'in', ['coaching', 'listening'])
    .where('squad_id', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy('team_id')
    .execute();
  return new Map(rows.map((r) => [r.team_id, Number(r.n)]));
}
