import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * The planned-activity share of a requirement's shrinkage (issue 15, intraday): `shrinkage_activity`, the
 * share of paid time of the categories a schedule books as activities (training, coaching, meetings;
 * core/wfm/shrinkage ACTIVITY_CATEGORIES), part of `shrinkage_total` (migration 059). Intraday counts the
 * activities a day books as seen shrinkage up to this share only (sickness and other unplanned loss are never
 * booked). Null: not known (an uploaded curve, one number declared, a multi-skill plan's, rows stored before
 * this migration): the cap is the whole non-leave share, as before.
 */
export default function requirementActivityShare(dialect: Dialect): Migration {
  const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('wfm_requirements').addColumn('shrinkage_activity', real).execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('wfm_requirements').dropColumn('shrinkage_activity').execute();
    },
  };
}
