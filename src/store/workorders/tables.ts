import type { Generated } from 'kysely';

/** Work-order tables (008_workorders). Times epoch ms; booleans 0/1. */
export interface WorkOrderTables {
  wo_departments: { id: Generated<number>; center_id: number; name: string; kind: string };
  wo_department_members: { department_id: number; user_id: number };
  wo_orders: {
    id: Generated<number>;
    center_id: number;
    type: string;
    state: string;
    priority: string;
    category: string;
    title: string;
    description: string;
    raised_by: number;
    assignee: string | null;
    customer_id: string | null;
    customer_phone: string | null;
    call_id: string | null;
    parent_id: number | null;
    address: string | null;
    appointment_from: number | null;
    appointment_to: number | null;
    repeat_complainer: number;
    qa_review: number;
    qa_review_by: number | null;
    qa_review_at: number | null;
    created_at: number;
    updated_at: number;
    closed_at: number | null;
    sla_warn_at: number;
    sla_due_at: number;
    sla_alerted: string;
    /** 015: the agent a complaint is about, and the duty manager's verdict ('upheld' | 'rejected'). */
    agent_id: number | null;
    verdict: string | null;
    verdict_by: number | null;
    verdict_at: number | null;
  };
  wo_history: {
    id: Generated<number>;
    order_id: number;
    seq: number;
    at: number;
    actor_id: number;
    role: string;
    transition: string;
    from_state: string | null;
    to_state: string;
    note: string;
    assignee: string | null;
  };
  wo_callback_attempts: {
    id: Generated<number>;
    order_id: number;
    at: number;
    agent_user_id: number;
    outcome: string;
    note: string;
    next_attempt_at: number | null;
  };
}
