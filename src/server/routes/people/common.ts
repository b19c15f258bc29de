/** What the people routes share: role lists, input atoms, and the caller's teams and agents. */
import { z } from 'zod';
import { forbidden, validationError } from '../../../core/errors';
import type { Role } from '../../../core/roles';
import { getAgent } from '../../../store/org';
import { agentWithTeam, centerTimezone, localDate, type Actor } from '../../../store/people/common';
import { agentScope, type Caller } from '../../route';
import type { ServerContext } from '../../context';
import { assertCanSeeAgent, callerCenterId } from '../platform';
import { isoDate, isoMonth } from '../../schemas';

export const ADMINS: Role[] = ['admin', 'center_manager'];
export const ABOVE_LEAD: Role[] = ['admin', 'center_manager', 'duty_manager'];
export const LEADS_UP: Role[] = [...ABOVE_LEAD, 'team_lead'];
export const TRAINERS: Role[] = ['admin', 'center_manager', 'trainer'];
/** An exam's attempts limit and cool-down (hours between two attempts). */
export const examLimits = { maxAttempts: z.number().int().min(1).max(100), cooldownHours: z.number().int().min(0).max(8760) };
export const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];

export const date = isoDate;
export const month = isoMonth;
export const posInt = z.coerce.number().int().positive();
export const text = (max: number) => z.string().trim().min(1).max(max);
export const instant = z.union([
  z.number().int(),
  z
    .string()
    .refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO timestamp')
    .transform((s) => Date.parse(s)),
]);

export const actor = (c: Caller): Actor => ({ userId: c.userId, roles: c.roles, agentId: c.agentId, ledTeamIds: c.ledTeamIds });

export async function ctxInfo(ctx: ServerContext, c: Caller) {
  const centerId = await callerCenterId(ctx, c);
  const tz = await centerTimezone(ctx.store.db, centerId);
  return { centerId, tz, today: localDate(ctx.now(), tz) };
}

/** The caller's own agent (agents only), with their team. */
export async function ownAgent(ctx: ServerContext, c: Caller) {
  if (c.agentId == null) throw forbidden('only agents linked to an agent record can do this');
  return agentWithTeam(ctx.store.db, c.agentId);
}

/** Teams the caller may see: undefined = all. */
export async function visibleTeams(ctx: ServerContext, c: Caller): Promise<number[] | undefined> {
  const s = agentScope(c);
  if (s.kind === 'all') return undefined;
  if (s.kind === 'teams') return s.teamIds;
  if (s.agentId == null) return [];
  const a = await getAgent(ctx.store.db, s.agentId);
  return a.team_id == null ? [] : [a.team_id];
}

/** One team the caller may see: the asked one (checked) or the caller's first. */
export async function pickTeam(ctx: ServerContext, c: Caller, teamId: number | undefined): Promise<number> {
  const vis = await visibleTeams(ctx, c);
  if (teamId !== undefined) {
    if (vis && !vis.includes(teamId)) throw forbidden(`team ${teamId} is not one of your teams`);
    return teamId;
  }
  if (vis) {
    if (!vis.length) throw validationError('teamId', 'you have no team');
    return vis[0]!;
  }
  const first = await ctx.store.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirst();
  if (!first) throw validationError('teamId', 'there is no team yet');
  return first.id;
}

/** Teams for a scoped list: ?teamId narrowed to what the caller may see. */
export async function teamFilter(ctx: ServerContext, c: Caller, teamId?: number): Promise<number[] | undefined> {
  if (teamId !== undefined) return [await pickTeam(ctx, c, teamId)];
  return visibleTeams(ctx, c);
}

export const ruleSchema = z.object({
  id: text(20),
  no: z.number().int().min(1).max(9999),
  category: z.enum(['attendance', 'appearance', 'conduct', 'workstation', 'equipment', 'hygiene', 'safety', 'security', 'access', 'reception']),
  title: text(100),
  text: text(2000),
  consequence: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('contribution'), amountFen: z.number().int().min(0).max(1_000_000) }),
    z.object({ kind: z.literal('warning') }),
  ]),
  active: z.boolean(),
});

export const questionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('single'),
    text: text(2000),
    options: z.array(text(500)).min(2).max(10),
    answer: z.number().int().min(0),
    points: z.number().int().min(1).max(100),
  }),
  z.object({
    kind: z.literal('multiple'),
    text: text(2000),
    options: z.array(text(500)).min(2).max(10),
    answers: z.array(z.number().int().min(0)).min(1),
    points: z.number().int().min(1).max(100),
  }),
  z.object({ kind: z.literal('true_false'), text: text(2000), answer: z.boolean(), points: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('short'), text: text(2000), points: z.number().int().min(1).max(100) }),
]);

export const surveyQuestion = z.discriminatedUnion('kind', [
  z.object({ id: text(40), kind: z.literal('single'), text: text(500), options: z.array(text(200)).min(2).max(20) }),
  z.object({ id: text(40), kind: z.literal('multiple'), text: text(500), options: z.array(text(200)).min(2).max(20) }),
  z.object({ id: text(40), kind: z.literal('scale'), text: text(500), min: z.number().int(), max: z.number().int() }),
  z.object({ id: text(40), kind: z.literal('text'), text: text(500) }),
]);

export const rangeQuery = z.object({ teamId: posInt.optional(), from: date.optional(), to: date.optional() });

export async function agentIdsOfTeams(ctx: ServerContext, teamIds: number[]) {
  const rows = await ctx.store.db
    .selectFrom('agents')
    .select('id')
    .where('team_id', 'in', teamIds.length ? teamIds : [-1])
    .execute();
  return rows.map((r) => r.id);
}

/** Agent ids the caller may see records of (undefined = all), narrowed to one agent when asked. */
export async function agentFilter(ctx: ServerContext, c: Caller, agentId: number | undefined): Promise<number[] | undefined> {
  if (agentId !== undefined) {
    await assertCanSeeAgent(ctx, c, agentId);
    return [agentId];
  }
  const s = agentScope(c);
  if (s.kind === 'self') return s.agentId == null ? [] : [s.agentId];
  if (s.kind === 'teams') return agentIdsOfTeams(ctx, s.teamIds);
  return undefined;
}
