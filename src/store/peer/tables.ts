import type { Generated } from 'kysely';

/** Peer help (045_peer, src/store/peer/repo.ts). Times are epoch ms; dates are the center's YYYY-MM-DD. */
export interface PeerTables {
  peer_plans: {
    id: Generated<number>;
    center_id: number;
    team_id: number | null;
    kind: string;
    title: string;
    leader_agent_id: number;
    goal: string;
    kpi: string | null;
    kpi_target: number | null;
    start_date: string;
    end_date: string;
    status: string;
    result: string | null;
    result_note: string;
    created_by: number | null;
    created_at: number;
    updated_at: number;
  };
  peer_plan_members: { plan_id: number; agent_id: number };
  peer_followups: { id: Generated<number>; plan_id: number; date: string; note: string; by_user_id: number | null; created_at: number };
  peer_squads: {
    id: Generated<number>;
    center_id: number;
    team_id: number;
    leader_agent_id: number;
    name: string;
    created_by: number | null;
    created_at: number;
  };
  peer_squad_members: { squad_id: number; agent_id: number };
  peer_shadowing: {
    id: Generated<number>;
    center_id: number;
    agent_id: number;
    top_agent_id: number;
    shift_id: number;
    start_ts: number;
    end_ts: number;
    note: string;
    status: string;
    created_by: number | null;
    created_at: number;
  };
  peer_squad_reports: {
    id: Generated<number>;
    center_id: number;
    team_id: number;
    squad_id: number;
    squad_name: string;
    date: string;
    /** JSON: the squad's agents when sent */
    agent_ids: string;
    author_id: number | null;
    /** JSON: the report (src/core/people DailyReport) */
    report: string;
    /** JSON: the day's shift-log entries about the squad per kind */
    log: string;
    /** JSON: the leader's notes */
    notes: string;
    sent_at: number;
  };
}
