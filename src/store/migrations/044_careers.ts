import type { ColumnDefinitionBuilder, Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Careers (issue 17, goals and careers part 2): an agent's development plan items (linked to a course
 * or a certified queue where one exists), promotion and rotation records, the talent pool with the
 * figures that evidenced a nomination (kept as they were then), and improvement plans with their steps,
 * each step's result and the agent's acknowledgement, ending in a decision (崗位淘汰制度).
 */
export default function careers(dialect: Dialect): Migration {
  const center = (c: ColumnDefinitionBuilder) => c.notNull().references('centers.id').onDelete('cascade');
  const agent = (c: ColumnDefinitionBuilder) => c.notNull().references('agents.id').onDelete('cascade');
  const user = (c: ColumnDefinitionBuilder) => c.references('users.id').onDelete('set null');
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('career_idp_items'), dialect)
        .addColumn('center_id', 'integer', center)
        .addColumn('agent_id', 'integer', agent)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'integer', user)
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('course_id', 'integer', (c) => c.references('people_courses.id').onDelete('set null'))
        .addColumn('cert_queue', 'text')
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('career_idp_items_agent_idx').on('career_idp_items').columns(['center_id', 'agent_id']).execute();
      await withId(db.schema.createTable('career_moves'), dialect)
        .addColumn('center_id', 'integer', center)
        .addColumn('agent_id', 'integer', agent)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('from_team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('to_team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('from_post', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('to_post', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('from_queue', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('to_queue', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'integer', user)
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('career_moves_agent_idx').on('career_moves').columns(['center_id', 'agent_id', 'date']).execute();
      await withId(db.schema.createTable('career_talent'), dialect)
        .addColumn('center_id', 'integer', center)
        .addColumn('agent_id', 'integer', agent)
        .addColumn('track', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('nominated_by', 'integer', user)
        .addColumn('reviewed_by', 'integer', user)
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('career_talent_center_idx').on('career_talent').columns(['center_id', 'status']).execute();
      await withId(db.schema.createTable('career_plans'), dialect)
        .addColumn('center_id', 'integer', center)
        .addColumn('agent_id', 'integer', agent)
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('missed_months', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decided_by', 'integer', user)
        .addColumn('decided_at', TS)
        .addColumn('opened_by', 'integer', user)
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('career_plans_agent_idx').on('career_plans').columns(['center_id', 'agent_id', 'status']).execute();
      await withId(db.schema.createTable('career_plan_steps'), dialect)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('career_plans.id').onDelete('cascade'))
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('result_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addColumn('acknowledged_at', TS)
        .execute();
      await db.schema.createIndex('career_plan_steps_plan_idx').on('career_plan_steps').columns(['plan_id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('career_plan_steps').execute();
      await db.schema.dropTable('career_plans').execute();
      await db.schema.dropTable('career_talent').execute();
      await db.schema.dropTable('career_moves').execute();
      await db.schema.dropTable('career_idp_items').execute();
    },
  };
}
