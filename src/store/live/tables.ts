import type { Generated } from 'kysely';

interface MeasureColumns {
  interval_start: number;
  interval_min: number;
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  timed_out: number;
  answered_within_sl: number;
  handled: number;
  transferred: number;
  not_ready_count: number;
  wait_answered: number;
  wait_abandoned: number;
  talk: number;
  hold: number;
  acw: number;
  ring: number;
  staffed: number;
  idle: number;
  not_ready: number;
}

/** Tables of the live floor (migration 002_live). */
export interface LiveTables {
  live_events: {
    seq: Generated<number>;
    id: string;
    ts: number;
    type: string;
    queue: string | null;
    agent: string | null;
    call_id: string | null;
    reason: string | null;
    wait_s: number | null;
    target: string | null;
    /** the center the event came in for (migration 021) */
    center_id: number;
  };
  live_agent_state: { center_id: number; agent_code: string; state: string; reason: string | null; queue: string | null; since: number };
  live_queue_intervals: MeasureColumns & { center_id: number; queue: string };
  live_agent_intervals: MeasureColumns & { center_id: number; agent_code: string };
  live_agent_reasons: { center_id: number; interval_start: number; agent_code: string; reason: string; seconds: number };
  /** daily rollups (migration 009_live_rollups): day_start = local midnight in live_meta.rollup_tz */
  live_day_queues: Omit<MeasureColumns, 'interval_start' | 'interval_min'> & { center_id: number; day_start: number; queue: string };
  live_day_agents: Omit<MeasureColumns, 'interval_start' | 'interval_min'> & { center_id: number; day_start: number; agent_code: string };
  live_day_agent_reasons: { center_id: number; day_start: number; agent_code: string; reason: string; seconds: number };
  live_meta: { key: string; value: string };
  /** the newest snapshot of each center's floor (migration 037, src/store/live/snapshot.ts) */
  live_floor_snapshots: { center_id: number; day: string; seq: number; basis: string; taken_at: number; state: string };
}
