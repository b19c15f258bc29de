// After the pools: new shifts where they pay off or are owed by contract (passes C and D), each placed
// on the worst gaps with its breaks where they cost least, then a sweep that re-places every break.

import { addInst } from './instances';
import { DAYS, type Agent, type Inst, type Pattern } from './prepare';
import { shiftType, typesUsed } from './distinct';
import { assign, canTake, prefers, type Stage2 } from './state';

/** Pass C: shifts owed by contract (minimum hours); pass D: up to 7 rounds of shifts that lower the objective. */
export function addNewShifts(st: Stage2): void {
  for (const a of st.order) {
    while (a.hours + 1e-9 < a.minHours) {
      const inst = bestNew(st, a, true);
      if (!inst) break;
      assign(st, a, inst);
    }
  }
  for (let progress = true, rounds = 0; progress && rounds < 7; rounds++) {
    progress = false;
    for (const a of st.order) {
      const inst = bestNew(st, a, false);
      if (inst) {
        assign(st, a, inst);
        progress = true;
      }
    }
  }
}

/** Break re-placement sweep: each shift's breaks move to where they cost least against the others' cover. */
export function sweepBreaks(st: Stage2): void {
  for (let sweep = 0; sweep < 2; sweep++)
    for (const a of st.P.agents)
      for (const inst of a.shifts) {
        if (!inst || inst.offs.length === 0) continue;
        addInst(st.cover, st.P, inst, -1);
        inst.offs = bestBreaks(st, inst.pat);
        addInst(st.cover, st.P, inst, 1);
      }
}

/** The cost of `c` agents on the phone at slot t of the cover (a slot past a spilling week's end: nothing). */
function slotCost(st: Stage2, t: number, c: number): number {
  if (t >= st.P.S) return 0;
  const g = st.P.required[t]! - c;
  return g > 0 ? g * st.P.wu : -g * st.P.wo;
}

/** Objective change of adding inst given the current cover. */
function deltaObj(st: Stage2, inst: Inst): number {
  const { cover } = st;
  let d = inst.pat.cost;
  const t = st.P.tpls[inst.pat.tpl]!;
  const onBreak = new Set<number>();
  t.breaks.forEach((b, k) => {
    for (let s = 0; s < b.dur; s++) onBreak.add(inst.pat.start + inst.offs[k]! + s);
  });
  for (let s = 0; s < inst.pat.len; s++) {
    const slot = st.P.at(inst.pat.start + s);
    if (onBreak.has(slot)) continue;
    d += slotCost(st, slot, cover[slot]! + 1) - slotCost(st, slot, cover[slot]!);
  }
  return d;
}

function bestBreaks(st: Stage2, p: Pattern): number[] {
  // cover excludes this shift: a break at slot t saves cost(c + 1) − cost(c) against working
  const { cover } = st;
  const t = st.P.tpls[p.tpl]!;
  return t.breaks.map((b) => {
    let best = b.lo;
    let bestV = -Infinity;
    for (let o = b.lo; o <= b.hi; o++) {
      let v = 0;
      for (let s = 0; s < b.dur; s++) {
        const slot = st.P.at(p.start + o + s);
        v += slotCost(st, slot, cover[slot]! + 1) - slotCost(st, slot, cover[slot]!);
      }
      if (v > bestV) {
        bestV = v;
        best = o;
      }
    }
    return best;
  });
}

/** The new shift that lowers the objective most (mustTake: the least bad one), or null. */
function bestNew(st: Stage2, a: Agent, mustTake: boolean): Inst | null {
  let best: Inst | null = null;
  let bestD = mustTake ? Infinity : -1e-9;
  const used = st.P.distinctCost > 0 ? typesUsed(st.P.agents) : null;
  for (let d = 0; d < DAYS; d++) {
    if (!a.availDays[d] || a.shifts[d]) continue;
    for (const p of st.patsByDay[d]!) {
      if (!canTake(a, p)) continue;
      const inst = { pat: p, offs: bestBreaks(st, p) };
      const dd = deltaObj(st, inst) + prefers(a, p) * 0.01 + (used && !used.has(shiftType(p)) ? st.P.distinctCost : 0);
      if (dd < bestD) {
        bestD = dd;
        best = inst;
      }
    }
  }
  return best;
}
