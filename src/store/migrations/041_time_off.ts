import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Time-off requests (issue 15): an agent asks for a day off; it is granted at once when the published week
 * can spare them (their own intervals stay at or above the requirement), otherwise it waits for the team
 * lead or the planner. Granted requests become leave (wfm_leave) and free the day's published shift. One
 * open (pending or granted) request per agent and day.
 */
export default function timeOff(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('wfm_time_off'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        // how it was decided: 'auto' (the allowance) or 'person' (lead / planner); why it waits: the first short interval
        .addColumn('decided_how', 'text')
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', TS)
        .addColumn('short_at', TS)
        .addColumn('short', 'real')
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wfm_time_off_center_date').on('wfm_time_off').columns(['center_id', 'date']).execute();
      await sql`create unique index wfm_time_off_open on wfm_time_off (agent_id, date) where status in ('pending', 'approved')`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('wfm_time_off').execute();
    },
  };
}
