// A cost per distinct shift type (issue 15), as shift design has it: a type is a start time of day ×
// a length; each type the week uses costs `distinctShiftCost` in the objective's units. Stage 1 gets a
// binary y per type and a row Σ x(type) − M·y ≤ 0 (M: the most shifts the agents can work); stage 2
// counts the cost when a new shift would open a type the schedule does not use yet. The planner trades
// some coverage for fewer, more regular shifts.

import type { Agent, Pattern, Prep } from './prepare';

/** The type of a shift: its start time of day and its length in slots. */
export const shiftType = (p: Pattern): string => `${p.startMinOfDay}|${p.len}`;

/** The distinct types among the agents' shifts. */
export function typesUsed(agents: Agent[]): Set<string> {
  const out = new Set<string>();
  for (const a of agents) for (const s of a.shifts) if (s) out.add(shiftType(s.pat));
  return out;
}

/**
 * Stage 1's rows and columns for the cost: `rowOf(p)` is the row a pattern's column counts in (−1: no
 * cost), `yCols` the binary columns to append (each −M in its row, the cost in the objective).
 */
export function distinctShiftRows(P: Prep, addRow: (lo: number, hi: number) => number, highsInf: number) {
  const rowByType = new Map<string, number>();
  const yCols: { row: number; big: number; cost: number }[] = [];
  if (P.distinctCost > 0) {
    const big = Math.max(
      1,
      P.agents.reduce((s, a) => s + a.maxShifts, 0),
    );
    for (const p of P.patterns) {
      const k = shiftType(p);
      if (rowByType.has(k)) continue;
      const row = addRow(-highsInf, 0);
      rowByType.set(k, row);
      yCols.push({ row, big, cost: P.distinctCost });
    }
  }
  return { rowOf: (p: Pattern) => rowByType.get(shiftType(p)) ?? -1, yCols };
}
