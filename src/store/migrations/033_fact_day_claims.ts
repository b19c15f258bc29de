import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * A claim on a stored agent-day being computed (issue 11, the late-data race): before a missing day is
 * computed its row is written with `claim` = a token of that computation and no parts; late data deletes
 * the row (024's triggers) as it deletes a stored one; the computed parts are stored only into a row that
 * still carries the token. A row deleted (or claimed by another reader) meanwhile is not written stale:
 * the day is computed again. `claim` is null on a stored day.
 */
export default function factDayClaims(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await sql`alter table fact_agent_days add column claim bigint`.execute(db);
    },
    async down(db: AnyDb) {
      await sql`alter table fact_agent_days drop column claim`.execute(db);
    },
  };
}
