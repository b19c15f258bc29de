import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Quality (質檢) and performance (績效) tables.
 * `qa_calls` is the minimal call reference evaluations point at; the live-floor ingest fills it later
 * (and QA can register calls by hand or CSV until then).
 */
export default function qaperf(dialect: Dialect): Migration {
  const REAL = 'double precision' as const;
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('qa_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('started_at', TS, (c) => c.notNull())
        .addColumn('duration_s', 'integer', (c) => c.notNull())
        .addColumn('recording_url', 'text')
        .addColumn('transferred', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('complaint', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('qa_calls_agent_idx').on('qa_calls').columns(['agent_id', 'started_at']).execute();
      await db.schema.createIndex('qa_calls_started_idx').on('qa_calls').column('started_at').execute();

      await withId(db.schema.createTable('qa_templates'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('template_key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('qa_templates_version_uq', ['center_id', 'template_key', 'version'])
        .execute();

      await withId(db.schema.createTable('qa_calibrations'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('call_id', 'text', (c) => c.notNull().references('qa_calls.id'))
        .addColumn('template_id', 'integer', (c) => c.notNull().references('qa_templates.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('evaluator_ids', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('closed_at', TS)
        .execute();

      await withId(db.schema.createTable('qa_evaluations'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('call_id', 'text', (c) => c.notNull().references('qa_calls.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('team_id', 'integer')
        .addColumn('evaluator_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('template_id', 'integer', (c) => c.notNull().references('qa_templates.id'))
        .addColumn('calibration_id', 'integer', (c) => c.references('qa_calibrations.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('answer_history', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('score', REAL)
        .addColumn('fatal', 'integer', (c) => c.notNull())
        .addColumn('flagged', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('time_spent_s', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('notified_at', TS)
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('qa_evaluations_agent_idx').on('qa_evaluations').columns(['agent_id', 'month']).execute();
      await db.schema.createIndex('qa_evaluations_month_idx').on('qa_evaluations').columns(['center_id', 'month']).execute();
      await db.schema.createIndex('qa_evaluations_call_idx').on('qa_evaluations').column('call_id').execute();

      await withId(db.schema.createTable('qa_disputes'), dialect)
        .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('qa_evaluations.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('opened_at', TS, (c) => c.notNull())
        .addColumn('decided_at', TS)
        .addColumn('decided_by', 'integer')
        .addColumn('history', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('qa_disputes_eval_idx').on('qa_disputes').column('evaluation_id').execute();

      await withId(db.schema.createTable('qa_work_items'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('call_id', 'text', (c) => c.notNull().references('qa_calls.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull())
        .addColumn('evaluator_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('evaluation_id', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('qa_work_items_call_uq', ['call_id'])
        .execute();
      await db.schema.createIndex('qa_work_items_eval_idx').on('qa_work_items').columns(['evaluator_id', 'evaluation_id']).execute();

      await withId(db.schema.createTable('qa_library'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('call_id', 'text', (c) => c.notNull().references('qa_calls.id'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('team_ids', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('qa_coaching'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_key', 'text', (c) => c.notNull())
        .addColumn('evaluation_id', 'integer')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('goals', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('follow_up_date', 'text', (c) => c.notNull())
        .addColumn('baseline', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('follow_up', 'text')
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('qa_coaching_agents')
        .addColumn('coaching_id', 'integer', (c) => c.notNull().references('qa_coaching.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addPrimaryKeyConstraint('qa_coaching_agents_pk', ['coaching_id', 'agent_id'])
        .execute();

      await withId(db.schema.createTable('qa_notifications'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('read_at', TS)
        .execute();
      await db.schema.createIndex('qa_notifications_user_idx').on('qa_notifications').columns(['user_id', 'id']).execute();

      await db.schema
        .createTable('perf_figures')
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('kpi_key', 'text', (c) => c.notNull())
        .addColumn('value', REAL)
        .addColumn('numerator', REAL)
        .addColumn('denominator', REAL)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('perf_figures_pk', ['agent_id', 'month', 'kpi_key'])
        .execute();
      await db.schema.createIndex('perf_figures_month_idx').on('perf_figures').columns(['center_id', 'month']).execute();

      await db.schema
        .createTable('perf_publications')
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('published_at', TS, (c) => c.notNull())
        .addColumn('published_by', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('kpis', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('perf_publications_pk', ['center_id', 'month'])
        .execute();
      await db.schema
        .createTable('perf_published_cards')
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('team_id', 'integer')
        .addColumn('total', REAL)
        .addColumn('center_rank', 'integer')
        .addColumn('team_rank', 'integer')
        .addColumn('card', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('perf_published_cards_pk', ['center_id', 'month', 'agent_id'])
        .execute();

      await withId(db.schema.createTable('perf_contests'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('date_from', 'text', (c) => c.notNull())
        .addColumn('date_to', 'text', (c) => c.notNull())
        .addColumn('team_ids', 'text', (c) => c.notNull())
        .addColumn('kpis', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      for (const t of [
        'perf_contests',
        'perf_published_cards',
        'perf_publications',
        'perf_figures',
        'qa_notifications',
        'qa_coaching_agents',
        'qa_coaching',
        'qa_library',
        'qa_work_items',
        'qa_disputes',
        'qa_evaluations',
        'qa_calibrations',
        'qa_templates',
        'qa_calls',
      ])
        await db.schema.dropTable(t).execute();
    },
  };
}
