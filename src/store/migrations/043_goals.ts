import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Goals (issue 17, "Goals and careers"): an agent's or a team's KPI target of a month (the figure comes
 * from the facts; a goal stores only the target and its direction) or a skill target by a date (a level
 * and/or a queue's certification; for a team, the share of its agents there). `team_id` is always set
 * (an agent's team when the goal was set) so a lead's scope applies in SQL. A goal is dropped, never deleted.
 */
export default function goals(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
      await withId(db.schema.createTable('goals'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.references('agents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('month', 'text')
        .addColumn('kpi', 'text')
        .addColumn('direction', 'text')
        .addColumn('target', real)
        .addColumn('due_date', 'text')
        .addColumn('skill_level', 'integer')
        .addColumn('queue', 'text')
        .addColumn('share', real)
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('set_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('goals_team_idx').on('goals').columns(['center_id', 'team_id', 'month']).execute();
      await db.schema.createIndex('goals_agent_idx').on('goals').columns(['agent_id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('goals').execute();
    },
  };
}
