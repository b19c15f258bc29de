import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * The center's self-assessment (issue 17, the 4PS model of seed 000): the checklist (points under five
 * dimensions, each with a weight and an optional figure that evidences it), rounds (a date, an
 * assessor, a target level), each round's scores (level 0–6 or N/A, evidence; the point's dimension and
 * weight kept as scored, so a later checklist edit does not rewrite history) and the gaps with their
 * owner, due date and status. The seven level names are a center setting (`assessment.levels`).
 */
export default function assessment(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
      await withId(db.schema.createTable('assessment_points'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('dimension', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('weight', real, (c) => c.notNull())
        .addColumn('kpi', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('assessment_points_code_uq', ['center_id', 'code'])
        .execute();
      await withId(db.schema.createTable('assessment_rounds'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('assessor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('target_level', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assessment_rounds_center_idx').on('assessment_rounds').columns(['center_id', 'date']).execute();
      await db.schema
        .createTable('assessment_scores')
        .addColumn('round_id', 'integer', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
        .addColumn('point_id', 'integer', (c) => c.notNull().references('assessment_points.id').onDelete('cascade'))
        .addColumn('dimension', 'text', (c) => c.notNull())
        .addColumn('weight', real, (c) => c.notNull())
        .addColumn('level', 'integer')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_scores_pk', ['round_id', 'point_id'])
        .execute();
      await withId(db.schema.createTable('assessment_gaps'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('round_id', 'integer', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
        .addColumn('point_id', 'integer', (c) => c.notNull().references('assessment_points.id').onDelete('cascade'))
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addUniqueConstraint('assessment_gaps_point_uq', ['round_id', 'point_id'])
        .execute();
      await db.schema.createIndex('assessment_gaps_owner_idx').on('assessment_gaps').columns(['owner_id', 'status']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('assessment_gaps').execute();
      await db.schema.dropTable('assessment_scores').execute();
      await db.schema.dropTable('assessment_rounds').execute();
      await db.schema.dropTable('assessment_points').execute();
    },
  };
}
