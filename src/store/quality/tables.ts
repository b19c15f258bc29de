import type { Generated } from 'kysely';

/** Quality (質檢) tables. JSON columns are text. */
export interface QualityTables {
  qa_calls: {
    id: string;
    center_id: number;
    agent_id: number;
    queue: string;
    started_at: number;
    duration_s: number;
    recording_url: string | null;
    transferred: number;
    complaint: number;
    created_at: number;
  };
  qa_templates: {
    id: Generated<number>;
    center_id: number;
    template_key: string;
    version: number;
    name: string;
    definition: string;
    active: number;
    created_by: number | null;
    created_at: number;
  };
  qa_calibrations: {
    id: Generated<number>;
    center_id: number;
    call_id: string;
    template_id: number;
    title: string;
    state: string;
    evaluator_ids: string;
    created_by: number;
    created_at: number;
    closed_at: number | null;
  };
  qa_evaluations: {
    id: Generated<number>;
    center_id: number;
    call_id: string;
    agent_id: number;
    team_id: number | null;
    evaluator_id: number;
    template_id: number;
    calibration_id: number | null;
    month: string;
    answers: string;
    answer_history: string;
    result: string;
    score: number | null;
    fatal: number;
    flagged: number;
    comment: string | null;
    time_spent_s: number;
    created_at: number;
    notified_at: number | null;
    updated_at: number;
  };
  qa_disputes: {
    id: Generated<number>;
    evaluation_id: number;
    agent_id: number;
    item_id: string;
    reason: string;
    state: string;
    opened_at: number;
    decided_at: number | null;
    decided_by: number | null;
    history: string;
  };
  qa_work_items: {
    id: Generated<number>;
    center_id: number;
    call_id: string;
    agent_id: number;
    evaluator_id: number;
    week: string;
    reasons: string;
    evaluation_id: number | null;
    created_at: number;
  };
  qa_library: {
    id: Generated<number>;
    center_id: number;
    call_id: string;
    tag: string;
    title: string;
    note: string;
    team_ids: string;
    created_by: number;
    created_at: number;
  };
  qa_coaching: {
    id: Generated<number>;
    center_id: number;
    kind: string;
    source_kind: string;
    source_key: string;
    evaluation_id: number | null;
    month: string;
    goals: string;
    notes: string;
    follow_up_date: string;
    baseline: string;
    state: string;
    follow_up: string | null;
    created_by: number;
    created_at: number;
  };
  qa_coaching_agents: { coaching_id: number; agent_id: number };
}
