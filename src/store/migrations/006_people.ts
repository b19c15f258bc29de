import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * People on the floor (issue 6): discipline and the team fund, attendance input, mood care, employee
 * voice, training and certification, the team lead's routine, exit interviews.
 * Money is integer fen; times are epoch ms (TS); dates are 'YYYY-MM-DD' text; JSON is text.
 */
/** Every table of this migration, in creation order. */
export const PEOPLE_TABLES = [
  'people_rules',
  'people_violations',
  'people_fund_entries',
  'attendance_shifts',
  'attendance_segments',
  'people_mood_checkins',
  'people_care_notes',
  'people_voice_posts',
  'people_surveys',
  'people_survey_participants',
  'people_survey_responses',
  'people_courses',
  'people_training_plan',
  'people_sessions',
  'people_session_attendance',
  'people_questions',
  'people_exams',
  'people_exam_attempts',
  'people_cert_queues',
  'people_certifications',
  'people_notices',
  'people_notice_reads',
  'people_shift_log',
  'people_shift_reports',
  'people_lead_tasks',
  'people_exit_interviews',
] as const;

export default function people(dialect: Dialect): Migration {
  const t = (name: (typeof PEOPLE_TABLES)[number]) => name;
  return {
    async up(db: AnyDb) {
      // ------------------------------------------------------------ discipline
      await withId(db.schema.createTable(t('people_rules')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('no', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('amount_fen', 'integer', (c) => c.notNull())
        .addColumn('consequence', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addUniqueConstraint('people_rules_code_uq', ['center_id', 'code'])
        .execute();
      await withId(db.schema.createTable(t('people_violations')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('rule_code', 'text', (c) => c.notNull())
        .addColumn('rule_no', 'integer', (c) => c.notNull())
        .addColumn('rule_title', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('contribution_fen', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('people_violations_team_idx').on('people_violations').columns(['team_id', 'at']).execute();
      await withId(db.schema.createTable(t('people_fund_entries')), dialect)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_fen', 'integer', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('violation_id', 'integer', (c) => c.references('people_violations.id'))
        .addColumn('agent_id', 'integer')
        .addColumn('receipt_ref', 'text')
        .addColumn('description', 'text')
        .addColumn('recorded_by', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('people_fund_team_idx').on('people_fund_entries').columns(['team_id', 'at']).execute();

      // ------------------------------------------------------------ attendance input (adapter point)
      await withId(db.schema.createTable(t('attendance_shifts')), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('start_at', TS, (c) => c.notNull())
        .addColumn('end_at', TS, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('import'))
        .addUniqueConstraint('attendance_shifts_uq', ['agent_id', 'start_at'])
        .execute();
      await db.schema.createIndex('attendance_shifts_date_idx').on('attendance_shifts').columns(['date']).execute();
      await withId(db.schema.createTable(t('attendance_segments')), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('login_at', TS, (c) => c.notNull())
        .addColumn('logout_at', TS)
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('import'))
        .addUniqueConstraint('attendance_segments_uq', ['agent_id', 'login_at'])
        .execute();

      // ------------------------------------------------------------ mood care
      await withId(db.schema.createTable(t('people_mood_checkins')), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('mood', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('people_mood_team_idx').on('people_mood_checkins').columns(['team_id', 'date']).execute();
      await withId(db.schema.createTable(t('people_care_notes')), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('follow_up', 'text')
        .addColumn('follow_up_on', 'text')
        .addColumn('follow_up_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable(t('people_voice_posts')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        // null for anonymous posts: no author is stored, not even hidden
        .addColumn('author_id', 'integer')
        .addColumn('team_id', 'integer')
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('reply', 'text')
        .addColumn('replied_by', 'integer')
        .addColumn('replied_at', TS)
        .execute();
      await withId(db.schema.createTable(t('people_surveys')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('questions', 'text', (c) => c.notNull())
        .addColumn('invited', 'integer', (c) => c.notNull())
        .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      // who answered (to refuse a second answer), kept apart from the answers
      await db.schema
        .createTable(t('people_survey_participants'))
        .addColumn('survey_id', 'integer', (c) => c.notNull().references('people_surveys.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('people_survey_participants_pk', ['survey_id', 'user_id'])
        .execute();
      await withId(db.schema.createTable(t('people_survey_responses')), dialect)
        .addColumn('survey_id', 'integer', (c) => c.notNull().references('people_surveys.id'))
        .addColumn('answers', 'text', (c) => c.notNull())
        .execute();

      // ------------------------------------------------------------ training
      await withId(db.schema.createTable(t('people_courses')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('module', 'text')
        .addColumn('hours', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable(t('people_training_plan')), dialect)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('month', 'integer', (c) => c.notNull())
        .addColumn('course_id', 'integer', (c) => c.notNull().references('people_courses.id'))
        .addUniqueConstraint('people_training_plan_uq', ['team_id', 'year', 'month', 'course_id'])
        .execute();
      await withId(db.schema.createTable(t('people_sessions')), dialect)
        .addColumn('course_id', 'integer', (c) => c.notNull().references('people_courses.id'))
        .addColumn('team_id', 'integer')
        .addColumn('starts_at', TS, (c) => c.notNull())
        .addColumn('trainer_id', 'integer')
        .execute();
      await db.schema
        .createTable(t('people_session_attendance'))
        .addColumn('session_id', 'integer', (c) => c.notNull().references('people_sessions.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('present', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('people_session_attendance_pk', ['session_id', 'agent_id'])
        .execute();
      await withId(db.schema.createTable(t('people_questions')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('bank', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('options', 'text')
        .addColumn('answer', 'text')
        .addColumn('points', 'integer', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable(t('people_exams')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('queue', 'text')
        .addColumn('question_ids', 'text', (c) => c.notNull())
        .addColumn('time_limit_min', 'integer', (c) => c.notNull())
        .addColumn('pass_percent', 'integer', (c) => c.notNull())
        .addColumn('grace_s', 'integer', (c) => c.notNull())
        .addColumn('multiple_policy', 'text', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable(t('people_exam_attempts')), dialect)
        .addColumn('exam_id', 'integer', (c) => c.notNull().references('people_exams.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('started_at', TS, (c) => c.notNull())
        .addColumn('submitted_at', TS)
        .addColumn('answers', 'text')
        .addColumn('result', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('percent', 'real')
        .execute();
      await db.schema
        .createTable(t('people_cert_queues'))
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('validity_days', 'integer', (c) => c.notNull())
        .addColumn('warn_days', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('people_cert_queues_pk', ['center_id', 'queue'])
        .execute();
      await withId(db.schema.createTable(t('people_certifications')), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('exam_id', 'integer', (c) => c.notNull())
        .addColumn('attempt_id', 'integer')
        .addColumn('passed_at', TS, (c) => c.notNull())
        .addColumn('valid_until', TS, (c) => c.notNull())
        .addColumn('percent', 'real', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('people_cert_agent_idx').on('people_certifications').columns(['agent_id', 'queue']).execute();

      // ------------------------------------------------------------ team lead routine
      await withId(db.schema.createTable(t('people_notices')), dialect)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable(t('people_notice_reads'))
        .addColumn('notice_id', 'integer', (c) => c.notNull().references('people_notices.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('read_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('people_notice_reads_pk', ['notice_id', 'agent_id'])
        .execute();
      await withId(db.schema.createTable(t('people_shift_log')), dialect)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'integer')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable(t('people_shift_reports')), dialect)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('sent_at', TS, (c) => c.notNull())
        .addUniqueConstraint('people_shift_reports_uq', ['team_id', 'date'])
        .execute();
      await withId(db.schema.createTable(t('people_lead_tasks')), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('lead_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('completed_on', 'text')
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();

      // ------------------------------------------------------------ attrition
      await db.schema
        .createTable(t('people_exit_interviews'))
        .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id'))
        .addColumn('reason_code', 'text', (c) => c.notNull())
        .addColumn('reason_text', 'text')
        .addColumn('interviewed_by', 'integer', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      for (const name of [...PEOPLE_TABLES].reverse()) await db.schema.dropTable(name).ifExists().execute();
    },
  };
}
