/** The KPI plan, team contests and the newcomer camp (issue 13): one home for each use case. */
import { campProgress } from '../../core/performance/index';
import {
  agentFacts,
  contestBoard,
  createContest,
  deleteContest,
  getCampRules,
  getKpiDefinitions,
  listContests,
  saveKpiDefinitions,
  type ContestInput,
} from '../../store/performance/figures';
import type { Actor, ServiceDeps } from '../context';
import { centerMonth } from './figures';
import { signedInUser } from './scorecards';

export const kpiPlan = (deps: ServiceDeps, actor: Actor) => getKpiDefinitions(deps.store.db, actor.scope.centerId);

/** Replaces the KPI plan (validated by the core's parser, audited). */
export const saveKpiPlan = (deps: ServiceDeps, actor: Actor, kpis: unknown) =>
  saveKpiDefinitions(deps.store.db, actor.scope.centerId, kpis, signedInUser(actor), deps.now());

export const contestsOf = (deps: ServiceDeps, actor: Actor) => listContests(deps.store.db, actor.scope.centerId);

/** Creates a team contest on KPIs the plan lets feed contests. */
export async function addContest(deps: ServiceDeps, actor: Actor, input: ContestInput) {
  return { id: await createContest(deps.store.db, actor.scope.centerId, input, signedInUser(actor), deps.now()) };
}

/** A contest's leaderboard (team figures sum-based). */
export const contestLeaderboardOf = (deps: ServiceDeps, actor: Actor, id: number) => contestBoard(deps.store.db, actor.scope.centerId, id, deps.now());

export const removeContest = (deps: ServiceDeps, actor: Actor, id: number) =>
  deleteContest(deps.store.db, actor.scope.centerId, id, signedInUser(actor), deps.now());

/** Newcomer camp (新兵營): the titles of agents still in camp that the actor sees (agents: their own; team leads: their teams). */
export async function campOf(deps: ServiceDeps, actor: Actor, q: { month?: string }) {
  const centerId = actor.scope.centerId;
  const month = q.month ?? (await centerMonth(deps, actor));
  const rules = await getCampRules(deps.store.db, centerId);
  const facts = await agentFacts(deps.store.db, centerId, [month], { scope: actor.scope, now: deps.now() });
  const asOf = new Date(deps.now()).toISOString().slice(0, 10);
  const agents = facts
    .filter((f) => f.hireDate <= asOf)
    .map((f) => ({
      agentId: f.agentId,
      employeeNo: f.employeeNo,
      name: f.name,
      teamId: f.teamId,
      hireDate: f.hireDate,
      ...campProgress({ hireDate: f.hireDate, asOf, figures: f.figures }, rules),
    }))
    .filter((r) => r.inCamp);
  return { month, rules, agents };
}
