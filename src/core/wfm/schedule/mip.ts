// Stage 1's solves: the LP relaxation (the lower bound), then the MILP on shift counts, first in the
// LP optimum's neighbourhood, then on the full model warm-started from it. The time limit and the
// stall rule read the caller's clock and HiGHS's running time: that logic is kept as it was.

import type { Highs } from 'highs';
import type { BuiltModel } from './model';
import type { Clock, ScheduleOptions } from './types';

const statusName = (h: Highs, code: number): string => {
  const e = Object.entries(h.constants.modelStatus).find(([, v]) => v === code);
  return e ? e[0] : String(code);
};

/**
 * The LP relaxation of the built model: its optimum is the schedule's lower bound, its column values
 * give the MILP's first neighbourhood, its time sets the default stall limit.
 */
function solveLpRelaxation(h: Highs, built: BuiltModel, clock: Clock): { lpBound: number; lpTimeS: number; lpX: Float64Array } {
  const m = h.createModel(built.model);
  try {
    m.options.set({ output_flag: false });
    const t0 = clock();
    m.run();
    const lpTimeS = (clock() - t0) / 1000;
    const st = m.getModelStatus();
    if (st !== h.constants.modelStatus.optimal) throw new Error(`LP relaxation ended with status ${statusName(h, st)}`);
    return { lpBound: m.getObjectiveValue(), lpTimeS, lpX: m.getSolution().colValue.slice() };
  } finally {
    m.dispose();
  }
}

/** Stage 1's outcome: the best shift counts found (x per xCol, break counts per zCol) and how it went. */
export interface Stage1 {
  lpBound: number;
  lpTimeS: number;
  /** rounded shift count per `built.xCols` entry */
  x: Float64Array;
  /** break count per `built.zCols` entry (continuous) */
  zv: Float64Array;
  objective: number;
  dualBound: number;
  status: string;
  mipTimeS: number;
}

/** What the MILP runs share: the settings, and the best solution so far (each run may improve it). */
interface MipRuns {
  h: Highs;
  built: BuiltModel;
  clock: Clock;
  relGap: number;
  absGap: number;
  stallS: number;
  objective: number;
  best: Float64Array | null;
  dualBound: number;
  status: string;
  mipTimeS: number;
}

function runMip(r: MipRuns, colLower: Float64Array, colUpper: Float64Array, limit: number, start: Float64Array | null, full: boolean): void {
  const { h, built, clock, absGap } = r;
  const m = h.createModel({ ...built.model, colLower, colUpper, integrality: built.integ });
  try {
    m.options.set({ output_flag: false, time_limit: Math.max(0.5, limit), mip_rel_gap: r.relGap, mip_abs_gap: absGap });
    if (start) m.setSolution({ colValue: start });
    const t0 = clock();
    // stall rule: interrupt when the incumbent has not improved by absGap for stallS seconds
    let bestSeen = Infinity;
    let since = 0;
    let interrupted = false;
    m.run({
      [h.constants.callbackType.mipInterrupt]: (ev) => {
        const pb = ev.data.mip_primal_bound ?? Infinity;
        const rt = ev.data.running_time ?? 0;
        if (pb < bestSeen - absGap) {
          bestSeen = pb;
          since = rt;
        } else if (full && Number.isFinite(bestSeen) && rt - since > r.stallS) {
          interrupted = true;
          ev.interrupt();
        }
        return undefined;
      },
    });
    r.mipTimeS += (clock() - t0) / 1000;
    const st = m.getModelStatus();
    const sol = m.getSolution();
    const obj = m.getObjectiveValue();
    if (sol.colValue && sol.colValue.length === built.model.numCols && Number.isFinite(obj) && obj < r.objective) {
      r.objective = obj;
      r.best = sol.colValue.slice();
      r.status = `${full ? 'full' : 'neighbourhood'}:${interrupted ? 'stalled' : statusName(h, st)}`;
    }
    if (full) {
      try {
        const db = Number(m.info.get('mip_dual_bound'));
        if (Number.isFinite(db) && db > r.dualBound) r.dualBound = db;
      } catch {
        /* not available */
      }
    }
  } finally {
    m.dispose();
  }
}

/**
 * MILP on shift counts (break counts stay continuous and are rounded per pattern). First in the
 * neighbourhood of the LP optimum (each count between floor and ceil of its LP value: small, finds a
 * good schedule fast), then, while time and gap remain, on the full model warm-started from it.
 */
export function solveStage1(h: Highs, built: BuiltModel, options: ScheduleOptions & { clock: Clock }): Stage1 {
  const clock = options.clock;
  const { lpBound, lpTimeS, lpX } = solveLpRelaxation(h, built, clock);
  const timeLimit = options.timeLimitS ?? 30;
  const relGap = options.mipRelGap ?? 0.01;
  const absGap = options.mipAbsGap ?? 1;
  const stallS = options.stallS === undefined ? Math.max(2, 2 * lpTimeS) : options.stallS > 0 ? options.stallS : Infinity;
  const r: MipRuns = { h, built, clock, relGap, absGap, stallS, objective: Infinity, best: null, dualBound: lpBound, status: '', mipTimeS: 0 };
  const lo = Float64Array.from(built.model.colLower as ArrayLike<number>);
  const hi = Float64Array.from(built.model.colUpper as ArrayLike<number>);
  for (const xc of built.xCols) {
    const v = lpX[xc.col]!;
    lo[xc.col] = Math.max(0, Math.floor(v + 1e-6));
    hi[xc.col] = Math.ceil(v - 1e-6);
  }
  runMip(r, lo, hi, timeLimit * 0.5, null, false);
  const gapNow = (r.objective - lpBound) / Math.max(1e-9, Math.abs(r.objective));
  const left = timeLimit - r.mipTimeS;
  if (!(gapNow <= relGap) && left > 1)
    runMip(r, Float64Array.from(built.model.colLower as ArrayLike<number>), Float64Array.from(built.model.colUpper as ArrayLike<number>), left, r.best, true);
  if (!r.best) throw new Error(`stage-1 MILP found no solution (status ${r.status})`);
  const sol: Float64Array = r.best;
  const x = new Float64Array(built.xCols.length);
  const zv = new Float64Array(built.zCols.length);
  built.xCols.forEach((xc, i) => (x[i] = Math.max(0, Math.round(sol[xc.col]!))));
  built.zCols.forEach((z, i) => (zv[i] = Math.max(0, sol[z.col]!)));
  return { lpBound, lpTimeS, x, zv, objective: r.objective, dualBound: r.dualBound, status: r.status, mipTimeS: r.mipTimeS };
}
