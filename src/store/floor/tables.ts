import type { Generated } from 'kysely';

/** The floor rules as workflows and the call-in's asks (046_floor_rules, src/store/floor/*.ts). Times epoch ms. */
export interface FloorTables {
  emergency_callin_asks: {
    id: Generated<number>;
    center_id: number;
    activation_id: number;
    staff_id: number;
    user_id: number | null;
    order_no: number;
    asked_at: number;
    due_at: number;
    answer: string; // pending | accepted | declined | timedOut | stopped
    answered_at: number | null;
  };
  floor_faults: {
    id: Generated<number>;
    center_id: number;
    seat: string;
    device: string;
    description: string;
    reported_by: number;
    reported_at: number;
    status: string; // open | fixed
    fixed_by: number | null;
    fixed_at: number | null;
    fix_note: Generated<string>;
  };
  floor_check_items: { id: Generated<number>; center_id: number; position: number; text: string; active: Generated<number>; updated_at: number };
  floor_checks: { id: Generated<number>; center_id: number; date: string; area: string; checked_by: number; created_at: number };
  floor_check_results: {
    check_id: number;
    item_id: number;
    item_text: string;
    pass: number;
    note: Generated<string>;
    follow_up: string; // none | open | done
    follow_up_note: Generated<string>;
    follow_up_by: number | null;
    follow_up_at: number | null;
  };
  room_visits: {
    id: Generated<number>;
    center_id: number;
    visitor: string;
    company: string;
    purpose: string;
    escort: string;
    in_at: number;
    out_at: number | null;
    logged_by: number;
  };
  visit_notices: {
    id: Generated<number>;
    center_id: number;
    starts_at: number;
    ends_at: number;
    group_name: string;
    areas: string;
    host: string;
    note: Generated<string>;
    created_by: number;
    created_at: number;
  };
}
