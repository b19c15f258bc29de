/**
 * Multi-skill planning (issue 15): the week's forecasts of several queues, the center's agents with their skills and
 * proficiency levels, and the shift templates go to the skill-mix plan (src/core/wfm/multiSkill/plan): staffing by
 * skill group from simulation, the optimiser per group, the scheduled week simulated. The answer gives the service
 * level per queue from that simulation, with each queue's Erlang C agent-hours alone as the single-skill reference.
 */
import type { z } from 'zod';
import type { multiSkillBody } from '../../contract/wfm';
import { validationError } from '../../core/errors';
import type { MultiSkillAgent, MultiSkillInput, MultiSkillQueue, MultiSkillResult } from '../../core/wfm/multiSkill/plan';
import { skillLevels } from '../../core/wfm/multiSkill/proficiency';
import { weekStartMs } from '../../core/wfm/rules';
import type { ScheduleOptions } from '../../core/wfm/schedule';
import { forecastPoints } from '../../store/wfm/forecasts';
import { listContracts, scheduleInputFor } from '../../store/wfm/schedules';
import type { Actor, ServiceDeps } from '../context';
import { centerOf, core, DAY, sameCenter, tzAt } from './common';

export type MultiSkillSolver = (input: MultiSkillInput, options: ScheduleOptions) => Promise<MultiSkillResult>;

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
  const r = await solve({ intervalMin: SLOT_MIN, queues, agents: skilled, templates, weekEnd: 'cut', seed: 1 }, { timeLimitS: body.timeLimitS, mipAbsGap: 1 });
  const hours = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) * r.intervalMin) / 60;
  return {
    weekStart: body.weekStart,
    queues: r.queues,
    groups: r.groups.map((g) => ({
      key: g.key,
      skills: g.skills,
      agents: g.agentIds.length,
      requiredHours: hours(g.required),
      scheduledHours: hours(g.schedule.coverage),
    })),
    requiredAgentHours: r.requiredAgentHours,
    erlangAgentHours: r.erlangAgentHours,
    paidHours: r.paidHours,
    unmetBlocks: r.unmetBlocks,
    queuesWithoutAgents: queues.filter((q) => !skilled.some((a) => q.name in a.levels)).map((q) => q.name),
  };
}
