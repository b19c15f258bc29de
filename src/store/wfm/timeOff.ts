/** Time-off requests (issue 15, migration 041): stored, listed by scope, decided; a granted one becomes leave and frees the day's published shift. */
import { conflict, notFound } from '../../core/errors';
import { audit } from '../audit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { inScope, type Scope } from '../scope';
import { shrinkageOf } from './schedules';

type Db = Kysely<DB>;

export type TimeOffStatus = 'pending' | 'approved' | 'rejected';

export interface TimeOffInput {
  centerId: number;
  agentId: number;
  date: string;
  kind: string;
  note: string | null;
  /** why it waits: the first interval that would be short, and by how many agents */
  shortAt: number | null;
  short: number | null;
}

/** Stores a request (pending); a second open request of the agent for the day is refused by the date. */
export async function addTimeOff(db: Db, r: TimeOffInput, userId: number | null, now: number): Promise<number> {
  const row = await uniqueAs(
    'date',
    `agent ${r.agentId} already asked for ${r.date}`,
    () =>
      db
        .insertInto('wfm_time_off')
        .values({
          center_id: r.centerId,
          agent_id: r.agentId,
          date: r.date,
          kind: r.kind,
          note: r.note,
          status: 'pending',
          short_at: r.shortAt,
          short: r.short,
          created_by: userId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    r.date,
  );
  return row.id;
}

export async function getTimeOff(db: Db, id: number) {
  const r = await db.selectFrom('wfm_time_off').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('timeOff', id);
  return r;
}

/** Requests in the scope (an agent: their own; a lead: their teams'; others: the center's), newest date first. */
export function listTimeOff(db: Db, f: { scope: Scope; fromDate?: string; toDate?: string; status?: TimeOffStatus }) {
  let q = db
    .selectFrom('wfm_time_off as o')
    .innerJoin('agents as a', 'a.id', 'o.agent_id')
    .select([
      'o.id',
      'o.agent_id',
      'o.date',
      'o.kind',
      'o.note',
      'o.status',
      'o.decided_how',
      'o.decided_at',
      'o.short_at',
      'o.short',
      'o.created_at',
      'a.name',
      'a.employee_no',
      'a.team_id',
    ])
    .where(inScope(f.scope, { center: 'o.center_id', team: 'a.team_id', agent: 'o.agent_id' }))
    .orderBy('o.date', 'desc')
    .orderBy('o.id', 'desc')
    .limit(500);
  if (f.fromDate) q = q.where('o.date', '>=', f.fromDate);
  if (f.toDate) q = q.where('o.date', '<=', f.toDate);
  if (f.status) q = q.where('o.status', '=', f.status);
  return q.execute();
}

/** Granted requests per date of a center between two dates (the allowance already used). */
export async function grantedByDate(db: Db, centerId: number, fromDate: string, toDate: string): Promise<Map<string, { approved: number; pending: number }>> {
  const rows = await db
    .selectFrom('wfm_time_off')
    .select(['date', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', centerId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .where('status', 'in', ['approved', 'pending'])
    .groupBy(['date', 'status'])
    .execute();
  const out = new Map<string, { approved: number; pending: number }>();
  for (const r of rows) {
    const v = out.get(r.date) ?? { approved: 0, pending: 0 };
    v[r.status as 'approved' | 'pending'] += Number(r.n);
    out.set(r.date, v);
  }
  return out;
}

/**
 * Decides a pending request. Granting records the leave and removes the agent's published shifts that start
 * within the day [dayStart, dayEnd) (the coverage they gave is what the allowance spared), all in one transaction.
 */
export async function decideTimeOff(
  db: Db,
  id: number,
  d: { approve: boolean; how: 'auto' | 'person'; userId: number | null; now: number; dayStart: number; dayEnd: number },
): Promise<{ removedShifts: number }> {
  return withTx(db, async (tx) => {
    const r = await getTimeOff(tx, id);
    if (r.status !== 'pending')
      throw conflict(`time-off request ${id} is already ${r.status}`, 'status', { reason: 'wfm.timeOffDecided', params: { status: r.status } });
    let removedShifts = 0;
    if (d.approve) {
      const leave = await tx.selectFrom('wfm_leave').select('id').where('agent_id', '=', r.agent_id).where('date', '=', r.date).executeTakeFirst();
      if (!leave) await tx.insertInto('wfm_leave').values({ agent_id: r.agent_id, date: r.date, kind: r.kind, created_at: d.now }).execute();
      const shifts = await tx
        .selectFrom('wfm_shifts as s')
        .innerJoin('wfm_schedule_runs as run', 'run.id', 's.run_id')
        .select('s.id')
        .where('s.agent_id', '=', r.agent_id)
        .where('run.status', '=', 'published')
        .where('s.start_ts', '>=', d.dayStart)
        .where('s.start_ts', '<', d.dayEnd)
        .execute();
      if (shifts.length)
        await tx
          .deleteFrom('wfm_shifts')
          .where(
            'id',
            'in',
            shifts.map((s) => s.id),
          )
          .execute();
      removedShifts = shifts.length;
    }
    await tx
      .updateTable('wfm_time_off')
      .set({ status: d.approve ? 'approved' : 'rejected', decided_how: d.how, decided_by: d.userId, decided_at: d.now })
      .where('id', '=', id)
      .execute();
    await audit(tx, {
      at: d.now,
      userId: d.userId,
      action: d.approve ? 'wfm.timeOff.approve' : 'wfm.timeOff.reject',
      entity: 'agent',
      entityId: r.agent_id,
      detail: { request: id, date: r.date, how: d.how, removedShifts },
    });
    return { removedShifts };
  });
}

/** The published run of a center's week with its requirement (and the shrinkage it was computed with, migration 059), or null when the week is not published. */
export async function publishedWeek(db: Db, centerId: number, weekStart: string) {
  const run = await db
    .selectFrom('wfm_schedule_runs as r')
    .innerJoin('wfm_requirements as q', 'q.id', 'r.requirement_id')
    .select(['r.id', 'q.interval_min', 'q.required', 'q.by_queue', 'q.shrinkage_total', 'q.shrinkage_leave', 'q.shrinkage_activity'])
    .where('r.center_id', '=', centerId)
    .where('r.week_start', '=', weekStart)
    .where('r.status', '=', 'published')
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  return run
    ? {
        runId: run.id,
        intervalMin: run.interval_min,
        required: JSON.parse(run.required) as number[],
        /** the requirement per queue (migration 047) when it was made from one forecast per queue; null: no split */
        byQueue: run.by_queue ? (JSON.parse(run.by_queue) as Record<string, number[]>) : null,
        shrinkage: shrinkageOf(run),
      }
    : null;
}

/**
 * Takes the write lock on a published run inside the caller's transaction (a no-op update: a row lock on
 * PostgreSQL, the database's write lock on SQLite). Granting time off against that week holds it, so two
 * grants of the last spare agent, from any instance, are checked one after the other.
 */
export async function lockPublishedRun(tx: Db, runId: number): Promise<void> {
  if (!tx.isTransaction) throw new Error('lockPublishedRun needs a transaction');
  await sql`update wfm_schedule_runs set status = status where id = ${runId}`.execute(tx);
}
