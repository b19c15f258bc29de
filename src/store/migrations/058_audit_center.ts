import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * The audit log's center: until now any center manager read every center's entries. An entry belongs to
 * the center of the user who made it (the only center when that user has none, e.g. the command line on a
 * one-center database); entries of neither stay for administrators. Existing entries are filled the same way.
 */
export default function auditCenter(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('audit_log').addColumn('center_id', 'integer').execute();
      await sql`update audit_log set center_id = coalesce(
          (select u.center_id from users u where u.id = audit_log.user_id),
          case when (select count(*) from centers) = 1 then (select min(id) from centers) end)`.execute(db);
      await db.schema.createIndex('audit_center_idx').on('audit_log').columns(['center_id', 'id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('audit_center_idx').execute();
      await db.schema.alterTable('audit_log').dropColumn('center_id').execute();
    },
  };
}
