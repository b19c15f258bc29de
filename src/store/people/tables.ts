import type { Generated } from 'kysely';

type Id = Generated<number>;

/** Tables of the people capability (issue 6); see migrations/006_people.ts. */
export interface PeopleTables {
  people_rules: {
    id: Id;
    center_id: number;
    code: string;
    no: number;
    category: string;
    title: string;
    text: string;
    amount_fen: number;
    consequence: string;
    active: number;
    updated_at: number;
  };
  people_violations: {
    id: Id;
    center_id: number;
    rule_code: string;
    rule_no: number;
    rule_title: string;
    agent_id: number;
    team_id: number;
    recorded_by: number;
    at: number;
    note: string | null;
    contribution_fen: number;
  };
  people_fund_entries: {
    id: Id;
    team_id: number;
    kind: string;
    amount_fen: number;
    at: number;
    violation_id: number | null;
    agent_id: number | null;
    receipt_ref: string | null;
    description: string | null;
    recorded_by: number;
  };
  attendance_shifts: { id: Id; agent_id: number; date: string; start_at: number; end_at: number; source: Generated<string> };
  attendance_segments: { id: Id; agent_id: number; login_at: number; logout_at: number | null; source: Generated<string> };
  people_mood_checkins: { id: Id; agent_id: number; team_id: number; date: string; at: number; mood: number; note: string | null };
  people_care_notes: {
    id: Id;
    kind: string;
    author_id: number;
    agent_id: number;
    team_id: number;
    text: string;
    follow_up: string | null;
    follow_up_on: string | null;
    follow_up_done: Generated<number>;
    at: number;
  };
  people_voice_posts: {
    id: Id;
    center_id: number;
    kind: string;
    text: string;
    category: string | null;
    anonymous: number;
    author_id: number | null;
    team_id: number | null;
    date: string;
    reply: string | null;
    replied_by: number | null;
    replied_at: number | null;
  };
  people_surveys: { id: Id; center_id: number; title: string; questions: string; invited: number; open: Generated<number>; created_at: number };
  people_survey_participants: { survey_id: number; user_id: number };
  people_survey_responses: { id: Id; survey_id: number; answers: string };
  people_courses: { id: Id; center_id: number; title: string; module: string | null; hours: number; created_at: number; archived_at: number | null };
  people_training_plan: { id: Id; team_id: number; year: number; month: number; course_id: number };
  people_sessions: { id: Id; course_id: number; team_id: number | null; starts_at: number; trainer_id: number | null };
  people_session_attendance: { session_id: number; agent_id: number; present: number };
  people_questions: {
    id: Id;
    center_id: number;
    bank: string;
    kind: string;
    text: string;
    options: string | null;
    answer: string | null;
    points: number;
    /** 035: archived questions are hidden from new exams. */
    archived_at: number | null;
  };
  people_exams: {
    id: Id;
    center_id: number;
    title: string;
    queue: string | null;
    question_ids: string;
    time_limit_min: number;
    pass_percent: number;
    grace_s: number;
    multiple_policy: string;
    created_at: number;
    max_attempts: Generated<number>;
    cooldown_hours: Generated<number>;
    marks_released: Generated<number>;
    /** 035: an archived exam is hidden from agents and cannot be started. */
    archived_at: number | null;
  };
  people_exam_attempts: {
    id: Id;
    exam_id: number;
    agent_id: number;
    started_at: number;
    submitted_at: number | null;
    answers: string | null;
    result: string | null;
    status: string;
    percent: number | null;
  };
  people_cert_queues: { center_id: number; queue: string; validity_days: number; warn_days: number };
  people_certifications: {
    id: Id;
    agent_id: number;
    queue: string;
    exam_id: number;
    attempt_id: number | null;
    passed_at: number;
    valid_until: number;
    percent: number;
  };
  people_notices: { id: Id; team_id: number; date: string; text: string; author_id: number; created_at: number };
  people_notice_reads: { notice_id: number; agent_id: number; read_at: number };
  people_shift_log: {
    id: Id;
    team_id: number;
    date: string;
    at: number;
    kind: string;
    agent_id: number | null;
    text: string;
    author_id: number;
    squad_id: number | null;
  };
  people_shift_reports: { id: Id; team_id: number; date: string; author_id: number; report: string; notes: string; sent_at: number };
  people_lead_tasks: {
    id: Id;
    center_id: number;
    lead_id: number;
    title: string;
    due_on: string;
    completed_on: string | null;
    created_by: number;
    created_at: number;
  };
  people_exit_interviews: { agent_id: number; reason_code: string; reason_text: string | null; interviewed_by: number; at: number };
}
