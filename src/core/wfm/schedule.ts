// Weekly shift scheduling: requirement curve → shifts with breaks for named agents.
//
// Two stages, as STACK.md suggests for scale:
//  1. Pattern MILP (HiGHS). x[d,p] = number of shifts of pattern p (template × start time)
//     starting on day d; z[d,p,k,o] = how many of them take break k at offset o (so break
//     placement is exact, not an average). Coverage(t) = Σ shifts working at t − Σ breaks at t;
//     under(t), over(t) ≥ 0 absorb the difference to the requirement. Aggregate agent limits
//     (heads per day, start-time windows, weekly hours) are implied by the contracts, so the LP
//     relaxation of this model is a valid lower bound for the whole problem.
//  2. Assignment of pattern instances to named agents honouring every contract rule (greedy,
//     most-restricted agent first), repair for minimum hours, greedy fill of leftover gaps, and a
//     break re-placement sweep. The reported objective is recomputed from the final schedule.
//
// Pure apart from the HiGHS instance, which the caller injects (load it with `await highs()`).

import type { Highs, ModelData } from 'highs';
import { InputError as ScheduleInputError } from '../errors';

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { ScheduleInputError };

export type BreakKind = 'break' | 'meal';

export interface BreakRule {
  kind: BreakKind;
  durationMin: number;
  paid: boolean;
  /** window for the break START, minutes after the shift start (inclusive) */
  earliestStartMin: number;
  latestStartMin: number;
}

export interface ShiftTemplate {
  id: string;
  /** from shift start to shift end, including unpaid breaks */
  spanMin: number;
  /** allowed start times, minutes after midnight: earliest..latest every stepMin */
  startEarliestMin: number;
  startLatestMin: number;
  startStepMin: number;
  /** in order; windows must not overlap */
  breaks: BreakRule[];
  /** default 1 */
  costPerPaidHour?: number;
  /** days of the week (0..6) on which the template may be used; default all */
  days?: number[];
}

export interface Contract {
  minHoursWeek: number;
  maxHoursWeek: number;
  /** at least this many days off in the week */
  minDaysOff: number;
  /** earliest / latest shift start, minutes after midnight */
  earliestStartMin: number;
  latestStartMin: number;
  /** templates this agent may work; default all */
  templateIds?: string[];
  /** minimum rest between the end of one shift and the start of the next, hours (default 11) */
  minRestHours?: number;
}

export interface AgentInput {
  id: string;
  contract: Contract;
  skills?: string[];
  /** approved leave: whole days of the week (0..6). Minimum hours are pro-rated over the days left. */
  leaveDays?: number[];
  preferences?: { daysOff?: number[]; startMin?: number };
}

export interface ScheduleInput {
  /** 15 by default; must divide 1440 */
  intervalMin?: number;
  /** required agents on the phones per interval, 7 days × (1440 / intervalMin), Monday 00:00 first */
  required: number[];
  templates: ShiftTemplate[];
  agents: AgentInput[];
  /** only agents with this skill are scheduled */
  requiredSkill?: string;
  weights?: { underPerAgentHour?: number; overPerAgentHour?: number };
}

export interface ScheduleOptions {
  /** stage-1 MILP time limit, seconds (default 30) */
  timeLimitS?: number;
  /** stage-1 relative gap (default 0.005) */
  mipRelGap?: number;
  /** stage-1 absolute gap in objective units (default 1) */
  mipAbsGap?: number;
  /**
   * Stall rule: the full-model run (after the LP-neighbourhood run, warm-started from its schedule)
   * stops when its incumbent has not improved by at least mipAbsGap for this many seconds. Default:
   * max(2 s, 2 × the LP relaxation's time), so it scales with the instance. 0: off.
   */
  stallS?: number;
}

export interface Activity {
  kind: 'phone' | BreakKind;
  /** minutes from Monday 00:00 */
  startMin: number;
  endMin: number;
  paid: boolean;
}

export interface AssignedShift {
  day: number;
  templateId: string;
  /** minutes from Monday 00:00 */
  startMin: number;
  endMin: number;
  paidHours: number;
  activities: Activity[];
}

export interface AgentSchedule {
  agentId: string;
  /** index = day 0..6; null = off */
  days: (AssignedShift | null)[];
  paidHours: number;
  /** minimum hours after pro-rating for leave */
  minHoursEffective: number;
  preferenceMisses: number;
}

export interface ScheduleResult {
  agents: AgentSchedule[];
  intervalMin: number;
  required: number[];
  coverage: number[];
  under: number[];
  over: number[];
  objective: { total: number; under: number; over: number; cost: number };
  /** LP relaxation of the stage-1 model: a lower bound on any schedule's objective */
  lpBound: number;
  /** (objective − lpBound) / objective */
  gap: number;
  stage1: {
    status: string;
    objective: number;
    dualBound: number;
    rounded: { total: number; under: number; over: number; cost: number };
    patterns: number;
    columns: number;
    rows: number;
    lpTimeS: number;
    mipTimeS: number;
  };
  /** pattern instances the MILP chose that no agent could take */
  unassignedPatternShifts: number;
  warnings: string[];
}

interface Pattern {
  id: number;
  day: number;
  tpl: number;
  /** start slot from week start */
  start: number;
  /** length in slots */
  len: number;
  /** start minute of the day */
  startMinOfDay: number;
  paidHours: number;
  cost: number;
}

interface Tpl {
  src: ShiftTemplate;
  spanSlots: number;
  breaks: { kind: BreakKind; dur: number; paid: boolean; lo: number; hi: number }[];
  paidHours: number;
  cost: number;
}

interface Agent {
  src: AgentInput;
  idx: number;
  availDays: boolean[];
  maxShifts: number;
  minHours: number;
  maxHours: number;
  earliest: number;
  latest: number;
  tplOk: boolean[];
  restSlots: number;
  shifts: (Inst | null)[];
  hours: number;
}

interface Inst {
  pat: Pattern;
  /** break start offsets (slots from shift start), one per template break */
  offs: number[];
}

const DAYS = 7;

function req(cond: boolean, field: string, msg: string): void {
  if (!cond) throw new ScheduleInputError(field, msg);
}

function prepare(input: ScheduleInput) {
  const im = input.intervalMin ?? 15;
  req(Number.isInteger(im) && im > 0 && 1440 % im === 0, 'intervalMin', `must divide 1440, got ${im}`);
  const spd = 1440 / im;
  const S = DAYS * spd;
  req(Array.isArray(input.required) && input.required.length === S, 'required', `needs ${S} values (7 days × ${spd}), got ${input.required?.length}`);
  input.required.forEach((r, i) => req(Number.isFinite(r) && r >= 0, `required[${i}]`, `must be a number >= 0, got ${r}`));
  req(input.templates.length > 0, 'templates', 'give at least one shift template');
  const slotOf = (min: number, field: string) => {
    req(Number.isInteger(min) && min % im === 0, field, `must be a multiple of ${im} minutes, got ${min}`);
    return min / im;
  };
  const tpls: Tpl[] = input.templates.map((t, i) => {
    const f = `templates[${i}]`;
    const spanSlots = slotOf(t.spanMin, `${f}.spanMin`);
    req(spanSlots > 0 && spanSlots <= spd, `${f}.spanMin`, 'must be within (0, 1440]');
    slotOf(t.startEarliestMin, `${f}.startEarliestMin`);
    slotOf(t.startLatestMin, `${f}.startLatestMin`);
    slotOf(t.startStepMin, `${f}.startStepMin`);
    req(t.startStepMin > 0, `${f}.startStepMin`, 'must be > 0');
    req(
      t.startEarliestMin >= 0 && t.startLatestMin < 1440 && t.startEarliestMin <= t.startLatestMin,
      `${f}.startLatestMin`,
      'start window must lie within the day and earliest <= latest',
    );
    let prevEnd = 0;
    const breaks = t.breaks.map((b, k) => {
      const bf = `${f}.breaks[${k}]`;
      const dur = slotOf(b.durationMin, `${bf}.durationMin`);
      const lo = slotOf(b.earliestStartMin, `${bf}.earliestStartMin`);
      const hi = slotOf(b.latestStartMin, `${bf}.latestStartMin`);
      req(dur > 0, `${bf}.durationMin`, 'must be > 0');
      req(lo <= hi, `${bf}.latestStartMin`, 'must be >= earliestStartMin');
      req(lo >= prevEnd, `${bf}.earliestStartMin`, 'break windows must be in order and not overlap the previous break');
      req(hi + dur <= spanSlots, `${bf}.latestStartMin`, 'break must end within the shift');
      prevEnd = hi + dur;
      return { kind: b.kind, dur, paid: b.paid, lo, hi };
    });
    const unpaid = breaks.filter((b) => !b.paid).reduce((s, b) => s + b.dur, 0);
    const paidHours = ((spanSlots - unpaid) * im) / 60;
    const cpp = t.costPerPaidHour ?? 1;
    req(Number.isFinite(cpp) && cpp >= 0, `${f}.costPerPaidHour`, 'must be >= 0');
    return { src: t, spanSlots, breaks, paidHours, cost: paidHours * cpp };
  });
  const ids = new Set<string>();
  input.templates.forEach((t, i) => {
    req(!ids.has(t.id), `templates[${i}].id`, `duplicate id ${t.id}`);
    ids.add(t.id);
  });
  // patterns
  const patterns: Pattern[] = [];
  for (let d = 0; d < DAYS; d++)
    tpls.forEach((t, ti) => {
      if (t.src.days && !t.src.days.includes(d)) return;
      for (let m = t.src.startEarliestMin; m <= t.src.startLatestMin; m += t.src.startStepMin) {
        const start = d * spd + m / im;
        if (start + t.spanSlots > S) continue; // must end within the week
        patterns.push({ id: patterns.length, day: d, tpl: ti, start, len: t.spanSlots, startMinOfDay: m, paidHours: t.paidHours, cost: t.cost });
      }
    });
  req(patterns.length > 0, 'templates', 'no shift pattern fits in the week');

  const agentIds = new Set<string>();
  const agents: Agent[] = [];
  input.agents.forEach((a, i) => {
    const f = `agents[${i}]`;
    req(typeof a.id === 'string' && a.id.length > 0 && !agentIds.has(a.id), `${f}.id`, `missing or duplicate id ${a.id}`);
    agentIds.add(a.id);
    if (input.requiredSkill && !(a.skills ?? []).includes(input.requiredSkill)) return;
    const c = a.contract;
    const cf = `${f}.contract`;
    req(Number.isFinite(c.minHoursWeek) && c.minHoursWeek >= 0, `${cf}.minHoursWeek`, 'must be >= 0');
    req(
      Number.isFinite(c.maxHoursWeek) && c.maxHoursWeek >= c.minHoursWeek,
      `${cf}.maxHoursWeek`,
      `must be >= minHoursWeek (${c.minHoursWeek}), got ${c.maxHoursWeek}`,
    );
    req(Number.isInteger(c.minDaysOff) && c.minDaysOff >= 0 && c.minDaysOff <= 7, `${cf}.minDaysOff`, 'must be a whole number 0..7');
    req(
      c.earliestStartMin >= 0 && c.latestStartMin < 1440 && c.earliestStartMin <= c.latestStartMin,
      `${cf}.latestStartMin`,
      'start window must lie within the day and earliest <= latest',
    );
    (a.leaveDays ?? []).forEach((d, k) => req(Number.isInteger(d) && d >= 0 && d < 7, `${f}.leaveDays[${k}]`, 'must be a day 0..6'));
    const availDays = Array.from({ length: DAYS }, (_, d) => !(a.leaveDays ?? []).includes(d));
    const nAvail = availDays.filter(Boolean).length;
    const tplOk = tpls.map((t) => !c.templateIds || c.templateIds.includes(t.src.id));
    if (c.templateIds) c.templateIds.forEach((id, k) => req(ids.has(id), `${cf}.templateIds[${k}]`, `unknown template ${id}`));
    const maxShifts = Math.min(7 - c.minDaysOff, nAvail);
    const minHours = (c.minHoursWeek * nAvail) / 7;
    const usable = patterns.filter((p) => tplOk[p.tpl] && availDays[p.day] && p.startMinOfDay >= c.earliestStartMin && p.startMinOfDay <= c.latestStartMin);
    req(usable.length > 0 || minHours === 0, cf, 'no shift template fits this contract (start window, templates, days)');
    const longest = usable.reduce((s, p) => Math.max(s, p.paidHours), 0);
    req(
      longest * maxShifts + 1e-9 >= minHours,
      `${cf}.minHoursWeek`,
      `cannot be met: at most ${maxShifts} shifts of ${longest} paid hours after days off and leave`,
    );
    const shortest = usable.reduce((s, p) => Math.min(s, p.paidHours), Infinity);
    req(minHours === 0 || shortest <= c.maxHoursWeek, `${cf}.maxHoursWeek`, `shorter than the shortest usable shift (${shortest} h)`);
    const rest = c.minRestHours ?? 11;
    req(Number.isFinite(rest) && rest >= 0, `${cf}.minRestHours`, 'must be >= 0');
    agents.push({
      src: a,
      idx: i,
      availDays,
      maxShifts,
      minHours,
      maxHours: c.maxHoursWeek,
      earliest: c.earliestStartMin,
      latest: c.latestStartMin,
      tplOk,
      restSlots: Math.ceil((rest * 60) / im),
      shifts: new Array(DAYS).fill(null),
      hours: 0,
    });
  });
  const wu = input.weights?.underPerAgentHour ?? 1000;
  const wo = input.weights?.overPerAgentHour ?? 10;
  req(wu >= 0 && wo >= 0, 'weights', 'must be >= 0');
  return { im, spd, S, tpls, patterns, agents, wu: (wu * im) / 60, wo: (wo * im) / 60 };
}

type Prep = ReturnType<typeof prepare>;

interface AgentClass {
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
function agentClasses(P: Prep): AgentClass[] {
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
function buildModel(P: Prep & { required: number[] }, classes: AgentClass[], highsInf: number) {
  const { S, tpls, patterns } = P;
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const integ: number[] = [];
  const cols: { rows: number[]; vals: number[] }[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  // rows 0..S-1: coverage(t) + under(t) − over(t) = required(t)
  for (let t = 0; t < S; t++) {
    rowLower.push(P.required[t]!);
    rowUpper.push(P.required[t]!);
  }
  const addRow = (lo: number, hi: number) => {
    rowLower.push(lo);
    rowUpper.push(hi);
    return rowLower.length - 1;
  };
  // linking rows: Σ_o z[p,k,o] − Σ_c x[c,p] = 0
  const linkRow: number[][] = patterns.map((p) => tpls[p.tpl]!.breaks.map(() => addRow(0, 0)));
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
    const hoursRow = addRow(
      cl.members.reduce((s, a) => s + a.minHours, 0),
      cl.members.reduce((s, a) => s + a.maxHours, 0),
    );
    for (const p of cl.patterns) {
      const t = tpls[p.tpl]!;
      const rows: number[] = [];
      const vals: number[] = [];
      for (let s = 0; s < p.len; s++) {
        rows.push(p.start + s);
        vals.push(1);
      }
      t.breaks.forEach((_, k) => {
        rows.push(linkRow[p.id]![k]!);
        vals.push(-1);
      });
      rows.push(dayRows[p.day]!, shiftsRow, hoursRow);
      vals.push(1, 1, p.paidHours);
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
          rows.push(p.start + o + s);
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

const statusName = (h: Highs, code: number): string => {
  const e = Object.entries(h.constants.modelStatus).find(([, v]) => v === code);
  return e ? e[0] : String(code);
};

/**
 * The LP relaxation of the built model: its optimum is the schedule's lower bound, its column values
 * give the MILP's first neighbourhood, its time sets the default stall limit.
 */
function solveLpRelaxation(h: Highs, built: ReturnType<typeof buildModel>, clock: Clock): { lpBound: number; lpTimeS: number; lpX: Float64Array } {
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

/** A monotonic clock in milliseconds (the edge passes `() => performance.now()`): core reads none of its own. */
export type Clock = () => number;

/**
 * Solve the weekly schedule. `h` is a loaded HiGHS instance (`await highs()`); `clock` times the LP and
 * MILP phases (the reported times and the default stall limit), so core reads no clock itself.
 */
export function solveSchedule(h: Highs, input: ScheduleInput, options: ScheduleOptions & { clock: Clock }): ScheduleResult {
  const clock = options.clock;
  const P0 = prepare(input);
  const P = { ...P0, required: input.required };
  const { S, tpls, patterns, agents, im } = P;
  const warnings: string[] = [];
  const classes = agentClasses(P);
  const classOf = new Map<Agent, number>();
  classes.forEach((c, ci) => c.members.forEach((a) => classOf.set(a, ci)));
  const built = buildModel(P, classes, h.infinity);

  const { lpBound, lpTimeS, lpX } = solveLpRelaxation(h, built, clock);
  // MILP on shift counts (break counts stay continuous and are rounded per pattern).
  // First in the neighbourhood of the LP optimum (each count between floor and ceil of its LP
  // value: small, finds a good schedule fast), then, while time and gap remain, on the full model
  // warm-started from it.
  const timeLimit = options.timeLimitS ?? 30;
  const relGap = options.mipRelGap ?? 0.01;
  const x = new Float64Array(built.xCols.length);
  const zv = new Float64Array(built.zCols.length);
  let stage1Obj = Infinity;
  let dualBound = lpBound;
  let status = '';
  let mipTimeS = 0;
  let best: Float64Array | null = null;
  const absGap = options.mipAbsGap ?? 1;
  const stallS = options.stallS === undefined ? Math.max(2, 2 * lpTimeS) : options.stallS > 0 ? options.stallS : Infinity;
  const runMip = (colLower: Float64Array, colUpper: Float64Array, limit: number, start: Float64Array | null, full: boolean) => {
    const m = h.createModel({ ...built.model, colLower, colUpper, integrality: built.integ });
    try {
      m.options.set({ output_flag: false, time_limit: Math.max(0.5, limit), mip_rel_gap: relGap, mip_abs_gap: absGap });
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
          } else if (full && Number.isFinite(bestSeen) && rt - since > stallS) {
            interrupted = true;
            ev.interrupt();
          }
          return undefined;
        },
      });
      mipTimeS += (clock() - t0) / 1000;
      const st = m.getModelStatus();
      const sol = m.getSolution();
      const obj = m.getObjectiveValue();
      if (sol.colValue && sol.colValue.length === built.model.numCols && Number.isFinite(obj) && obj < stage1Obj) {
        stage1Obj = obj;
        best = sol.colValue.slice();
        status = `${full ? 'full' : 'neighbourhood'}:${interrupted ? 'stalled' : statusName(h, st)}`;
      }
      if (full) {
        try {
          const db = Number(m.info.get('mip_dual_bound'));
          if (Number.isFinite(db) && db > dualBound) dualBound = db;
        } catch {
          /* not available */
        }
      }
    } finally {
      m.dispose();
    }
  };
  {
    const lo = Float64Array.from(built.model.colLower as ArrayLike<number>);
    const hi = Float64Array.from(built.model.colUpper as ArrayLike<number>);
    for (const xc of built.xCols) {
      const v = lpX[xc.col]!;
      lo[xc.col] = Math.max(0, Math.floor(v + 1e-6));
      hi[xc.col] = Math.ceil(v - 1e-6);
    }
    runMip(lo, hi, timeLimit * 0.5, null, false);
    const gapNow = (stage1Obj - lpBound) / Math.max(1e-9, Math.abs(stage1Obj));
    const left = timeLimit - mipTimeS;
    if (!(gapNow <= relGap) && left > 1)
      runMip(Float64Array.from(built.model.colLower as ArrayLike<number>), Float64Array.from(built.model.colUpper as ArrayLike<number>), left, best, true);
    if (!best) throw new Error(`stage-1 MILP found no solution (status ${status})`);
    const sol: Float64Array = best;
    built.xCols.forEach((xc, i) => (x[i] = Math.max(0, Math.round(sol[xc.col]!))));
    built.zCols.forEach((z, i) => (zv[i] = Math.max(0, sol[z.col]!)));
  }

  // Pattern instances with rounded break offsets (largest remainder per pattern and break).
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
  // pool[class][pattern]: the instances each class of agents is to work
  const pool: Inst[][][] = classes.map(() => patterns.map(() => []));
  built.xCols.forEach((xc, i) => {
    for (let r = 0; r < x[i]!; r++) pool[xc.c]![xc.p]!.push(instances[xc.p]!.pop()!);
  });

  // ---- Stage 2: assignment to named agents ----
  let cover = new Float64Array(S); // on-phone count
  const addInst = (inst: Inst, sign: 1 | -1) => {
    const p = inst.pat;
    for (let s = 0; s < p.len; s++) cover[p.start + s]! += sign;
    tpls[p.tpl]!.breaks.forEach((b, k) => {
      for (let s = 0; s < b.dur; s++) cover[p.start + inst.offs[k]! + s]! -= sign;
    });
  };
  // the rounded stage-1 schedule, before names: for the report
  const stage1Rounded = { total: 0, under: 0, over: 0, cost: 0 };
  for (const pc of pool)
    for (const l of pc)
      for (const inst of l) {
        addInst(inst, 1);
        stage1Rounded.cost += inst.pat.cost;
      }
  for (let t = 0; t < S; t++) {
    const g = P.required[t]! - cover[t]!;
    stage1Rounded.under += Math.max(0, g) * P.wu;
    stage1Rounded.over += Math.max(0, -g) * P.wo;
  }
  stage1Rounded.total = stage1Rounded.under + stage1Rounded.over + stage1Rounded.cost;
  cover = new Float64Array(S);
  const spd = P.spd;
  const canTake = (a: Agent, p: Pattern): boolean => {
    if (!a.tplOk[p.tpl] || !a.availDays[p.day] || a.shifts[p.day]) return false;
    if (p.startMinOfDay < a.earliest || p.startMinOfDay > a.latest) return false;
    if (a.hours + p.paidHours > a.maxHours + 1e-9) return false;
    if (a.shifts.filter(Boolean).length >= a.maxShifts) return false;
    // rest against neighbouring days (and no overlap)
    for (let d = 0; d < DAYS; d++) {
      const o = a.shifts[d];
      if (!o) continue;
      const q = o.pat;
      if (q.start < p.start && q.start + q.len + a.restSlots > p.start) return false;
      if (p.start < q.start && p.start + p.len + a.restSlots > q.start) return false;
    }
    return true;
  };
  const assign = (a: Agent, inst: Inst) => {
    a.shifts[inst.pat.day] = inst;
    a.hours += inst.pat.paidHours;
    addInst(inst, 1);
  };
  const prefers = (a: Agent, p: Pattern) => {
    const pr = a.src.preferences;
    let s = 0;
    if (pr?.daysOff?.includes(p.day)) s += 2;
    if (pr?.startMin !== undefined) s += Math.abs(pr.startMin - p.startMinOfDay) / 240;
    return s;
  };
  // pool index by day
  const patsByDay: Pattern[][] = Array.from({ length: DAYS }, () => []);
  for (const p of patterns) patsByDay[p.day]!.push(p);
  const poolDay = pool.map((pc) => Array.from({ length: DAYS }, (_, d) => patsByDay[d]!.reduce((s, p) => s + pc[p.id]!.length, 0)));
  const takeFromPool = (a: Agent): boolean => {
    const ci = classOf.get(a)!;
    const cpool = pool[ci]!;
    const cday = poolDay[ci]!;
    let best: Pattern | null = null;
    let bestScore = Infinity;
    for (let d = 0; d < DAYS; d++) {
      if (!a.availDays[d] || a.shifts[d] || cday[d] === 0) continue;
      for (const p of patsByDay[d]!) {
        if (cpool[p.id]!.length === 0 || !canTake(a, p)) continue;
        // prefer days with much pool left, then preferences, then consistent start times
        const prev = a.shifts.find(Boolean);
        const score = -cday[d]! * 0.01 + prefers(a, p) + (prev ? Math.abs(prev.pat.startMinOfDay - p.startMinOfDay) / 1440 : 0);
        if (score < bestScore) {
          bestScore = score;
          best = p;
        }
      }
    }
    if (!best) return false;
    assign(a, cpool[best.id]!.pop()!);
    cday[best.day]!--;
    return true;
  };
  const flexibility = (a: Agent) =>
    patterns.filter((p) => a.tplOk[p.tpl] && a.availDays[p.day] && p.startMinOfDay >= a.earliest && p.startMinOfDay <= a.latest).length;
  const order = [...agents]
    .map((a) => ({ a, f: flexibility(a) }))
    .sort((u, v) => u.f - v.f || v.a.minHours - u.a.minHours)
    .map((u) => u.a);
  // Pass 0 (classes whose shifts all pay the same hours): decide how many shifts each member works
  // (min first, extras round-robin up to max), give each member the days with the most pool left
  // (the Gale–Ryser greedy, largest demand first), then on each day pair the members who need the
  // latest start (rest after yesterday's shift) with the latest shifts.
  classes.forEach((cl, ci) => {
    const hs = new Set(cl.patterns.map((p) => p.paidHours));
    if (hs.size !== 1) return;
    const h = [...hs][0]!;
    const cday = poolDay[ci]!;
    const total = cday.reduce((s, v) => s + v, 0);
    const lo = cl.members.map((a) => Math.min(a.maxShifts, Math.ceil(a.minHours / h - 1e-9)));
    const hi = cl.members.map((a) => Math.min(a.maxShifts, Math.floor(a.maxHours / h + 1e-9)));
    const k = [...lo];
    let left = total - k.reduce((s, v) => s + v, 0);
    for (let progress = true; left > 0 && progress;) {
      progress = false;
      for (let i = 0; i < k.length && left > 0; i++)
        if (k[i]! < hi[i]!) {
          k[i]!++;
          left--;
          progress = true;
        }
    }
    const remaining = [...cday];
    const daysOf: number[][] = cl.members.map(() => []);
    const byNeed = cl.members
      .map((_, i) => i)
      .sort((u, v) => k[v]! - k[u]! || cl.members[u]!.availDays.filter(Boolean).length - cl.members[v]!.availDays.filter(Boolean).length);
    for (const i of byNeed) {
      const a = cl.members[i]!;
      const pref = a.src.preferences?.daysOff ?? [];
      const ds = [0, 1, 2, 3, 4, 5, 6]
        .filter((d) => a.availDays[d] && remaining[d]! > 0)
        .sort((u, v) => remaining[v]! - remaining[u]! || (pref.includes(u) ? 1 : 0) - (pref.includes(v) ? 1 : 0));
      for (const d of ds.slice(0, k[i]!)) {
        daysOf[i]!.push(d);
        remaining[d]!--;
      }
    }
    for (let d = 0; d < DAYS; d++) {
      const who = cl.members.filter((_, i) => daysOf[i]!.includes(d));
      const need = (a: Agent) => {
        const prev = d > 0 ? a.shifts[d - 1] : null;
        return prev ? prev.pat.start + prev.pat.len + a.restSlots : -1;
      };
      who.sort((u, v) => need(v) - need(u));
      const insts: Inst[] = [];
      for (const p of patsByDay[d]!) insts.push(...pool[ci]![p.id]!.map((x) => x));
      insts.sort((u, v) => v.pat.start - u.pat.start);
      const used = new Set<Inst>();
      for (const a of who) {
        const inst = insts.find((x) => !used.has(x) && canTake(a, x.pat));
        if (!inst) continue;
        used.add(inst);
        const l = pool[ci]![inst.pat.id]!;
        l.splice(l.indexOf(inst), 1);
        cday[d]!--;
        assign(a, inst);
      }
    }
  });
  // Pass A2 (swap repair): an agent below minimum hours who cannot take a leftover shift q (say
  // he already works that day) takes shift r of a class-mate b on one of his free days, and b
  // takes q instead: b's hours are unchanged, the agent gains a shift, the pool shrinks.
  const unassign = (a: Agent, d: number) => {
    const inst = a.shifts[d]!;
    a.shifts[d] = null;
    a.hours -= inst.pat.paidHours;
    addInst(inst, -1);
    return inst;
  };
  for (const a of order) {
    if (a.hours + 1e-9 >= a.minHours) continue;
    const ci = classOf.get(a)!;
    const cl = classes[ci]!;
    for (const p of cl.patterns) {
      const l = pool[ci]![p.id]!;
      while (l.length > 0 && a.hours + 1e-9 < a.minHours) {
        const q = l[l.length - 1]!;
        if (canTake(a, q.pat)) {
          assign(a, l.pop()!);
          poolDay[ci]![q.pat.day]!--;
          continue;
        }
        let done = false;
        for (let e = 0; e < DAYS && !done; e++) {
          if (!a.availDays[e] || a.shifts[e]) continue;
          for (const b of cl.members) {
            if (b === a || !b.shifts[e]) continue;
            const r = b.shifts[e]!;
            if (!canTake(a, r.pat)) continue;
            unassign(b, e);
            if (canTake(b, q.pat)) {
              assign(b, l.pop()!);
              poolDay[ci]![q.pat.day]!--;
              assign(a, r);
              done = true;
              break;
            }
            assign(b, r);
          }
        }
        if (!done) break;
      }
    }
  }
  // Pass A: minimum hours from the pool
  for (const a of order) while (a.hours + 1e-9 < a.minHours && takeFromPool(a));
  // Pass B: hand out the rest of the pool, round robin, least-loaded first
  for (let progress = true; progress;) {
    progress = false;
    const rr = [...order].sort((u, v) => u.hours / Math.max(1, u.maxHours) - v.hours / Math.max(1, v.maxHours));
    for (const a of rr) if (takeFromPool(a)) progress = true;
  }
  // Pass B2 (swap repair for rest conflicts): a leftover shift q on day d for an agent a who is free
  // that day but whose shift on day d±1 leaves too little rest: a swaps that neighbouring shift
  // with a class-mate's shift on the same day when that fixes the rest for a and keeps b valid.
  const restOk = (a: Agent, p: Pattern) => {
    a.shifts[p.day] = null; // (already free)
    return canTake(a, p);
  };
  const swapDay = (a: Agent, b: Agent, e: number) => {
    const ra = unassign(a, e);
    const rb = unassign(b, e);
    if (canTake(a, rb.pat) && canTake(b, ra.pat)) {
      assign(a, rb);
      assign(b, ra);
      return true;
    }
    assign(a, ra);
    assign(b, rb);
    return false;
  };
  classes.forEach((cl, ci) => {
    for (const p of cl.patterns) {
      const l = pool[ci]![p.id]!;
      for (let guard = 0; l.length > 0 && guard < 10_000; guard++) {
        const q = l[l.length - 1]!;
        const d = q.pat.day;
        let placed = false;
        for (const a of cl.members) {
          if (!a.availDays[d] || a.shifts[d] || a.shifts.filter(Boolean).length >= a.maxShifts || a.hours + q.pat.paidHours > a.maxHours + 1e-9) continue;
          if (restOk(a, q.pat)) {
            assign(a, l.pop()!);
            placed = true;
            break;
          }
          const undo: [Agent, Agent, number][] = [];
          for (const e of [d - 1, d + 1]) {
            if (e < 0 || e >= DAYS || !a.shifts[e]) continue;
            const r = a.shifts[e]!.pat;
            const clash = r.start < q.pat.start ? r.start + r.len + a.restSlots > q.pat.start : q.pat.start + q.pat.len + a.restSlots > r.start;
            if (!clash) continue;
            for (const b of cl.members) {
              if (b === a || !b.shifts[e]) continue;
              const rb = b.shifts[e]!.pat;
              const fixes = rb.start < q.pat.start ? rb.start + rb.len + a.restSlots <= q.pat.start : q.pat.start + q.pat.len + a.restSlots <= rb.start;
              if (fixes && swapDay(a, b, e)) {
                undo.push([a, b, e]);
                break;
              }
            }
          }
          if (canTake(a, q.pat)) {
            assign(a, l.pop()!);
            placed = true;
            break;
          }
          for (const [x, y, e] of undo.reverse()) swapDay(x, y, e);
          // same-day exchange: a takes class-mate b's shift on day d, b works q instead
          for (const b of cl.members) {
            if (b === a || !b.shifts[d]) continue;
            const rb = unassign(b, d);
            if (canTake(a, rb.pat) && canTake(b, q.pat)) {
              assign(a, rb);
              assign(b, l.pop()!);
              placed = true;
              break;
            }
            assign(b, rb);
          }
          if (placed) break;
        }
        if (!placed) break;
        poolDay[ci]![d]!--;
      }
    }
  });
  const unassignedPatternShifts = pool.reduce((s, pc) => s + pc.reduce((u, l) => u + l.length, 0), 0);
  // Pass C/D: new shifts where they pay off (or are owed by contract), placed on the worst gaps.
  const slotCost = (t: number, c: number) => {
    const g = P.required[t]! - c;
    return g > 0 ? g * P.wu : -g * P.wo;
  };
  const deltaObj = (inst: Inst): number => {
    // objective change of adding inst given current cover
    let d = inst.pat.cost;
    const t = tpls[inst.pat.tpl]!;
    const onBreak = new Set<number>();
    t.breaks.forEach((b, k) => {
      for (let s = 0; s < b.dur; s++) onBreak.add(inst.pat.start + inst.offs[k]! + s);
    });
    for (let s = 0; s < inst.pat.len; s++) {
      const slot = inst.pat.start + s;
      if (onBreak.has(slot)) continue;
      d += slotCost(slot, cover[slot]! + 1) - slotCost(slot, cover[slot]!);
    }
    return d;
  };
  const bestBreaks = (p: Pattern): number[] => {
    // cover excludes this shift: a break at slot t saves cost(c + 1) − cost(c) against working
    const t = tpls[p.tpl]!;
    return t.breaks.map((b) => {
      let best = b.lo;
      let bestV = -Infinity;
      for (let o = b.lo; o <= b.hi; o++) {
        let v = 0;
        for (let s = 0; s < b.dur; s++) {
          const slot = p.start + o + s;
          v += slotCost(slot, cover[slot]! + 1) - slotCost(slot, cover[slot]!);
        }
        if (v > bestV) {
          bestV = v;
          best = o;
        }
      }
      return best;
    });
  };
  const bestNew = (a: Agent, mustTake: boolean): Inst | null => {
    let best: Inst | null = null;
    let bestD = mustTake ? Infinity : -1e-9;
    for (let d = 0; d < DAYS; d++) {
      if (!a.availDays[d] || a.shifts[d]) continue;
      for (const p of patsByDay[d]!) {
        if (!canTake(a, p)) continue;
        const inst = { pat: p, offs: bestBreaks(p) };
        const dd = deltaObj(inst) + prefers(a, p) * 0.01;
        if (dd < bestD) {
          bestD = dd;
          best = inst;
        }
      }
    }
    return best;
  };
  for (const a of order) {
    while (a.hours + 1e-9 < a.minHours) {
      const inst = bestNew(a, true);
      if (!inst) break;
      assign(a, inst);
    }
  }
  for (let progress = true, rounds = 0; progress && rounds < 7; rounds++) {
    progress = false;
    for (const a of order) {
      const inst = bestNew(a, false);
      if (inst) {
        assign(a, inst);
        progress = true;
      }
    }
  }
  // Break re-placement sweep.
  for (let sweep = 0; sweep < 2; sweep++)
    for (const a of agents)
      for (const inst of a.shifts) {
        if (!inst || inst.offs.length === 0) continue;
        addInst(inst, -1);
        inst.offs = bestBreaks(inst.pat);
        addInst(inst, 1);
      }

  // ---- Results ----
  const under = new Array<number>(S);
  const over = new Array<number>(S);
  let uSum = 0;
  let oSum = 0;
  for (let t = 0; t < S; t++) {
    const g = P.required[t]! - cover[t]!;
    under[t] = Math.max(0, g);
    over[t] = Math.max(0, -g);
    uSum += under[t]!;
    oSum += over[t]!;
  }
  let cost = 0;
  const out: AgentSchedule[] = [];
  const agentById = new Map(agents.map((a) => [a.idx, a]));
  input.agents.forEach((src, i) => {
    const a = agentById.get(i);
    if (!a) {
      out.push({ agentId: src.id, days: new Array(DAYS).fill(null), paidHours: 0, minHoursEffective: 0, preferenceMisses: 0 });
      return;
    }
    let misses = 0;
    const days = a.shifts.map((inst): AssignedShift | null => {
      if (!inst) return null;
      const p = inst.pat;
      const t = tpls[p.tpl]!;
      cost += p.cost;
      if (a.src.preferences?.daysOff?.includes(p.day)) misses++;
      const acts: Activity[] = [];
      let cur = p.start;
      t.breaks.forEach((b, k) => {
        const bs = p.start + inst.offs[k]!;
        if (bs > cur) acts.push({ kind: 'phone', startMin: cur * im, endMin: bs * im, paid: true });
        acts.push({ kind: b.kind, startMin: bs * im, endMin: (bs + b.dur) * im, paid: b.paid });
        cur = bs + b.dur;
      });
      if (cur < p.start + p.len) acts.push({ kind: 'phone', startMin: cur * im, endMin: (p.start + p.len) * im, paid: true });
      return { day: p.day, templateId: t.src.id, startMin: p.start * im, endMin: (p.start + p.len) * im, paidHours: p.paidHours, activities: acts };
    });
    if (a.hours + 1e-9 < a.minHours) warnings.push(`agent ${a.src.id}: only ${a.hours} h of ${a.minHours} h minimum could be scheduled`);
    out.push({ agentId: src.id, days, paidHours: a.hours, minHoursEffective: a.minHours, preferenceMisses: misses });
  });
  void spd;
  const objUnder = uSum * P.wu;
  const objOver = oSum * P.wo;
  const total = objUnder + objOver + cost;
  if (unassignedPatternShifts > 0) warnings.push(`${unassignedPatternShifts} optimiser shifts could not be given to any agent; gaps were refilled greedily`);
  return {
    agents: out,
    intervalMin: im,
    required: [...input.required],
    coverage: Array.from(cover),
    under,
    over,
    objective: { total, under: objUnder, over: objOver, cost },
    lpBound,
    gap: total > 0 ? Math.max(0, (total - lpBound) / total) : 0,
    stage1: {
      status,
      objective: stage1Obj,
      dualBound,
      rounded: stage1Rounded,
      patterns: patterns.length,
      columns: built.model.numCols,
      rows: built.model.numRows,
      lpTimeS,
      mipTimeS,
    },
    unassignedPatternShifts,
    warnings,
  };
}
