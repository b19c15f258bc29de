import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Workforce management: interval history (until the live-floor store's queueIntervals lands),
 * forecast versions, shift templates, contracts, leave, requirement curves, schedule runs and
 * shifts, swaps, agent state segments (the adherence input), peak / VTO slots, points ledger.
 * JSON columns are text.
 */
export default function wfm(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('wfm_history')
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('interval_min', 'integer', (c) => c.notNull())
        .addColumn('ts', TS, (c) => c.notNull())
        .addColumn('offered', 'real', (c) => c.notNull())
        .addColumn('aht_sum', 'real', (c) => c.notNull())
        .addPrimaryKeyConstraint('wfm_history_pk', ['queue', 'interval_min', 'ts'])
        .execute();
      await withId(db.schema.createTable('wfm_forecasts'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('interval_min', 'integer', (c) => c.notNull())
        .addColumn('from_ts', TS, (c) => c.notNull())
        .addColumn('to_ts', TS, (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('wfm_forecast_points')
        .addColumn('forecast_id', 'integer', (c) => c.notNull().references('wfm_forecasts.id').onDelete('cascade'))
        .addColumn('ts', TS, (c) => c.notNull())
        .addColumn('offered', 'real', (c) => c.notNull())
        .addColumn('aht', 'real', (c) => c.notNull())
        .addPrimaryKeyConstraint('wfm_forecast_points_pk', ['forecast_id', 'ts'])
        .execute();
      await withId(db.schema.createTable('wfm_templates'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addUniqueConstraint('wfm_templates_code_uq', ['center_id', 'code'])
        .execute();
      await db.schema
        .createTable('wfm_contracts')
        .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id'))
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('preferences', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('wfm_leave'), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('annual'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('wfm_leave_uq', ['agent_id', 'date'])
        .execute();
      await withId(db.schema.createTable('wfm_requirements'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('week_start', 'text', (c) => c.notNull())
        .addColumn('interval_min', 'integer', (c) => c.notNull())
        .addColumn('required', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('wfm_schedule_runs'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('week_start', 'text', (c) => c.notNull())
        .addColumn('requirement_id', 'integer', (c) => c.notNull().references('wfm_requirements.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('summary', 'text')
        .addColumn('error', 'text')
        .addColumn('time_limit_s', 'real', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('finished_at', TS)
        .addColumn('published_at', TS)
        .addColumn('published_by', 'integer')
        .execute();
      await withId(db.schema.createTable('wfm_shifts'), dialect)
        .addColumn('run_id', 'integer', (c) => c.notNull().references('wfm_schedule_runs.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('shift'))
        .addColumn('template_code', 'text', (c) => c.notNull())
        .addColumn('start_ts', TS, (c) => c.notNull())
        .addColumn('end_ts', TS, (c) => c.notNull())
        .addColumn('paid_hours', 'real', (c) => c.notNull())
        .addColumn('activities', 'text', (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wfm_shifts_run_agent_idx').on('wfm_shifts').columns(['run_id', 'agent_id']).execute();
      await withId(db.schema.createTable('wfm_swaps'), dialect)
        .addColumn('shift_id', 'integer', (c) => c.notNull().references('wfm_shifts.id').onDelete('cascade'))
        .addColumn('from_agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('to_agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('requested_by', 'integer')
        .addColumn('decided_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('decided_at', TS)
        .execute();
      await withId(db.schema.createTable('wfm_state_segments'), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('start_ts', TS, (c) => c.notNull())
        .addColumn('end_ts', TS, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wfm_state_segments_idx').on('wfm_state_segments').columns(['agent_id', 'start_ts']).execute();
      await withId(db.schema.createTable('wfm_peak_slots'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('start_ts', TS, (c) => c.notNull())
        .addColumn('end_ts', TS, (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('bonus', 'real', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('wfm_peak_requests')
        .addColumn('slot_id', 'integer', (c) => c.notNull().references('wfm_peak_slots.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('requested_at', TS, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('wfm_peak_requests_pk', ['slot_id', 'agent_id'])
        .execute();
      await withId(db.schema.createTable('wfm_points'), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('points', 'real', (c) => c.notNull())
        .addColumn('ts', TS, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text')
        .addColumn('ref', 'text')
        .addColumn('created_by', 'integer')
        .execute();
      await db.schema.createIndex('wfm_points_agent_idx').on('wfm_points').column('agent_id').execute();
      await withId(db.schema.createTable('wfm_redemptions'), dialect)
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('points', 'real', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_at', TS, (c) => c.notNull())
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', TS)
        .execute();
    },
    async down(db: AnyDb) {
      for (const t of [
        'wfm_redemptions',
        'wfm_points',
        'wfm_peak_requests',
        'wfm_peak_slots',
        'wfm_state_segments',
        'wfm_swaps',
        'wfm_shifts',
        'wfm_schedule_runs',
        'wfm_requirements',
        'wfm_leave',
        'wfm_contracts',
        'wfm_templates',
        'wfm_forecast_points',
        'wfm_forecasts',
        'wfm_history',
      ])
        await db.schema.dropTable(t).execute();
    },
  };
}
