import type { Generated } from 'kysely';

/** Careers: development plans, moves, talent pool, improvement plans (044_careers, src/store/careers/careers.ts). */
export interface CareerTables {
  career_idp_items: {
    id: Generated<number>;
    center_id: number;
    agent_id: number;
    kind: string;
    title: string;
    owner_id: number | null;
    due_date: string;
    status: string;
    notes: string;
    course_id: number | null;
    cert_queue: string | null;
    created_by: number | null;
    created_at: number;
    updated_at: number;
  };
  career_moves: {
    id: Generated<number>;
    center_id: number;
    agent_id: number;
    kind: string;
    date: string;
    from_team_id: number | null;
    to_team_id: number | null;
    from_post: string;
    to_post: string;
    from_queue: string;
    to_queue: string;
    reason: string;
    approved_by: number | null;
    created_by: number | null;
    created_at: number;
  };
  career_talent: {
    id: Generated<number>;
    center_id: number;
    agent_id: number;
    track: string;
    month: string;
    /** JSON: the figures of the nomination month as read then (total, ranks, each KPI) */
    figures: string;
    evidence: string;
    status: string;
    review_note: string;
    nominated_by: number | null;
    reviewed_by: number | null;
    created_at: number;
    updated_at: number;
  };
  career_plans: {
    id: Generated<number>;
    center_id: number;
    agent_id: number;
    origin: string;
    /** JSON: the missed months that proposed the plan, [{ month, belowTarget }] */
    missed_months: string;
    reason: string;
    start_date: string;
    end_date: string;
    status: string;
    decision: string | null;
    decision_note: string;
    decided_by: number | null;
    decided_at: number | null;
    opened_by: number | null;
    created_at: number;
  };
  career_plan_steps: {
    id: Generated<number>;
    plan_id: number;
    due_date: string;
    action: string;
    result: string;
    result_note: string;
    created_by: number | null;
    created_at: number;
    updated_at: number;
    acknowledged_at: number | null;
  };
}
