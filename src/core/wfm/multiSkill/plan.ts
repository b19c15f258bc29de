// Multi-skill weekly schedule (issue 15): a stage before the single-queue optimiser. Agents with the same skills
// and levels form a skill group. Per search interval (an hour by default) the simulation-based staffing search
// splits the queues' load among the groups that serve them (cross-skilled agents' time goes where a queue is short),
// which gives each group its own requirement curve; the existing weekly MILP then schedules each group against its
// curve, unchanged. The result is scored by simulating the whole week with the scheduled coverage, so the service
// level per queue is that of the schedule, not of the plan.
import type { Highs } from 'highs';
import type { SkillSimGroup } from '../../sim/skills';
import { InputError } from '../../errors';
import { solveSchedule } from '../schedule';
import type { AgentInput, AgentSchedule, Clock, ScheduleInput, ScheduleOptions, ScheduleResult } from '../schedule/types';
import { handleFactor, skillGroupKey, type SkillLevels } from './proficiency';
import { erlangAlone, searchStaffing, type QueueLoad } from './staffing';
import { trimToTarget } from './trim';
import { TRIM_WEEKS, VALIDATION_WEEKS } from './trimWeeks';

export interface MultiSkillQueue {
  name: string;
  /** expected calls per schedule interval over the week (7 × 1440 / intervalMin values, Monday 00:00 first) */
  calls: number[];
  ahtS: number;
  slTarget: number;
  slThresholdS: number;
  patienceS?: number;
}

export interface MultiSkillAgent extends AgentInput {
  /** skill → proficiency level 1..5 (see proficiency.ts) */
  levels: SkillLevels;
}

export interface MultiSkillInput extends Omit<ScheduleInput, 'required' | 'agents' | 'requiredSkill'> {
  queues: MultiSkillQueue[];
  agents: MultiSkillAgent[];
  /** the staffing search runs on blocks of this many minutes (a multiple of intervalMin); default 60 */
  searchIntervalMin?: number;
  seed?: number;
  /**
   * After scheduling, remove the least-needed whole shifts while every queue's simulated SL stays at or above
   * its target less `tolerance` (./trim), scored on `weeks` weeks of callers pooled, then checked on
   * `validationWeeks` other weeks (shifts given back where a queue is short there); default on, tolerance 0,
   * 4 + 4 weeks, spill 0.02 (see TrimInput).
   */
  trim?: { tolerance?: number; maxEvaluations?: number; weeks?: number; validationWeeks?: number; spill?: number } | false;
}

/** Where a multi-skill solve is: the staffing search per block, the optimiser per group, the trimming simulations. */
export interface MultiSkillProgress {
  phase: 'staffing' | 'scheduling' | 'trimming';
  done: number;
  total: number;
}

export interface SkillGroupPlan {
  key: string;
  skills: { queue: string; level: number }[];
  agentIds: string[];
  /** agents on the phones the staffing search asks of the group, per schedule interval */
  required: number[];
  /** the single-queue optimiser's result for the group */
  schedule: ScheduleResult;
}

export interface QueueOutcome {
  queue: string;
  slTarget: number;
  /** from the simulation of the scheduled (and trimmed) week */
  serviceLevel: number;
  /** the same simulation of the week as the optimiser scheduled it, before trimming */
  serviceLevelBeforeTrim: number;
  /** the trimmed week on the validation weeks (callers the trimming did not choose shifts on); null: no check */
  serviceLevelValidation: number | null;
  asa: number;
  abandonRate: number;
  offered: number;
  /** Erlang C reference: agent-hours this queue needs alone (standard agents) */
  erlangAgentHours: number;
}

export interface MultiSkillResult {
  intervalMin: number;
  groups: SkillGroupPlan[];
  queues: QueueOutcome[];
  agents: AgentSchedule[];
  /** agent-hours on the phones the skill-mix search asks for, against the sum of the queues' Erlang C alone */
  requiredAgentHours: number;
  erlangAgentHours: number;
  paidHours: number;
  /** search blocks where no staffing within the groups met every target */
  unmetBlocks: number;
  /** shifts and paid hours the trimming took out; simulations of the week it ran */
  trim: { removedShifts: number; removedPaidHours: number; restoredShifts: number; evaluations: number };
  warnings: string[];
}

/** Plan, schedule and score a multi-skill week. `h` is a loaded HiGHS instance. */
export function solveMultiSkill(
  h: Highs,
  input: MultiSkillInput,
  options: ScheduleOptions & { clock: Clock; onProgress?: (p: MultiSkillProgress) => void },
): MultiSkillResult {
  const progress = options.onProgress ?? (() => {});
  const intervalMin = input.intervalMin ?? 15;
  const perWeek = (7 * 1440) / intervalMin;
  const block = input.searchIntervalMin ?? 60;
  if (!Number.isInteger(block / intervalMin) || block < intervalMin)
    throw new InputError('searchIntervalMin', `must be a multiple of intervalMin (${intervalMin}), got ${block}`, {
      reason: 'wfm.notMultipleOf',
      params: { step: intervalMin },
    });
  if (!input.queues.length) throw new InputError('queues', 'give at least one queue', { reason: 'wfm.noQueues', params: {} });
  input.queues.forEach((q, i) => {
    if (q.calls.length !== perWeek)
      throw new InputError(`queues[${i}].calls`, `needs ${perWeek} intervals, got ${q.calls.length}`, {
        reason: 'wfm.requirementLength',
        params: { expected: perWeek, perDay: 1440 / intervalMin, got: q.calls.length },
      });
  });
  const queueNames = new Set(input.queues.map((q) => q.name));

  // skill groups: same skills (of the queues planned) at the same levels
  const byKey = new Map<string, { levels: SkillLevels; agents: MultiSkillAgent[] }>();
  for (const a of input.agents) {
    const levels: SkillLevels = {};
    for (const [s, l] of Object.entries(a.levels)) if (queueNames.has(s)) levels[s] = l;
    if (!Object.keys(levels).length) continue; // serves none of these queues
    const key = skillGroupKey(levels);
    const g = byKey.get(key) ?? { levels, agents: [] };
    g.agents.push(a);
    byKey.set(key, g);
  }
  const keys = [...byKey.keys()].sort();
  const groups: SkillSimGroup[] = keys.map((k) => ({
    name: k,
    skills: Object.entries(byKey.get(k)!.levels).map(([queue, level]) => ({ queue, handleFactor: handleFactor(level) })),
  }));
  const sizes = keys.map((k) => byKey.get(k)!.agents.length);
  const warnings: string[] = [];
  for (const q of input.queues) if (!groups.some((g) => g.skills.some((s) => s.queue === q.name))) warnings.push(`no agent has the skill for queue ${q.name}`);

  // per search block: the staffing by group (memoised: a week repeats the same loads)
  const per = block / intervalMin;
  const required = groups.map(() => new Array<number>(perWeek).fill(0));
  const memo = new Map<string, number[]>();
  let unmetBlocks = 0;
  let erlangAgentHours = 0;
  const erlangPerQueue = input.queues.map(() => 0);
  for (let b = 0; b < perWeek / per; b++) {
    progress({ phase: 'staffing', done: b, total: perWeek / per });
    const loads: QueueLoad[] = input.queues.map((q) => {
      let calls = 0;
      for (let k = 0; k < per; k++) calls += q.calls[b * per + k]!;
      return { name: q.name, calls, ahtS: q.ahtS, slTarget: q.slTarget, slThresholdS: q.slThresholdS, patienceS: q.patienceS };
    });
    loads.forEach((l, i) => {
      const n = erlangAlone(l, block * 60) * (block / 60);
      erlangPerQueue[i]! += n;
      erlangAgentHours += n;
    });
    if (loads.every((l) => !(l.calls > 0))) continue;
    const key = loads.map((l) => Math.round(l.calls * 10)).join(',');
    let staff = memo.get(key);
    if (!staff) {
      const r = searchStaffing(loads, groups, sizes, { intervalS: block * 60, seed: input.seed ?? 1 });
      if (!r.met) unmetBlocks++;
      staff = r.staff;
      memo.set(key, staff);
    }
    staff.forEach((n, g) => {
      for (let k = 0; k < per; k++) required[g]![b * per + k] = n;
    });
  }
  if (unmetBlocks) warnings.push(`${unmetBlocks} search blocks: no staffing within the skill groups met every target`);

  // the single-queue optimiser per group, against the group's curve
  const plans: SkillGroupPlan[] = keys.map((k, g) => {
    const { levels, agents } = byKey.get(k)!;
    progress({ phase: 'scheduling', done: g, total: keys.length });
    const schedule = solveSchedule(
      h,
      {
        intervalMin,
        required: required[g]!,
        templates: input.templates,
        agents: agents.map(({ levels: _l, ...a }) => a),
        weights: input.weights,
        weekEnd: input.weekEnd,
      },
      options,
    );
    return {
      key: k,
      skills: Object.entries(levels).map(([queue, level]) => ({ queue, level })),
      agentIds: agents.map((a) => a.id),
      required: required[g]!,
      schedule,
    };
  });

  // trim to the targets and score: the week simulated with the coverage each group got
  const simQueues = input.queues.map((q) => ({
    name: q.name,
    ahtS: q.ahtS,
    slThresholdS: q.slThresholdS,
    patienceS: q.patienceS,
    calls: q.calls,
    slTarget: q.slTarget,
  }));
  const trimmed = trimToTarget({
    intervalMin,
    queues: simQueues,
    groups,
    agents: plans.map((p) => p.schedule.agents),
    seed: (input.seed ?? 1) + 7,
    ...(input.trim === false ? { maxEvaluations: 1 } : { weeks: TRIM_WEEKS, validationWeeks: VALIDATION_WEEKS, spill: 0.02, ...input.trim }),
    onProgress: (p) => progress({ phase: 'trimming', done: p.evaluations, total: p.maxEvaluations }),
  });
  plans.forEach((p, g) => {
    p.schedule = { ...p.schedule, agents: trimmed.agents[g]!, coverage: trimmed.coverage[g]! };
  });
  const sim = trimmed.sim;
  const hours = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) * intervalMin) / 60;
  return {
    intervalMin,
    groups: plans,
    queues: input.queues.map((q, i) => {
      const s = sim.queues[i]!;
      return {
        queue: q.name,
        slTarget: q.slTarget,
        serviceLevel: s.serviceLevel,
        serviceLevelBeforeTrim: trimmed.before.queues[i]!.serviceLevel,
        serviceLevelValidation: trimmed.validation?.queues[i]!.serviceLevel ?? null,
        asa: s.asa,
        abandonRate: s.abandonRate,
        // calls per week (a mean when the trimming pooled several weeks)
        offered: Math.round(s.offered),
        erlangAgentHours: erlangPerQueue[i]!,
      };
    }),
    agents: plans.flatMap((p) => p.schedule.agents),
    requiredAgentHours: required.reduce((a, r) => a + hours(r), 0),
    erlangAgentHours,
    paidHours: plans.reduce((a, p) => a + p.schedule.agents.reduce((x, y) => x + y.paidHours, 0), 0),
    unmetBlocks,
    trim: {
      removedShifts: trimmed.removedShifts,
      removedPaidHours: trimmed.removedPaidHours,
      restoredShifts: trimmed.restoredShifts,
      evaluations: trimmed.evaluations,
    },
    warnings: [...warnings, ...plans.flatMap((p) => p.schedule.warnings)],
  };
}
