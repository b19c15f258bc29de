/**
 * Goals of agents and teams (issue 17): who may set which, and each goal's progress read from the facts
 * (computeFacts: the one function behind every figure on screen), never recomputed. A team lead sets goals
 * for their teams and their teams' agents, a center manager (or admin) for anyone of the center; an agent
 * sees their own goals and their team's, never another agent's (another's goal is "not found").
 */
import { forbidden, notFound, validationError } from '../../core/errors';
import { kpiProgress, skillProgress, type GoalProgress, type GoalStatus } from '../../core/goals/index';
import type { Fact } from '../../core/facts/index';
import { dateOfInstant } from '../../core/performance/facts';
import { GOAL_SETTERS } from '../../contract/goals';
import { insertGoal, listGoals, updateGoal, type Goal, type GoalFilter, type GoalInput } from '../../store/goals/goals';
import { computeFacts, type AgentFactsRow, type TeamFactsRow } from '../../store/facts/index';
import { centerTimezone } from '../../store/quality/lookup';
import { getAgent, listTeams } from '../../store/org';
import { listCertQueues } from '../../store/people/training';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';

/** The actor's center's date today (its time zone). */
export async function centerToday(deps: ServiceDeps, actor: Actor): Promise<string> {
  return dateOfInstant(deps.now(), await centerTimezone(deps.store.db, actor.scope.centerId));
}

/** An agent's own team (an agent sees their team's goals). */
async function ownTeam(deps: ServiceDeps, actor: Actor): Promise<number | null> {
  if (actor.scope.kind !== 'self' || actor.agentId == null) return null;
  return (await getAgent(deps.store.db, actor.agentId))?.team_id ?? null;
}

const allOf = (centerId: number) => ({ kind: 'all' as const, centerId });

/**
 * The progress of each goal. KPI goals: one facts call per month for the agents named and one for the
 * teams named. Skill goals: the agents' people facts on the due date (today while it is ahead). A team's
 * figure is read over the whole team whoever reads it (an agent sees their team's goal against the team's figure).
 */
async function progressOf(deps: ServiceDeps, actor: Actor, goals: readonly Goal[]): Promise<Map<number, GoalProgress>> {
  const db = deps.store.db;
  const centerId = actor.scope.centerId;
  const today = await centerToday(deps, actor);
  const now = deps.now();
  const out = new Map<number, GoalProgress>();
  const kpiGoals = goals.filter((g) => g.kind === 'kpi' && g.month && g.kpi && g.direction && g.target !== null);
  for (const month of new Set(kpiGoals.map((g) => g.month!))) {
    const mine = kpiGoals.filter((g) => g.month === month);
    const agentIds = [...new Set(mine.filter((g) => g.subject === 'agent').map((g) => g.agentId!))];
    const teamIds = [...new Set(mine.filter((g) => g.subject === 'team').map((g) => g.teamId))];
    const agents = agentIds.length ? (await computeFacts(db, centerId, { by: 'agent', month, agentIds, scope: allOf(centerId), now })).rows : [];
    const teams = teamIds.length ? (await computeFacts(db, centerId, { by: 'team', month, teamIds, scope: allOf(centerId), now })).rows : [];
    for (const g of mine) {
      const row =
        g.subject === 'agent' ? agents.find((r) => (r as AgentFactsRow).agentId === g.agentId) : teams.find((r) => (r as TeamFactsRow).teamId === g.teamId);
      const fact = row ? ((row as unknown as Record<string, Fact | undefined>)[g.kpi!] ?? undefined) : undefined;
      const fig = fact ? { value: typeof fact.value === 'number' ? fact.value : null, ...(fact.reason ? { reason: fact.reason } : {}) } : undefined;
      out.set(g.id, kpiProgress({ month, direction: g.direction!, target: g.target! }, fig, today));
    }
  }
  // skill goals: one facts call per day read (today for the goals still ahead) for the agents named, one for the teams named
  const skillGoals = goals.filter((x) => x.kind === 'skill' && x.dueDate);
  const dayOf = (g: Goal) => (today < g.dueDate! ? today : g.dueDate!);
  for (const day of new Set(skillGoals.map(dayOf))) {
    const mine = skillGoals.filter((g) => dayOf(g) === day);
    const agentIds = [...new Set(mine.filter((g) => g.subject === 'agent').map((g) => g.agentId!))];
    const teamIds = [...new Set(mine.filter((g) => g.subject === 'team').map((g) => g.teamId))];
    const read = async (q: { agentIds: number[] } | { teamIds: number[] }) =>
      (await computeFacts(db, centerId, { by: 'agent', day, ...q, scope: allOf(centerId), now })).rows as AgentFactsRow[];
    const rows = [...(agentIds.length ? await read({ agentIds }) : []), ...(teamIds.length ? await read({ teamIds }) : [])];
    const skill = (r: AgentFactsRow) => ({
      skillLevel: typeof r.skillLevel.value === 'number' ? r.skillLevel.value : null,
      certified: r.certified.value ?? [],
    });
    for (const g of mine) {
      const facts = (g.subject === 'agent' ? rows.filter((r) => r.agentId === g.agentId).slice(0, 1) : dedupe(rows.filter((r) => r.teamId === g.teamId))).map(
        skill,
      );
      out.set(g.id, skillProgress({ skillLevel: g.skillLevel, queue: g.queue, dueDate: g.dueDate!, share: g.share }, facts, today, g.subject));
    }
  }
  return out;
}

/** One row per agent (an agent may come back from both the agents' and the teams' read). */
const dedupe = (rows: AgentFactsRow[]) => [...new Map(rows.map((r) => [r.agentId, r])).values()];

const withProgress = (goals: readonly Goal[], p: Map<number, GoalProgress>) =>
  goals.map((g) => ({ ...g, progress: p.get(g.id) ?? { state: 'noData' as const, actual: null, final: false } }));

export async function goals(deps: ServiceDeps, actor: Actor, q: { month?: string; teamId?: number; agentId?: number; all?: '0' | '1' }) {
  const f: GoalFilter = {
    ...(q.month ? { month: q.month } : {}),
    ...(q.teamId !== undefined ? { teamId: q.teamId } : {}),
    ...(q.agentId !== undefined ? { agentId: q.agentId } : {}),
    ownTeamId: await ownTeam(deps, actor),
    includeDropped: q.all === '1',
  };
  const list = await listGoals(deps.store.db, actor.scope, f);
  return {
    today: await centerToday(deps, actor),
    goals: withProgress(
      list,
      await progressOf(
        deps,
        actor,
        list.filter((g) => g.status === 'active'),
      ),
    ),
  };
}

async function goalOf(deps: ServiceDeps, actor: Actor, id: number): Promise<Goal> {
  const g = (await listGoals(deps.store.db, actor.scope, { id, ownTeamId: await ownTeam(deps, actor), includeDropped: true }))[0];
  if (!g) throw notFound('goal', id);
  return g;
}

export async function goal(deps: ServiceDeps, actor: Actor, id: number) {
  const g = await goalOf(deps, actor, id);
  return withProgress([g], await progressOf(deps, actor, [g]))[0]!;
}

/** Teams the actor may set goals for: a lead's led teams, every team of the center for the others. */
async function settableTeams(deps: ServiceDeps, actor: Actor) {
  return listTeams(deps.store.db, { centerId: actor.scope.centerId, scope: actor.scope });
}

/** What the form offers: the teams and agents the actor may set goals for, the queues with certification. */
export async function options(deps: ServiceDeps, actor: Actor) {
  const teams = await settableTeams(deps, actor);
  const teamIds = teams.map((t) => t.id);
  const agents = teamIds.length
    ? await deps.store.db
        .selectFrom('agents')
        .select(['id', 'name', 'team_id'])
        .where('center_id', '=', actor.scope.centerId)
        .where('team_id', 'in', teamIds)
        .where('status', '=', 'active')
        .orderBy('team_id')
        .orderBy('id')
        .execute()
    : [];
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    agents: agents.map((a) => ({ id: a.id, name: a.name, teamId: a.team_id! })),
    queues: (await listCertQueues(deps.store.db, actor.scope.centerId)).map((q) => q.queue),
  };
}

export interface NewGoal {
  subject: 'agent' | 'team';
  teamId?: number;
  agentId?: number;
  kind: 'kpi' | 'skill';
  month?: string;
  kpi?: string;
  direction?: 'higher' | 'lower';
  target?: number;
  dueDate?: string;
  skillLevel?: number;
  queue?: string;
  share?: number;
  note: string;
}

const missing = (field: string) =>
  validationError(`body.${field}`, `${field} is required for this kind of goal`, { reason: 'goals.fieldRequired', params: { field } });

/** Sets a goal: its subject must be one the actor may set for (a lead: their teams and their agents). */
export async function createGoal(deps: ServiceDeps, actor: Actor, b: NewGoal) {
  const teams = await settableTeams(deps, actor);
  let teamId: number;
  let agentId: number | null = null;
  if (b.subject === 'agent') {
    if (b.agentId === undefined) throw missing('agentId');
    const a = await getAgent(deps.store.db, b.agentId);
    // another center's agent, or one outside a lead's teams, is as unknown as a missing one
    if (!a || a.center_id !== actor.scope.centerId || a.team_id === null) throw notFound('agent', b.agentId);
    if (!teams.some((t) => t.id === a.team_id))
      throw forbidden(`agent ${b.agentId} is not in a team you lead`, { reason: 'goals.notYourTeam', params: { agentId: b.agentId } });
    teamId = a.team_id;
    agentId = a.id;
  } else {
    if (b.teamId === undefined) throw missing('teamId');
    if (!teams.some((t) => t.id === b.teamId)) {
      const exists = (await listTeams(deps.store.db, { centerId: actor.scope.centerId })).some((t) => t.id === b.teamId);
      if (!exists) throw notFound('team', b.teamId);
      throw forbidden(`team ${b.teamId} is not a team you lead`, { reason: 'goals.notYourTeam', params: { teamId: b.teamId } });
    }
    teamId = b.teamId;
  }
  let input: GoalInput;
  if (b.kind === 'kpi') {
    if (!b.month) throw missing('month');
    if (!b.kpi) throw missing('kpi');
    if (!b.direction) throw missing('direction');
    if (b.target === undefined) throw missing('target');
    input = {
      subject: b.subject,
      teamId,
      agentId,
      kind: 'kpi',
      month: b.month,
      kpi: b.kpi,
      direction: b.direction,
      target: b.target,
      dueDate: null,
      skillLevel: null,
      queue: null,
      share: null,
      note: b.note,
    };
  } else {
    if (!b.dueDate) throw missing('dueDate');
    if (b.skillLevel === undefined && !b.queue)
      throw validationError('body.skillLevel', 'a skill goal names a level, a queue to be certified on, or both', { reason: 'goals.skillEmpty', params: {} });
    if (b.queue && !(await listCertQueues(deps.store.db, actor.scope.centerId)).some((q) => q.queue === b.queue))
      throw validationError('body.queue', `queue ${b.queue} has no certification in this center`, { reason: 'goals.unknownQueue', params: { queue: b.queue } });
    input = {
      subject: b.subject,
      teamId,
      agentId,
      kind: 'skill',
      month: null,
      kpi: null,
      direction: null,
      target: null,
      dueDate: b.dueDate,
      skillLevel: b.skillLevel ?? null,
      queue: b.queue ?? null,
      // a team's skill goal: the share of its agents (the whole team unless said)
      share: b.subject === 'team' ? (b.share ?? 1) : null,
      note: b.note,
    };
  }
  const id = await insertGoal(deps.store.db, actor.scope.centerId, input, actor.userId, deps.now());
  return goal(deps, actor, id);
}

/** Changes a goal's target, share, note or status (drop / reactivate); a lead only within their teams. */
export async function changeGoal(deps: ServiceDeps, actor: Actor, id: number, b: { target?: number; share?: number; note?: string; status?: GoalStatus }) {
  if (!hasRoleIn(actor, GOAL_SETTERS)) throw notFound('goal', id);
  const g = await goalOf(deps, actor, id);
  if (b.target !== undefined && g.kind !== 'kpi')
    throw validationError('body.target', 'a skill goal has no figure target', { reason: 'goals.fieldNotForKind', params: { field: 'target' } });
  if (b.share !== undefined && !(g.kind === 'skill' && g.subject === 'team'))
    throw validationError('body.share', "only a team's skill goal has a share", { reason: 'goals.fieldNotForKind', params: { field: 'share' } });
  await updateGoal(deps.store.db, actor.scope.centerId, id, b, actor.userId, deps.now());
  return goal(deps, actor, id);
}
