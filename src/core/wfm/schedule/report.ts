// Results: each input agent's week as shifts with activities, the coverage against the requirement,
// and the objective recomputed from the final schedule (not stage 1's).

import type { Stage1 } from './mip';
import type { BuiltModel } from './model';
import { DAYS } from './prepare';
import { typesUsed } from './distinct';
import type { Stage2 } from './state';
import type { Activity, AgentSchedule, AssignedShift, ScheduleInput, ScheduleResult } from './types';

export interface Stage1Report {
  built: BuiltModel;
  s1: Stage1;
  rounded: ScheduleResult['stage1']['rounded'];
  unassignedPatternShifts: number;
}

export function scheduleResult(input: ScheduleInput, st: Stage2, { built, s1, rounded, unassignedPatternShifts }: Stage1Report): ScheduleResult {
  const { P, cover } = st;
  const { S, tpls, patterns, agents, im } = P;
  const warnings: string[] = [];
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
  const objUnder = uSum * P.wu;
  const objOver = oSum * P.wo;
  const distinctShifts = typesUsed(agents).size;
  // the distinct-shift cost counts in the total (and is the part of it that is neither coverage nor pay)
  const total = objUnder + objOver + cost + distinctShifts * P.distinctCost;
  if (unassignedPatternShifts > 0) warnings.push(`${unassignedPatternShifts} optimiser shifts could not be given to any agent; gaps were refilled greedily`);
  return {
    agents: out,
    intervalMin: im,
    required: [...input.required],
    coverage: Array.from(cover.subarray(0, S)),
    under,
    over,
    objective: { total, under: objUnder, over: objOver, cost },
    lpBound: s1.lpBound,
    gap: total > 0 ? Math.max(0, (total - s1.lpBound) / total) : 0,
    stage1: {
      status: s1.status,
      objective: s1.objective,
      dualBound: s1.dualBound,
      rounded,
      patterns: patterns.length,
      columns: built.model.numCols,
      rows: built.model.numRows,
      lpTimeS: s1.lpTimeS,
      mipTimeS: s1.mipTimeS,
    },
    distinctShifts,
    unassignedPatternShifts,
    warnings,
  };
}
