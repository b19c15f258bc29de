import type { Generated } from 'kysely';

/** Workforce-management tables (migration 004_wfm). Times are epoch ms; JSON columns are text. */
export interface WfmTables {
  wfm_history: { center_id: number; queue: string; interval_min: number; ts: number; offered: number; aht_sum: number };
  wfm_forecasts: {
    id: Generated<number>;
    center_id: number;
    queue: string;
    model: string;
    interval_min: number;
    from_ts: number;
    to_ts: number;
    params: string;
    created_by: number | null;
    created_at: number;
  };
  wfm_forecast_points: { forecast_id: number; ts: number; offered: number; aht: number };
  wfm_templates: { id: Generated<number>; center_id: number; code: string; spec: string; updated_at: number };
  /** skill_levels: migration 047 (JSON skill → level 1..5; a skill only in `skills` reads as 3) */
  wfm_contracts: { agent_id: number; spec: string; skills: string; skill_levels: Generated<string>; preferences: string; updated_at: number };
  wfm_leave: { id: Generated<number>; agent_id: number; date: string; kind: string; created_at: number };
  wfm_requirements: {
    id: Generated<number>;
    center_id: number;
    week_start: string;
    interval_min: number;
    required: string;
    /** migration 047: JSON queue → values per interval (null: total only) */
    by_queue: string | null;
    source: string;
    created_by: number | null;
    created_at: number;
    /** migration 054: 1 while a multi-skill plan is still computing it (no run may start on it) */
    pending: Generated<number>;
    /** migration 059: the shrinkage it was computed with (sum, and the leave category's share of it); null: not known */
    shrinkage_total: number | null;
    shrinkage_leave: number | null;
    /** migration 060: the planned-activity categories' share of it (training, coaching, meetings); null: not known */
    shrinkage_activity: number | null;
  };
  wfm_schedule_runs: {
    id: Generated<number>;
    center_id: number;
    week_start: string;
    requirement_id: number;
    status: string;
    progress: string;
    summary: string | null;
    error: string | null;
    time_limit_s: number;
    created_by: number | null;
    created_at: number;
    finished_at: number | null;
    published_at: number | null;
    published_by: number | null;
    /** migration 054: the weeks of one N-week plan: its week-1 run's id, this run's week 1..N, and N (null: a one-week run) */
    plan_id: number | null;
    plan_week: number | null;
    plan_weeks: number | null;
  };
  wfm_shifts: {
    id: Generated<number>;
    run_id: number;
    agent_id: number;
    day: number;
    kind: string;
    template_code: string;
    start_ts: number;
    end_ts: number;
    paid_hours: number;
    activities: string;
    updated_at: number;
    /** migration 053: JSON array of the queues the shift answers (a multi-skill plan's shift); null: single-skill */
    queues: string | null;
  };
  wfm_swaps: {
    id: Generated<number>;
    shift_id: number;
    from_agent_id: number;
    to_agent_id: number;
    status: string;
    note: string | null;
    requested_by: number | null;
    decided_by: number | null;
    created_at: number;
    decided_at: number | null;
  };
  wfm_shrinkage: { center_id: number; category: string; fraction: number; updated_by: number | null; updated_at: number };
  wfm_time_off: {
    id: Generated<number>;
    center_id: number;
    agent_id: number;
    date: string;
    kind: string;
    note: string | null;
    status: string;
    decided_how: string | null;
    decided_by: number | null;
    decided_at: number | null;
    short_at: number | null;
    short: number | null;
    created_by: number | null;
    created_at: number;
  };
  wfm_state_segments: { id: Generated<number>; agent_id: number; start_ts: number; end_ts: number; state: string };
  wfm_peak_slots: {
    id: Generated<number>;
    center_id: number;
    kind: string;
    title: string;
    start_ts: number;
    end_ts: number;
    capacity: number;
    bonus: number;
    status: string;
    created_by: number | null;
    created_at: number;
  };
  wfm_peak_requests: { slot_id: number; agent_id: number; requested_at: number; status: string };
  wfm_points: {
    id: Generated<number>;
    agent_id: number;
    points: number;
    ts: number;
    reason: string;
    rule_id: string | null;
    ref: string | null;
    created_by: number | null;
  };
  wfm_redemptions: {
    id: Generated<number>;
    agent_id: number;
    points: number;
    kind: string;
    note: string;
    status: string;
    requested_at: number;
    decided_by: number | null;
    decided_at: number | null;
  };
  wfm_intraday_offers: {
    id: Generated<number>;
    center_id: number;
    kind: string;
    start_ts: number;
    end_ts: number;
    capacity: number;
    taken: Generated<number>;
    created_by: number | null;
    created_at: number;
  };
  wfm_intraday_offer_agents: {
    offer_id: number;
    agent_id: number;
    shift_id: number;
    new_start_ts: number;
    new_end_ts: number;
    status: string;
    answered_at: number | null;
  };
}
