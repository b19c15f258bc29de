/**
 * Schedule use cases: shift templates and agent contracts (the optimiser's input), optimiser runs,
 * publication, the planner's hand edits and the agent's own week. The solve itself runs where the
 * edge says (the server: a worker thread), passed in as `solve`.
 */
import type { z } from 'zod';
import type { contractBody, TemplateSpec } from '../../contract/wfm';
import { DomainError, notFound, validationError } from '../../core/errors';
import { carryIntoWeek, mondayOf, weekCoverage, weekStartMs } from '../../core/wfm/rules';
import { checkScheduleInput, daysInARowBefore, weekNumber, type ScheduleInput, type ScheduleOptions, type ScheduleResult } from '../../core/wfm/schedule';
import { getAgent, listAgents } from '../../store/org';
import {
  agentsOfRun,
  createRun,
  failRun,
  finishRun,
  getRequirement,
  getRun,
  getShift,
  listContracts,
  listRuns,
  listShifts,
  listTemplates,
  moveShift,
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

/** Starts an optimiser run for a week's requirement; the answer comes before the solve ends (poll the run). */
export async function startRun(
  deps: ServiceDeps,
  actor: Actor,
  body: { weekStart: string; requirementId: number; timeLimitS: number; distinctShiftCost?: number },
  solve: Solver,
) {
  const c = await centerOf(deps, actor);
  const req = sameCenter(await getRequirement(deps.store.db, body.requirementId), actor, 'requirement', body.requirementId);
  if (req.week_start !== body.weekStart)
    throw validationError('requirementId', `requirement ${req.id} is for the week of ${req.week_start}`, {
      reason: 'wfm.requirementOtherWeek',
      params: { requirementId: req.id, weekStart: req.week_start, asked: body.weekStart },
    });
  const { templates, agents } = await scheduleInputFor(deps.store.db, c.id, body.weekStart);
  if (!templates.length) throw validationError('templates', 'define at least one shift template first', { reason: 'wfm.noShiftTemplates', params: {} });
  if (!agents.length) throw validationError('contracts', 'no active agent has a contract yet', { reason: 'wfm.noContracts', params: {} });
  const ws = weekStartMs(body.weekStart, tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`)));
  // Sunday-night shifts may run into next week (spill); last week's published ones that do are counted in,
  // and their agents rest before their first shift of this week.
  const last = await listShifts(deps.store.db, { centerId: c.id, from: ws - DAY, to: ws, publishedOnly: true });
  const { carryIn, endMinByAgent } = carryIntoWeek(last, ws, req.interval_min);
  // days worked in a row up to Sunday, from last week's published shifts (the contracts' maxConsecutiveDays)
  const inARow = daysInARowBefore(await listShifts(deps.store.db, { centerId: c.id, from: ws - 7 * DAY, to: ws, publishedOnly: true }), ws);
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
  await checkRules(deps, input);
  const id = await createRun(
    deps.store.db,
    { centerId: c.id, weekStart: body.weekStart, requirementId: req.id, timeLimitS: body.timeLimitS },
    actor.userId,
    deps.now(),
  );
  startSolve(deps, solve, id, input, body.timeLimitS, ws, new Map(agents.map((a) => [a.id, Number(a.id)])));
  return { id };
}

/**
 * Refuses before solving what cannot be solved: a contract whose day rules leave too few working days
 * names the rule and the agent (by name: the core knows only ids), instead of a run that fails later.
 */
async function checkRules(deps: ServiceDeps, input: ScheduleInput) {
  try {
    await core(() => checkScheduleInput(input));
  } catch (e) {
    if (!(e instanceof DomainError) || e.params?.agent === undefined) throw e;
    const [a] = await listAgents(deps.store.db, { ids: [Number(e.params.agent)] });
    throw new DomainError(e.message, e.code, e.field, { reason: e.reason, params: { ...e.params, agent: a?.name ?? String(e.params.agent) } });
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
  // what last week's published shifts still cover on Monday counts, as the optimiser counted it
  const { carryIn } = carryIntoWeek(await listShifts(deps.store.db, { centerId: c.id, from: ws - DAY, to: ws, publishedOnly: true }), ws, 15);
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

export async function publish(deps: ServiceDeps, actor: Actor, runId: number) {
  const run = sameCenter(await getRun(deps.store.db, runId), actor, 'scheduleRun', runId);
  const now = deps.now();
  await publishRun(deps.store.db, runId, actor.userId, now);
  // everyone with a shift in it hears of it (bell, e-mail, robots they chose), and the center's robots
  const db = deps.store.db;
  const users = await usersOfAgents(db, await agentsOfRun(db, runId));
  const notice = { kind: 'wfm.schedulePublished', data: { week: run.week_start }, link: '#/wfm/my' };
  publishNotices(deps, await notifyUsers(db, users, notice, now));
  await announceToRobots(db, actor.scope.centerId, notice, now);
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
