// Solves the shift-design MILP with the HiGHS instance the caller injects and reports what the
// planner reads: the objective, its lower bound and gap, the shortfall and over-cover in agent-minutes,
// how many distinct shifts are used, and the concrete shifts with their counts.

import type { Highs } from 'highs';
import type { Clock } from '../schedule/types';
import { localIso, type Requirements, type ShiftType } from './input';
import { buildDesignModel, concreteShifts, type DesignWeights } from './model';

export interface DesignOptions extends DesignWeights {
  /** seconds for the MILP (the LP bound comes first) */
  timeLimitS: number;
  clock: Clock;
}

export interface DesignedShift {
  start: string;
  lengthMin: number;
  count: number;
  queue?: string;
}

export interface DesignResult {
  objective: number;
  lpBound: number;
  /** (objective − best bound) / objective; 0 when proven optimal */
  gap: number;
  shortfallAgentMinutes: number;
  overcoverAgentMinutes: number;
  distinctShifts: number;
  status: string;
  solveTimeS: number;
  shifts: DesignedShift[];
}

const statusName = (h: Highs, code: number) => Object.entries(h.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);

export function designShifts(h: Highs, req: Requirements, types: ShiftType[], o: DesignOptions): DesignResult {
  const t0 = o.clock();
  const { shifts, kinds } = concreteShifts(req, types, o.wrap);
  const built = buildDesignModel(req, shifts, kinds.length, o, h.infinity);
  // the LP relaxation: the bound the planner compares the schedule with
  const lp = h.createModel(built.model);
  let lpBound: number;
  try {
    lp.options.set({ output_flag: false });
    lp.run();
    if (lp.getModelStatus() !== h.constants.modelStatus.optimal) throw new Error(`LP relaxation ended with status ${statusName(h, lp.getModelStatus())}`);
    lpBound = lp.getObjectiveValue();
  } finally {
    lp.dispose();
  }
  const mip = h.createModel({ ...built.model, integrality: built.integrality });
  let x: Float64Array;
  let bound = lpBound;
  let status: string;
  try {
    const left = Math.max(0.5, o.timeLimitS - (o.clock() - t0) / 1000);
    mip.options.set({ output_flag: false, time_limit: left, mip_rel_gap: 1e-6 });
    mip.run();
    status = statusName(h, mip.getModelStatus());
    const sol = mip.getSolution();
    if (!sol.colValue || sol.colValue.length !== built.model.numCols) throw new Error(`the MILP found no schedule (status ${status})`);
    x = Float64Array.from(sol.colValue);
    const db = Number(mip.info.get('mip_dual_bound'));
    if (Number.isFinite(db) && db > bound) bound = db;
  } finally {
    mip.dispose();
  }
  // figures recomputed from the rounded counts, not read from the solver's columns
  const counts = built.xCol.map((c) => Math.max(0, Math.round(x[c]!)));
  const n = req.intervals;
  const cover = req.curves.map(() => new Float64Array(n));
  const qIndex = new Map(req.curves.map((c, i) => [c.queue, i]));
  shifts.forEach((s, i) => {
    if (counts[i]) for (const k of s.covers) cover[qIndex.get(s.queue)!]![k]! += counts[i]!;
  });
  let shortfall = 0;
  let overcover = 0;
  req.curves.forEach((c, q) =>
    c.required.forEach((r, k) => {
      const d = cover[q]![k]! - r;
      if (d < 0) shortfall -= d * req.intervalMin;
      else overcover += d * req.intervalMin;
    }),
  );
  const usedKinds = new Set(shifts.filter((_, i) => counts[i]! > 0).map((s) => s.kind));
  const obj = o.underWeight * shortfall + o.overWeight * overcover + o.distinctCost * usedKinds.size;
  const named = req.curves.length > 1 || req.curves[0]!.queue !== '';
  const out: DesignedShift[] = [];
  shifts.forEach((s, i) => {
    if (counts[i]! > 0) out.push({ start: localIso(s.startMin), lengthMin: s.lengthMin, count: counts[i]!, ...(named ? { queue: s.queue } : {}) });
  });
  return {
    objective: round6(obj),
    lpBound: round6(lpBound),
    gap: obj > 0 ? round6(Math.max(0, (obj - bound) / obj)) : 0,
    shortfallAgentMinutes: round6(shortfall),
    overcoverAgentMinutes: round6(overcover),
    distinctShifts: usedKinds.size,
    status,
    solveTimeS: round6((o.clock() - t0) / 1000),
    shifts: out,
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
