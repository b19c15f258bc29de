import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * Multi-skill schedules (issue 15). `wfm_shifts.queues`: the queues the agent answers on this shift (JSON array of
 * queue names, the skills of the agent's skill group in the multi-skill plan that made it); null for a shift of a
 * single-skill run, which serves whatever the agent's skills are.
 */
export default function shiftQueues(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('wfm_shifts').addColumn('queues', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('wfm_shifts').dropColumn('queues').execute();
    },
  };
}
