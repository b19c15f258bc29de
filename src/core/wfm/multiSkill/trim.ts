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
  /**
   * weeks of callers every try is scored on (seed, seed + 1, …), pooled: a shift is removed only when the queues
   * stay on target over all of them, so the trimming does not tune the schedule to one week's callers; default 1
   */
  weeks?: number;
  /**
   * Check the trimmed week on this many other weeks of callers (seeds from `validationSeed`, pooled) and give
   * removed shifts back, most needed first, while a queue is below its floor there: what the trimming gained from
   * its own weeks' luck is returned. Default 0 (no check).
   */
  validationWeeks?: number;
  /** first seed of the validation weeks; default seed + 1000 */
  validationSeed?: number;
  /**
   * while trimming, a queue none of the removed shifts served may fall this far below its floor (cross-skilled
   * agents then help the others less); such a queue then gets removed shifts of its own groups back until it is
   * at its floor again. Lets queues sharing agents be trimmed each to its own target. Default 0.
   */
  spill?: number;
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
  /** the simulation of the trimmed week (the same weeks of callers as every try, pooled; counts are per week) */
  sim: SkillSimResult;
  /** the simulation of the week as scheduled, before trimming */
  before: SkillSimResult;
  removedShifts: number;
  removedPaidHours: number;
  /** shifts given back after the validation weeks (counted out of removedShifts already) */
  restoredShifts: number;
  /** the validation weeks' pooled simulation of the result (absent without validationWeeks) */
  validation?: SkillSimResult;
  evaluations: number;
}

/** Phone coverage of a set of agents' weeks, per interval. */
export function coverageOf(agents: AgentSchedule[], intervalMin: number): number[] {
  const phone = agents.flatMap((a) => a.days.flatMap((s) => (s ? s.activities.filter((x) => x.kind === 'phone') : [])));
  return weekCoverage(phone, intervalMin);
}

/**
 * Several simulations of the same week pooled into one result: tallies summed per interval and divided by the
 * number of weeks (means per week), so service level, ASA and abandon rate are those of all the calls together.
 */
export function poolWeeks(runs: SkillSimResult[]): SkillSimResult {
  const n = runs.length;
  const queues = runs[0]!.queues.map((q0, qi) => {
    const intervals = q0.intervals.map((_, t) => {
      const y = { offered: 0, answered: 0, answeredWithin: 0, abandoned: 0, waitAnsweredS: 0 };
      for (const r of runs) {
        const x = r.queues[qi]!.intervals[t]!;
        y.offered += x.offered / n;
        y.answered += x.answered / n;
        y.answeredWithin += x.answeredWithin / n;
        y.abandoned += x.abandoned / n;
        y.waitAnsweredS += x.waitAnsweredS / n;
      }
      return y;
    });
    const sum = (k: 'offered' | 'answered' | 'answeredWithin' | 'abandoned' | 'waitAnsweredS') => runs.reduce((a, r) => a + r.queues[qi]![k], 0);
    const offered = sum('offered');
    const answered = sum('answered');
    return {
      queue: q0.queue,
      offered: offered / n,
      answered: answered / n,
      answeredWithin: sum('answeredWithin') / n,
      abandoned: sum('abandoned') / n,
      waitAnsweredS: sum('waitAnsweredS') / n,
      serviceLevel: offered ? sum('answeredWithin') / offered : 1,
      asa: answered ? sum('waitAnsweredS') / answered : 0,
      abandonRate: offered ? sum('abandoned') / offered : 0,
      intervals,
    };
  });
  return { queues, calls: runs.reduce((a, r) => a + r.calls, 0) / n };
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
  const spill = input.spill ?? 0;
  const maxEval = input.maxEvaluations ?? 400;
  // working copies: the caller's schedules stay as they were
  const agents = input.agents.map((as) => as.map((a) => ({ ...a, days: [...a.days] })));
  const coverage = agents.map((as) => coverageOf(as, intervalMin));
  const PER_WEEK = (7 * 1440) / intervalMin;
  let evaluations = 0;
  const weeks = Math.max(1, Math.floor(input.weeks ?? 1));
  const simQueues = queues.map(({ name, ahtS, slThresholdS, patienceS }) => ({ name, ahtS, slThresholdS, patienceS }));
  const simulate = (seed = input.seed, n = weeks) => {
    evaluations++;
    const runs = Array.from({ length: n }, (_, w) =>
      simulateSkills({ seed: seed + w, intervalS: intervalMin * 60, queues: simQueues, calls: queues.map((q) => q.calls), groups, staff: coverage }),
    );
    return n === 1 ? runs[0]! : poolWeeks(runs);
  };
  const before = simulate();
  let sim = before;
  const floor = queues.map((q) => q.slTarget - tol);
  const serves = groups.map((g) => queues.map((q) => g.skills.some((s) => s.queue === q.name)));
  // a try is kept when no queue its shifts served ends below its floor (a queue already below it must not get
  // worse); a queue they did not serve, which only lost help from cross-skilled agents, may end `spill` below
  // (the repair below gives it shifts back)
  const acceptable = (s: SkillSimResult, take: Candidate[]) =>
    s.queues.every((x, q) => {
      const own = take.some((c) => serves[c.g]![q]);
      const min = own ? floor[q]! : floor[q]! - spill;
      return x.serviceLevel >= Math.min(min, sim.queues[q]!.serviceLevel) - 1e-12;
    });

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
  const removed: { c: Candidate; shift: NonNullable<AgentSchedule['days'][number]>; slots: number[] }[] = [];
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
    if (acceptable(s, take)) {
      sim = s;
      removedShifts += take.length;
      removedPaidHours += saved.reduce((x, y) => x + (y?.paidHours ?? 0), 0);
      take.forEach((c, k) => removed.push({ c, shift: saved[k]!, slots: slotsOf(saved[k]!) }));
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
  // a queue below its floor (after spill-over, or on other weeks of callers) gets removed shifts back, those of
  // its groups in its worst-served stretches first, one at a time (no more than needed)
  let restoredShifts = 0;
  const repair = (start: SkillSimResult, again: () => SkillSimResult): SkillSimResult => {
    let v = start;
    for (;;) {
      const w = v;
      // the queues below their floor, furthest first; the first with a removed shift of its groups gets one back
      const below = queues
        .map((_, i) => ({ q: i, gap: floor[i]! - w.queues[i]!.serviceLevel }))
        .filter((x) => x.gap > 1e-12)
        .sort((x, y) => y.gap - x.gap);
      let best = -1;
      for (const { q } of below) {
        const iv = w.queues[q]!.intervals;
        let bestSl = Infinity;
        removed.forEach((r, k) => {
          if (!serves[r.c.g]![q]) return;
          let within = 0;
          let offered = 0;
          for (const t of r.slots) {
            within += iv[t]?.answeredWithin ?? 0;
            offered += iv[t]?.offered ?? 0;
          }
          const sl = offered ? within / offered : 1;
          if (sl < bestSl) {
            bestSl = sl;
            best = k;
          }
        });
        if (best >= 0) break;
      }
      if (best < 0) return v; // every queue at its floor, or nothing left to give back
      const r = removed.splice(best, 1)[0]!;
      apply([r.c], 1, [r.shift]);
      restoredShifts++;
      removedShifts--;
      removedPaidHours -= r.shift.paidHours;
      v = again();
    }
  };
  if (spill > 0) sim = repair(sim, () => simulate());
  let validation: SkillSimResult | undefined;
  const vWeeks = Math.max(0, Math.floor(input.validationWeeks ?? 0));
  if (vWeeks > 0) {
    const vSeed = input.validationSeed ?? input.seed + 1000;
    const before = restoredShifts;
    validation = repair(simulate(vSeed, vWeeks), () => simulate(vSeed, vWeeks));
    if (restoredShifts > before) sim = simulate();
  }
  return { agents, coverage, sim, before, removedShifts, removedPaidHours, restoredShifts, validation, evaluations };
}
