/**
 * Improvement plans (issue 17, 崗位淘汰制度): the plan, its steps with their results and the agent's
 * acknowledgement, and the decision that ends it. Every read names its center and takes the caller's
 * scope in SQL (an agent: their own plans only; a team lead: their teams' agents).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { inScope, type Scope } from '../scope';
import type { MonthBelow, PlanDecision, PlanStatus, StepResult } from '../../core/careers/index';

type Db = Kysely<DB>;

export interface Plan {
  id: number;
  agentId: number;
  agentName: string;
  employeeNo: string;
  teamId: number | null;
  origin: 'manual' | 'proposed';
  missedMonths: MonthBelow[];
  reason: string;
  startDate: string;
  endDate: string;
  status: PlanStatus;
  decision: PlanDecision | null;
  decisionNote: string;
  decidedByName: string | null;
  openedByName: string | null;
  /** steps with no result yet / steps the agent has not acknowledged */
  pendingSteps: number;
  unacknowledged: number;
}

export interface Step {
  id: number;
  planId: number;
  dueDate: string;
  action: string;
  result: StepResult;
  resultNote: string;
  createdByName: string | null;
  acknowledgedAt: number | null;
}

const planQuery = (db: Db, scope: Scope) =>
  db
    .selectFrom('career_plans as p')
    .innerJoin('agents as a', 'a.id', 'p.agent_id')
    .leftJoin('users as d', 'd.id', 'p.decided_by')
    .leftJoin('users as o', 'o.id', 'p.opened_by')
    .select([
      'p.id',
      'p.agent_id',
      'a.name as agent_name',
      'a.employee_no',
      'a.team_id',
      'p.origin',
      'p.missed_months',
      'p.reason',
      'p.start_date',
      'p.end_date',
      'p.status',
      'p.decision',
      'p.decision_note',
      'd.display_name as decided_by_name',
      'o.display_name as opened_by_name',
    ])
    .where(inScope(scope, { center: 'p.center_id', team: 'a.team_id', agent: 'p.agent_id' }));

type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>['execute']>>[number];

async function withCounts(db: Db, rows: PlanRow[]): Promise<Plan[]> {
  const ids = rows.map((r) => r.id);
  const steps = ids.length
    ? await db.selectFrom('career_plan_steps').select(['plan_id', 'result', 'acknowledged_at']).where('plan_id', 'in', ids).execute()
    : [];
  return rows.map((r) => {
    const mine = steps.filter((s) => s.plan_id === r.id);
    return {
      id: r.id,
      agentId: r.agent_id,
      agentName: r.agent_name,
      employeeNo: r.employee_no,
      teamId: r.team_id,
      origin: r.origin === 'proposed' ? 'proposed' : 'manual',
      missedMonths: JSON.parse(r.missed_months) as MonthBelow[],
      reason: r.reason,
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.status as PlanStatus,
      decision: (r.decision as PlanDecision | null) ?? null,
      decisionNote: r.decision_note,
      decidedByName: r.decided_by_name ?? null,
      openedByName: r.opened_by_name ?? null,
      pendingSteps: mine.filter((s) => s.result === 'pending').length,
      unacknowledged: mine.filter((s) => s.acknowledged_at == null).length,
    };
  });
}

/** The plans the scope sees, open ones first, newest first. */
export async function listPlans(db: Db, scope: Scope, f: { agentId?: number; status?: PlanStatus } = {}): Promise<Plan[]> {
  let q = planQuery(db, scope);
  if (f.agentId !== undefined) q = q.where('p.agent_id', '=', f.agentId);
  if (f.status) q = q.where('p.status', '=', f.status);
  const rows = await q.orderBy('p.status', 'desc').orderBy('p.id', 'desc').execute();
  return withCounts(db, rows);
}

/** One plan if the scope sees it. */
export async function getPlan(db: Db, scope: Scope, id: number): Promise<Plan | null> {
  const rows = await planQuery(db, scope).where('p.id', '=', id).execute();
  return (await withCounts(db, rows))[0] ?? null;
}

/** Agents (of the given ones) with an open plan. */
export async function agentsWithOpenPlan(db: Db, centerId: number, agentIds: number[]): Promise<Set<number>> {
  if (!agentIds.length) return new Set();
  const rows = await db
    .selectFrom('career_plans')
    .select('agent_id')
    .where('center_id', '=', centerId)
    .where('status', '=', 'open')
    .where('agent_id', 'in', agentIds)
    .execute();
  return new Set(rows.map((r) => r.agent_id));
}

export interface PlanInput {
  agentId: number;
  origin: 'manual' | 'proposed';
  missedMonths: MonthBelow[];
  reason: string;
  startDate: string;
  endDate: string;
}

export async function insertPlan(db: Db, centerId: number, p: PlanInput, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const { id } = await tx
      .insertInto('career_plans')
      .values({
        center_id: centerId,
        agent_id: p.agentId,
        origin: p.origin,
        missed_months: JSON.stringify(p.missedMonths),
        reason: p.reason,
        start_date: p.startDate,
        end_date: p.endDate,
        status: 'open',
        decision: null,
        decision_note: '',
        decided_by: null,
        decided_at: null,
        opened_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: now,
      userId,
      action: 'careers.plan.open',
      entity: 'improvementPlan',
      entityId: id,
      detail: { agentId: p.agentId, origin: p.origin },
    });
    return id;
  });
}

export async function listSteps(db: Db, planId: number): Promise<Step[]> {
  const rows = await db
    .selectFrom('career_plan_steps as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select(['s.id', 's.plan_id', 's.due_date', 's.action', 's.result', 's.result_note', 's.acknowledged_at', 'u.display_name'])
    .where('s.plan_id', '=', planId)
    .orderBy('s.due_date')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    dueDate: r.due_date,
    action: r.action,
    result: r.result as StepResult,
    resultNote: r.result_note,
    createdByName: r.display_name ?? null,
    acknowledgedAt: r.acknowledged_at == null ? null : Number(r.acknowledged_at),
  }));
}

/** A step and its plan's center and agent (to check who may touch it). */
export async function stepOwner(db: Db, stepId: number) {
  return db
    .selectFrom('career_plan_steps as s')
    .innerJoin('career_plans as p', 'p.id', 's.plan_id')
    .select(['s.id', 's.plan_id', 'p.center_id', 'p.agent_id', 'p.status', 's.acknowledged_at'])
    .where('s.id', '=', stepId)
    .executeTakeFirst();
}

export async function insertStep(db: Db, planId: number, s: { dueDate: string; action: string }, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const { id } = await tx
      .insertInto('career_plan_steps')
      .values({
        plan_id: planId,
        due_date: s.dueDate,
        action: s.action,
        result: 'pending',
        result_note: '',
        created_by: userId,
        created_at: now,
        updated_at: now,
        acknowledged_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'careers.step.add', entity: 'improvementStep', entityId: id, detail: { planId, ...s } });
    return id;
  });
}

/** Records a step's result; the agent is asked to acknowledge it again (a changed result is news to them). */
export async function recordStepResult(db: Db, stepId: number, r: { result: StepResult; note: string }, userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    await tx
      .updateTable('career_plan_steps')
      .set({ result: r.result, result_note: r.note, updated_at: now, acknowledged_at: null })
      .where('id', '=', stepId)
      .execute();
    await audit(tx, { at: now, userId, action: 'careers.step.result', entity: 'improvementStep', entityId: stepId, detail: r });
  });
}

export async function acknowledgeStep(db: Db, stepId: number, userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    await tx.updateTable('career_plan_steps').set({ acknowledged_at: now }).where('id', '=', stepId).execute();
    await audit(tx, { at: now, userId, action: 'careers.step.ack', entity: 'improvementStep', entityId: stepId });
  });
}

/** The decision: extended keeps the plan open to its new end date; the others close it. */
export async function decidePlan(db: Db, planId: number, d: { decision: PlanDecision; note: string; endDate?: string }, userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    const extended = d.decision === 'extended';
    await tx
      .updateTable('career_plans')
      .set({
        decision: d.decision,
        decision_note: d.note,
        decided_by: userId,
        decided_at: now,
        status: extended ? 'open' : 'closed',
        ...(extended && d.endDate ? { end_date: d.endDate } : {}),
      })
      .where('id', '=', planId)
      .execute();
    await audit(tx, { at: now, userId, action: 'careers.plan.decide', entity: 'improvementPlan', entityId: planId, detail: d });
  });
}
