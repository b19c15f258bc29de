import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';
import { pgTriggers, RULES } from './024_fact_days';

/**
 * Issue 16 (the store step toward the bare insert), PostgreSQL: 024's statement-level trigger on live_events
 * (`referencing new table`) kept a copy of every inserted row in a transition table, grouped it by agent
 * and then deleted the stale agent-days: about a tenth of the insert's time for a batch of 20,000 events.
 * The ingest now does the same deletion itself after the batch is in, in its transaction, once per agent
 * (store/live/ingest.ts `invalidateFactDays`, from the agents' earliest new events it already has), as it
 * has done on SQLite since migration 036. The ingest is the only writer of live_events.
 */
const liveEventsTrigger = pgTriggers(RULES.filter((r) => r.table === 'live_events'));

export default function liveEventsFactTrigger(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'postgres') for (const s of liveEventsTrigger.drop) await sql.raw(s).execute(db);
    },
    async down(db: AnyDb) {
      if (dialect === 'postgres') for (const s of liveEventsTrigger.create) await sql.raw(s).execute(db);
    },
  };
}
