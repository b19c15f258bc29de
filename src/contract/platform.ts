/**
 * Platform (src/server/routes/platform.ts over src/services/platform): health, sign-in and the
 * session, centers, teams, agents, users with roles, the audit log and per-center settings.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../core/roles';
import { epochMsQuery, idParams, isoDate, okResponse } from './atoms';
import { endpoint } from './endpoint';

const tags = ['platform'] as const;

/** Who manages the organisation (teams, agents). */
export const ORG_ADMINS: Role[] = ['admin', 'center_manager'];
/** Who reads a center setting: every role but the agent. */
export const SETTING_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export const SKILL_LEVELS = ['junior', 'intermediate', 'senior'] as const;
export const AGENT_STATUSES = ['active', 'left'] as const;
const role = z.enum(ROLES);
const settingKey = z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9_.-]{0,60}$/) });
const queues = z.array(z.string().trim().min(1).max(60)).max(50);

// ---- wire types ----

/** The signed-in user as the app shell sees them. */
export const me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  agentId: z.number().nullable(),
  centerId: z.number().nullable(),
  ledTeamIds: z.array(z.number()),
  /** the squads the user leads as a squad leader (小队长, issue 17): the web shows the squad's pages to them only */
  squadIds: z.array(z.number()).optional(),
  locale: z.string(),
  /** the IANA zone of the user's center (null: none): "today" on screen is the center's day */
  centerTimezone: z.string().nullable(),
});
export type Me = z.infer<typeof me>;

export const center = z.object({ id: z.number(), name: z.string(), timezone: z.string(), created_at: z.number() });

/** A team in a list, with its lead's name. */
export const teamRow = z.object({
  id: z.number(),
  center_id: z.number(),
  name: z.string(),
  lead_user_id: z.number().nullable(),
  lead_name: z.string().nullable(),
});
export type TeamRow = z.infer<typeof teamRow>;
export const team = z.object({ id: z.number(), center_id: z.number(), name: z.string(), lead_user_id: z.number().nullable(), created_at: z.number() });

/** An agent (坐席) with the queues they take. */
export const agent = z.object({
  id: z.number(),
  center_id: z.number(),
  team_id: z.number().nullable(),
  employee_no: z.string(),
  name: z.string(),
  hire_date: z.string(),
  skill_level: z.string(),
  status: z.string(),
  left_date: z.string().nullable(),
  ext_code: z.string().nullable(),
  created_at: z.number(),
  queues: z.array(z.string()),
});
export type Agent = z.infer<typeof agent>;

/** A user with roles (never the password hash). active is 0/1. */
export const userRow = z.object({
  id: z.number(),
  username: z.string(),
  display_name: z.string(),
  agent_id: z.number().nullable(),
  center_id: z.number().nullable(),
  active: z.number(),
  locale: z.string(),
  created_at: z.number(),
  roles: z.array(z.string()),
});
export type UserRow = z.infer<typeof userRow>;

export const auditRow = z.object({
  id: z.number(),
  at: z.number(),
  user_id: z.number().nullable(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string().nullable(),
  detail: z.string().nullable(),
  /** who: display name and login (null: the command line, or a user no longer stored) */
  user_name: z.string().nullable(),
  username: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRow>;

export const platform = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    access: 'public',
    summary: 'Liveness and database check; while the demo center loads its history, how far it is',
    tags,
    response: z.object({
      ok: z.literal(true),
      db: z.enum(['sqlite', 'postgres']),
      /** only while `callfloor demo` stores its history in the background */
      demo: z.object({ phase: z.string(), percent: z.number() }).optional(),
    }),
  }),
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Sign in; sets an HTTP-only session cookie and returns the CSRF token',
    tags,
    // the length cap is checked by the use case (with a reason), before any hashing; zod only bounds the body
    body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(10_000) }),
    response: z.object({ csrf: z.string(), user: z.object({ id: z.number(), username: z.string(), displayName: z.string(), roles: z.array(role) }) }),
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    access: 'any',
    summary: 'Sign out (closes the live sockets of this session)',
    tags,
    response: okResponse,
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/auth/me',
    access: 'any',
    summary: 'The signed-in user, roles, teams led and CSRF token',
    tags,
    response: z.object({ user: me, csrf: z.string() }),
  }),
  setLocale: endpoint({
    method: 'PUT',
    path: '/api/auth/locale',
    access: 'any',
    summary: 'Save the UI language',
    tags,
    body: z.object({ locale: z.enum(LOCALES) }),
    response: okResponse,
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    access: 'any',
    summary: "Change own password (ends the user's other sessions and their live sockets; keeps this one)",
    tags,
    body: z.object({ oldPassword: z.string().max(10_000), newPassword: z.string().max(10_000) }),
    response: okResponse,
  }),
  centers: endpoint({
    method: 'GET',
    path: '/api/centers',
    access: 'any',
    summary: "The caller's center",
    tags,
    response: z.array(center),
  }),
  teams: endpoint({
    method: 'GET',
    path: '/api/teams',
    access: 'any',
    summary: 'Teams of the center the caller may see (all, led teams, or own team)',
    tags,
    response: z.array(teamRow),
  }),
  leadCandidates: endpoint({
    method: 'GET',
    path: '/api/teams/lead-candidates',
    access: ORG_ADMINS,
    summary: 'Active users of the center holding the team-lead role (who may lead a team)',
    tags,
    response: z.array(z.object({ id: z.number(), username: z.string(), displayName: z.string() })),
  }),
  createTeam: endpoint({
    method: 'POST',
    path: '/api/teams',
    access: ORG_ADMINS,
    summary: 'Create a team',
    tags,
    body: z.object({ name: z.string().trim().min(1).max(100), leadUserId: z.number().int().positive().nullable().optional() }),
    response: z.object({ id: z.number() }),
  }),
  updateTeam: endpoint({
    method: 'PATCH',
    path: '/api/teams/:id',
    access: ORG_ADMINS,
    summary: 'Rename a team or change its lead',
    tags,
    params: idParams,
    body: z.object({ name: z.string().trim().min(1).max(100).optional(), leadUserId: z.number().int().positive().nullable().optional() }),
    response: team,
  }),
  agents: endpoint({
    method: 'GET',
    path: '/api/agents',
    access: 'any',
    summary: 'Agents the caller may see (center-wide roles: all; team leads: their teams; agents: themselves)',
    tags,
    query: z.object({ teamId: z.coerce.number().int().optional(), status: z.enum(AGENT_STATUSES).optional() }),
    response: z.array(agent),
  }),
  agent: endpoint({
    method: 'GET',
    path: '/api/agents/:id',
    access: 'any',
    summary: 'One agent (only if the caller may see them)',
    tags,
    params: idParams,
    response: agent,
  }),
  createAgent: endpoint({
    method: 'POST',
    path: '/api/agents',
    access: ORG_ADMINS,
    summary: 'Create an agent (坐席)',
    tags,
    body: z.object({
      employeeNo: z.string().trim().min(1).max(40),
      name: z.string().trim().min(1).max(100),
      teamId: z.number().int().positive().nullable(),
      hireDate: isoDate,
      skillLevel: z.enum(SKILL_LEVELS).default('junior'),
      extCode: z.string().trim().max(40).nullable().optional(),
      queues: queues.default([]),
    }),
    response: agent,
  }),
  updateAgent: endpoint({
    method: 'PATCH',
    path: '/api/agents/:id',
    access: ORG_ADMINS,
    summary: 'Change an agent: team, skill level, queues, status (left)',
    tags,
    params: idParams,
    body: z.object({
      name: z.string().trim().min(1).max(100).optional(),
      teamId: z.number().int().positive().nullable().optional(),
      hireDate: isoDate.optional(),
      skillLevel: z.enum(SKILL_LEVELS).optional(),
      status: z.enum(AGENT_STATUSES).optional(),
      leftDate: isoDate.nullable().optional(),
      extCode: z.string().trim().max(40).nullable().optional(),
      queues: queues.optional(),
    }),
    response: agent,
  }),
  users: endpoint({
    method: 'GET',
    path: '/api/users',
    access: ['admin'],
    summary: "Users of the admin's center (and users of no center) with their roles",
    tags,
    response: z.array(userRow),
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/users',
    access: ['admin'],
    summary: 'Create a user with roles',
    tags,
    body: z.object({
      username: z
        .string()
        .trim()
        .min(2)
        .max(60)
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
      displayName: z.string().trim().min(1).max(100),
      password: z.string(),
      roles: z.array(role).min(1),
      agentId: z.number().int().positive().nullable().optional(),
    }),
    response: z.object({ id: z.number() }),
  }),
  setUserRoles: endpoint({
    method: 'PUT',
    path: '/api/users/:id/roles',
    access: ['admin'],
    summary: "Replace a user's roles",
    tags,
    params: idParams,
    body: z.object({ roles: z.array(role) }),
    response: okResponse,
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/users/:id',
    access: ['admin'],
    summary: 'Deactivate / reactivate a user or reset their password (a reset or deactivation ends all their sessions and live sockets)',
    tags,
    params: idParams,
    body: z.object({ active: z.boolean().optional(), password: z.string().optional() }),
    response: okResponse,
  }),
  audit: endpoint({
    method: 'GET',
    path: '/api/audit',
    access: ORG_ADMINS,
    summary: 'Audit log: who changed what',
    tags,
    query: z.object({
      entity: z.string().optional(),
      entityId: z.string().optional(),
      action: z.string().max(80).optional(),
      userId: z.coerce.number().int().positive().optional(),
      /** epoch ms: entries at or after `from`, before `to` */
      from: epochMsQuery.optional(),
      to: epochMsQuery.optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    response: z.array(auditRow),
  }),
  setting: endpoint({
    method: 'GET',
    path: '/api/settings/:key',
    access: SETTING_READERS,
    summary: 'A center setting (rules, thresholds, weights) — null when the center uses the defaults',
    tags,
    params: settingKey,
    response: z.object({ key: z.string(), value: z.unknown() }),
  }),
  putSetting: endpoint({
    method: 'PUT',
    path: '/api/settings/:key',
    access: ORG_ADMINS,
    summary: 'Change a center setting (audited)',
    tags,
    params: settingKey,
    body: z.object({ value: z.unknown() }),
    response: okResponse,
  }),
};
