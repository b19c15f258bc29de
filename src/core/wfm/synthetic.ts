// Deterministic synthetic WFM instances for tests and benchmarks (seeded, no Math.random).

import { mulberry32 } from '../random';
import type { AgentInput, ScheduleInput, ShiftTemplate } from './schedule';

/** The core's seeded PRNG (mulberry32), under the name the WFM tests and benchmark use. */
export const seededRandom = mulberry32;

export const DEFAULT_TEMPLATES: ShiftTemplate[] = [
  {
    id: 'FT8',
    spanMin: 540, // 9 h on site, 8 h paid
    startEarliestMin: 7 * 60,
    startLatestMin: 14 * 60,
    startStepMin: 15,
    breaks: [
      { kind: 'break', durationMin: 15, paid: true, earliestStartMin: 90, latestStartMin: 150 },
      { kind: 'meal', durationMin: 60, paid: false, earliestStartMin: 210, latestStartMin: 300 },
      { kind: 'break', durationMin: 15, paid: true, earliestStartMin: 390, latestStartMin: 450 },
    ],
  },
  {
    id: 'PT4',
    spanMin: 240,
    startEarliestMin: 7 * 60,
    startLatestMin: 19 * 60,
    startStepMin: 15,
    breaks: [{ kind: 'break', durationMin: 15, paid: true, earliestStartMin: 90, latestStartMin: 150 }],
  },
];

/**
 * A centre open 07:00–23:00 with a two-humped day and a weekly pattern; `agents` agents, 80 %
 * full-time (32–40 h, two days off), 20 % part-time (12–24 h); some with narrow start windows,
 * some leave and day-off preferences. The requirement is sized to about 88 % of contract hours.
 */
export function syntheticScheduleInstance(agents: number, seed = 1): ScheduleInput {
  const rnd = seededRandom(seed);
  const im = 15;
  const spd = 96;
  const list: AgentInput[] = [];
  for (let i = 0; i < agents; i++) {
    const ft = rnd() < 0.8;
    const r = rnd();
    const window = r < 0.2 ? [7 * 60, 10 * 60] : r < 0.4 ? [11 * 60, 14 * 60] : [7 * 60, ft ? 14 * 60 : 19 * 60];
    const a: AgentInput = {
      id: `A${String(i + 1).padStart(5, '0')}`,
      skills: ['voice'],
      contract: ft
        ? {
            minHoursWeek: 32,
            maxHoursWeek: 40,
            minDaysOff: 2,
            earliestStartMin: window[0]!,
            latestStartMin: window[1]!,
            templateIds: ['FT8'],
            minRestHours: 11,
          }
        : {
            minHoursWeek: 12,
            maxHoursWeek: 24,
            minDaysOff: 2,
            earliestStartMin: window[0]!,
            latestStartMin: Math.max(window[0]!, Math.min(window[1]!, 19 * 60)),
            templateIds: ['PT4'],
            minRestHours: 11,
          },
    };
    if (rnd() < 0.05) a.leaveDays = [Math.floor(rnd() * 7)];
    if (rnd() < 0.3) a.preferences = { daysOff: [Math.floor(rnd() * 7)], startMin: window[0]! };
    list.push(a);
  }
  const capacityHours = list.reduce((s, a) => s + (a.contract.templateIds![0] === 'FT8' ? 38 : 18), 0) * 0.88 * (7.5 / 8);
  const dayMult = [1.15, 1.1, 1.05, 1.0, 1.0, 0.85, 0.75];
  const shape = (slot: number) => {
    const h = (slot * im) / 60;
    if (h < 7 || h >= 23) return 0;
    return 0.35 + Math.exp(-((h - 10.5) ** 2) / 4) + 0.8 * Math.exp(-((h - 15) ** 2) / 5) + 0.3 * Math.exp(-((h - 20) ** 2) / 3);
  };
  const raw: number[] = [];
  for (let d = 0; d < 7; d++) for (let s = 0; s < spd; s++) raw.push(shape(s) * dayMult[d]!);
  const rawHours = raw.reduce((s, v) => s + v, 0) * (im / 60);
  const required = raw.map((v) => (v > 0 ? Math.max(1, Math.round((v * capacityHours) / rawHours)) : 0));
  return { intervalMin: im, required, templates: DEFAULT_TEMPLATES, agents: list, requiredSkill: 'voice' };
}
