import type { Kysely } from 'kysely';
import type { DB } from '../schema';

type Db = Kysely<DB>;

/** Small look-ups the quality and performance routes need. */

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

/** Active users holding the `qa` role. */
export async function listEvaluators(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.username'])
    .where('user_roles.role', '=', 'qa')
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .execute();
}
