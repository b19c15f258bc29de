// From stage 1's counts to shifts: each pattern's count becomes that many instances with their breaks
// placed (break counts rounded by largest remainder), handed to the agent classes that are to work
// them; and the rounded stage-1 schedule's objective, for the report.

import type { Stage1 } from './mip';
import type { AgentClass, BuiltModel } from './model';
import type { Inst, Prep } from './prepare';

/** Adds (sign 1) or removes (−1) one shift's on-phone slots to a coverage curve (`P.coverLen` long). */
export function addInst(cover: Float64Array, P: Pick<Prep, 'tpls' | 'at'>, inst: Inst, sign: 1 | -1): void {
  const p = inst.pat;
  for (let s = 0; s < p.len; s++) cover[P.at(p.start + s)]! += sign;
  P.tpls[p.tpl]!.breaks.forEach((b, k) => {
    for (let s = 0; s < b.dur; s++) cover[P.at(p.start + inst.offs[k]! + s)]! -= sign;
  });
}

/** A coverage curve with what carries in from before the week. */
export function startCover(P: Pick<Prep, 'coverLen' | 'carry'>): Float64Array {
  const cover = new Float64Array(P.coverLen);
  cover.set(P.carry);
  return cover;
}

/** Pattern instances with rounded break offsets (largest remainder per pattern and break), by pattern id. */
export function roundedInstances(P: Prep, built: BuiltModel, s1: Stage1): Inst[][] {
  const { tpls, patterns } = P;
  const { x, zv } = s1;
  const zByPK = new Map<string, { o: number; v: number }[]>();
  built.zCols.forEach((z, i) => {
    const key = `${z.p}:${z.k}`;
    let a = zByPK.get(key);
    if (!a) zByPK.set(key, (a = []));
    a.push({ o: z.o, v: zv[i]! });
  });
  const perPattern: number[] = patterns.map(() => 0);
  built.xCols.forEach((xc, i) => (perPattern[xc.p]! += x[i]!));
  const instances: Inst[][] = patterns.map(() => []);
  for (const p of patterns) {
    const n = perPattern[p.id]!;
    if (n <= 0) continue;
    const t = tpls[p.tpl]!;
    const offLists = t.breaks.map((_, k) => {
      const zs = zByPK.get(`${p.id}:${k}`) ?? [];
      const tot = zs.reduce((s, z) => s + z.v, 0) || 1;
      const share = zs.map((z) => ({ o: z.o, exact: (z.v / tot) * n }));
      const base = share.map((s) => Math.floor(s.exact + 1e-9));
      let left = n - base.reduce((s, b) => s + b, 0);
      const order = share.map((_, i) => i).sort((a, b) => share[b]!.exact - base[b]! - (share[a]!.exact - base[a]!));
      for (const i of order) {
        if (left <= 0) break;
        base[i]!++;
        left--;
      }
      const out: number[] = [];
      share.forEach((s, i) => {
        for (let r = 0; r < base[i]!; r++) out.push(s.o);
      });
      return out;
    });
    for (let i = 0; i < n; i++) instances[p.id]!.push({ pat: p, offs: offLists.map((l) => l[i] ?? 0) });
  }
  return instances;
}

/** pool[class][pattern]: the instances each class of agents is to work (taken from `instances`). */
export function classPools(P: Prep, classes: AgentClass[], built: BuiltModel, s1: Stage1, instances: Inst[][]): Inst[][][] {
  const pool: Inst[][][] = classes.map(() => P.patterns.map(() => []));
  built.xCols.forEach((xc, i) => {
    for (let r = 0; r < s1.x[i]!; r++) pool[xc.c]![xc.p]!.push(instances[xc.p]!.pop()!);
  });
  return pool;
}

/** The rounded stage-1 schedule, before names: its objective, for the report. */
export function roundedObjective(P: Prep, pool: Inst[][][]): { total: number; under: number; over: number; cost: number } {
  const cover = startCover(P);
  const rounded = { total: 0, under: 0, over: 0, cost: 0 };
  for (const pc of pool)
    for (const l of pc)
      for (const inst of l) {
        addInst(cover, P, inst, 1);
        rounded.cost += inst.pat.cost;
      }
  for (let t = 0; t < P.S; t++) {
    const g = P.required[t]! - cover[t]!;
    rounded.under += Math.max(0, g) * P.wu;
    rounded.over += Math.max(0, -g) * P.wo;
  }
  rounded.total = rounded.under + rounded.over + rounded.cost;
  return rounded;
}
