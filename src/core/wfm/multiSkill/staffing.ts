// Staffing for a skill mix by simulation (issue 15). Erlang C has no answer when agents serve several queues, so
// a staffing by skill group is scored by the skill-routing simulator at the interval's steady load, and a greedy
// search adds agents where a queue misses its target. Erlang C per queue stays beside it as the single-skill
// reference (what each queue would need alone).
import { simulateSkills, type SkillSimGroup, type SkillSimQueue } from '../../sim/skills';
import { requiredAgents } from '../erlang';

export interface QueueLoad {
  name: string;
  /** expected calls in the interval */
  calls: number;
  ahtS: number;
  /** service-level target, e.g. 0.8 = 80 % within slThresholdS */
  slTarget: number;
  slThresholdS: number;
  patienceS?: number;
}

export interface QueueScore {
  queue: string;
  serviceLevel: number;
  asa: number;
  abandonRate: number;
  offered: number;
}

export interface EvaluateOptions {
  seed?: number;
  intervalS: number;
  /** simulated copies of the interval at its steady load (after one warm-up copy); default 8 */
  replications?: number;
}

/** Score one staffing (agents per group) at the queues' steady load by simulation. */
export function evaluateStaffing(queues: QueueLoad[], groups: SkillSimGroup[], staff: number[], opt: EvaluateOptions): QueueScore[] {
  const n = 1 + (opt.replications ?? 8);
  const simQueues: SkillSimQueue[] = queues.map((q) => ({ name: q.name, ahtS: q.ahtS, slThresholdS: q.slThresholdS, patienceS: q.patienceS }));
  const r = simulateSkills({
    seed: opt.seed ?? 1,
    intervalS: opt.intervalS,
    queues: simQueues,
    calls: queues.map((q) => Array<number>(n).fill(q.calls)),
    groups,
    staff: staff.map((s) => Array<number>(n).fill(s)),
    warmupIntervals: 1,
  });
  return r.queues.map((q) => ({ queue: q.queue, serviceLevel: q.serviceLevel, asa: q.asa, abandonRate: q.abandonRate, offered: q.offered }));
}

export interface StaffingSearchResult {
  /** agents on the phones per group */
  staff: number[];
  scores: QueueScore[];
  /** every queue meets its target in the simulation */
  met: boolean;
  evaluations: number;
}

/** The Erlang C agents a queue needs alone at its target, with a standard agent's handle time. */
export function erlangAlone(q: QueueLoad, intervalS: number): number {
  if (!(q.calls > 0)) return 0;
  return requiredAgents({
    calls: q.calls,
    periodS: intervalS,
    ahtS: q.ahtS,
    targets: [{ kind: 'serviceLevel', target: q.slTarget, thresholdS: q.slThresholdS }],
  }).agents;
}

/**
 * Find a staffing by skill group meeting every queue's SL target. Greedy from below: start at each queue's offered
 * load in its narrowest group (fewest skills), then repeatedly add one agent for the queue furthest below its
 * target, in the group that serves it which is least used relative to its size (`sizes`: agents available per
 * group; spreads the load as the groups' hours allow) and, between equals, serves the most short queues.
 * Finally one agent is taken back from each group in turn while every queue still meets its target.
 */
export function searchStaffing(
  queues: QueueLoad[],
  groups: SkillSimGroup[],
  sizes: number[],
  opt: EvaluateOptions & { maxEvaluations?: number },
): StaffingSearchResult {
  const serves = (g: number, q: string) => groups[g]!.skills.some((s) => s.queue === q);
  const staff = groups.map(() => 0);
  queues.forEach((q) => {
    const cover = groups.map((_, g) => g).filter((g) => serves(g, q.name));
    if (!cover.length || !(q.calls > 0)) return;
    const narrow = cover.reduce((a, b) => (groups[b]!.skills.length < groups[a]!.skills.length ? b : a));
    staff[narrow]! += Math.floor((q.calls * q.ahtS) / opt.intervalS);
  });
  const maxEval = opt.maxEvaluations ?? 400;
  let evaluations = 0;
  const score = () => {
    evaluations++;
    return evaluateStaffing(queues, groups, staff, opt);
  };
  const short = (s: QueueScore[]) => s.map((x, i) => queues[i]!.slTarget - x.serviceLevel);
  let scores = score();
  for (;;) {
    const gaps = short(scores);
    const worst = gaps.reduce((b, x, i) => (x > gaps[b]! ? i : b), 0);
    if (!(gaps[worst]! > 0) || evaluations >= maxEval) break;
    const q = queues[worst]!.name;
    const cover = groups.map((_, g) => g).filter((g) => serves(g, q));
    if (!cover.length) break; // nobody can serve it: reported as not met
    const use = (g: number) => (staff[g]! + 1) / Math.max(1, sizes[g] ?? 1);
    const shortServed = (g: number) => queues.filter((x, i) => gaps[i]! > 0 && serves(g, x.name)).length;
    const g = cover.reduce((a, b) => (use(b) < use(a) - 1e-12 || (Math.abs(use(b) - use(a)) <= 1e-12 && shortServed(b) > shortServed(a)) ? b : a));
    // far below target: add a few at once (a tenth of the queue's own need), so a big queue needs few steps
    const step = gaps[worst]! > 0.25 ? Math.max(1, Math.round(erlangAlone(queues[worst]!, opt.intervalS) / 10)) : 1;
    staff[g]! += step;
    scores = score();
  }
  // take back what the last steps over-added
  let met = short(scores).every((x) => x <= 0);
  for (let changed = met; changed && evaluations < maxEval;) {
    changed = false;
    for (let g = groups.length - 1; g >= 0 && evaluations < maxEval; g--) {
      if (staff[g]! === 0) continue;
      staff[g]!--;
      const s = score();
      if (short(s).every((x) => x <= 0)) {
        scores = s;
        changed = true;
      } else staff[g]!++;
    }
  }
  met = short(scores).every((x) => x <= 0);
  return { staff, scores, met, evaluations };
}
