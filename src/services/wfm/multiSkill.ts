/**
 * Multi-skill planning (issue 15): the week's forecasts of several queues, the center's agents with their skills and
 * proficiency levels, and the shift templates go to the skill-mix plan (src/core/wfm/multiSkill/plan): staffing by
 * skill group from simulation, the optimiser per group, the scheduled week trimmed to the targets and simulated.
 * The plan is a schedule run like a single-skill one: the request starts it and answers its id at once; the solve
 * runs in the background with its progress on the run (phase, done of total); when it ends, its shifts (each with
 * the queues it answers) are the run's draft, its figures (service level per queue from the simulation, each
 * queue's Erlang C agent-hours alone beside it) are in the run's summary as `multiSkill`, and the run's requirement
 * (created pending, with zeros: no run may start on it) holds the curve the plan asked for, no longer pending. A plan
 * that fails leaves its requirement pending (never filled). Publishing goes the single-skill way.
 */
import type { z } from 'zod';
import type { multiSkillBody } from '../../contract/wfm';
import { validationError } from '../../core/errors';
import type { MultiSkillAgent, MultiSkillInput, MultiSkillQueue, MultiSkillResult } from '../../core/wfm/multiSkill/plan';
import { skillLevels } from '../../core/wfm/multiSkill/proficiency';
import { weekStartMs } from '../../core/wfm/rules';
import type { ScheduleOptions, ScheduleResult } from '../../core/wfm/schedule';
import { forecastPoints } from '../../store/wfm/forecasts';
import { createRequirement, createRun, failRun, finishRun, listContracts, scheduleInputFor, setRunProgress } from '../../store/wfm/schedules';
import { trackSolve } from './schedules';
import type { Actor, ServiceDeps } from '../context';
import { centerOf, core, DAY, sameCenter, tzAt } from './common';

export type MultiSkillSolver = (
  input: MultiSkillInput,
  options: ScheduleOptions,
  onProgress: (p: { phase: string; done?: number; total?: number }) => void,
) => { promise: Promise<MultiSkillResult> };

const SLOT_MIN = 15;

/** A queue's week from its forecast: calls per 15-min slot (a longer forecast interval is spread evenly) and the mean AHT. */
async function queueWeek(deps: ServiceDeps, actor: Actor, forecastId: number, ws: number, i: number) {
  const { forecast: f, points } = await forecastPoints(deps.store.db, forecastId, { from: ws, to: ws + 7 * DAY });
  sameCenter(f, actor, 'forecast', forecastId);
  if (!points.length)
    throw validationError(`forecastIds[${i}]`, `forecast ${forecastId} has no intervals in that week`, {
      reason: 'wfm.forecastEmptyWeek',
      params: { forecastId, weekStart: new Date(ws).toISOString().slice(0, 10) },
    });
  const calls = new Array<number>((7 * 1440) / SLOT_MIN).fill(0);
  const per = Math.max(1, f.interval_min / SLOT_MIN);
  let offered = 0;
  let handled = 0;
  for (const p of points) {
    const k = Math.floor((p.ts - ws) / (SLOT_MIN * 60_000));
    for (let j = 0; j < per && k + j < calls.length; j++) calls[k + j]! += p.offered / per;
    offered += p.offered;
    handled += p.offered * p.aht;
  }
  return { queue: f.queue, calls, ahtS: offered > 0 && handled > 0 ? handled / offered : 1 };
}

export async function multiSkillPlan(deps: ServiceDeps, actor: Actor, body: z.output<typeof multiSkillBody>, solve: MultiSkillSolver) {
  const c = await centerOf(deps, actor);
  const ws = await core(() => weekStartMs(body.weekStart, tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`))));
  const queues: MultiSkillQueue[] = [];
  for (const [i, id] of body.forecastIds.entries()) {
    const w = await queueWeek(deps, actor, id, ws, i);
    if (queues.some((q) => q.name === w.queue))
      throw validationError(`forecastIds[${i}]`, `queue ${w.queue} is given twice`, { reason: 'wfm.queueTwice', params: { queue: w.queue } });
    queues.push({ name: w.queue, calls: w.calls, ahtS: w.ahtS, slTarget: body.slTarget, slThresholdS: body.thresholdS, patienceS: body.patienceS });
  }
  const { templates, agents } = await scheduleInputFor(deps.store.db, c.id, body.weekStart);
  if (!templates.length) throw validationError('templates', 'define at least one shift template first', { reason: 'wfm.noShiftTemplates', params: {} });
  const levels = new Map(
    (
      await listContracts(
        deps.store.db,
        agents.map((a) => Number(a.id)),
      )
    ).map((r) => [String(r.agentId), r.skillLevels]),
  );
  const names = new Set(queues.map((q) => q.name));
  const skilled: MultiSkillAgent[] = agents
    .map((a) => ({ ...a, levels: skillLevels(a.skills ?? [], levels.get(a.id)) }))
    .filter((a) => Object.keys(a.levels).some((s) => names.has(s)));
  if (!skilled.length) throw validationError('forecastIds', 'no active agent has a skill for these queues', { reason: 'wfm.noSkilledAgents', params: {} });
  const db = deps.store.db;
  const requirementId = await createRequirement(
    db,
    // pending until the plan fills it (migration 054): a single-skill run started on it meanwhile is refused, not run on zeros
    {
      centerId: c.id,
      weekStart: body.weekStart,
      intervalMin: SLOT_MIN,
      required: new Array<number>((7 * 1440) / SLOT_MIN).fill(0),
      source: 'multiSkill',
      pending: true,
    },
    actor.userId,
    deps.now(),
  );
  const runId = await createRun(db, { centerId: c.id, weekStart: body.weekStart, requirementId, timeLimitS: body.timeLimitS }, actor.userId, deps.now(), {
    pendingOk: true,
  });
  const startedAt = deps.now();
  const handle = solve(
    { intervalMin: SLOT_MIN, queues, agents: skilled, templates, weekEnd: 'cut', seed: 1 },
    { timeLimitS: body.timeLimitS, mipAbsGap: 1 },
    (p) => void setRunProgress(db, runId, { ...p, startedAt }).catch(() => {}),
  );
  const queuesWithoutAgents = queues.filter((q) => !skilled.some((a) => q.name in a.levels)).map((q) => q.name);
  trackSolve(
    runId,
    handle.promise
      .then((r) => finishMultiSkill(deps, runId, ws, requirementId, r, queuesWithoutAgents))
      .catch((e) => failRun(db, runId, (e as Error).message, deps.now()).catch(() => {}))
      .then(() => undefined),
  );
  return { id: runId };
}

/** Stores a finished plan: its shifts (with their queues) as the run's draft, its figures in the run's summary. */
async function finishMultiSkill(deps: ServiceDeps, runId: number, ws: number, requirementId: number, r: MultiSkillResult, queuesWithoutAgents: string[]) {
  const hours = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) * r.intervalMin) / 60;
  const summary = {
    queues: r.queues,
    groups: r.groups.map((g) => ({
      key: g.key,
      skills: g.skills,
      agents: g.agentIds.length,
      requiredHours: hours(g.required),
      scheduledHours: hours(g.schedule.coverage),
    })),
    requiredAgentHours: r.requiredAgentHours,
    scheduledAgentHours: r.groups.reduce((a, g) => a + hours(g.schedule.coverage), 0),
    erlangAgentHours: r.erlangAgentHours,
    paidHours: r.paidHours,
    unmetBlocks: r.unmetBlocks,
    trim: r.trim,
    queuesWithoutAgents,
  };
  const queuesOf = new Map(r.groups.flatMap((g) => g.agentIds.map((id) => [id, g.skills.map((s) => s.queue).sort()] as const)));
  // the groups' optimiser results as one: objectives and bounds add up (the groups are solved apart)
  const objective = { total: 0, under: 0, over: 0, cost: 0 };
  let lpBound = 0;
  for (const g of r.groups) {
    for (const k of ['total', 'under', 'over', 'cost'] as const) objective[k] += g.schedule.objective[k];
    lpBound += g.schedule.lpBound;
  }
  const required = new Array<number>((7 * 1440) / r.intervalMin).fill(0);
  for (const g of r.groups) g.required.forEach((v, t) => (required[t]! += v));
  const merged: ScheduleResult = {
    ...r.groups[0]!.schedule,
    agents: r.agents,
    required,
    objective,
    lpBound,
    gap: objective.total > 0 ? Math.max(0, (objective.total - lpBound) / objective.total) : 0,
    unassignedPatternShifts: r.groups.reduce((a, g) => a + g.schedule.unassignedPatternShifts, 0),
    warnings: r.warnings,
  };
  await finishRun(deps.store.db, runId, ws, new Map(r.agents.map((a) => [a.agentId, Number(a.agentId)])), merged, deps.now(), {
    queuesOf,
    summary,
    requirement: { id: requirementId, required },
  });
}
