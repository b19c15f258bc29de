import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Squad leaders (小隊長) in the lead's routine (issue 17): a shift-log entry a squad leader writes for their
 * squad carries the squad (`squad_id`, a plain number: the entry stays the squad leader's after the squad is
 * dissolved), so the lead's scorecard keeps counting the lead's own entries; and the squad's post-shift
 * report (once per squad and day) with the squad's name as it was when sent.
 */
export default function squadRoutine(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('people_shift_log').addColumn('squad_id', 'integer').execute();
      await withId(db.schema.createTable('peer_squad_reports'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('squad_id', 'integer', (c) => c.notNull())
        .addColumn('squad_name', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('agent_ids', 'text', (c) => c.notNull())
        .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('log', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('sent_at', TS, (c) => c.notNull())
        .addUniqueConstraint('peer_squad_reports_day_uq', ['squad_id', 'date'])
        .execute();
      await db.schema.createIndex('peer_squad_reports_team_idx').on('peer_squad_reports').columns(['center_id', 'team_id', 'date']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('peer_squad_reports').execute();
      await db.schema.alterTable('people_shift_log').dropColumn('squad_id').execute();
    },
  };
}
