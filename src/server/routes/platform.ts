import { z } from 'zod';
import { forbidden, validationError } from '../../core/errors';
import { ROLES, type Role } from '../../core/roles';
import { audit, listAudit } from '../../store/audit';
import {
  createAgent,
  createTeam,
  createUser,
  deleteUserSessions,
  findUserByName,
  getAgent,
  getSetting,
  getTeam,
  listAgents,
  listCenters,
  listTeams,
  listUsers,
  putSetting,
  rolesOf,
  setUserActive,
  setUserPassword,
  setUserRoles,
  updateAgent,
  updateTeam,
} from '../../store/org';
import { assertCertifiedForQueues } from '../../store/people/training';
import { hashPassword, PASSWORD_MAX, passwordProblem, verifyPassword } from '../password';
import { agentScope, centerOf, route, type Caller, type RouteDef } from '../route';
import { endSession, sessionKeyOf, startSession } from '../session';
import { accessChanged } from '../live';
import type { ServerContext } from '../context';
import { isoDate } from '../schemas';
import { idParams as contractIdParams } from '../../contract/atoms';

const ADMINS: Role[] = ['admin', 'center_manager'];
const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];

export const idParams = contractIdParams;
const date = isoDate;
const skillLevel = z.enum(['junior', 'intermediate', 'senior']);
const roleEnum = z.enum(ROLES);

/**
 * The center a caller works in, as resolved once for the request (Caller.centerId, see route.ts
 * `centerOf`): never "the first center"; a user of no center in a database of several is refused.
 * Kept async with the context for its many call sites.
 */
export async function callerCenterId(_ctx: ServerContext, c: Caller): Promise<number> {
  return centerOf(c);
}

/** Throws forbidden unless the caller may see this agent's records. */
export async function assertCanSeeAgent(ctx: ServerContext, c: Caller, agentId: number) {
  const s = agentScope(c);
  if (s.kind === 'all') return;
  if (s.kind === 'self') {
    if (s.agentId !== agentId) throw forbidden('agents see only their own records');
    return;
  }
  const a = await getAgent(ctx.store.db, agentId);
  if (a.team_id == null || !s.teamIds.includes(a.team_id)) throw forbidden('team leads see only their own teams');
}

const passwordTooLong = { reason: 'password.tooLong', message: `must be at most ${PASSWORD_MAX} characters`, params: { max: PASSWORD_MAX } } as const;

/** A refused password as a validation error naming the field, with its reason for the web. */
function passwordError(field: string, p: { reason: string; message: string; params: Record<string, number> }) {
  return validationError(field, p.message, { reason: p.reason, params: { field, ...p.params } });
}

function publicUser(c: Caller) {
  return {
    id: c.userId,
    username: c.username,
    displayName: c.displayName,
    roles: c.roles,
    agentId: c.agentId,
    centerId: c.centerId,
    ledTeamIds: c.ledTeamIds,
    locale: c.locale,
  };
}

export const platformRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/health',
    access: 'public',
    summary: 'Liveness and database check',
    handler: async ({ ctx }) => {
      await listCenters(ctx.store.db);
      return { ok: true, db: ctx.store.dialect };
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/login',
    access: 'public',
    summary: 'Sign in; sets an HTTP-only session cookie and returns the CSRF token',
    // the length cap is checked in the handler (with a reason), before any hashing; zod only bounds the body
    body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(10_000) }),
    handler: async ({ body, ctx, reply }) => {
      // refused early, without hashing: no account can have a longer password (the same cap applies when it is set)
      if ([...body.password].length > PASSWORD_MAX) throw passwordError('body.password', passwordTooLong);
      const u = await findUserByName(ctx.store.db, body.username);
      // Verify against a dummy hash when the user is unknown, so timing does not reveal user names.
      const ok = await verifyPassword(body.password, u?.password_hash ?? DUMMY_HASH);
      if (!u || !ok || !u.active) {
        return reply.status(401).send({ error: 'unauthorized', message: 'wrong user name or password' });
      }
      const csrf = await startSession(ctx, reply, u.id);
      await audit(ctx.store.db, { at: ctx.now(), userId: u.id, action: 'login', entity: 'user', entityId: u.id });
      return { csrf, user: { id: u.id, username: u.username, displayName: u.display_name, roles: await rolesOf(ctx.store.db, u.id) } };
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/logout',
    access: 'any',
    summary: 'Sign out (closes the live sockets of this session)',
    handler: async ({ ctx, req, reply, caller }) => {
      await endSession(ctx, req, reply);
      accessChanged(ctx, caller.userId, 'logout');
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/auth/me',
    access: 'any',
    summary: 'The signed-in user, roles, teams led and CSRF token',
    handler: async ({ caller }) => ({ user: publicUser(caller), csrf: caller.csrf }),
  }),
  route({
    method: 'PUT',
    url: '/api/auth/locale',
    access: 'any',
    summary: 'Save the UI language',
    body: z.object({ locale: z.enum(['zh-CN', 'zh-TW', 'en']) }),
    handler: async ({ body, caller, ctx }) => {
      await ctx.store.db.updateTable('users').set({ locale: body.locale }).where('id', '=', caller.userId).execute();
      return { ok: true };
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/password',
    access: 'any',
    summary: "Change own password (ends the user's other sessions and their live sockets; keeps this one)",
    body: z.object({ oldPassword: z.string().max(10_000), newPassword: z.string().max(10_000) }),
    handler: async ({ body, caller, ctx, req }) => {
      // the new password's rules first: refusing it costs no hashing
      const p = passwordProblem(body.newPassword);
      if (p) throw passwordError('body.newPassword', p);
      const u = await findUserByName(ctx.store.db, caller.username);
      if (!u || [...body.oldPassword].length > PASSWORD_MAX || !(await verifyPassword(body.oldPassword, u.password_hash)))
        throw validationError('body.oldPassword', 'current password is wrong', { reason: 'password.wrongCurrent', params: { field: 'body.oldPassword' } });
      await setUserPassword(ctx.store.db, caller.userId, await hashPassword(body.newPassword));
      const ended = await deleteUserSessions(ctx.store.db, caller.userId, sessionKeyOf(req));
      await audit(ctx.store.db, {
        at: ctx.now(),
        userId: caller.userId,
        action: 'password.change',
        entity: 'user',
        entityId: caller.userId,
        detail: { sessionsEnded: ended },
      });
      accessChanged(ctx, caller.userId, 'password');
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/centers',
    access: 'any',
    summary: 'Centers',
    handler: async ({ ctx }) => listCenters(ctx.store.db),
  }),
  route({
    method: 'GET',
    url: '/api/teams',
    access: 'any',
    summary: 'Teams the caller may see (all, led teams, or own team)',
    handler: async ({ caller, ctx }) => {
      const s = agentScope(caller);
      if (s.kind === 'all') return listTeams(ctx.store.db);
      if (s.kind === 'teams') return listTeams(ctx.store.db, { ids: s.teamIds });
      if (s.agentId == null) return [];
      const a = await getAgent(ctx.store.db, s.agentId);
      return listTeams(ctx.store.db, { ids: a.team_id == null ? [] : [a.team_id] });
    },
  }),
  route({
    method: 'POST',
    url: '/api/teams',
    access: ADMINS,
    summary: 'Create a team',
    body: z.object({ name: z.string().trim().min(1).max(100), leadUserId: z.number().int().positive().nullable().optional() }),
    handler: async ({ body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const made = await ctx.store.db.transaction().execute(async (tx) => {
        const id = await createTeam(tx, { centerId, name: body.name, leadUserId: body.leadUserId ?? null }, ctx.now());
        await audit(tx, { at: ctx.now(), userId: caller.userId, action: 'team.create', entity: 'team', entityId: id, detail: body });
        return { id };
      });
      if (body.leadUserId != null) accessChanged(ctx, body.leadUserId, 'teams'); // their sockets re-read the teams they lead
      return made;
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/teams/:id',
    access: ADMINS,
    summary: 'Rename a team or change its lead',
    params: idParams,
    body: z.object({ name: z.string().trim().min(1).max(100).optional(), leadUserId: z.number().int().positive().nullable().optional() }),
    handler: async ({ body, params, caller, ctx }) => {
      const before = await getTeam(ctx.store.db, params.id);
      const team = await ctx.store.db.transaction().execute(async (tx) => {
        await updateTeam(tx, params.id, body);
        await audit(tx, { at: ctx.now(), userId: caller.userId, action: 'team.update', entity: 'team', entityId: params.id, detail: body });
        return getTeam(tx, params.id);
      });
      // the old and the new lead see other teams now: their open sockets are re-checked
      if (before.lead_user_id !== team.lead_user_id)
        accessChanged(
          ctx,
          [before.lead_user_id, team.lead_user_id].filter((u): u is number => u != null),
          'teams',
        );
      return team;
    },
  }),
  route({
    method: 'GET',
    url: '/api/agents',
    access: 'any',
    summary: 'Agents the caller may see (center-wide roles: all; team leads: their teams; agents: themselves)',
    query: z.object({ teamId: z.coerce.number().int().optional(), status: z.enum(['active', 'left']).optional() }),
    handler: async ({ query, caller, ctx }) => {
      const s = agentScope(caller);
      const f = { status: query.status, teamIds: query.teamId ? [query.teamId] : undefined } as Parameters<typeof listAgents>[1] & {};
      if (s.kind === 'teams') f.teamIds = (f.teamIds ?? s.teamIds).filter((t) => s.teamIds.includes(t));
      if (s.kind === 'self') f.ids = s.agentId == null ? [] : [s.agentId];
      return listAgents(ctx.store.db, f);
    },
  }),
  route({
    method: 'GET',
    url: '/api/agents/:id',
    access: 'any',
    summary: 'One agent (only if the caller may see them)',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await assertCanSeeAgent(ctx, caller, params.id);
      return getAgent(ctx.store.db, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/agents',
    access: ADMINS,
    summary: 'Create an agent (坐席)',
    body: z.object({
      employeeNo: z.string().trim().min(1).max(40),
      name: z.string().trim().min(1).max(100),
      teamId: z.number().int().positive().nullable(),
      hireDate: date,
      skillLevel: skillLevel.default('junior'),
      extCode: z.string().trim().max(40).nullable().optional(),
      queues: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    }),
    handler: async ({ body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      if (body.teamId != null)
        await getTeam(ctx.store.db, body.teamId).catch(() => {
          throw validationError('body.teamId', `team ${body.teamId} does not exist`);
        });
      // go-live gate (issue 6): a queue under certification needs a valid certification first
      await assertCertifiedForQueues(ctx.store.db, centerId, null, body.queues, [], ctx.now());
      const id = await createAgent(ctx.store.db, { ...body, centerId }, ctx.now());
      await audit(ctx.store.db, { at: ctx.now(), userId: caller.userId, action: 'agent.create', entity: 'agent', entityId: id, detail: body });
      return getAgent(ctx.store.db, id);
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/agents/:id',
    access: ADMINS,
    summary: 'Change an agent: team, skill level, queues, status (left)',
    params: idParams,
    body: z.object({
      name: z.string().trim().min(1).max(100).optional(),
      teamId: z.number().int().positive().nullable().optional(),
      hireDate: date.optional(),
      skillLevel: skillLevel.optional(),
      status: z.enum(['active', 'left']).optional(),
      leftDate: date.nullable().optional(),
      extCode: z.string().trim().max(40).nullable().optional(),
      queues: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
    }),
    handler: async ({ body, params, caller, ctx }) => {
      if (body.queues) {
        // go-live gate (issue 6): adding a queue the center put under certification needs the
        // agent's valid certification for it (src/store/people/training.ts assertCertifiedForQueues)
        const current = await getAgent(ctx.store.db, params.id);
        await assertCertifiedForQueues(ctx.store.db, current.center_id, params.id, body.queues, current.queues, ctx.now());
      }
      await updateAgent(ctx.store.db, params.id, body);
      await audit(ctx.store.db, { at: ctx.now(), userId: caller.userId, action: 'agent.update', entity: 'agent', entityId: params.id, detail: body });
      return getAgent(ctx.store.db, params.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/users',
    access: ['admin'],
    summary: 'Users and their roles',
    handler: async ({ ctx }) => listUsers(ctx.store.db),
  }),
  route({
    method: 'POST',
    url: '/api/users',
    access: ['admin'],
    summary: 'Create a user with roles',
    body: z.object({
      username: z
        .string()
        .trim()
        .min(2)
        .max(60)
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
      displayName: z.string().trim().min(1).max(100),
      password: z.string(),
      roles: z.array(roleEnum).min(1),
      agentId: z.number().int().positive().nullable().optional(),
    }),
    handler: async ({ body, caller, ctx }) => {
      const p = passwordProblem(body.password);
      if (p) throw passwordError('body.password', p);
      if (body.agentId != null) await getAgent(ctx.store.db, body.agentId);
      const centerId = await callerCenterId(ctx, caller).catch(() => null);
      const id = await createUser(ctx.store.db, { ...body, passwordHash: await hashPassword(body.password), centerId }, ctx.now());
      const { password: _pw, ...safe } = body;
      await audit(ctx.store.db, { at: ctx.now(), userId: caller.userId, action: 'user.create', entity: 'user', entityId: id, detail: safe });
      return { id };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/users/:id/roles',
    access: ['admin'],
    summary: "Replace a user's roles",
    params: idParams,
    body: z.object({ roles: z.array(roleEnum) }),
    handler: async ({ body, params, caller, ctx }) => {
      if (params.id === caller.userId && !body.roles.includes('admin')) throw validationError('body.roles', 'you cannot remove your own admin role');
      await setUserRoles(ctx.store.db, params.id, body.roles);
      await audit(ctx.store.db, { at: ctx.now(), userId: caller.userId, action: 'user.roles', entity: 'user', entityId: params.id, detail: body });
      accessChanged(ctx, params.id, 'roles');
      return { ok: true };
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    access: ['admin'],
    summary: 'Deactivate / reactivate a user or reset their password (a reset or deactivation ends all their sessions and live sockets)',
    params: idParams,
    body: z.object({ active: z.boolean().optional(), password: z.string().optional() }),
    handler: async ({ body, params, caller, ctx, req }) => {
      if (body.password !== undefined) {
        const p = passwordProblem(body.password);
        if (p) throw passwordError('body.password', p);
        await setUserPassword(ctx.store.db, params.id, await hashPassword(body.password));
      }
      if (body.active !== undefined) await setUserActive(ctx.store.db, params.id, body.active);
      if (body.password !== undefined || body.active === false) {
        // an admin resetting their own password keeps the session they are using
        await deleteUserSessions(ctx.store.db, params.id, params.id === caller.userId ? sessionKeyOf(req) : undefined);
        accessChanged(ctx, params.id, body.password !== undefined ? 'password' : 'active');
      }
      await audit(ctx.store.db, {
        at: ctx.now(),
        userId: caller.userId,
        action: 'user.update',
        entity: 'user',
        entityId: params.id,
        detail: { active: body.active, passwordReset: body.password !== undefined },
      });
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/audit',
    access: ADMINS,
    summary: 'Audit log: who changed what',
    query: z.object({ entity: z.string().optional(), entityId: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
    handler: async ({ query, ctx }) => listAudit(ctx.store.db, query),
  }),
  route({
    method: 'GET',
    url: '/api/settings/:key',
    access: STAFF,
    summary: 'A center setting (rules, thresholds, weights) — null when the center uses the defaults',
    params: z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9_.-]{0,60}$/) }),
    handler: async ({ params, caller, ctx }) => ({
      key: params.key,
      value: (await getSetting(ctx.store.db, await callerCenterId(ctx, caller), params.key)) ?? null,
    }),
  }),
  route({
    method: 'PUT',
    url: '/api/settings/:key',
    access: ADMINS,
    summary: 'Change a center setting (audited)',
    params: z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9_.-]{0,60}$/) }),
    body: z.object({ value: z.unknown() }),
    handler: async ({ params, body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const before = await getSetting(ctx.store.db, centerId, params.key);
      await putSetting(ctx.store.db, centerId, params.key, body.value, ctx.now());
      await audit(ctx.store.db, {
        at: ctx.now(),
        userId: caller.userId,
        action: 'setting.update',
        entity: 'setting',
        entityId: params.key,
        detail: { before, after: body.value },
      });
      return { ok: true };
    },
  }),
];

// A valid hash of a random password: login of an unknown user costs the same time as a wrong password.
const DUMMY_HASH = await hashPassword(Math.random().toString(36));
