/**
 * Monthly figures of one agent from the live floor's additive measures (DESIGN.md names):
 * ratio KPIs with their numerator / denominator (as AGGREGATIONS defines them), so team totals stay
 * Σnum / Σden. Only agent-side KPIs: answerRate, serviceLevel and asa are queue figures (an agent is
 * not offered calls) and are not produced per agent. A KPI whose denominator is 0 is missing (absent).
 */
import { AGGREGATIONS, type KpiKey } from './kpi';

export const LIVE_FIGURE_KPIS = ['aht', 'transferRate', 'occupancy', 'notReadyShare', 'idleShare'] as const satisfies readonly KpiKey[];

/** The measures those KPIs are made of (seconds and counts over the month). */
export interface AgentMonthParts {
  talk: number;
  hold: number;
  acw: number;
  ring: number;
  staffed: number;
  notReady: number;
  idle: number;
  handled: number;
  transferred: number;
}

export interface LiveFigure {
  kpi: KpiKey;
  value: number;
  numerator: number;
  denominator: number;
}

export function liveFigures(parts: AgentMonthParts): LiveFigure[] {
  const get = (k: string) => {
    const v = (parts as unknown as Record<string, number>)[k];
    if (typeof v !== 'number') throw new Error(`liveFigures: no measure "${k}"`);
    return v;
  };
  const sum = (ks: readonly string[] | undefined) => (ks ?? []).reduce((s, k) => s + get(k), 0);
  const out: LiveFigure[] = [];
  for (const kpi of LIVE_FIGURE_KPIS) {
    const agg = AGGREGATIONS[kpi];
    if (agg.kind !== 'ratio') continue;
    const numerator = sum(agg.num);
    const denominator = sum(agg.den) - sum(agg.denMinus);
    if (!(denominator > 0)) continue;
    out.push({ kpi, value: numerator / denominator, numerator, denominator });
  }
  return out;
}
