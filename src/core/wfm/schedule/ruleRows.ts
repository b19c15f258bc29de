// Stage 1's rows for the day rules (issue 15): for a class whose members have day rules, the shifts
// it works in any window of consecutive days are at most the sum, over its members, of the most days
// each can work in that window within their rules (dayRules.windowBounds). A relaxation of the
// per-agent rules, as the class's other rows are, so the LP bound stays a bound.

import { hasDayRules, windowBounds } from './dayRules';
import { DAYS, type Agent } from './prepare';

/** Adds the class's window rows (via `addRow(lo, hi)`); answers, per day, the rows a shift of that day counts in. */
export function dayRuleRows(members: Agent[], addRow: (lo: number, hi: number) => number, highsInf: number): number[][] {
  const byDay: number[][] = Array.from({ length: DAYS }, () => []);
  if (!members.some((a) => hasDayRules(a.rules))) return byDay;
  const sums = new Map<string, { from: number; to: number; most: number; plain: number }>();
  for (const a of members)
    for (const w of windowBounds(a.availDays, a.rules)) {
      const key = `${w.from}-${w.to}`;
      const s = sums.get(key) ?? { from: w.from, to: w.to, most: 0, plain: 0 };
      s.most += w.most;
      // what the day rows already allow: every available day of the window
      for (let d = w.from; d <= w.to; d++) if (a.availDays[d]) s.plain++;
      sums.set(key, s);
    }
  for (const s of sums.values()) {
    if (s.most >= s.plain) continue; // the rules do not bind here
    const r = addRow(-highsInf, s.most);
    for (let d = s.from; d <= s.to; d++) byDay[d]!.push(r);
  }
  return byDay;
}
