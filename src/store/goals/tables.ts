import type { Generated } from 'kysely';

/** Goals of agents and teams (043_goals, src/store/goals/goals.ts). */
export interface GoalTables {
  goals: {
    id: Generated<number>;
    center_id: number;
    subject: string;
    team_id: number;
    agent_id: number | null;
    kind: string;
    month: string | null;
    kpi: string | null;
    direction: string | null;
    target: number | null;
    due_date: string | null;
    skill_level: number | null;
    queue: string | null;
    share: number | null;
    note: string;
    status: Generated<string>;
    set_by: number | null;
    created_at: number;
    updated_at: number;
  };
}
