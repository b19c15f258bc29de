// Trimming a multi-skill schedule to its targets (issue 15). The staffing search meets every queue's target in every
// hour block at its steady load, and the optimiser then covers more than it was asked (whole shifts against a peaked
// curve), so the simulated week lands well above target. This step works on the scheduled shifts themselves: it
// simulates the week, then removes the least-needed whole shifts (an agent's day) while every queue's simulated
// service level stays at or above its target less a tolerance. Removing whole shifts keeps every remaining shift a
// valid template shift, so the result can be published as it is; an agent keeps at least their contract's (leave
// pro-rated) minimum hours. Seeded: the same input gives the same shifts (common random numbers across tries).
import { simulateSkills, type SkillSimGroup, type SkillSimQueue, type SkillSimResult } from '../../sim/skills';
import { weekCoverage } from '../rules';
import type { AgentSchedule } from '../schedule/types';

export interface TrimQueue extends SkillSimQueue {
  /** expected calls per interval over the week */
  calls: number[];
  slTarget: number;
}

export interface TrimInput {
  intervalMin: number;
  queues: TrimQueue[];
  groups: SkillSimGroup[];
  /** the scheduled agents of each group (agents[g] serve groups[g]'s queues) */
  agents: AgentSchedule[][];
  seed: number;
  /** a queue may end this far below its target (0.02 = 2 points); default 0 */
  tolerance?: number;
  /** simulations of the week at most (the first one included); default 400 */
  maxEvaluations?: number;
  onProgress?: (p: { evaluations: number; maxEvaluations: number; removed: number }) => void;
}

export interface TrimResult {
  /** the agents of each group with the removed shifts taken out (paid hours updated) */
  agents: AgentSchedule[][];
  /** phone coverage per group per interval after trimming */
  coverage: number[][];
  /** the simulation of the trimmed week (the same seed as every try) */
  sim: SkillSimResult;
  /** the simulation of the week as scheduled, before trimming */
  before: SkillSimResult;
  removedShifts: number;
  removedPaidHours: number;
  evaluations: number;
}

/** Phone coverage of a set of agents' weeks, per interval. */
export function coverageOf(agents: AgentSchedule[], intervalMin: number): number[] {
  const phone = agents.flatMap((a) => a.days.flatMap((s) => (s ? s.activities.filter((x) => x.kind === 'phone') : [])));
  return weekCoverage(phone, intervalMin);
}

/** A group gives up no more shifts after this many of its single shifts in a row could not be removed. */
const MAX_MISSES = 12;

interface Candidate {
  g: number;
  a: number;
  day: number;
}

export function trimToTarget(input: TrimInput): TrimResult {
  const { intervalMin, queues, groups } = input;
  const tol = input.tolerance ?? 0;
  const maxEval = input.maxEvaluations ?? 400;
  // working copies: the caller's schedules stay as they were
  const agents = input.agents.map((as) => as.map((a) => ({ ...a, days: [...a.days] })));
  const coverage = agents.map((as) => coverageOf(as, intervalMin));
  const PER_WEEK = (7 * 1440) / intervalMin;
  let evaluations = 0;
  const simulate = () => {
    evaluations++;
    return simulateSkills({
      seed: input.seed,
      intervalS: intervalMin * 60,
      queues: queues.map(({ name, ahtS, slThresholdS, patienceS }) => ({ name, ahtS, slThresholdS, patienceS })),
      calls: queues.map((q) => q.calls),
      groups,
      staff: coverage,
    });
  };
  const before = simulate();
  let sim = before;
  const floor = queues.map((q) => q.slTarget - tol);
  const serves = groups.map((g) => queues.map((q) => g.skills.some((s) => s.queue === q.name)));
  // a try is kept when no queue ends below its floor (a queue already below it must not get worse)
  const acceptable = (s: SkillSimResult) => s.queues.every((x, q) => x.serviceLevel >= Math.min(floor[q]!, sim.queues[q]!.serviceLevel) - 1e-12);

  const failed = new Set<string>();
  const keyOf = (c: Candidate) => `${c.g}|${c.a}|${c.day}`;
  /** The phone intervals of a shift. */
  const slotsOf = (s: NonNullable<AgentSchedule['days'][number]>) => {
    const out: number[] = [];
    for (const x of s.activities) {
      if (x.kind !== 'phone') continue;
      for (let t = Math.floor(x.startMin / intervalMin); t * intervalMin < x.endMin && t < PER_WEEK; t++) out.push(t);
    }
    return out;
  };
  /**
   * Candidates, least needed first: a shift's margin is, among the queues its group serves, the smallest of
   * (service level of the calls arriving during its phone time − the queue's floor); no calls: SL 1.
   */
  const ranked = (): { c: Candidate; slots: number[] }[] => {
    const out: { c: Candidate; slots: number[]; score: number }[] = [];
    agents.forEach((as, g) => {
      // only groups whose every queue is above its floor this week can give a shift up
      const qs = queues.map((_, q) => q).filter((q) => serves[g]![q]);
      if (!qs.length || misses[g]! >= MAX_MISSES || qs.some((q) => !(sim.queues[q]!.serviceLevel > floor[q]!))) return;
      as.forEach((a, ai) => {
        a.days.forEach((s, day) => {
          if (!s) return;
          const c = { g, a: ai, day };
          if (failed.has(keyOf(c)) || a.paidHours - s.paidHours < a.minHoursEffective - 1e-9) return;
          const slots = slotsOf(s);
          let score = Infinity;
          for (const q of qs) {
            let within = 0;
            let offered = 0;
            for (const t of slots) {
              const y = sim.queues[q]!.intervals[t];
              if (!y) continue;
              within += y.answeredWithin;
              offered += y.offered;
            }
            score = Math.min(score, (offered ? within / offered : 1) - floor[q]!);
          }
          out.push({ c, slots, score });
        });
      });
    });
    // ties: the earlier group, agent and day first (deterministic)
    return out.sort((x, y) => y.score - x.score || x.c.g - y.c.g || x.c.a - y.c.a || x.c.day - y.c.day);
  };
  const apply = (cs: Candidate[], sign: 1 | -1, saved: (AgentSchedule['days'][number] | null)[]) => {
    cs.forEach((c, k) => {
      const a = agents[c.g]![c.a]!;
      const s = sign === -1 ? a.days[c.day]! : saved[k]!;
      const cov = coverageOf([{ ...a, days: [s] }], intervalMin);
      const cg = coverage[c.g]!;
      for (let t = 0; t < cg.length; t++) if (cov[t]) cg[t]! += sign * cov[t]!;
      if (sign === -1) {
        saved[k] = s;
        a.days[c.day] = null;
        a.paidHours -= s.paidHours;
      } else {
        a.days[c.day] = s;
        a.paidHours += s.paidHours;
      }
    });
  };

  let removedShifts = 0;
  let removedPaidHours = 0;
  let batch = 8;
  const misses = groups.map(() => 0);
  while (evaluations < maxEval) {
    const list = ranked();
    if (!list.length) break;
    // one shift per agent per try (a batch never takes an agent below their minimum hours), and shifts of a group
    // that do not overlap, so a batch spreads over the week instead of emptying one busy stretch
    const seen = new Set<string>();
    const used = groups.map(() => new Set<number>());
    const take: Candidate[] = [];
    for (const { c, slots } of list) {
      if (take.length >= batch) break;
      if (seen.has(`${c.g}|${c.a}`) || slots.some((t) => used[c.g]!.has(t))) continue;
      seen.add(`${c.g}|${c.a}`);
      for (const t of slots) used[c.g]!.add(t);
      take.push(c);
    }
    const saved: (AgentSchedule['days'][number] | null)[] = [];
    apply(take, -1, saved);
    const s = simulate();
    if (acceptable(s)) {
      sim = s;
      removedShifts += take.length;
      removedPaidHours += saved.reduce((x, y) => x + (y?.paidHours ?? 0), 0);
      batch = Math.min(batch * 2, 64);
      for (const c of take) misses[c.g] = 0;
    } else {
      apply(take, 1, saved);
      if (take.length === 1) {
        failed.add(keyOf(take[0]!));
        // a group whose best-ranked shifts one by one are all needed gives up no more (the rest are less spare)
        misses[take[0]!.g]!++;
      }
      batch = Math.max(1, Math.floor(take.length / 2));
    }
    input.onProgress?.({ evaluations, maxEvaluations: maxEval, removed: removedShifts });
  }
  return { agents, coverage, sim, before, removedShifts, removedPaidHours, evaluations };
}
