import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;

/** Small look-ups the quality and performance use cases need. */

export async function centerTimezone(db: Db, centerId: number): Promise<string> {
  const c = await db.selectFrom('centers').select('timezone').where('id', '=', centerId).executeTakeFirst();
  return c?.timezone ?? 'Asia/Shanghai';
}

export async function agentIdsOfTeams(db: Db, teamIds: readonly number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('agents')
    .select('id')
    .where('team_id', 'in', teamIds.length ? [...teamIds] : [-1])
    .execute();
  return rows.map((r) => r.id);
}

export async function agentIdsByEmployeeNo(db: Db, centerId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('agents').select(['id', 'employee_no']).where('center_id', '=', centerId).execute();
  return new Map(rows.map((a) => [a.employee_no, a.id]));
}

/** Of these agents, those of the scope's center, and those the scope sees (its teams' / its own). */
export async function agentsInScope(db: Db, scope: Scope, ids: readonly number[]): Promise<{ known: number[]; visible: number[] }> {
  if (!ids.length) return { known: [], visible: [] };
  const known = (
    await db
      .selectFrom('agents')
      .select('id')
      .where('center_id', '=', scope.centerId)
      .where('id', 'in', [...ids])
      .execute()
  ).map((r) => r.id);
  const visible = known.length
    ? (
        await db
          .selectFrom('agents')
          .select('id')
          .where('id', 'in', known)
          .where(inScope(scope, { center: 'center_id', team: 'team_id', agent: 'id' }))
          .execute()
      ).map((r) => r.id)
    : [];
  return { known, visible };
}

/** The team of an agent (null when none or unknown). */
export async function teamOfAgent(db: Db, agentId: number): Promise<number | null> {
  const r = await db.selectFrom('agents').select('team_id').where('id', '=', agentId).executeTakeFirst();
  return r?.team_id ?? null;
}

/** Active users of a center (or of no center) holding the `qa` role. */
export async function listEvaluators(db: Db, centerId: number) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.username'])
    .where('user_roles.role', '=', 'qa')
    .where('users.active', '=', 1)
    .where((eb) => eb.or([eb('users.center_id', '=', centerId), eb('users.center_id', 'is', null)]))
    .orderBy('users.id')
    .execute();
}

/** Of these user ids, those that exist. */
export async function existingUserIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  return (
    await db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', [...ids])
      .execute()
  ).map((r) => r.id);
}

/** Display names of users by id. */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((u) => [u.id, u.display_name]));
}
