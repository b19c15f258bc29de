/**
 * What the people routes share: role lists and input atoms (from src/contract/people.ts), and the
 * caller's teams and agents for the training routes (the other people routes go through src/services/people).
 */
import { z } from 'zod';
import { forbidden, validationError } from '../../../core/errors';
import type { Role } from '../../../core/roles';
import { getAgent } from '../../../store/org';
import { agentWithTeam, centerTimezone, localDate, type Actor } from '../../../store/people/common';
import { agentScope, centerOf, type Caller } from '../../route';
import type { ServerContext } from '../../context';
import { assertCanSeeAgent, callerCenterId } from '../platform';
import { isoDate, isoMonth } from '../../schemas';

export { ADMINS, ABOVE_LEAD, LEADS_UP } from '../../../contract/people';
export const TRAINERS: Role[] = ['admin', 'center_manager', 'trainer'];
/** An exam's attempts limit and cool-down (hours between two attempts). */
export const examLimits = { maxAttempts: z.number().int().min(1).max(100), cooldownHours: z.number().int().min(0).max(8760) };
export const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];

export const date = isoDate;
export const month = isoMonth;
import { posInt, text, instant, ruleSchema, surveyQuestion, rangeQuery } from '../../../contract/people';
export { posInt, text, instant, ruleSchema, surveyQuestion, rangeQuery };

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
  // the first team of the caller's own center, never of the whole database
  const first = await ctx.store.db.selectFrom('teams').select('id').where('center_id', '=', centerOf(c)).orderBy('id').executeTakeFirst();
  if (!first) throw validationError('teamId', 'there is no team yet');
  return first.id;
}

/** Teams for a scoped list: ?teamId narrowed to what the caller may see. */
export async function teamFilter(ctx: ServerContext, c: Caller, teamId?: number): Promise<number[] | undefined> {
  if (teamId !== undefined) return [await pickTeam(ctx, c, teamId)];
  return visibleTeams(ctx, c);
}

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
