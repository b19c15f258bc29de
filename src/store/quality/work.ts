/**
 * The evaluator's work queue, the recording library, report look-ups and coaching (質檢工作、錄音分享、
 * 輔導): the SQL. Sampling, the report's figures and coaching's before / after are in src/services/quality.
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../schema';
import { notFound } from '../../core/errors';
import { DEFAULT_SAMPLING_PLAN, templateItems, type SamplingPlan } from '../../core/quality/index';
import { getSetting } from '../org';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;

export const SAMPLING_SETTING = 'quality.samplingPlan';

export async function getSamplingPlan(db: Db, centerId: number): Promise<SamplingPlan> {
  return (await getSetting<SamplingPlan>(db, centerId, SAMPLING_SETTING)) ?? DEFAULT_SAMPLING_PLAN;
}

export async function insertWorkItems(db: Db, rows: Insertable<DB['qa_work_items']>[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('qa_work_items')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** An evaluated call leaves the work queue: its work item points at the evaluation. */
export async function closeWorkItemsOf(db: Db, centerId: number, callId: string, evaluationId: number) {
  await db.updateTable('qa_work_items').set({ evaluation_id: evaluationId }).where('center_id', '=', centerId).where('call_id', '=', callId).execute();
}

/** Work items of a center, oldest call first; `offset` / `limit` page through them. */
export async function listWorkQueue(db: Db, centerId: number, f: { evaluatorId?: number; pending?: boolean; limit?: number; offset?: number }) {
  let q = db
    .selectFrom('qa_work_items')
    .innerJoin('qa_calls', (j) => j.onRef('qa_calls.center_id', '=', 'qa_work_items.center_id').onRef('qa_calls.id', '=', 'qa_work_items.call_id'))
    .innerJoin('agents', 'agents.id', 'qa_work_items.agent_id')
    .innerJoin('users', 'users.id', 'qa_work_items.evaluator_id')
    .select([
      'qa_work_items.id',
      'qa_work_items.call_id',
      'qa_work_items.agent_id',
      'agents.name as agent_name',
      'agents.employee_no',
      'qa_work_items.evaluator_id',
      'users.display_name as evaluator_name',
      'qa_work_items.week',
      'qa_work_items.reasons',
      'qa_work_items.evaluation_id',
      'qa_calls.queue',
      'qa_calls.started_at',
      'qa_calls.duration_s',
      'qa_calls.recording_url',
    ])
    .where('qa_work_items.center_id', '=', centerId)
    // the id breaks ties so pages neither repeat nor skip items of the same instant
    .orderBy('qa_calls.started_at')
    .orderBy('qa_work_items.id')
    .limit(f.limit ?? 300)
    .offset(f.offset ?? 0);
  if (f.evaluatorId !== undefined) q = q.where('qa_work_items.evaluator_id', '=', f.evaluatorId);
  if (f.pending) q = q.where('qa_work_items.evaluation_id', 'is', null);
  return (await q.execute()).map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as string[] }));
}

// ---- recording library (錄音分享) ----

export async function insertLibraryEntry(db: Db, row: Insertable<DB['qa_library']>): Promise<number> {
  return (await db.insertInto('qa_library').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Library entries; `teamIds` limits to entries shared with those teams (an entry shared with no team is for the whole center). */
export async function listLibrary(db: Db, centerId: number, f: { teamIds?: number[] } = {}) {
  const rows = await db
    .selectFrom('qa_library')
    .innerJoin('qa_calls', (j) => j.onRef('qa_calls.center_id', '=', 'qa_library.center_id').onRef('qa_calls.id', '=', 'qa_library.call_id'))
    .innerJoin('agents', 'agents.id', 'qa_calls.agent_id')
    .innerJoin('users', 'users.id', 'qa_library.created_by')
    .select([
      'qa_library.id',
      'qa_library.call_id',
      'qa_library.tag',
      'qa_library.title',
      'qa_library.note',
      'qa_library.team_ids',
      'qa_library.created_at',
      'users.display_name as shared_by',
      'qa_calls.recording_url',
      'qa_calls.queue',
      'qa_calls.duration_s',
      'agents.name as agent_name',
    ])
    .where('qa_library.center_id', '=', centerId)
    .orderBy('qa_library.id', 'desc')
    .execute();
  // team_ids is a JSON list: filtered here, the same way on both databases
  return rows
    .map((r) => ({ ...r, team_ids: JSON.parse(r.team_ids) as number[] }))
    .filter((r) => !f.teamIds || r.team_ids.length === 0 || r.team_ids.some((t) => f.teamIds!.includes(t)));
}

/** Deletes a library entry of a center; false when there was none. */
export async function deleteLibraryEntry(db: Db, centerId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('qa_library').where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- report look-ups ----

export type ReportGroup = 'agent' | 'team' | 'evaluator' | 'month';

/** Display names of a report's groups (agents as "employee no name"); months have none. */
export async function groupNames(db: Db, by: ReportGroup, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.map(Number).filter(Number.isFinite);
  if (!ids.length || by === 'month') return new Map();
  if (by === 'agent')
    return new Map(
      (await db.selectFrom('agents').select(['id', 'name', 'employee_no']).where('id', 'in', ids).execute()).map((r) => [
        String(r.id),
        `${r.employee_no} ${r.name}`,
      ]),
    );
  if (by === 'team') return new Map((await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [String(r.id), r.name]));
  return new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((r) => [String(r.id), r.display_name]));
}

/** Item id → label over every template version of the center (newest label wins). */
export async function itemLabels(db: Db, centerId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('qa_templates').select('definition').where('center_id', '=', centerId).orderBy('id').execute();
  const m = new Map<string, string>();
  for (const r of rows) for (const { item } of templateItems(JSON.parse(r.definition))) m.set(item.id, item.label);
  return m;
}

// ---- coaching (輔導) ----

export async function insertCoaching(db: Db, row: Insertable<DB['qa_coaching']>, agentIds: readonly number[]): Promise<number> {
  const { id } = await db.insertInto('qa_coaching').values(row).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('qa_coaching_agents')
    .values(agentIds.map((agent_id) => ({ coaching_id: id, agent_id })))
    .execute();
  return id;
}

export async function setCoachingFollowUp(db: Db, id: number, followUp: unknown) {
  await db
    .updateTable('qa_coaching')
    .set({ state: 'followedUp', follow_up: JSON.stringify(followUp) })
    .where('id', '=', id)
    .execute();
}

/**
 * Coaching sessions the scope sees, newest first: the whole center, or those with at least one of
 * the scope's agents (team leads: agents of their teams; agents: their own). `id` picks one.
 */
export async function listCoaching(db: Db, scope: Scope, f: { id?: number } = {}) {
  let q = db
    .selectFrom('qa_coaching')
    .innerJoin('users', 'users.id', 'qa_coaching.created_by')
    .selectAll('qa_coaching')
    .select('users.display_name as coach_name')
    .where('qa_coaching.center_id', '=', scope.centerId)
    .orderBy('qa_coaching.id', 'desc');
  if (f.id !== undefined) q = q.where('qa_coaching.id', '=', f.id);
  if (scope.kind !== 'all')
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('qa_coaching_agents')
          .innerJoin('agents', 'agents.id', 'qa_coaching_agents.agent_id')
          .select('qa_coaching_agents.agent_id')
          .whereRef('qa_coaching_agents.coaching_id', '=', 'qa_coaching.id')
          .where(inScope(scope, { team: 'agents.team_id', agent: 'qa_coaching_agents.agent_id' })),
      ),
    );
  const rows = await q.execute();
  const links = rows.length
    ? await db
        .selectFrom('qa_coaching_agents')
        .innerJoin('agents', 'agents.id', 'qa_coaching_agents.agent_id')
        .select(['coaching_id', 'agent_id', 'agents.name'])
        .where(
          'coaching_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    baseline: JSON.parse(r.baseline),
    follow_up: r.follow_up ? JSON.parse(r.follow_up) : null,
    agents: links.filter((l) => l.coaching_id === r.id).map((l) => ({ id: l.agent_id, name: l.name })),
  }));
}

/** One coaching session of a center (whoever may see it). */
export async function getCoaching(db: Db, centerId: number, id: number) {
  const [c] = await listCoaching(db, { kind: 'all', centerId }, { id });
  if (!c) throw notFound('coachingSession', id);
  return c;
}
