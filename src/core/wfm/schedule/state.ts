// Stage 2's shared state (the pools left to hand out, the coverage of the shifts given so far, the
// agents' order) and the moves every pass makes: can an agent take a shift, give it, take it back.

import { addInst, startCover } from './instances';
import type { AgentClass } from './model';
import { mayWork } from './dayRules';
import { DAYS, type Agent, type Inst, type Pattern, type Prep } from './prepare';

export interface Stage2 {
  P: Prep;
  classes: AgentClass[];
  classOf: Map<Agent, number>;
  /** pool[class][pattern]: stage-1 instances not yet given to an agent */
  pool: Inst[][][];
  /** poolDay[class][day]: how many instances that class's pool holds on that day */
  poolDay: number[][];
  patsByDay: Pattern[][];
  /** on-phone count per slot of the shifts given so far */
  cover: Float64Array;
  /** most-restricted agents first (fewest usable patterns, then highest minimum hours) */
  order: Agent[];
}

export function stage2State(P: Prep, classes: AgentClass[], pool: Inst[][][]): Stage2 {
  const { patterns, agents } = P;
  const classOf = new Map<Agent, number>();
  classes.forEach((c, ci) => c.members.forEach((a) => classOf.set(a, ci)));
  // pool index by day
  const patsByDay: Pattern[][] = Array.from({ length: DAYS }, () => []);
  for (const p of patterns) patsByDay[p.day]!.push(p);
  const poolDay = pool.map((pc) => Array.from({ length: DAYS }, (_, d) => patsByDay[d]!.reduce((s, p) => s + pc[p.id]!.length, 0)));
  const flexibility = (a: Agent) =>
    patterns.filter((p) => a.tplOk[p.tpl] && a.availDays[p.day] && p.startMinOfDay >= a.earliest && p.startMinOfDay <= a.latest).length;
  const order = [...agents]
    .map((a) => ({ a, f: flexibility(a) }))
    .sort((u, v) => u.f - v.f || v.a.minHours - u.a.minHours)
    .map((u) => u.a);
  return { P, classes, classOf, pool, poolDay, patsByDay, cover: startCover(P), order };
}

/** Every contract rule for one more shift: template, day, start window, hours, days off, rest. */
export function canTake(a: Agent, p: Pattern): boolean {
  if (!a.tplOk[p.tpl] || !a.availDays[p.day] || a.shifts[p.day]) return false;
  if (p.startMinOfDay < a.earliest || p.startMinOfDay > a.latest) return false;
  if (a.hours + p.paidHours > a.maxHours + 1e-9) return false;
  if (a.shifts.filter(Boolean).length >= a.maxShifts) return false;
  if (p.start < a.notBefore) return false; // rest after the shift carried in from last week
  if (
    !mayWork(
      a.shifts.map((x) => x !== null),
      p.day,
      a.rules,
    )
  )
    return false; // days in a row, days off in a row
  // rest against neighbouring days (and no overlap); in a wrapping week also across its end
  const S = a.weekSlots;
  for (let d = 0; d < DAYS; d++) {
    const o = a.shifts[d];
    if (!o) continue;
    const q = o.pat;
    if (clashes(q.start, q.len, p.start, p.len, a.restSlots)) return false;
    if (S > 0 && (clashes(q.start - S, q.len, p.start, p.len, a.restSlots) || clashes(q.start + S, q.len, p.start, p.len, a.restSlots))) return false;
  }
  return true;
}

/** Two shifts (start, length in slots) too close: one starts before the other's end plus the rest. */
function clashes(qs: number, ql: number, ps: number, pl: number, rest: number): boolean {
  if (qs < ps) return qs + ql + rest > ps;
  if (ps < qs) return ps + pl + rest > qs;
  return true;
}

export function assign(st: Stage2, a: Agent, inst: Inst): void {
  a.shifts[inst.pat.day] = inst;
  a.hours += inst.pat.paidHours;
  addInst(st.cover, st.P, inst, 1);
}

export function unassign(st: Stage2, a: Agent, d: number): Inst {
  const inst = a.shifts[d]!;
  a.shifts[d] = null;
  a.hours -= inst.pat.paidHours;
  addInst(st.cover, st.P, inst, -1);
  return inst;
}

/** How much a shift goes against the agent's preferences (0: not at all). */
export function prefers(a: Agent, p: Pattern): number {
  const pr = a.src.preferences;
  let s = 0;
  if (pr?.daysOff?.includes(p.day)) s += 2;
  if (pr?.startMin !== undefined) s += Math.abs(pr.startMin - p.startMinOfDay) / 240;
  return s;
}

/** Instances left in the pools: stage-1 shifts no agent could take. */
export function poolLeft(st: Stage2): number {
  return st.pool.reduce((s, pc) => s + pc.reduce((u, l) => u + l.length, 0), 0);
}
