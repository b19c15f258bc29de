import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, type AnyDb } from './helpers';
import { RULES, sqliteTriggers } from './024_fact_days';

/**
 * Stored sums of agent-days (issue 11's speed aim): one row per agent and range of closed days (a month)
 * with the sum of the agent's stored days (`FactParts` as JSON), so a month of a 1,000-agent center is
 * 1,000 rows read instead of 30,000. A sum is valid only for the settings (`conf`), day bounds (`bounds`,
 * the zone) and agent code it was built with (checked when read), and only while its days are unchanged:
 * any insert, update or delete of one of its agent-days (late data deleting a day, a day computed again)
 * deletes the sums that hold that day, in the triggers below. See store/facts/days.ts.
 *
 * Also: the partial index of agent events covers what the agent-state reads take (seq, type, reason and the
 * center), so a month of agent states (the facts' cold path, adherence) is read from the index alone instead
 * of one table row lookup per event.
 *
 * And on SQLite: 024's per-row trigger on live_events (a max() seek and a delete per inserted event, the part
 * of the ingest that grew with the stored data) is dropped; the ingest does the same deletion once per agent
 * and batch in its transaction (store/live/ingest.ts `invalidateFactDays`), as PostgreSQL's statement-level
 * trigger does. The ingest is the only writer of live_events.
 */
const liveEventsTrigger = sqliteTriggers(RULES.filter((r) => r.table === 'live_events'));
const AGENT_IDX_OLD = `create index live_events_agent_idx on live_events (agent, ts) where type like 'agent.%'`;
const agentIdx = (dialect: Dialect) =>
  dialect === 'postgres'
    ? `create index live_events_agent_idx on live_events (agent, ts) include (seq, type, reason, center_id) where type like 'agent.%'`
    : `create index live_events_agent_idx on live_events (agent, ts, seq, type, reason, center_id) where type like 'agent.%'`;
const del = (r: string) => `delete from fact_agent_sums where agent_id = ${r}.agent_id and first_day <= ${r}.day and last_day >= ${r}.day`;
const EVENTS = [
  ['insert', ['NEW']],
  ['update', ['OLD', 'NEW']],
  ['delete', ['OLD']],
] as const;

export default function factAgentSums(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('fact_agent_sums')
        .addColumn('agent_id', 'integer', (c) => c.notNull())
        .addColumn('first_day', 'text', (c) => c.notNull())
        .addColumn('last_day', 'text', (c) => c.notNull())
        .addColumn('center_id', 'integer', (c) => c.notNull())
        .addColumn('agent_code', 'text')
        .addColumn('conf', 'text', (c) => c.notNull())
        .addColumn('bounds', 'text', (c) => c.notNull())
        .addColumn('parts', 'text', (c) => c.notNull())
        .addColumn('computed_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('fact_agent_sums_pk', ['agent_id', 'first_day', 'last_day'])
        .execute();
      await sql.raw('drop index live_events_agent_idx').execute(db);
      await sql.raw(agentIdx(dialect)).execute(db);
      if (dialect === 'sqlite') for (const s of liveEventsTrigger.drop) await sql.raw(s).execute(db);
      await db.schema.createIndex('fact_agent_sums_range_idx').on('fact_agent_sums').columns(['center_id', 'first_day', 'last_day']).execute();
      if (dialect === 'postgres') {
        const body = EVENTS.map(([e, rows]) => `if tg_op = '${e.toUpperCase()}' then ${rows.map((r) => `${del(r)};`).join(' ')} end if;`).join(' ');
        await sql.raw(`create function fact_agent_sums_days() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
        await sql
          .raw(`create trigger fact_agent_sums_days after insert or update or delete on fact_agent_days for each row execute function fact_agent_sums_days()`)
          .execute(db);
      } else
        for (const [e, rows] of EVENTS)
          await sql
            .raw(`create trigger fact_agent_sums_days_${e} after ${e} on fact_agent_days begin ${rows.map((r) => `${del(r)};`).join(' ')} end`)
            .execute(db);
    },
    async down(db: AnyDb) {
      if (dialect === 'postgres') {
        await sql.raw('drop trigger if exists fact_agent_sums_days on fact_agent_days').execute(db);
        await sql.raw('drop function if exists fact_agent_sums_days()').execute(db);
      } else for (const [e] of EVENTS) await sql.raw(`drop trigger if exists fact_agent_sums_days_${e}`).execute(db);
      await db.schema.dropTable('fact_agent_sums').execute();
      await sql.raw('drop index live_events_agent_idx').execute(db);
      await sql.raw(AGENT_IDX_OLD).execute(db);
      if (dialect === 'sqlite') for (const s of liveEventsTrigger.create) await sql.raw(s).execute(db);
    },
  };
}
