import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, type AnyDb } from './helpers';

/**
 * Stored daily parts of the facts (issue 11): one row per closed agent-day with its additive parts
 * (`FactParts` as JSON), so a month is a sum of 30 stored days instead of a re-read of a month of
 * raw events. A row is valid only for the day bounds, agent code and settings it was computed with
 * (checked when read). Late data deletes the rows it touches, here in triggers so that every writer
 * (ingest, schedule edits, evaluations, verdicts, survey answers, uploads, direct inserts) is covered;
 * a deleted row is recomputed at the next read. See store/facts/days.ts.
 */

/** The agent's previous state event before the row's time (the partial index on agent events finds it), or the row's time. */
const since = (r: string) => `coalesce((select max(p.ts) from live_events p where p.agent = ${r}.agent and p.type like 'agent.%' and p.ts < ${r}.ts), ${r}.ts)`;

/** Per table: the statements that delete the rows a changed row `R` (NEW or OLD) touches, and the events that fire them. */
export interface FactDayRule {
  table: string;
  events: ('insert' | 'update' | 'delete')[];
  stmt: (r: string) => string;
}

export const RULES: FactDayRule[] = [
  // a late event closes its agent's state that began at the agent's previous state event: the days
  // from that one on can change (live_events on PostgreSQL: one statement-level trigger per insert, below)
  {
    table: 'live_events',
    events: ['insert'],
    stmt: (r) => `delete from fact_agent_days where center_id = ${r}.center_id and agent_code = ${r}.agent and day_end > ${since(r)}`,
  },
  // a state upload replaces the live states of its agent for any window it overlaps
  { table: 'wfm_state_segments', events: ['insert', 'update', 'delete'], stmt: (r) => `delete from fact_agent_days where agent_id = ${r}.agent_id` },
  {
    table: 'wfm_shifts',
    events: ['insert', 'update', 'delete'],
    stmt: (r) => `delete from fact_agent_days where agent_id = ${r}.agent_id and day_end > ${r}.start_ts and day_start < ${r}.end_ts`,
  },
  {
    table: 'wfm_schedule_runs',
    events: ['update'],
    stmt: (r) =>
      `delete from fact_agent_days where exists (select 1 from wfm_shifts s where s.run_id = ${r}.id and s.agent_id = fact_agent_days.agent_id` +
      ` and s.end_ts > fact_agent_days.day_start and s.start_ts < fact_agent_days.day_end)`,
  },
  {
    table: 'qa_evaluations',
    events: ['insert', 'update', 'delete'],
    stmt: (r) =>
      `delete from fact_agent_days where agent_id = ${r}.agent_id and exists (select 1 from qa_calls c where c.id = ${r}.call_id` +
      ` and c.started_at >= fact_agent_days.day_start and c.started_at < fact_agent_days.day_end)`,
  },
  {
    table: 'qa_calls',
    events: ['update'],
    stmt: (r) =>
      `delete from fact_agent_days where agent_id in (select agent_id from qa_evaluations where call_id = ${r}.id)` +
      ` and day_start <= ${r}.started_at and day_end > ${r}.started_at`,
  },
  {
    table: 'wo_orders',
    events: ['insert', 'update', 'delete'],
    stmt: (r) => `delete from fact_agent_days where agent_id = ${r}.agent_id and day_start <= ${r}.verdict_at and day_end > ${r}.verdict_at`,
  },
  {
    table: 'survey_answers',
    events: ['insert', 'update', 'delete'],
    stmt: (r) => `delete from fact_agent_days where agent_id = ${r}.agent_id and day_start <= ${r}.ts and day_end > ${r}.ts`,
  },
];

const rowsOf = (e: 'insert' | 'update' | 'delete') => (e === 'insert' ? ['NEW'] : e === 'delete' ? ['OLD'] : ['OLD', 'NEW']);

/** SQLite triggers of the rules (a later migration that changes a rule builds its own with these). */
export function sqliteTriggers(rules: readonly FactDayRule[] = RULES): { create: string[]; drop: string[] } {
  const create: string[] = [];
  const drop: string[] = [];
  for (const r of rules)
    for (const e of r.events) {
      const name = `fact_days_${r.table}_${e}`;
      create.push(
        `create trigger ${name} after ${e} on ${r.table} begin ${rowsOf(e)
          .map((x) => `${r.stmt(x)};`)
          .join(' ')} end`,
      );
      drop.push(`drop trigger if exists ${name}`);
    }
  return { create, drop };
}

/** PostgreSQL trigger functions and triggers of the rules. */
export function pgTriggers(rules: readonly FactDayRule[] = RULES): { create: string[]; drop: string[] } {
  const create: string[] = [];
  const drop: string[] = [];
  for (const r of rules) {
    if (r.table === 'live_events') {
      // one delete per insert statement (a batch of the ingest), not one per event
      create.push(
        `create function fact_days_live_events() returns trigger language plpgsql as $$ begin ` +
          `delete from fact_agent_days f using (select center_id, agent, ${since('m')} as ts ` +
          `from (select center_id, agent, min(ts) as ts from fact_days_new where agent is not null group by center_id, agent) m) n ` +
          `where f.center_id = n.center_id and f.agent_code = n.agent and f.day_end > n.ts; return null; end $$`,
        `create trigger fact_days_live_events after insert on live_events referencing new table as fact_days_new for each statement execute function fact_days_live_events()`,
      );
      drop.push(`drop trigger if exists fact_days_live_events on live_events`, `drop function if exists fact_days_live_events()`);
      continue;
    }
    const fn = `fact_days_${r.table}`;
    const body = r.events
      .map(
        (e) =>
          `if tg_op = '${e.toUpperCase()}' then ${rowsOf(e)
            .map((x) => `${r.stmt(x)};`)
            .join(' ')} end if;`,
      )
      .join(' ');
    create.push(
      `create function ${fn}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`,
      `create trigger ${fn} after ${r.events.join(' or ')} on ${r.table} for each row execute function ${fn}()`,
    );
    drop.push(`drop trigger if exists ${fn} on ${r.table}`, `drop function if exists ${fn}()`);
  }
  return { create, drop };
}

export default function factDays(dialect: Dialect): Migration {
  const triggers = dialect === 'postgres' ? pgTriggers() : sqliteTriggers();
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('fact_agent_days')
        .addColumn('agent_id', 'integer', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('center_id', 'integer', (c) => c.notNull())
        .addColumn('day_start', TS, (c) => c.notNull())
        .addColumn('day_end', TS, (c) => c.notNull())
        .addColumn('agent_code', 'text')
        .addColumn('conf', 'text', (c) => c.notNull())
        .addColumn('parts', 'text', (c) => c.notNull())
        .addColumn('computed_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('fact_agent_days_pk', ['agent_id', 'day'])
        .execute();
      await db.schema.createIndex('fact_agent_days_code_idx').on('fact_agent_days').columns(['center_id', 'agent_code', 'day_end']).execute();
      await db.schema.createIndex('fact_agent_days_day_idx').on('fact_agent_days').columns(['center_id', 'day']).execute();
      for (const s of triggers.create) await sql.raw(s).execute(db);
    },
    async down(db: AnyDb) {
      for (const s of triggers.drop) await sql.raw(s).execute(db);
      await db.schema.dropTable('fact_agent_days').execute();
    },
  };
}
