import type { Generated } from 'kysely';

/** Duty roster, handovers (039_duty) and the graded emergency plan (040_emergency_levels). Times epoch ms. */
export interface DutyTables {
  duty_shifts: {
    id: Generated<number>;
    center_id: number;
    starts_at: number;
    ends_at: number;
    manager_user_id: number;
    created_by: number | null;
    created_at: number;
  };
  duty_handovers: {
    id: Generated<number>;
    center_id: number;
    shift_id: number;
    written_by: number;
    written_at: number;
    open_items: string; // JSON HandoverItems
    notes: string;
    ack_by: number | null;
    ack_at: number | null;
  };
  emergency_levels: {
    id: Generated<number>;
    center_id: number;
    level: number;
    name: string;
    min_waiting: number | null;
    sl_below: number | null;
    sl_minutes: number | null;
    actions: string;
    callin_order: string; // JSON number[]
    updated_at: number;
  };
  emergency_activations: {
    id: Generated<number>;
    center_id: number;
    level: number;
    status: string; // proposed | active | ended | dismissed
    source: string; // auto | manual
    figures: string; // JSON
    proposed_at: number | null;
    raised_at: number | null;
    raised_by: number | null;
    ended_at: number | null;
    ended_by: number | null;
  };
  emergency_activation_log: {
    id: Generated<number>;
    activation_id: number;
    at: number;
    user_id: number | null;
    action: string;
    detail: string; // JSON
  };
}
