import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * The shrinkage a requirement was computed with (issue 15, time off net of the leave share):
 * `shrinkage_total` (the sum it was divided by, 1 − it) and `shrinkage_leave` (the leave category's share of
 * that sum), so the time-off check compares the plan with the requirement net of the leave it already plans for.
 * Null: not known (an uploaded curve, a multi-skill plan's, one number typed without categories, or any row
 * stored before this migration): the check then compares with the requirement as stored, as before.
 */
export default function requirementShrinkage(dialect: Dialect): Migration {
  const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('wfm_requirements').addColumn('shrinkage_total', real).execute();
      await db.schema.alterTable('wfm_requirements').addColumn('shrinkage_leave', real).execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('wfm_requirements').dropColumn('shrinkage_leave').execute();
      await db.schema.alterTable('wfm_requirements').dropColumn('shrinkage_total').execute();
    },
  };
}
