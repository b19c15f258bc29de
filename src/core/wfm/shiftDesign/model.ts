// The shift-design MILP: x[s] = how many of concrete shift s (start × length × queue) to staff;
// under/over per queue and interval absorb the difference to the requirement; y[k] = 1 when the
// distinct shift k (start time of day × length) is used at all, which costs `distinctCost`.

import type { ModelData } from 'highs';
import type { Requirements, ShiftType } from './input';

export interface ConcreteShift {
  /** minutes since 1970-01-01T00:00, local wall clock */
  startMin: number;
  lengthMin: number;
  queue: string;
  /** index of its distinct shift (start time of day × length) */
  kind: number;
  /** interval indices it covers (mod the horizon when it wraps) */
  covers: number[];
  /** the largest requirement it covers: more of it is never worth staffing */
  cap: number;
}

export interface DesignWeights {
  wrap: boolean;
  /** agent-minutes charged per distinct shift used */
  distinctCost: number;
  /** per agent-minute short / over */
  underWeight: number;
  overWeight: number;
}

/** Every concrete shift the shift types allow inside the horizon (start inside it; wrap or clip the end). */
export function concreteShifts(
  req: Requirements,
  types: ShiftType[],
  wrap: boolean,
): { shifts: ConcreteShift[]; kinds: { todMin: number; lengthMin: number }[] } {
  const { startMin: hs, intervalMin: I, intervals: n } = req;
  const H = n * I;
  const byKey = new Map<string, ConcreteShift>();
  const kinds: { todMin: number; lengthMin: number }[] = [];
  const kindOf = new Map<string, number>();
  const firstDay = Math.floor(hs / 1440) - 1;
  const lastDay = Math.floor((hs + H) / 1440);
  for (const t of types) {
    const windowLen = (((t.latestStartMin - t.earliestStartMin) % 1440) + 1440) % 1440;
    const queues = t.queue !== undefined ? [t.queue] : req.curves.map((c) => c.queue);
    for (let d = firstDay; d <= lastDay; d++)
      for (let s = 0; s <= windowLen; s += t.stepMin) {
        const start = d * 1440 + t.earliestStartMin + s;
        if (start < hs || start >= hs + H) continue;
        const tod = ((start % 1440) + 1440) % 1440;
        for (let len = t.minLengthMin; len <= Math.min(t.maxLengthMin, H); len += t.stepMin) {
          const first = (start - hs) / I;
          const covers: number[] = [];
          for (let j = 0; j < len / I; j++) {
            const k = first + j;
            if (k < n) covers.push(k);
            else if (wrap) covers.push(k - n);
          }
          const kk = `${tod}:${len}`;
          let kind = kindOf.get(kk);
          if (kind === undefined) {
            kind = kinds.length;
            kinds.push({ todMin: tod, lengthMin: len });
            kindOf.set(kk, kind);
          }
          for (const q of queues) {
            const key = `${start}:${len}:${q}`;
            if (byKey.has(key)) continue;
            const curve = req.curves.find((c) => c.queue === q)!.required;
            const cap = Math.ceil(Math.max(0, ...covers.map((k) => curve[k]!)) - 1e-9);
            byKey.set(key, { startMin: start, lengthMin: len, queue: q, kind, covers, cap });
          }
        }
      }
  }
  const shifts = [...byKey.values()].sort((a, b) => a.startMin - b.startMin || a.lengthMin - b.lengthMin || a.queue.localeCompare(b.queue));
  return { shifts, kinds };
}

export interface DesignModel {
  model: ModelData;
  integrality: Int32Array;
  /** column of each shift's x; under/over columns follow per queue and interval, then y per kind */
  xCol: number[];
  yCol: number[];
}

/** The MILP as CSC: rows are coverage (queue × interval, equal to the requirement) then x ≤ cap·y links. */
export function buildDesignModel(req: Requirements, shifts: ConcreteShift[], kindCount: number, w: DesignWeights, infinity: number): DesignModel {
  const n = req.intervals;
  const I = req.intervalMin;
  const qIndex = new Map(req.curves.map((c, i) => [c.queue, i]));
  const cols: { cost: number; lo: number; hi: number; int: boolean; rows: number[]; vals: number[] }[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  req.curves.forEach((c) =>
    c.required.forEach((r) => {
      rowLower.push(r);
      rowUpper.push(r);
    }),
  );
  const useKinds = w.distinctCost > 0;
  const linkRow0 = rowLower.length;
  const xCol = shifts.map((s, i) => {
    const q = qIndex.get(s.queue)!;
    const rows = s.covers.map((k) => q * n + k);
    const vals = rows.map(() => 1);
    if (useKinds) {
      rows.push(linkRow0 + i);
      vals.push(1);
      rowLower.push(-infinity);
      rowUpper.push(0);
    }
    cols.push({ cost: 0, lo: 0, hi: s.cap, int: true, rows, vals });
    return cols.length - 1;
  });
  for (let q = 0; q < req.curves.length; q++)
    for (let k = 0; k < n; k++) {
      cols.push({ cost: w.underWeight * I, lo: 0, hi: infinity, int: false, rows: [q * n + k], vals: [1] });
      cols.push({ cost: w.overWeight * I, lo: 0, hi: infinity, int: false, rows: [q * n + k], vals: [-1] });
    }
  const yCol: number[] = [];
  if (useKinds) {
    const linksOf: { rows: number[]; vals: number[] }[] = Array.from({ length: kindCount }, () => ({ rows: [], vals: [] }));
    shifts.forEach((s, i) => {
      linksOf[s.kind]!.rows.push(linkRow0 + i);
      linksOf[s.kind]!.vals.push(-s.cap);
    });
    for (let k = 0; k < kindCount; k++) {
      cols.push({ cost: w.distinctCost, lo: 0, hi: 1, int: true, ...linksOf[k]! });
      yCol.push(cols.length - 1);
    }
  }
  const starts = new Int32Array(cols.length + 1);
  const nnz = cols.reduce((a, c) => a + c.rows.length, 0);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  cols.forEach((c, j) => {
    starts[j] = p;
    const order = c.rows.map((_, i) => i).sort((a, b) => c.rows[a]! - c.rows[b]!);
    for (const i of order) {
      indices[p] = c.rows[i]!;
      values[p] = c.vals[i]!;
      p++;
    }
  });
  starts[cols.length] = p;
  const numRows = rowLower.length;
  return {
    model: {
      numCols: cols.length,
      numRows,
      colCost: Float64Array.from(cols.map((c) => c.cost)),
      colLower: Float64Array.from(cols.map((c) => c.lo)),
      colUpper: Float64Array.from(cols.map((c) => c.hi)),
      rowLower: Float64Array.from(rowLower),
      rowUpper: Float64Array.from(rowUpper),
      matrix: { format: 'csc', numRows, numCols: cols.length, starts, indices, values },
    },
    integrality: Int32Array.from(cols.map((c) => (c.int ? 1 : 0))),
    xCol,
    yCol,
  };
}
