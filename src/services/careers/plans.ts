/**
 * Improvement plans (issue 17, 崗位淘汰制度): who the rule proposes (src/core/careers, reading each
 * month's scorecards — computeScorecards, the one function behind every scorecard), opening a plan,
 * its steps and their results, the agent's acknowledgement and the decision. A plan is seen by the
 * leads of the agent's team, the center's managers and the agent; another agent's plan is absent (404).
 */
import { conflict, notFound, validationError } from '../../core/errors';
import { improvementRuleOf, missedRun, proposesPlan, type MonthBelow, type PlanDecision, type StepResult } from '../../core/careers/index';
import { shiftMonth } from '../../core/performance/index';
import { getSetting, listAgents } from '../../store/org';
import { computeScorecards } from '../../store/performance/figures';
import { scopeAdmits } from '../../store/scope';
import {
  acknowledgeStep as storeAck,
  agentsWithOpenPlan,
  decidePlan,
  getPlan,
  insertPlan,
  insertStep,
  listPlans,
  listSteps,
  recordStepResult,
  stepOwner,
  type Plan,
} from '../../store/careers/plans';
import type { Actor, ServiceDeps } from '../context';
import { assertSeesAgent } from '../platform/org';
import { lastClosedMonth } from '../performance/figures';
import { signedInUser } from '../performance/scorecards';

export const IMPROVEMENT_SETTING = 'careers.improvement';

export const improvementRule = async (deps: ServiceDeps, centerId: number) => improvementRuleOf(await getSetting(deps.store.db, centerId, IMPROVEMENT_SETTING));

/**
 * Each agent's last `months` closed months (oldest first) as the proposal rule reads them: the KPIs
 * their scorecard of the month has below target, null without a scorecard.
 */
async function monthsBelow(deps: ServiceDeps, actor: Actor, months: number) {
  const last = await lastClosedMonth(deps, actor);
  const list = Array.from({ length: months }, (_, i) => shiftMonth(last, i - months + 1));
  const byAgent = new Map<number, MonthBelow[]>();
  for (const month of list) {
    const { cards } = await computeScorecards(deps.store.db, actor.scope.centerId, month, deps.now());
    const seen = new Map(cards.map((c) => [Number(c.agentId), c]));
    for (const id of new Set([...byAgent.keys(), ...seen.keys()])) {
      const c = seen.get(id);
      byAgent.set(id, [...(byAgent.get(id) ?? []), { month, belowTarget: c ? [...c.belowTarget] : null }]);
    }
  }
  // an agent first seen in a later month had no scorecard in the earlier ones
  for (const [id, h] of byAgent)
    byAgent.set(
      id,
      list.map((month) => h.find((m) => m.month === month) ?? { month, belowTarget: null }),
    );
  return { months: list, byAgent };
}

export async function proposals(deps: ServiceDeps, actor: Actor) {
  const { centerId } = actor.scope;
  const rule = await improvementRule(deps, centerId);
  const { months, byAgent } = await monthsBelow(deps, actor, rule.months);
  const agents = await listAgents(deps.store.db, { scope: actor.scope, status: 'active' });
  const open = await agentsWithOpenPlan(
    deps.store.db,
    centerId,
    agents.map((a) => a.id),
  );
  const out = agents
    .filter((a) => !open.has(a.id) && scopeAdmits(actor.scope, { teamId: a.team_id, agentId: a.id }))
    .filter((a) => proposesPlan(byAgent.get(a.id) ?? [], rule))
    .map((a) => ({ agentId: a.id, agentName: a.name, employeeNo: a.employee_no, months: byAgent.get(a.id)! }));
  return { rule, months, proposals: out };
}

export const plans = (deps: ServiceDeps, actor: Actor, q: { agentId?: number; status?: 'open' | 'closed' }) => listPlans(deps.store.db, actor.scope, q);

async function planOf(deps: ServiceDeps, actor: Actor, id: number): Promise<Plan> {
  const p = await getPlan(deps.store.db, actor.scope, id);
  if (!p) throw notFound('improvementPlan', id);
  return p;
}

export async function plan(deps: ServiceDeps, actor: Actor, id: number) {
  const p = await planOf(deps, actor, id);
  return { plan: p, steps: await listSteps(deps.store.db, id) };
}

export async function openPlan(
  deps: ServiceDeps,
  actor: Actor,
  body: { agentId: number; reason: string; startDate: string; endDate: string; proposed: boolean },
) {
  const userId = signedInUser(actor);
  const { centerId } = actor.scope;
  await assertSeesAgent(deps, actor, body.agentId);
  if (body.endDate < body.startDate)
    throw validationError('body.endDate', `the plan ends (${body.endDate}) before it starts (${body.startDate})`, {
      reason: 'careers.endBeforeStart',
      params: { startDate: body.startDate, endDate: body.endDate },
    });
  if ((await agentsWithOpenPlan(deps.store.db, centerId, [body.agentId])).size)
    throw conflict(`agent ${body.agentId} already has an open improvement plan`, 'body.agentId', {
      reason: 'careers.planAlreadyOpen',
      params: { agentId: body.agentId },
    });
  let missed: MonthBelow[] = [];
  if (body.proposed) {
    const rule = await improvementRule(deps, centerId);
    const history = (await monthsBelow(deps, actor, rule.months)).byAgent.get(body.agentId) ?? [];
    if (!proposesPlan(history, rule))
      throw validationError('body.proposed', `agent ${body.agentId} is not below target ${rule.months} months in a row`, {
        reason: 'careers.notProposed',
        params: { agentId: body.agentId, months: rule.months },
      });
    missed = missedRun(history, rule);
  }
  const id = await insertPlan(
    deps.store.db,
    centerId,
    {
      agentId: body.agentId,
      origin: body.proposed ? 'proposed' : 'manual',
      missedMonths: missed,
      reason: body.reason,
      startDate: body.startDate,
      endDate: body.endDate,
    },
    userId,
    deps.now(),
  );
  return planOf(deps, actor, id);
}

const mustBeOpen = (p: Plan) => {
  if (p.status !== 'open') throw conflict(`improvement plan ${p.id} is closed`, undefined, { reason: 'careers.planClosed', params: { planId: p.id } });
};

export async function addStep(deps: ServiceDeps, actor: Actor, planId: number, body: { dueDate: string; action: string }) {
  const userId = signedInUser(actor);
  mustBeOpen(await planOf(deps, actor, planId));
  const id = await insertStep(deps.store.db, planId, body, userId, deps.now());
  return (await listSteps(deps.store.db, planId)).find((s) => s.id === id)!;
}

/** A step the actor may see (through its plan), with that plan. */
async function stepOf(deps: ServiceDeps, actor: Actor, stepId: number) {
  const s = await stepOwner(deps.store.db, stepId);
  const p = s ? await getPlan(deps.store.db, actor.scope, s.plan_id) : null;
  if (!s || !p) throw notFound('improvementStep', stepId);
  return { planId: s.plan_id, plan: p };
}

export async function recordStep(deps: ServiceDeps, actor: Actor, stepId: number, body: { result: StepResult; note: string }) {
  const userId = signedInUser(actor);
  const { planId, plan: p } = await stepOf(deps, actor, stepId);
  mustBeOpen(p);
  await recordStepResult(deps.store.db, stepId, body, userId, deps.now());
  return (await listSteps(deps.store.db, planId)).find((s) => s.id === stepId)!;
}

/** The agent acknowledges a step of their own plan (the scope is theirs: another's step is not found). */
export async function acknowledgeStep(deps: ServiceDeps, actor: Actor, stepId: number) {
  const userId = signedInUser(actor);
  await stepOf(deps, actor, stepId);
  await storeAck(deps.store.db, stepId, userId, deps.now());
  return { ok: true as const };
}

export async function decide(deps: ServiceDeps, actor: Actor, planId: number, body: { decision: PlanDecision; note: string; endDate?: string }) {
  const userId = signedInUser(actor);
  const p = await planOf(deps, actor, planId);
  mustBeOpen(p);
  if (body.decision === 'extended' && !(body.endDate && body.endDate > p.endDate))
    throw validationError('body.endDate', `an extension needs an end date after ${p.endDate}`, {
      reason: 'careers.extendNeedsEndDate',
      params: { endDate: p.endDate },
    });
  await decidePlan(deps.store.db, planId, body, userId, deps.now());
  return planOf(deps, actor, planId);
}
