import type { Generated } from 'kysely';

/** Performance (績效) tables. */
export interface PerformanceTables {
  /** One KPI figure per agent and month; ratio KPIs may carry their parts (numerator / denominator). */
  perf_figures: {
    center_id: number;
    agent_id: number;
    month: string;
    kpi_key: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    source: string;
    updated_at: number;
  };
  perf_publications: {
    center_id: number;
    month: string;
    published_at: number;
    published_by: number;
    note: string;
    kpis: string;
  };
  /** The ranked scorecards as published (frozen: what agents see and payroll uses). */
  perf_published_cards: {
    center_id: number;
    month: string;
    agent_id: number;
    team_id: number | null;
    total: number | null;
    center_rank: number | null;
    team_rank: number | null;
    card: string;
  };
  perf_contests: {
    id: Generated<number>;
    center_id: number;
    name: string;
    date_from: string;
    date_to: string;
    team_ids: string;
    kpis: string;
    created_by: number;
    created_at: number;
  };
}
