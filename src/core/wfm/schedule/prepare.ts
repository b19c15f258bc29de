// Input checks and the solver's internal model of the week: templates in slots, shift patterns
// (template × day × start), and agents with their contract rules resolved to slots and hours.

import { InputError as ScheduleInputError } from '../../errors';
import { checkRuleFields, explainShortfall, hasDayRules, mostWorkDays, rotationStep, weekRules, type WeekRules } from './dayRules';
import type { AgentInput, BreakKind, ScheduleInput, ShiftTemplate, WeekEnd } from './types';

/** A shift template started at one time on one day: stage 1 counts how many of each to work. */
export interface Pattern {
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

/** A template in slots. */
export interface Tpl {
  src: ShiftTemplate;
  spanSlots: number;
  breaks: { kind: BreakKind; dur: number; paid: boolean; lo: number; hi: number }[];
  paidHours: number;
  cost: number;
}

/** An agent with the contract in slots and hours; `shifts` and `hours` are the schedule being built. */
export interface Agent {
  src: AgentInput;
  idx: number;
  /** days the agent may work: not on leave, not off by a day rule */
  availDays: boolean[];
  /** the week's day rules (./dayRules): stage 2 keeps them shift by shift */
  rules: WeekRules;
  maxShifts: number;
  /** the fewest days the minimum hours take (in the longest usable shifts); 0 without minimum hours */
  needDays: number;
  minHours: number;
  maxHours: number;
  earliest: number;
  latest: number;
  tplOk: boolean[];
  restSlots: number;
  /** first slot a shift may start in: after the shift carried in from last week and the rest (−Infinity: free) */
  notBefore: number;
  /** the week's length in slots when it wraps (a Sunday shift then rests against Monday's), else 0 */
  weekSlots: number;
  shifts: (Inst | null)[];
  hours: number;
}

/** One shift: a pattern with its breaks placed. */
export interface Inst {
  pat: Pattern;
  /** break start offsets (slots from shift start), one per template break */
  offs: number[];
}

export const DAYS = 7;

function req(cond: boolean, field: string, msg: string): void {
  if (!cond) throw new ScheduleInputError(field, msg);
}

/** Checks the input (a bad value names its field) and builds the templates, patterns and agents in slots. */
export function prepare(input: ScheduleInput) {
  const im = input.intervalMin ?? 15;
  req(Number.isInteger(im) && im > 0 && 1440 % im === 0, 'intervalMin', `must divide 1440, got ${im}`);
  const spd = 1440 / im;
  const S = DAYS * spd;
  req(Array.isArray(input.required) && input.required.length === S, 'required', `needs ${S} values (7 days × ${spd}), got ${input.required?.length}`);
  input.required.forEach((r, i) => req(Number.isFinite(r) && r >= 0, `required[${i}]`, `must be a number >= 0, got ${r}`));
  req(input.templates.length > 0, 'templates', 'give at least one shift template');
  const weekEnd: WeekEnd = input.weekEnd ?? 'cut';
  req(['cut', 'spill', 'wrap'].includes(weekEnd), 'weekEnd', `must be cut, spill or wrap, got ${weekEnd}`);
  const carry = new Float64Array(S);
  if (input.carryIn) {
    req(weekEnd !== 'wrap', 'carryIn', 'a wrapping week repeats itself: nothing carries in from before it');
    req(input.carryIn.length <= S, 'carryIn', `at most ${S} values (the week), got ${input.carryIn.length}`);
    input.carryIn.forEach((c, i) => {
      req(Number.isFinite(c) && c >= 0, `carryIn[${i}]`, `must be a number >= 0, got ${c}`);
      carry[i] = c;
    });
  }
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
        if (weekEnd === 'cut' && start + t.spanSlots > S) continue; // must end within the week
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
    checkRuleFields(c, cf, ids);
    const rules = weekRules(a, input.weekNo ?? 0, i, weekEnd === 'wrap');
    // leave pro-rates the minimum hours; a rule's day off (rotation, weekend) does not
    const nAvail = DAYS - new Set(a.leaveDays ?? []).size;
    const availDays = Array.from({ length: DAYS }, (_, d) => !(a.leaveDays ?? []).includes(d) && !rules.offDays.has(d));
    const step = rotationStep(c, input.weekNo ?? 0);
    const tplOk = tpls.map((t) => (!c.templateIds || c.templateIds.includes(t.src.id)) && (!step?.templateIds || step.templateIds.includes(t.src.id)));
    if (c.templateIds) c.templateIds.forEach((id, k) => req(ids.has(id), `${cf}.templateIds[${k}]`, `unknown template ${id}`));
    const maxShifts = Math.min(7 - c.minDaysOff, nAvail, mostWorkDays(availDays, rules));
    const minHours = (c.minHoursWeek * nAvail) / 7;
    const usable = patterns.filter((p) => tplOk[p.tpl] && availDays[p.day] && p.startMinOfDay >= c.earliestStartMin && p.startMinOfDay <= c.latestStartMin);
    req(usable.length > 0 || minHours === 0, cf, 'no shift template fits this contract (start window, templates, days)');
    const longest = usable.reduce((s, p) => Math.max(s, p.paidHours), 0);
    // a contract with day rules beyond the days off hears which rule (minimum hours alone: the check below)
    if (minHours > 0 && longest > 0 && hasDayRules(rules)) {
      const need = Math.ceil(minHours / longest - 1e-9);
      const why = explainShortfall(availDays, rules, need);
      if (why)
        throw new ScheduleInputError(
          `${cf}.${why.rules[0]}`,
          `the day rules (${why.rules.join(' + ')}) leave at most ${why.most} working days; the minimum hours need ${need}`,
          {
            reason: why.rules.length === 1 ? 'wfm.scheduleRuleInfeasible' : 'wfm.scheduleRulesInfeasible',
            params: { agent: a.id, field: `contract.${why.rules[0]}`, most: why.most, need },
          },
        );
    }
    req(
      longest * maxShifts + 1e-9 >= minHours,
      `${cf}.minHoursWeek`,
      `cannot be met: at most ${maxShifts} shifts of ${longest} paid hours after days off and leave`,
    );
    const shortest = usable.reduce((s, p) => Math.min(s, p.paidHours), Infinity);
    req(minHours === 0 || shortest <= c.maxHoursWeek, `${cf}.maxHoursWeek`, `shorter than the shortest usable shift (${shortest} h)`);
    const rest = c.minRestHours ?? 11;
    req(Number.isFinite(rest) && rest >= 0, `${cf}.minRestHours`, 'must be >= 0');
    const restSlots = Math.ceil((rest * 60) / im);
    if (a.carryInEndMin !== undefined) {
      req(weekEnd !== 'wrap', `${f}.carryInEndMin`, 'a wrapping week repeats itself: nothing carries in from before it');
      req(Number.isFinite(a.carryInEndMin) && a.carryInEndMin <= 1440, `${f}.carryInEndMin`, `must be a minute <= 1440 (Monday), got ${a.carryInEndMin}`);
    }
    agents.push({
      src: a,
      idx: i,
      availDays,
      maxShifts,
      needDays: minHours > 0 && longest > 0 ? Math.ceil(minHours / longest - 1e-9) : 0,
      minHours,
      maxHours: c.maxHoursWeek,
      earliest: c.earliestStartMin,
      latest: c.latestStartMin,
      rules,
      tplOk,
      restSlots,
      notBefore: a.carryInEndMin === undefined ? -Infinity : Math.ceil(a.carryInEndMin / im) + restSlots,
      weekSlots: weekEnd === 'wrap' ? S : 0,
      shifts: new Array(DAYS).fill(null),
      hours: 0,
    });
  });
  const wu = input.weights?.underPerAgentHour ?? 1000;
  const wo = input.weights?.overPerAgentHour ?? 10;
  req(wu >= 0 && wo >= 0, 'weights', 'must be >= 0');
  const distinctCost = input.distinctShiftCost ?? 0;
  req(Number.isFinite(distinctCost) && distinctCost >= 0, 'distinctShiftCost', `must be a number >= 0, got ${distinctCost}`);
  // Coverage curves hold one more day when shifts spill into next week (those slots cost nothing here);
  // in a wrapping week a slot past the end is the same slot from the start.
  const coverLen = weekEnd === 'spill' ? S + spd : S;
  const at = weekEnd === 'wrap' ? (t: number) => (t >= S ? t - S : t) : (t: number) => t;
  return { im, spd, S, tpls, patterns, agents, distinctCost, wu: (wu * im) / 60, wo: (wo * im) / 60, required: input.required, weekEnd, carry, coverLen, at };
}

/** The checked input in slots: what every later phase reads. */
export type Prep = ReturnType<typeof prepare>;
