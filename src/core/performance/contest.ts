/**
 * Team contests (團隊競賽): teams compete on chosen KPIs over a period; a leaderboard ranks them.
 *
 * Team figure per KPI = the KPI's aggregation over the team's agent rows for the period, sum-based:
 * a ratio KPI is Σnumerator / Σdenominator over the team (e.g. answerRate = Σanswered / Σoffered),
 * never the mean of the agents' ratios, so a big agent weighs as much as their calls. Each KPI gets the
 * achievement of the scorecard (ratio capped, or pass/fail) against the contest's target, and the team
 * total is 100 × Σ(weight · achievement) / Σ weight over KPIs with a figure (missing ones listed).
 * Ranking is competition ranking (1, 2, 2, 4).
 */
import { aggregate, countsFor, DEFAULT_KPIS, type Components, type FieldError, type KpiDefinition, type KpiKey } from './kpi';
import { achievement, competitionRank, isMet } from './scorecard';

export interface ContestKpi {
  key: KpiKey;
  weight: number;
  target: number;
}

export interface Contest {
  id: string;
  name: string;
  /** YYYY-MM-DD, inclusive. The caller passes the rows for this period. */
  from: string;
  to: string;
  teamIds: string[];
  kpis: ContestKpi[];
}

export interface AgentPeriodRow {
  agentId: string;
  teamId: string;
  components: Components;
}

export interface LeaderboardRow {
  teamId: string;
  rank: number | null;
  total: number | null;
  complete: boolean;
  kpis: { key: KpiKey; value: number | null; target: number; achievement: number | null; met: boolean | null }[];
}

export function validateContest(c: Contest, defs: readonly KpiDefinition[] = DEFAULT_KPIS): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.from)) errors.push({ path: 'from', message: 'must be YYYY-MM-DD' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.to)) errors.push({ path: 'to', message: 'must be YYYY-MM-DD' });
  else if (c.to < c.from) errors.push({ path: 'to', message: `period ends (${c.to}) before it starts (${c.from})` });
  if (c.teamIds.length < 2) errors.push({ path: 'teamIds', message: 'a contest needs at least two teams' });
  if (!c.kpis.length) errors.push({ path: 'kpis', message: 'choose at least one KPI' });
  c.kpis.forEach((k, i) => {
    const d = defs.find((x) => x.key === k.key);
    if (!d) errors.push({ path: `kpis[${i}].key`, message: `KPI "${k.key}" is not defined` });
    else if (!countsFor(d, 'contest')) errors.push({ path: `kpis[${i}].key`, message: `KPI "${k.key}" is set to feed pay only, not contests` });
    if (!(k.weight > 0)) errors.push({ path: `kpis[${i}].weight`, message: 'weight must be positive' });
    if (!Number.isFinite(k.target)) errors.push({ path: `kpis[${i}].target`, message: 'target must be a number' });
  });
  return errors;
}

export function contestLeaderboard(c: Contest, rows: readonly AgentPeriodRow[], defs: readonly KpiDefinition[] = DEFAULT_KPIS): LeaderboardRow[] {
  const errors = validateContest(c, defs);
  if (errors.length) throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const board = c.teamIds.map((teamId) => {
    const teamRows = rows.filter((r) => r.teamId === teamId).map((r) => r.components);
    let w = 0;
    let ws = 0;
    const kpis = c.kpis.map((k) => {
      const d = defs.find((x) => x.key === k.key)!;
      const value = aggregate(d.aggregation, teamRows);
      const ach = value === null ? null : achievement(d, value, k.target);
      if (ach !== null) {
        w += k.weight;
        ws += k.weight * ach;
      }
      return { key: k.key, value, target: k.target, achievement: ach, met: value === null ? null : isMet(d.direction, value, k.target) };
    });
    return { teamId, total: w > 0 ? (100 * ws) / w : null, complete: kpis.every((k) => k.value !== null), kpis };
  });
  const ranks = competitionRank(board.map((b) => b.total));
  return board.map((b, i) => ({ ...b, rank: ranks[i]! })).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.teamId < b.teamId ? -1 : 1));
}
