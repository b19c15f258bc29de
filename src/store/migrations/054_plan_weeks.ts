import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * The weeks of one plan (issue 15). An N-week planner run stores one run per week; `wfm_schedule_runs.plan_id`
 * (the id of the plan's week-1 run), `plan_week` (1..N) and `plan_weeks` (N) tie them together, so week k is not
 * published while week k−1 of the same plan is not, and the page says "week k of N". Null on a one-week run.
 * `wfm_requirements.pending`: 1 while a multi-skill plan is still computing the requirement it made (it is filled
 * when the plan ends); no run may start on a pending requirement.
 */
export default function planWeeks(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('wfm_schedule_runs').addColumn('plan_id', 'integer').execute();
      await db.schema.alterTable('wfm_schedule_runs').addColumn('plan_week', 'integer').execute();
      await db.schema.alterTable('wfm_schedule_runs').addColumn('plan_weeks', 'integer').execute();
      await db.schema.createIndex('wfm_schedule_runs_plan').on('wfm_schedule_runs').columns(['plan_id', 'plan_week']).execute();
      await db.schema
        .alterTable('wfm_requirements')
        .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('wfm_requirements').dropColumn('pending').execute();
      await db.schema.dropIndex('wfm_schedule_runs_plan').execute();
      await db.schema.alterTable('wfm_schedule_runs').dropColumn('plan_weeks').execute();
      await db.schema.alterTable('wfm_schedule_runs').dropColumn('plan_week').execute();
      await db.schema.alterTable('wfm_schedule_runs').dropColumn('plan_id').execute();
    },
  };
}
