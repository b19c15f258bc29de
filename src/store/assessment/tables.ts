import type { Generated } from 'kysely';

/** The center's self-assessment (042_assessment, src/store/assessment/assessment.ts). */
export interface AssessmentTables {
  assessment_points: {
    id: Generated<number>;
    center_id: number;
    code: string;
    dimension: string;
    text: string;
    weight: number;
    kpi: string | null;
    active: number;
    created_at: number;
  };
  assessment_rounds: { id: Generated<number>; center_id: number; date: string; assessor_id: number | null; target_level: number; created_at: number };
  assessment_scores: { round_id: number; point_id: number; dimension: string; weight: number; level: number | null; evidence: string; updated_at: number };
  assessment_gaps: {
    id: Generated<number>;
    center_id: number;
    round_id: number;
    point_id: number;
    owner_id: number;
    due_date: string;
    status: string;
    note: string;
    updated_at: number;
  };
}
