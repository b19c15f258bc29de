import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Peer help (issue 17, seed 000: 一幫一, 跟聽, 小隊長): help plans (a pair — mentor and mentee — or a study
 * group — a leader and members) with a goal, an optional KPI target, dates, follow-ups and a closing result;
 * squads (a lead names a squad leader over some of their team's agents: a scoped delegation); and shadowing
 * bookings (an agent listens to a top agent; the booking is also a 'shadow' activity inside the listener's
 * published shift, so the schedule's coverage and adherence account for it).
 */
export default function peer(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('peer_plans'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('leader_agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('goal', 'text', (c) => c.notNull())
        .addColumn('kpi', 'text')
        .addColumn('kpi_target', dialect === 'postgres' ? 'double precision' : 'real')
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('result_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('peer_plans_center_idx').on('peer_plans').columns(['center_id', 'team_id', 'status']).execute();
      await db.schema
        .createTable('peer_plan_members')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('peer_plans.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('peer_plan_members_pk', ['plan_id', 'agent_id'])
        .execute();
      await db.schema.createIndex('peer_plan_members_agent_idx').on('peer_plan_members').column('agent_id').execute();
      await withId(db.schema.createTable('peer_followups'), dialect)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('peer_plans.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('peer_followups_plan_idx').on('peer_followups').columns(['plan_id', 'date']).execute();
      await withId(db.schema.createTable('peer_squads'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('leader_agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('peer_squads_leader_uq', ['leader_agent_id'])
        .execute();
      await db.schema
        .createTable('peer_squad_members')
        .addColumn('squad_id', 'integer', (c) => c.notNull().references('peer_squads.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('peer_squad_members_pk', ['squad_id', 'agent_id'])
        .execute();
      await db.schema.createIndex('peer_squad_members_agent_idx').on('peer_squad_members').column('agent_id').execute();
      await withId(db.schema.createTable('peer_shadowing'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('top_agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('shift_id', 'integer', (c) => c.notNull().references('wfm_shifts.id').onDelete('cascade'))
        .addColumn('start_ts', TS, (c) => c.notNull())
        .addColumn('end_ts', TS, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('peer_shadowing_agent_idx').on('peer_shadowing').columns(['center_id', 'agent_id', 'start_ts']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('peer_shadowing').execute();
      await db.schema.dropTable('peer_squad_members').execute();
      await db.schema.dropTable('peer_squads').execute();
      await db.schema.dropTable('peer_followups').execute();
      await db.schema.dropTable('peer_plan_members').execute();
      await db.schema.dropTable('peer_plans').execute();
    },
  };
}
