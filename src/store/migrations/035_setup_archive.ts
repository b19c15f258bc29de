import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, type AnyDb } from './helpers';

/**
 * Setup records that are kept once used (issue 14): a course with sessions, a question an attempted
 * exam asked and an exam with attempts cannot be deleted, only archived — hidden from new plans,
 * sessions and exams (and an archived exam from agents) while the history that reads them stays whole.
 */
const TABLES = ['people_courses', 'people_questions', 'people_exams'] as const;

export default function setupArchive(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      for (const t of TABLES) await db.schema.alterTable(t).addColumn('archived_at', TS).execute();
    },
    async down(db: AnyDb) {
      for (const t of TABLES) await db.schema.alterTable(t).dropColumn('archived_at').execute();
    },
  };
}
