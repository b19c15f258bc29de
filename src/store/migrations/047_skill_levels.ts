import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * Multi-skill (issue 15). `wfm_contracts.skill_levels`: the agent's proficiency per skill, a JSON object
 * skill → level 1..5 (3 = the standard agent the forecast's handle time describes). The old `skills` string list
 * stays as it is and stays the list of skills: a skill without a level reads as level 3, so contracts written
 * before this migration plan as before. `wfm_requirements.by_queue`: the week's requirement per queue (JSON object
 * queue → values per interval, each from that queue's forecast), kept beside the total in `required`.
 */
export default function skillLevels(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('wfm_contracts')
        .addColumn('skill_levels', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.alterTable('wfm_requirements').addColumn('by_queue', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('wfm_requirements').dropColumn('by_queue').execute();
      await db.schema.alterTable('wfm_contracts').dropColumn('skill_levels').execute();
    },
  };
}
