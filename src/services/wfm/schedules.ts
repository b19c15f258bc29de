/**
 * Schedule use cases: shift templates and agent contracts (the optimiser's input), optimiser runs,
 * publication, the planner's hand edits and the agent's own week. The solve itself runs where the
 * edge says (the server: a worker thread), passed in as `solve`.
 */
import type { z } from 'zod';
import type { contractBody, TemplateSpec } from '../../contract/wfm';
import { DomainError, notFound, validationError } from '../../core/errors';
import { checkRuleFields } from '../../core/wfm/schedule/dayRules';
import { carryIntoWeek, mondayOf, weekCoverage, weekStartMs } from '../../core/wfm/rules';
import {
  checkScheduleInput,
  checkScheduleWeeks,
  daysInARowBefore,
  weekNumber,
  type HorizonWeek,
  type ScheduleInput,
  type ScheduleOptions,
  type ScheduleResult,
} from '../../core/wfm/schedule';
import { getAgent, listAgents } from '../../store/org';
import {
  agentsOfRun,
  assertRequirementReady,
  createPlanRuns,
  createRun,
  failRun,
  finishRun,
  getRequirement,
  getRun,
  getShift,
  listContracts,
  listRequirements,
  listRuns,
  listShifts,
  listTemplates,
  moveShift,
  planRun,
  publishRun,
  putContract,
  putTemplate,
  scheduleInputFor,
  setRunProgress,
} from '../../store/wfm/schedules';
import type { Actor, ServiceDeps } from '../context';
import { notifyUsers, usersOfAgents } from '../../store/notifications';
import { announceToRobots } from '../../store/noticeDelivery';
import { publishNotices } from '../quality/common';
import { agentIdsIn, centerOf, core, DAY, sameCenter, tzAt } from './common';

/** Runs the optimiser somewhere (a worker thread on the server); reports phase changes. */
export type Solver = (input: ScheduleInput, options: ScheduleOptions, onProgress: (phase: string) => void) => { promise: Promise<ScheduleResult> };

const solves = new Map<number, Promise<void>>();
/** Awaits a running solve (tests, shutdown). */
export const waitForSolve = (runId: number) => solves.get(runId) ?? Promise.resolve();

export const templates = (deps: ServiceDeps, actor: Actor) => listTemplates(deps.store.db, actor.scope.centerId);

export async function saveTemplate(deps: ServiceDeps, actor: Actor, body: TemplateSpec) {
  await putTemplate(deps.store.db, actor.scope.centerId, body, actor.userId, deps.now());
  return { ok: true as const };
}

/** Contracts of the center's agents. */
export async function contracts(deps: ServiceDeps, actor: Actor) {
  return listContracts(deps.store.db, await agentIdsIn(deps, { kind: 'all', centerId: actor.scope.centerId }));
}

/** An agent of another center is as absent as one that does not exist. */
async function agentOfCenter(deps: ServiceDeps, actor: Actor, agentId: number) {
  const a = await getAgent(deps.store.db, agentId);
  if (a.center_id !== actor.scope.centerId) throw notFound('agent', agentId);
  return a;
}

export async function saveContract(deps: ServiceDeps, actor: Actor, agentId: number, body: z.output<typeof contractBody>) {
  await agentOfCenter(deps, actor, agentId);
  // the day rules are checked as they are saved (a rotation's template must exist), not first at a run
  const ids = new Set((await listTemplates(deps.store.db, actor.scope.centerId)).map((t) => t.id));
  await core(() => checkRuleFields(body.contract, 'contract', ids));
  await putContract(deps.store.db, { agentId, ...body }, actor.userId, deps.now());
  return { ok: true as const };
}

/** Keeps a background solve's promise until it settles (waitForSolve). */
export function trackSolve(runId: number, p: Promise<void>) {
  const tracked = p.finally(() => solves.delete(runId));
  solves.set(runId, tracked);
}

function startSolve(deps: ServiceDeps, solve: Solver, runId: number, input: ScheduleInput, timeLimitS: number, wsTs: number, keys: Map<string, number>) {
  const db = deps.store.db;
  const handle = solve(input, { timeLimitS, mipAbsGap: 1 }, (phase) => void setRunProgress(db, runId, { phase, startedAt: deps.now() }).catch(() => {}));
  const p = handle.promise
    .then((result) => finishRun(db, runId, wsTs, keys, result, deps.now()))
    .catch((e) => failRun(db, runId, (e as Error).message, deps.now()).catch(() => {}))
    .then(() => undefined);
  trackSolve(runId, p);
}

/** Runs N weeks in a row somewhere (a worker thread on the server); one result per week. */
export type WeeksSolver = (
  input: Omit<ScheduleInput, 'required'>,
  weeks: HorizonWeek[],
  options: ScheduleOptions,
  onProgress: (phase: string) => void,
) => { promise: Promise<ScheduleResult[]> };

/** The Monday `k` weeks after `weekStart` (YYYY-MM-DD). */
const weekAfter = (weekStart: string, k: number) => new Date(Date.parse(`${weekStart}T00:00:00Z`) + k * 7 * DAY).toISOString().slice(0, 10);

/**
 * Starts an optimiser run for a week's requirement, or for `weeks` weeks in a row (issue 15): one draft
 * run per week, solved in one thread week after week, each week carrying into the next (Sunday-night
 * shifts, rest, working days in a row; rotations and weekend rules read each week's number). The first
 * week carries in from last week's published shifts, as a one-week run does; weeks 2..N use the newest
 * requirement stored for each. The answer comes before the solve ends (poll the runs).
 */
export async function startRun(
  deps: ServiceDeps,
  actor: Actor,
  body: { weekStart: string; requirementId: number; timeLimitS: number; distinctShiftCost?: number; weeks?: number },
  solve: Solver,
  solveWeeks?: WeeksSolver,
) {
  const c = await centerOf(deps, actor);
  const db = deps.store.db;
  const req = sameCenter(await getRequirement(db, body.requirementId), actor, 'requirement', body.requirementId);
  if (req.week_start !== body.weekStart)
    throw validationError('requirementId', `requirement ${req.id} is for the week of ${req.week_start}`, {
      reason: 'wfm.requirementOtherWeek',
      params: { requirementId: req.id, weekStart: req.week_start, asked: body.weekStart },
    });
  const n = body.weeks ?? 1;
  // the requirement of each later week: the newest one stored for it, at the first week's interval
  const reqs = [req];
  for (let k = 1; k < n; k++) {
    const week = weekAfter(body.weekStart, k);
    const [newest] = await listRequirements(db, { centerId: c.id, weekStart: week });
    if (!newest)
      throw validationError('weeks', `week ${k + 1} (${week}) has no requirement yet`, { reason: 'wfm.weekWithoutRequirement', params: { week, n: k + 1 } });
    const r = await getRequirement(db, newest.id);
    if (r.interval_min !== req.interval_min)
      throw validationError('weeks', `the requirement of ${week} is in ${r.interval_min}-minute intervals, the first week's in ${req.interval_min}`, {
        reason: 'wfm.weekIntervalDiffers',
        params: { week, intervalMin: r.interval_min, first: req.interval_min },
      });
    reqs.push(r);
  }
  // a requirement a multi-skill plan is still computing holds zeros: no run on it (migration 054)
  for (const r of reqs) await assertRequirementReady(db, r.id);
  const weekStarts = reqs.map((r) => r.week_start);
  const inputs = await Promise.all(weekStarts.map((w) => scheduleInputFor(db, c.id, w)));
  const { templates, agents } = inputs[0]!;
  if (!templates.length) throw validationError('templates', 'define at least one shift template first', { reason: 'wfm.noShiftTemplates', params: {} });
  if (!agents.length) throw validationError('contracts', 'no active agent has a contract yet', { reason: 'wfm.noContracts', params: {} });
  const wsOf = (w: string) => weekStartMs(w, tzAt(c.tz, Date.parse(`${w}T12:00:00Z`)));
  const ws = wsOf(body.weekStart);
  // Sunday-night shifts may run into next week (spill); last week's published ones that do are counted in,
  // and their agents rest before their first shift of this week.
  const last = await listShifts(db, { centerId: c.id, from: ws - DAY, to: ws, publishedOnly: true });
  const { carryIn, endMinByAgent } = carryIntoWeek(last, ws, req.interval_min);
  // days worked in a row up to Sunday, from last week's published shifts (the contracts' maxConsecutiveDays)
  const inARow = daysInARowBefore(await listShifts(db, { centerId: c.id, from: ws - 7 * DAY, to: ws, publishedOnly: true }), ws);
  const input: ScheduleInput = {
    intervalMin: req.interval_min,
    required: req.required,
    templates,
    agents: agents.map((a) => ({
      ...a,
      ...(endMinByAgent.has(Number(a.id)) ? { carryInEndMin: endMinByAgent.get(Number(a.id))! } : {}),
      workedDaysBefore: inARow.get(Number(a.id)) ?? 0,
    })),
    weekEnd: 'spill',
    carryIn,
    weekNo: weekNumber(body.weekStart),
    // the planner says it in agent-hours short; the objective counts an agent-hour short as 1,000
    ...(body.distinctShiftCost ? { distinctShiftCost: body.distinctShiftCost * 1000 } : {}),
  };
  // each later week's leave, by agent (the contracts are the first week's for all weeks)
  const horizon: HorizonWeek[] = reqs.map((r, k) => ({
    required: r.required,
    leaveDays: Object.fromEntries(inputs[k]!.agents.map((a) => [a.id, a.leaveDays ?? []])),
  }));
  // every week's rules are checked before anything is stored: week 1 with what it carries in, weeks 2..N with
  // the least the week before must carry in (core checkWeeks; what the solve carries beyond that, the solve refuses
  // naming the rule and the week)
  if (n === 1) await checkRules(deps, () => checkScheduleInput(input), weekStarts);
  else await checkRules(deps, () => checkScheduleWeeks(input, horizon), weekStarts);
  const keys = new Map(agents.map((a) => [a.id, Number(a.id)]));
  const runsOf = reqs.map((r, k) => ({ centerId: c.id, weekStart: weekStarts[k]!, requirementId: r.id, timeLimitS: body.timeLimitS }));
  // the weeks of a plan are tied together (migration 054): week k is published only after week k−1
  const ids = n === 1 ? [await createRun(db, runsOf[0]!, actor.userId, deps.now())] : await createPlanRuns(db, runsOf, actor.userId, deps.now());
  if (n === 1) startSolve(deps, solve, ids[0]!, input, body.timeLimitS, ws, keys);
  else {
    if (!solveWeeks) throw new Error('no solver for several weeks');
    startWeeksSolve(deps, solveWeeks, ids, input, horizon, body.timeLimitS, weekStarts.map(wsOf), keys, weekStarts);
  }
  return { id: ids[0]!, ids };
}

/** N weeks in one thread: every week's run shows the phase; each is finished (or failed) with its week. */
function startWeeksSolve(
  deps: ServiceDeps,
  solve: WeeksSolver,
  ids: number[],
  input: ScheduleInput,
  horizon: HorizonWeek[],
  timeLimitS: number,
  wsTs: number[],
  keys: Map<string, number>,
  weekStarts: string[],
) {
  const db = deps.store.db;
  const { required: _first, ...common } = input;
  const onProgress = (phase: string) => {
    for (const id of ids) void setRunProgress(db, id, { phase, startedAt: deps.now() }).catch(() => {});
  };
  const handle = solve(common, horizon, { timeLimitS, mipAbsGap: 1 }, onProgress);
  const p = handle.promise
    .then(async (results) => {
      for (let k = 0; k < ids.length; k++) await finishRun(db, ids[k]!, wsTs[k]!, keys, results[k]!, deps.now());
    })
    .catch(async (e) => {
      // a week the carry made impossible names the rule, the agent (by name) and the week, as the check before does
      const named = await namedRefusal(deps, e, weekStarts).catch(() => e as Error);
      const detail = named instanceof DomainError && named.reason ? { reason: named.reason, params: named.params ?? {} } : undefined;
      for (const id of ids) await failRun(db, id, named.message, deps.now(), detail).catch(() => {});
    })
    .then(() => undefined)
    .finally(() => ids.forEach((id) => solves.delete(id)));
  for (const id of ids) solves.set(id, p);
}

/**
 * An agent's refusal from the core named for people: the agent by name (the core knows only ids) and the week by
 * its Monday (`n`, the plan's week 1..N, when the core says it; else the first week). Other errors as they are.
 */
async function namedRefusal(deps: ServiceDeps, e: unknown, weekStarts: string[]): Promise<Error> {
  if (!(e instanceof DomainError) || e.params?.agent === undefined) return e as Error;
  const [a] = await listAgents(deps.store.db, { ids: [Number(e.params.agent)] });
  const week = weekStarts[Number(e.params.n ?? 1) - 1] ?? weekStarts[0]!;
  const params = { ...e.params, agent: a?.name ?? String(e.params.agent), week };
  return new DomainError(`${e.message} (agent ${params.agent}, week of ${week})`, e.code, e.field, { reason: e.reason, params });
}

/**
 * Refuses before solving what cannot be solved: a contract whose day rules leave too few working days
 * names the rule, the agent and the week, instead of a run that fails later.
 */
async function checkRules(deps: ServiceDeps, check: () => void, weekStarts: string[]) {
  try {
    await core(check);
  } catch (e) {
    throw await namedRefusal(deps, e, weekStarts);
  }
}

export const runs = (deps: ServiceDeps, actor: Actor) => listRuns(deps.store.db, actor.scope.centerId);

/** A run with its requirement against the scheduled phone coverage per 15 minutes, and its shifts with agent names. */
export async function runView(deps: ServiceDeps, actor: Actor, runId: number) {
  const run = sameCenter(await getRun(deps.store.db, runId), actor, 'scheduleRun', runId);
  const req = await getRequirement(deps.store.db, run.requirement_id);
  const c = await centerOf(deps, actor);
  const ws = weekStartMs(run.week_start, tzAt(c.tz, Date.parse(`${run.week_start}T12:00:00Z`)));
  const shifts = await listShifts(deps.store.db, { runId });
  const agents = new Map((await listAgents(deps.store.db, { ids: [...new Set(shifts.map((s) => s.agentId))] })).map((a) => [a.id, a]));
  const phone = shifts.flatMap((s) =>
    s.activities.filter((a) => a.kind === 'phone').map((a) => ({ startMin: (a.start - ws) / 60_000, endMin: (a.end - ws) / 60_000 })),
  );
  const required = req.interval_min === 15 ? req.required : req.required.flatMap((v) => Array<number>(req.interval_min / 15).fill(v));
  // what last week's shifts still cover on Monday counts, as the optimiser counted it: the published ones, except for
  // a draft week k ≥ 2 of a plan, which was planned on (and is published after) the plan's own week k−1
  const before = await planWeekBefore(deps, run);
  const carried = await listShifts(
    deps.store.db,
    before ? { runId: before.id, from: ws - DAY, to: ws } : { centerId: c.id, from: ws - DAY, to: ws, publishedOnly: true },
  );
  const { carryIn } = carryIntoWeek(carried, ws, 15);
  return {
    run,
    // distinct shift types (start time of day × length) the run uses: what the distinct-shift cost trades against
    distinctShifts: new Set(shifts.map((s) => `${Math.round((s.start - ws) / 60_000) % 1440}|${s.end - s.start}`)).size,
    weekStartTs: ws,
    intervalMin: 15,
    required,
    coverage: weekCoverage(phone, 15).map((v, t) => v + carryIn[t]!),
    shifts: shifts.map((s) => ({
      ...s,
      agentName: agents.get(s.agentId)?.name ?? String(s.agentId),
      employeeNo: agents.get(s.agentId)?.employee_no,
      teamId: agents.get(s.agentId)?.team_id,
    })),
  };
}

/**
 * The run a draft week k ≥ 2 of a plan carries in from: the plan's week k−1, unless that is the published schedule of
 * its week already (then the published shifts are the same). Null for a published run (the floor's published week
 * before is what carries into it), a one-week run and week 1.
 */
async function planWeekBefore(deps: ServiceDeps, run: Awaited<ReturnType<typeof getRun>>) {
  if (run.status === 'published' || run.plan_id === null || (run.plan_week ?? 1) < 2) return null;
  const prev = await planRun(deps.store.db, run.plan_id, run.plan_week! - 1);
  return prev && prev.status !== 'published' ? prev : null;
}

/**
 * Publishes a finished run; week k of a plan only after its week k−1 (store publishRun). `withEarlierWeeks`: the
 * plan's earlier unpublished weeks first, in the same transaction ("publish every week" on the plan's last week).
 */
export async function publish(deps: ServiceDeps, actor: Actor, runId: number, body: { withEarlierWeeks?: boolean } = {}) {
  sameCenter(await getRun(deps.store.db, runId), actor, 'scheduleRun', runId);
  const now = deps.now();
  const db = deps.store.db;
  const published = await publishRun(db, runId, actor.userId, now, { withEarlier: body.withEarlierWeeks });
  // everyone with a shift in it hears of it (bell, e-mail, robots they chose), and the center's robots: per week
  for (const p of published) {
    const users = await usersOfAgents(db, await agentsOfRun(db, p.id));
    const notice = { kind: 'wfm.schedulePublished', data: { week: p.weekStart }, link: '#/wfm/my' };
    publishNotices(deps, await notifyUsers(db, users, notice, now));
    await announceToRobots(db, actor.scope.centerId, notice, now);
  }
  return { ok: true as const };
}

/** The planner's hand edit of a shift of their center (contract rules re-checked by the store). */
export async function moveShiftTo(deps: ServiceDeps, actor: Actor, shiftId: number, body: { start: number; baseUpdatedAt?: number }) {
  const s = await getShift(deps.store.db, shiftId);
  sameCenter(await getRun(deps.store.db, s.runId), actor, 'shift', shiftId);
  const c = await centerOf(deps, actor);
  await moveShift(deps.store.db, shiftId, body.start, actor.userId, deps.now(), tzAt(c.tz, body.start), body.baseUpdatedAt);
  return getShift(deps.store.db, shiftId);
}

/** The actor's own published shifts of a week (default this week); no agent record: none. */
export async function mySchedule(deps: ServiceDeps, actor: Actor, q: { week?: string }) {
  if (!actor.agentId) return { weekStart: null, shifts: [] };
  const c = await centerOf(deps, actor);
  const tz = tzAt(c.tz, deps.now());
  const week = q.week ?? mondayOf(deps.now(), tz);
  const ws = await core(() => weekStartMs(week, tz));
  const shifts = await listShifts(deps.store.db, { agentIds: [actor.agentId], from: ws, to: ws + 7 * DAY, publishedOnly: true });
  return { weekStart: week, weekStartTs: ws, shifts };
}
