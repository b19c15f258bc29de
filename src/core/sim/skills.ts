/**
 * Skill-based routing simulation for scoring a staffing (issue 15, multi-skill): several queues, each with its
 * own arrivals and handle time per interval, served by skill groups (agents with the same skill set) whose
 * head count on the phones is given per interval. Routing: an arriving call goes to the longest-idle agent
 * skilled for its queue; a freed agent takes the oldest waiting call among its queues. An agent's handle time is
 * the call's drawn handle time × the agent's handle factor on that queue (proficiency: < 1 is faster).
 *
 * Unlike simulate.ts (which emits the platform's events for the demo), this one only counts what a planner
 * needs, so a staffing search can run it hundreds of times. Seeded and pure. Arrivals, handle times and
 * patience are drawn from their own streams before routing, so two staffings of the same input see the same
 * callers (common random numbers: differences between staffings are not sampling noise).
 */
import { Heap } from './heap';
import { makeRng } from './rng';

export interface SkillSimQueue {
  name: string;
  /** mean handle time of a standard agent (factor 1), seconds */
  ahtS: number;
  /** service-level threshold T, seconds */
  slThresholdS: number;
  /** mean (exponential) caller patience, seconds; absent: nobody abandons */
  patienceS?: number;
}

export interface SkillSimGroup {
  name: string;
  /** the queues the group serves, each with its handle-time factor (1 = standard) */
  skills: { queue: string; handleFactor: number }[];
}

export interface SkillSimInput {
  seed: number;
  intervalS: number;
  queues: SkillSimQueue[];
  /** expected calls per queue per interval: calls[q][i] (Poisson arrivals at that rate within the interval) */
  calls: number[][];
  groups: SkillSimGroup[];
  /** agents on the phones per group per interval: staff[g][i]; agents leave at a boundary after their call */
  staff: number[][];
  /** handle-time distribution; default exponential (the Erlang C assumption) */
  handle?: { dist: 'exponential' } | { dist: 'lognormal'; cv: number };
  /** calls arriving in the first `warmupIntervals` intervals are served but not counted (the centre starts empty) */
  warmupIntervals?: number;
}

export interface QueueTally {
  offered: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  /** summed wait of answered calls, seconds */
  waitAnsweredS: number;
}

export interface SkillSimQueueResult extends QueueTally {
  queue: string;
  /** answered within T / offered (0 offered: 1) */
  serviceLevel: number;
  /** mean wait of answered calls, seconds */
  asa: number;
  /** abandoned / offered */
  abandonRate: number;
  /** per interval, by arrival interval */
  intervals: QueueTally[];
}

export interface SkillSimResult {
  queues: SkillSimQueueResult[];
  /** calls counted (after warm-up) */
  calls: number;
}

interface Call {
  q: number;
  t: number; // arrival, s
  base: number; // handle time at factor 1, s
  patience: number; // s (Infinity: never abandons)
  iv: number;
  done: boolean;
}
interface Agent {
  g: number;
  factor: Map<number, number>; // queue index -> handle factor
  on: boolean; // scheduled on the phones now
  busy: boolean;
  inFree: boolean;
  idleSince: number;
}
type EvBody = { t: number } & ({ k: 'arrive'; c: Call } | { k: 'abandon'; c: Call } | { k: 'end'; a: Agent } | { k: 'boundary'; i: number });
type Ev = EvBody & { seq: number };

const emptyTally = (): QueueTally => ({ offered: 0, answered: 0, answeredWithin: 0, abandoned: 0, waitAnsweredS: 0 });

/** Simulate the intervals given; returns per-queue service level, ASA and abandon rate. */
export function simulateSkills(input: SkillSimInput): SkillSimResult {
  const nQ = input.queues.length;
  const nI = input.calls[0]?.length ?? 0;
  const qIndex = new Map(input.queues.map((q, i) => [q.name, i]));
  const warm = input.warmupIntervals ?? 0;
  const arrivals = makeRng(input.seed);
  const draws = makeRng(input.seed ^ 0x5bd1e995);
  const handle = input.handle ?? { dist: 'exponential' as const };
  const heap = new Heap<Ev>();
  let seq = 0;
  const push = (e: EvBody) => {
    (e as Ev).seq = seq++;
    heap.push(e as Ev);
  };
  // arrivals are known up front: kept in their own list sorted by (t, seq) and merged with the calendar, which
  // then holds only the agents' call ends, the abandons and the boundaries (the same order as one calendar)
  const arrivalList: Ev[] = [];

  // arrivals: per queue, a Poisson stream piecewise constant over the intervals
  for (let q = 0; q < nQ; q++) {
    const Q = input.queues[q]!;
    for (let i = 0; i < nI; i++) {
      const rate = (input.calls[q]![i] ?? 0) / input.intervalS;
      if (!(rate > 0)) continue;
      const end = (i + 1) * input.intervalS;
      for (let t = i * input.intervalS + arrivals.exp(1 / rate); t < end; t += arrivals.exp(1 / rate)) {
        const base = handle.dist === 'exponential' ? draws.exp(Q.ahtS) : draws.lognormal(Q.ahtS, handle.cv);
        const patience = Q.patienceS === undefined ? Infinity : draws.exp(Q.patienceS);
        arrivalList.push({ t, k: 'arrive', c: { q, t, base, patience, iv: i, done: false }, seq: seq++ });
      }
    }
  }
  arrivalList.sort((x, y) => x.t - y.t || x.seq - y.seq);
  let nextArrival = 0;
  const next = (): Ev | undefined => {
    const a = arrivalList[nextArrival];
    const h = heap.peek();
    if (a && (!h || a.t < h.t || (a.t === h.t && a.seq < h.seq))) {
      nextArrival++;
      return a;
    }
    return heap.pop();
  };

  // agents: as many per group as its largest head count; the first staff[g][i] are on in interval i
  const byGroup: Agent[][] = input.groups.map((g, gi) => {
    const factor = new Map<number, number>();
    for (const s of g.skills) {
      const q = qIndex.get(s.queue);
      if (q !== undefined) factor.set(q, s.handleFactor);
    }
    const n = Math.max(0, ...(input.staff[gi] ?? []).map((x) => Math.max(0, Math.floor(x))));
    return Array.from({ length: n }, () => ({ g: gi, factor, on: false, busy: false, inFree: false, idleSince: 0 }));
  });
  for (let i = 0; i < nI; i++) push({ t: i * input.intervalS, k: 'boundary', i });

  const waiting: Call[][] = Array.from({ length: nQ }, () => []);
  const head = new Array<number>(nQ).fill(0);
  let free: Agent[] = []; // idle agents on the phones, longest idle first
  const tally: QueueTally[][] = Array.from({ length: nQ }, () => Array.from({ length: nI }, emptyTally));

  const serve = (a: Agent, c: Call, t: number) => {
    a.busy = true;
    c.done = true;
    const wait = t - c.t;
    const y = tally[c.q]![c.iv]!;
    y.answered++;
    y.waitAnsweredS += wait;
    if (wait <= input.queues[c.q]!.slThresholdS) y.answeredWithin++;
    push({ t: t + c.base * (a.factor.get(c.q) ?? 1), k: 'end', a });
  };
  /** The oldest waiting call among the agent's queues (first come, first served across them). */
  const oldestFor = (a: Agent): Call | undefined => {
    let best: Call | undefined;
    let bq = -1;
    for (const q of a.factor.keys()) {
      const w = waiting[q]!;
      while (head[q]! < w.length && w[head[q]!]!.done) head[q]!++;
      const c = w[head[q]!];
      if (c && (!best || c.t < best.t)) {
        best = c;
        bq = q;
      }
    }
    if (best) head[bq]!++;
    return best;
  };
  const becomeFree = (a: Agent, t: number) => {
    a.busy = false;
    if (!a.on) return;
    const c = oldestFor(a);
    if (c) return serve(a, c, t);
    a.idleSince = t;
    a.inFree = true;
    free.push(a);
  };

  for (let e = next(); e; e = next()) {
    const t = e.t;
    if (e.k === 'arrive') {
      const c = e.c;
      tally[c.q]![c.iv]!.offered++;
      const idx = free.findIndex((a) => a.factor.has(c.q));
      if (idx >= 0) {
        const a = free.splice(idx, 1)[0]!;
        a.inFree = false;
        serve(a, c, t);
      } else {
        waiting[c.q]!.push(c);
        if (c.patience < Infinity) push({ t: t + c.patience, k: 'abandon', c });
      }
    } else if (e.k === 'abandon') {
      if (!e.c.done) {
        e.c.done = true;
        tally[e.c.q]![e.c.iv]!.abandoned++;
      }
    } else if (e.k === 'end') {
      becomeFree(e.a, t);
    } else {
      let changed = false;
      input.groups.forEach((_, g) => {
        const want = Math.max(0, Math.floor(input.staff[g]?.[e.i] ?? 0));
        byGroup[g]!.forEach((a, k) => {
          const on = k < want;
          if (on === a.on) return;
          a.on = on;
          changed = true;
          if (on && !a.busy) becomeFree(a, t);
          if (!on && a.inFree) a.inFree = false; // busy agents finish their call, then go (becomeFree checks `on`)
        });
      });
      if (changed) free = free.filter((a) => a.inFree);
    }
  }

  let calls = 0;
  const queues = input.queues.map((Q, q) => {
    const sum = emptyTally();
    tally[q]!.forEach((y, i) => {
      if (i < warm) return;
      sum.offered += y.offered;
      sum.answered += y.answered;
      sum.answeredWithin += y.answeredWithin;
      sum.abandoned += y.abandoned;
      sum.waitAnsweredS += y.waitAnsweredS;
    });
    calls += sum.offered;
    return {
      queue: Q.name,
      ...sum,
      serviceLevel: sum.offered ? sum.answeredWithin / sum.offered : 1,
      asa: sum.answered ? sum.waitAnsweredS / sum.answered : 0,
      abandonRate: sum.offered ? sum.abandoned / sum.offered : 0,
      intervals: tally[q]!,
    };
  });
  return { queues, calls };
}
