import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, type AnyDb } from './helpers';

/**
 * Shrinkage planned by category (issue 15): per center, the share of paid time lost to training,
 * coaching, meetings, leave, sickness, … (one row a category); the requirement is the base staffing
 * divided by (1 − the sum). Before, shrinkage was one number typed on the planner page each time
 * (30 % by default) and stored nowhere: each existing center starts with that number as 'other'.
 */
export default function shrinkageCategories(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
      await db.schema
        .createTable('wfm_shrinkage')
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('fraction', real, (c) => c.notNull())
        .addColumn('updated_by', 'integer')
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('wfm_shrinkage_pk', ['center_id', 'category'])
        .execute();
      await sql`insert into wfm_shrinkage (center_id, category, fraction, updated_at) select id, 'other', 0.3, 0 from centers`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('wfm_shrinkage').execute();
    },
  };
}
