// Stage 1's model: agents grouped into classes, and the pattern MILP built as CSC for HiGHS.

import type { ModelData } from 'highs';
import { DAYS, type Agent, type Pattern, type Prep } from './prepare';
import { dayRuleRows } from './ruleRows';
import { distinctShiftRows } from './distinct';

export interface AgentClass {
  key: string;
  members: Agent[];
  /** patterns any member may work (template and start window; day availability is per member) */
  patterns: Pattern[];
}

/**
 * Agents with the same templates and start window form a class; stage 1 decides shift counts per
 * class, so template eligibility and start windows are exact in aggregate, and per-class day,
 * shift-count and hours rows are sums of the members' contract rules (hence still a relaxation).
 */
export function agentClasses(P: Prep): AgentClass[] {
  const byKey = new Map<string, AgentClass>();
  for (const a of P.agents) {
    const key = `${a.tplOk.map((b) => (b ? 1 : 0)).join('')}|${a.earliest}|${a.latest}`;
    let c = byKey.get(key);
    if (!c) {
      c = { key, members: [], patterns: P.patterns.filter((p) => a.tplOk[p.tpl] && p.startMinOfDay >= a.earliest && p.startMinOfDay <= a.latest) };
      byKey.set(key, c);
    }
    c.members.push(a);
  }
  return [...byKey.values()];
}

/** Build the stage-1 model as CSC. Columns: x[c,p], z[p,k,o], under[t], over[t]. */
export function buildModel(P: Prep, classes: AgentClass[], highsInf: number) {
  const { S, tpls, patterns } = P;
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const integ: number[] = [];
  const cols: { rows: number[]; vals: number[] }[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  // rows 0..S-1: coverage(t) + under(t) − over(t) = required(t) − carried in(t)
  for (let t = 0; t < S; t++) {
    rowLower.push(P.required[t]! - P.carry[t]!);
    rowUpper.push(P.required[t]! - P.carry[t]!);
  }
  // a slot of the week a shift's slot counts in (none past a spilling week's end)
  const row = (slot: number) => {
    const t = P.at(slot);
    return t < S ? t : -1;
  };
  const addRow = (lo: number, hi: number) => {
    rowLower.push(lo);
    rowUpper.push(hi);
    return rowLower.length - 1;
  };
  // linking rows: Σ_o z[p,k,o] − Σ_c x[c,p] = 0
  const linkRow: number[][] = patterns.map((p) => tpls[p.tpl]!.breaks.map(() => addRow(0, 0)));
  const distinct = distinctShiftRows(P, addRow, highsInf);
  const xCols: { c: number; p: number; col: number }[] = [];
  const zCols: { p: number; k: number; o: number; col: number }[] = [];
  classes.forEach((cl, ci) => {
    const dayRows = Array.from({ length: DAYS }, (_, d) => addRow(-highsInf, cl.members.filter((a) => a.availDays[d]).length));
    const hoursSet = new Set(cl.patterns.map((p) => p.paidHours));
    let minShifts = 0;
    let maxShifts = 0;
    for (const a of cl.members) {
      if (hoursSet.size === 1) {
        const h = [...hoursSet][0]!;
        minShifts += Math.ceil(a.minHours / h - 1e-9);
        maxShifts += Math.min(a.maxShifts, Math.floor(a.maxHours / h + 1e-9));
      } else maxShifts += a.maxShifts;
    }
    const shiftsRow = addRow(minShifts, maxShifts);
    const ruleRows = dayRuleRows(cl.members, addRow, highsInf);
    const hoursRow = addRow(
      cl.members.reduce((s, a) => s + a.minHours, 0),
      cl.members.reduce((s, a) => s + a.maxHours, 0),
    );
    for (const p of cl.patterns) {
      const t = tpls[p.tpl]!;
      const rows: number[] = [];
      const vals: number[] = [];
      for (let s = 0; s < p.len; s++) {
        const r = row(p.start + s);
        if (r < 0) continue;
        rows.push(r);
        vals.push(1);
      }
      t.breaks.forEach((_, k) => {
        rows.push(linkRow[p.id]![k]!);
        vals.push(-1);
      });
      rows.push(dayRows[p.day]!, shiftsRow, hoursRow);
      vals.push(1, 1, p.paidHours);
      const dr = distinct.rowOf(p);
      if (dr >= 0) {
        rows.push(dr);
        vals.push(1);
      }
      for (const r of ruleRows[p.day]!) {
        rows.push(r);
        vals.push(1);
      }
      xCols.push({ c: ci, p: p.id, col: cols.length });
      cols.push({ rows, vals });
      colCost.push(p.cost);
      colLower.push(0);
      colUpper.push(highsInf);
      integ.push(1);
    }
  });
  for (const p of patterns) {
    const t = tpls[p.tpl]!;
    t.breaks.forEach((b, k) => {
      for (let o = b.lo; o <= b.hi; o++) {
        const rows: number[] = [];
        const vals: number[] = [];
        for (let s = 0; s < b.dur; s++) {
          const r = row(p.start + o + s);
          if (r < 0) continue;
          rows.push(r);
          vals.push(-1);
        }
        rows.push(linkRow[p.id]![k]!);
        vals.push(1);
        zCols.push({ p: p.id, k, o, col: cols.length });
        cols.push({ rows, vals });
        colCost.push(0);
        colLower.push(0);
        colUpper.push(highsInf);
        integ.push(0);
      }
    });
  }
  for (let t = 0; t < S; t++) {
    cols.push({ rows: [t], vals: [1] }); // under
    colCost.push(P.wu);
    colLower.push(0);
    colUpper.push(highsInf);
    integ.push(0);
    cols.push({ rows: [t], vals: [-1] }); // over
    colCost.push(P.wo);
    colLower.push(0);
    colUpper.push(highsInf);
    integ.push(0);
  }
  for (const y of distinct.yCols) {
    cols.push({ rows: [y.row], vals: [-y.big] });
    colCost.push(y.cost);
    colLower.push(0);
    colUpper.push(1);
    integ.push(1);
  }
  const starts = new Int32Array(cols.length + 1);
  let nnz = 0;
  for (let j = 0; j < cols.length; j++) {
    starts[j] = nnz;
    nnz += cols[j]!.rows.length;
  }
  starts[cols.length] = nnz;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (const c of cols) {
    const order = c.rows.map((_, i) => i).sort((a, b) => c.rows[a]! - c.rows[b]!);
    for (const i of order) {
      indices[k] = c.rows[i]!;
      values[k] = c.vals[i]!;
      k++;
    }
  }
  const numRows = rowLower.length;
  const model: ModelData = {
    numCols: cols.length,
    numRows,
    colCost: Float64Array.from(colCost),
    colLower: Float64Array.from(colLower),
    colUpper: Float64Array.from(colUpper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: 'csc', numRows, numCols: cols.length, starts, indices, values },
  };
  return { model, integ: Int32Array.from(integ), xCols, zCols };
}

export type BuiltModel = ReturnType<typeof buildModel>;
