import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { uniqueAs } from './errors';
import { withTx } from './db';
import { notFound } from '../core/errors';
import type { Role } from '../core/roles';
import { inScope, type Scope } from './scope';
import { bumpReportStamp } from './live/reportStamp';

type Db = Kysely<DB>;

export interface AgentInput {
  centerId: number;
  teamId: number | null;
  employeeNo: string;
  name: string;
  hireDate: string;
  skillLevel: string;
  extCode?: string | null;
  queues?: string[];
}

export async function createCenter(db: Db, name: string, timezone: string, now: number) {
  const row = await db.insertInto('centers').values({ name, timezone, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const listCenters = (db: Db) => db.selectFrom('centers').selectAll().orderBy('id').execute();
export const getCenter = (db: Db, id: number) => db.selectFrom('centers').selectAll().where('id', '=', id).executeTakeFirst();

export async function createTeam(db: Db, t: { centerId: number; name: string; leadUserId: number | null }, now: number) {
  return uniqueAs(
    'name',
    `team "${t.name}" already exists`,
    async () => {
      const row = await db
        .insertInto('teams')
        .values({ center_id: t.centerId, name: t.name, lead_user_id: t.leadUserId, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    t.name,
  );
}

export async function updateTeam(db: Db, id: number, t: { name?: string; leadUserId?: number | null }) {
  const patch: Record<string, unknown> = {};
  if (t.name !== undefined) patch.name = t.name;
  if (t.leadUserId !== undefined) patch.lead_user_id = t.leadUserId;
  if (Object.keys(patch).length === 0) return;
  const res = await uniqueAs('name', `team "${t.name}" already exists`, () => db.updateTable('teams').set(patch).where('id', '=', id).executeTakeFirst());
  if (Number(res.numUpdatedRows) === 0) throw notFound('team', id);
  // reports by agent and by team name the team: cached ones of its center are stale
  if (t.name !== undefined) {
    const team = await db.selectFrom('teams').select('center_id').where('id', '=', id).executeTakeFirst();
    if (team) await bumpReportStamp(db, team.center_id);
  }
}

/**
 * Teams, with their lead's name; `scope` limits them to what a caller sees (src/store/scope.ts): the
 * center's teams, the led ones, or an agent's own team.
 */
export function listTeams(db: Db, opts: { ids?: number[]; centerId?: number; scope?: Scope } = {}) {
  const ownAgent = opts.scope?.kind === 'self' ? (opts.scope.agentId ?? -1) : -1;
  let q = db
    .selectFrom('teams')
    .leftJoin('users', 'users.id', 'teams.lead_user_id')
    // the scope's own agent, joined to the team they are in (at most one row: agents.id is unique), so an agent's scope finds their team
    .leftJoin('agents as own', (j) => j.onRef('own.team_id', '=', 'teams.id').on('own.id', '=', ownAgent))
    .select(['teams.id', 'teams.center_id', 'teams.name', 'teams.lead_user_id', 'users.display_name as lead_name'])
    .orderBy('teams.id');
  if (opts.ids) q = q.where('teams.id', 'in', opts.ids.length ? opts.ids : [-1]);
  if (opts.centerId !== undefined) q = q.where('teams.center_id', '=', opts.centerId);
  if (opts.scope) q = q.where(inScope(opts.scope, { center: 'teams.center_id', team: 'teams.id', agent: 'own.id' }));
  return q.execute();
}

export async function getTeam(db: Db, id: number) {
  const t = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw notFound('team', id);
  return t;
}

/** Teams a user leads (a team lead may lead more than one). */
export async function teamsLedBy(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('teams').select('id').where('lead_user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

export async function createAgent(db: Db, a: AgentInput, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const row = await uniqueAs(
      'employeeNo',
      `employee number "${a.employeeNo}" is already used`,
      () =>
        tx
          .insertInto('agents')
          .values({
            center_id: a.centerId,
            team_id: a.teamId,
            employee_no: a.employeeNo,
            name: a.name,
            hire_date: a.hireDate,
            skill_level: a.skillLevel,
            status: 'active',
            ext_code: a.extCode ?? null,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      a.employeeNo,
    );
    if (a.queues?.length)
      await tx
        .insertInto('agent_queues')
        .values(a.queues.map((q) => ({ agent_id: row.id, queue: q })))
        .execute();
    // a telephony code that reports listed as unknown now names an agent: cached reports are stale
    if (a.extCode) await bumpReportStamp(tx, a.centerId);
    return row.id;
  });
}

export interface AgentPatch {
  teamId?: number | null;
  name?: string;
  hireDate?: string;
  skillLevel?: string;
  status?: 'active' | 'left';
  leftDate?: string | null;
  extCode?: string | null;
  queues?: string[];
}

export async function updateAgent(db: Db, id: number, p: AgentPatch) {
  await withTx(db, async (tx) => {
    const patch: Record<string, unknown> = {};
    if (p.teamId !== undefined) patch.team_id = p.teamId;
    if (p.name !== undefined) patch.name = p.name;
    if (p.hireDate !== undefined) patch.hire_date = p.hireDate;
    if (p.skillLevel !== undefined) patch.skill_level = p.skillLevel;
    if (p.status !== undefined) patch.status = p.status;
    if (p.leftDate !== undefined) patch.left_date = p.leftDate;
    if (p.extCode !== undefined) patch.ext_code = p.extCode;
    const exists = await tx.selectFrom('agents').select(['id', 'center_id']).where('id', '=', id).executeTakeFirst();
    if (!exists) throw notFound('agent', id);
    if (Object.keys(patch).length)
      await uniqueAs('extCode', 'telephony agent code is already used', () => tx.updateTable('agents').set(patch).where('id', '=', id).execute());
    // reports name the agent and their team by code: cached reports of the center are stale
    if (p.teamId !== undefined || p.name !== undefined || p.extCode !== undefined) await bumpReportStamp(tx, exists.center_id);
    if (p.queues) {
      await tx.deleteFrom('agent_queues').where('agent_id', '=', id).execute();
      if (p.queues.length)
        await tx
          .insertInto('agent_queues')
          .values(p.queues.map((q) => ({ agent_id: id, queue: q })))
          .execute();
    }
  });
}

export interface AgentFilter {
  ids?: number[];
  teamIds?: number[];
  status?: string;
  /** the caller's world: one center, and all of it / some teams / one agent (src/store/scope.ts) */
  scope?: Scope;
}

export async function listAgents(db: Db, f: AgentFilter = {}) {
  let q = db.selectFrom('agents').selectAll().orderBy('employee_no');
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.teamIds) q = q.where('team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.scope) q = q.where(inScope(f.scope, { center: 'center_id', team: 'team_id', agent: 'id' }));
  const agents = await q.execute();
  const ids = agents.map((a) => a.id);
  const qs = ids.length ? await db.selectFrom('agent_queues').selectAll().where('agent_id', 'in', ids).execute() : [];
  const byAgent = new Map<number, string[]>();
  for (const r of qs) byAgent.set(r.agent_id, [...(byAgent.get(r.agent_id) ?? []), r.queue]);
  return agents.map((a) => ({ ...a, queues: (byAgent.get(a.id) ?? []).sort() }));
}

export async function getAgent(db: Db, id: number) {
  const [a] = await listAgents(db, { ids: [id] });
  if (!a) throw notFound('agent', id);
  return a;
}

export interface UserInput {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  agentId?: number | null;
  centerId?: number | null;
}

export async function createUser(db: Db, u: UserInput, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const row = await uniqueAs(
      'username',
      `user name "${u.username}" is already taken`,
      () =>
        tx
          .insertInto('users')
          .values({
            username: u.username,
            display_name: u.displayName,
            password_hash: u.passwordHash,
            agent_id: u.agentId ?? null,
            center_id: u.centerId ?? null,
            active: 1,
            locale: 'zh-CN',
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      u.username,
    );
    await tx
      .insertInto('user_roles')
      .values(u.roles.map((role) => ({ user_id: row.id, role })))
      .execute();
    return row.id;
  });
}

export async function setUserRoles(db: Db, userId: number, roles: Role[]) {
  await withTx(db, async (tx) => {
    const u = await tx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!u) throw notFound('user', userId);
    await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length)
      await tx
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: userId, role })))
        .execute();
  });
}

export async function setUserPassword(db: Db, userId: number, passwordHash: string) {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function setUserActive(db: Db, userId: number, active: boolean) {
  await db
    .updateTable('users')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

export async function findUserByName(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function rolesOf(db: Db, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role as Role).sort();
}

/** Users with their roles; with a center, that center's users and the users of no center (e.g. the first admin). */
export async function listUsers(db: Db, opts: { centerId?: number } = {}) {
  let q = db.selectFrom('users').select(['id', 'username', 'display_name', 'agent_id', 'center_id', 'active', 'locale', 'created_at']).orderBy('id');
  const centerId = opts.centerId;
  if (centerId !== undefined) q = q.where((eb) => eb.or([eb('center_id', '=', centerId), eb('center_id', 'is', null)]));
  const users = await q.execute();
  const ids = users.map((u) => u.id);
  const roles = ids.length ? await db.selectFrom('user_roles').selectAll().where('user_id', 'in', ids).execute() : [];
  const by = new Map<number, string[]>();
  for (const r of roles) by.set(r.user_id, [...(by.get(r.user_id) ?? []), r.role]);
  return users.map((u) => ({ ...u, roles: (by.get(u.id) ?? []).sort() }));
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Sessions: the id stored is a hash of the cookie token, so a leaked table does not leak sessions.
export async function createSession(db: Db, s: { idHash: string; userId: number; csrf: string; now: number; ttlMs: number }) {
  await db
    .insertInto('sessions')
    .values({ id: s.idHash, user_id: s.userId, csrf: s.csrf, created_at: s.now, expires_at: s.now + s.ttlMs })
    .execute();
}

export async function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf',
      'sessions.expires_at',
      'users.username',
      'users.display_name',
      'users.agent_id',
      'users.center_id',
      'users.active',
      'users.locale',
    ])
    .where('sessions.id', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, expiresAt: number) {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

/** Ends every session of a user except `keepIdHash` (a password change keeps the changer's own). Returns how many ended. */
export async function deleteUserSessions(db: Db, userId: number, keepIdHash?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id', '!=', keepIdHash);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: number) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function getSetting<T>(db: Db, centerId: number, key: string): Promise<T | undefined> {
  const r = await db.selectFrom('settings').select('value').where('center_id', '=', centerId).where('key', '=', key).executeTakeFirst();
  return r ? (JSON.parse(r.value) as T) : undefined;
}

/**
 * Settings read on every keystroke (the KB's search policy and synonyms) are kept per process for a few
 * seconds instead of costing a round trip each time. A write through putSetting in this process is seen at
 * once (the entry's version moves, whichever store or transaction wrote it); a write by another instance is
 * seen within SETTING_CACHE_MS.
 */
export const SETTING_CACHE_MS = 5_000;
const settingVersions = new Map<string, number>();
const settingCache = new WeakMap<object, Map<string, { value: unknown; version: number; at: number }>>();
const settingKey = (centerId: number, key: string) => `${centerId}\u0000${key}`;
function forgetCachedSetting(centerId: number, key: string) {
  const k = settingKey(centerId, key);
  settingVersions.set(k, (settingVersions.get(k) ?? 0) + 1);
}

/** getSetting through the per-process cache above; only for settings whose short staleness across instances is harmless. */
export async function getSettingCached<T>(db: Db, centerId: number, key: string): Promise<T | undefined> {
  const k = settingKey(centerId, key);
  let byKey = settingCache.get(db);
  if (!byKey) settingCache.set(db, (byKey = new Map()));
  const hit = byKey.get(k);
  const version = settingVersions.get(k) ?? 0;
  if (hit && hit.version === version && performance.now() - hit.at < SETTING_CACHE_MS) return hit.value as T | undefined;
  const value = await getSetting<T>(db, centerId, key);
  byKey.set(k, { value, version, at: performance.now() });
  return value;
}

/**
 * Claims a once-a-day job of a center for `day` (a daily check run by every instance): true for the one
 * caller that moves the setting to `day`, false when it already holds it (another instance, or a re-run).
 */
export async function claimDay(db: Db, centerId: number, key: string, day: string, now: number): Promise<boolean> {
  const v = JSON.stringify(day);
  const inserted = await db
    .insertInto('settings')
    .values({ center_id: centerId, key, value: v, updated_at: now })
    .onConflict((oc) => oc.columns(['center_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const moved = await db
    .updateTable('settings')
    .set({ value: v, updated_at: now })
    .where('center_id', '=', centerId)
    .where('key', '=', key)
    .where('value', '!=', v)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) > 0;
}

export async function putSetting(db: Db, centerId: number, key: string, value: unknown, now: number) {
  const v = JSON.stringify(value);
  forgetCachedSetting(centerId, key);
  await db
    .insertInto('settings')
    .values({ center_id: centerId, key, value: v, updated_at: now })
    .onConflict((oc) => oc.columns(['center_id', 'key']).doUpdateSet({ value: v, updated_at: now }))
    .execute();
}
