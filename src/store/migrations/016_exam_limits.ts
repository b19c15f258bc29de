import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * Exams cannot be gamed (issue 10, finding 6): an attempts limit and a cool-down per exam, and
 * whether the trainer has released the per-question marks. Existing exams get the defaults
 * (3 attempts, 24 h), the same as a new exam created without them.
 */
export default function examLimits(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('people_exams')
        .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
        .execute();
      await db.schema
        .alterTable('people_exams')
        .addColumn('cooldown_hours', 'integer', (c) => c.notNull().defaultTo(24))
        .execute();
      await db.schema
        .alterTable('people_exams')
        .addColumn('marks_released', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('people_exam_attempts_exam_agent_idx').on('people_exam_attempts').columns(['exam_id', 'agent_id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('people_exam_attempts_exam_agent_idx').execute();
      for (const c of ['marks_released', 'cooldown_hours', 'max_attempts']) await db.schema.alterTable('people_exams').dropColumn(c).execute();
    },
  };
}
