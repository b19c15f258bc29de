import type { Generated } from 'kysely';

/** Alert, emergency plan and prompt tables (migration 003_alerts). */
export interface AlertTables {
  alerts: {
    id: Generated<number>;
    center_id: number;
    dedupe_key: string;
    kind: string;
    scope: string;
    subject: string;
    team_id: number | null;
    agent_id: number | null;
    status: string; // open | acknowledged | closed
    figures: string; // JSON
    action: string;
    raised_at: number;
    last_seen_at: number;
    cleared_at: number | null;
    ack_by: number | null;
    ack_at: number | null;
    ack_note: string | null;
    closed_by: number | null;
    closed_at: number | null;
    close_note: string | null;
  };
  emergency_staff: {
    id: Generated<number>;
    center_id: number;
    name: string;
    position: string; // qa | trainer | team_lead | back_office
    ext_code: string;
    user_id: number | null;
    active: number;
    created_at: number;
  };
  emergency_callins: {
    id: Generated<number>;
    center_id: number;
    staff_id: number;
    alert_id: number | null;
    called_by: number | null;
    started_at: number;
    ended_at: number | null;
    ended_by: number | null;
    calls: number;
  };
  stress_prompts: {
    id: Generated<number>;
    center_id: number;
    kind: string; // longCall | complaint
    agent_code: string;
    agent_id: number | null;
    team_id: number | null;
    lead_user_id: number | null;
    detail: string;
    created_at: number;
    done_at: number | null;
    done_by: number | null;
    note: string | null;
  };
}
