// The shift-design problem read from files (issue 15, `callfloor schedule solve`): a requirement curve
// as CSV (`start,queue,required`, one row an interval) and shift types as JSON. Pure: text in, checked
// data out, every refusal naming the row or the field.

import { InputError } from '../../errors';

/** One queue's requirement over the horizon: agents needed per interval, the first at `startMin`. */
export interface RequirementCurve {
  /** '' when the file has no queue column or leaves it empty */
  queue: string;
  required: number[];
}

export interface Requirements {
  /** minutes since 1970-01-01T00:00 of the local wall clock (no time zone: the file's times as written) */
  startMin: number;
  intervalMin: number;
  /** intervals in the horizon (the same for every queue) */
  intervals: number;
  curves: RequirementCurve[];
}

export interface ShiftType {
  name: string;
  /** minutes after midnight; a window may run past midnight (latest < earliest) */
  earliestStartMin: number;
  latestStartMin: number;
  minLengthMin: number;
  maxLengthMin: number;
  stepMin: number;
  queue?: string;
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2027-01-04T05:00` → minutes since 1970-01-01T00:00 (calendar arithmetic, no zone). */
export function localMinutes(text: string): number | null {
  const m = ISO_LOCAL.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return ms / 60_000;
}

/** Minutes since 1970-01-01T00:00 → `2027-01-04T05:00`. */
export function localIso(min: number): string {
  return new Date(min * 60_000).toISOString().slice(0, 16);
}

function hhmm(field: string, v: unknown): number {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v.trim()) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new InputError(field, `must be a time of day HH:MM, got ${JSON.stringify(v)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The requirement CSV. The interval is the step between a queue's first two rows; every later row of
 * that queue must follow its predecessor by exactly one interval (else: a gap, an overlap, or a time
 * off the interval grid, named by its row), and every queue must cover the same horizon.
 */
export function parseRequirementsCsv(text: string): Requirements {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('start') < 0 || col('required') < 0)
    throw new InputError('row 1', `the header must be start,queue,required (queue may be left out), got "${lines[0] ?? ''}"`);
  const byQueue = new Map<string, { row: number; min: number; required: number }[]>();
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const row = i + 1;
    const cells = line.split(',');
    if (cells.length !== header.length) throw new InputError(`row ${row}`, `has ${cells.length} cells, the header has ${header.length}`);
    const min = localMinutes(cells[col('start')]!);
    if (min === null) throw new InputError(`row ${row}.start`, `must be a local time like 2027-01-04T05:00, got "${cells[col('start')]}"`);
    const rawReq = cells[col('required')]!.trim();
    const required = Number(rawReq);
    if (rawReq === '' || !Number.isFinite(required) || required < 0) throw new InputError(`row ${row}.required`, `must be a number ≥ 0, got "${rawReq}"`);
    const queue = col('queue') >= 0 ? cells[col('queue')]!.trim() : '';
    let rows = byQueue.get(queue);
    if (!rows) byQueue.set(queue, (rows = []));
    rows.push({ row, min, required });
  });
  if (byQueue.size === 0) throw new InputError('row 2', 'the file has no requirement rows');
  let intervalMin = 0;
  let startMin = 0;
  let intervals = 0;
  const curves: RequirementCurve[] = [];
  for (const [queue, rows] of byQueue) {
    if (rows.length < 2) throw new InputError(`row ${rows[0]!.row}`, `queue "${queue}" has one row: the interval is the step between rows, so it needs two`);
    const step = rows[1]!.min - rows[0]!.min;
    if (intervalMin === 0) {
      if (step <= 0 || 1440 % step !== 0)
        throw new InputError(`row ${rows[1]!.row}.start`, `the interval (the step from the row before) must divide a day, got ${step} min`);
      intervalMin = step;
      startMin = rows[0]!.min;
      intervals = rows.length;
    }
    for (let k = 1; k < rows.length; k++) {
      const d = rows[k]!.min - rows[k - 1]!.min;
      if (d === intervalMin) continue;
      const where = `row ${rows[k]!.row}.start`;
      if (d <= 0) throw new InputError(where, `overlaps row ${rows[k - 1]!.row} (the same or an earlier time in queue "${queue}")`);
      if (d % intervalMin === 0) throw new InputError(where, `leaves a gap of ${d - intervalMin} min after row ${rows[k - 1]!.row}`);
      throw new InputError(where, `is not on the ${intervalMin}-minute interval grid (${d} min after row ${rows[k - 1]!.row})`);
    }
    if (rows[0]!.min !== startMin || rows.length !== intervals)
      throw new InputError(`row ${rows[0]!.row}.queue`, `queue "${queue}" covers another horizon than the first queue: every queue needs the same times`);
    curves.push({ queue, required: rows.map((r) => r.required) });
  }
  return { startMin, intervalMin, intervals, curves };
}

/** Shift types from JSON, each checked against the requirement's grid and horizon. */
export function parseShiftTypes(json: unknown, req: Requirements, o: { wrap: boolean }): ShiftType[] {
  if (!Array.isArray(json) || json.length === 0) throw new InputError('shifts', 'must be a non-empty JSON array of shift types');
  const queues = new Set(req.curves.map((c) => c.queue));
  const horizon = req.intervals * req.intervalMin;
  return json.map((t: Record<string, unknown>, i) => {
    const f = (k: string) => `shifts[${i}].${k}`;
    if (!t || typeof t !== 'object') throw new InputError(`shifts[${i}]`, 'must be an object');
    const name = typeof t.name === 'string' && t.name.trim() ? t.name.trim() : null;
    if (!name) throw new InputError(f('name'), 'is required');
    const earliestStartMin = hhmm(f('earliestStart'), t.earliestStart);
    const latestStartMin = hhmm(f('latestStart'), t.latestStart);
    const int = (k: string) => {
      const v = t[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
        throw new InputError(f(k), `must be a whole number of minutes > 0, got ${JSON.stringify(v)}`);
      return v;
    };
    const minLengthMin = int('minLengthMin');
    const maxLengthMin = int('maxLengthMin');
    const stepMin = int('stepMin');
    const I = req.intervalMin;
    if (stepMin % I !== 0) throw new InputError(f('stepMin'), `must be a multiple of the ${I}-minute interval, got ${stepMin}`);
    if (minLengthMin % I !== 0) throw new InputError(f('minLengthMin'), `must be a multiple of the ${I}-minute interval, got ${minLengthMin}`);
    if (maxLengthMin < minLengthMin) throw new InputError(f('maxLengthMin'), `must be ≥ minLengthMin (${minLengthMin}), got ${maxLengthMin}`);
    if ((maxLengthMin - minLengthMin) % stepMin !== 0) throw new InputError(f('maxLengthMin'), `must be minLengthMin plus whole steps of ${stepMin} min`);
    // start times sit on the requirement's grid, which need not begin at midnight
    const phase = ((req.startMin % I) + I) % I;
    for (const [k, v] of [
      ['earliestStart', earliestStartMin],
      ['latestStart', latestStartMin],
    ] as const)
      if ((((v - phase) % I) + I) % I !== 0) throw new InputError(f(k), `is not on the requirement's ${I}-minute grid`);
    if (minLengthMin > horizon) throw new InputError(f('minLengthMin'), `a ${minLengthMin}-minute shift never fits the ${horizon}-minute horizon`);
    const queue = typeof t.queue === 'string' && t.queue.trim() ? t.queue.trim() : undefined;
    if (queue !== undefined && !queues.has(queue))
      throw new InputError(f('queue'), `no requirement row names queue "${queue}", so this shift type can never cover anything`);
    if (!o.wrap) {
      // without wrap a shift must start inside the horizon: some start of its window must fall in it
      const days = Math.ceil(horizon / 1440) + 1;
      const windowLen = (((latestStartMin - earliestStartMin) % 1440) + 1440) % 1440;
      let fits = false;
      for (let d = -1; d <= days && !fits; d++)
        for (let s = 0; s <= windowLen && !fits; s += stepMin) {
          const at = Math.floor(req.startMin / 1440) * 1440 + d * 1440 + earliestStartMin + s;
          fits = at >= req.startMin && at < req.startMin + horizon;
        }
      if (!fits) throw new InputError(f('earliestStart'), 'no start time of this shift type falls inside the requirement horizon');
    }
    return { name, earliestStartMin, latestStartMin, minLengthMin, maxLengthMin, stepMin, ...(queue !== undefined ? { queue } : {}) };
  });
}

/**
 * The requirement over `weeks` weeks: a file of exactly `weeks` weeks as it is (each week its own
 * curve), or a file of one week repeated `weeks` times; any other length is refused naming both.
 */
export function repeatWeeks(req: Requirements, weeks: number): Requirements {
  if (!Number.isInteger(weeks) || weeks < 1) throw new InputError('weeks', `must be a whole number ≥ 1, got ${weeks}`);
  if (weeks === 1) return req;
  const days = (req.intervals * req.intervalMin) / 1440;
  if (days === 7 * weeks) return req;
  if (days !== 7)
    throw new InputError('weeks', `the file covers ${days} days: give one week (repeated ${weeks} times) or all ${weeks} weeks (${7 * weeks} days)`);
  return {
    ...req,
    intervals: req.intervals * weeks,
    curves: req.curves.map((c) => ({ queue: c.queue, required: Array.from({ length: weeks }, () => c.required).flat() })),
  };
}
