/**
 * Peer help (issue 17, seed 000: 一幫一, 跟聽, 小隊長): help plans (pairs and study groups) with goals,
 * follow-ups, a closing result and the members' figures before vs during; squads whose leader acts for the
 * lead on the squad (see their figures and plans, write follow-ups: src/core/peer SQUAD_LEADER_ACTIONS);
 * shadowing a top agent booked as a 'shadow' activity of the listener's published shift.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { PLAN_KINDS, PLAN_RESULTS } from '../core/peer/index';
import { FACT_KPIS } from '../core/facts/index';
import { endpoint } from './endpoint';
import { epochMsQuery, idParams, isoDate, isoMonth, okResponse } from './atoms';
import { tile } from './live';
import { dailyReport } from './peopleWire';

const tags = ['peer'] as const;

/** Who makes and closes plans and names squads (in their own scope). */
export const PEER_EDITORS: Role[] = ['admin', 'center_manager', 'team_lead'];
/** Who reads plans and squads (each in their reach: a squad leader is an agent whose reach includes their squad). */
export const PEER_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'trainer', 'agent'];
/** Who books and cancels shadowing (an agent for themselves, a lead or planner for their agents). */
export const SHADOW_BOOKERS: Role[] = ['admin', 'center_manager', 'team_lead', 'wfm', 'agent'];
/** Who sees shadowing bookings. */
export const SHADOW_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'wfm', 'agent'];

const planKind = z.enum(PLAN_KINDS);
const planResult = z.enum(PLAN_RESULTS);
const agentIds = z.array(z.number().int().positive()).min(1).max(30);

const plan = z.object({
  id: z.number(),
  teamId: z.number().nullable(),
  kind: planKind,
  title: z.string(),
  leaderAgentId: z.number(),
  leaderName: z.string(),
  memberIds: z.array(z.number()),
  memberNames: z.array(z.string()),
  goal: z.string(),
  kpi: z.string().nullable(),
  kpiTarget: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['open', 'closed']),
  result: planResult.nullable(),
  resultNote: z.string(),
  followUps: z.number(),
});

const planView = z.object({
  plan,
  followUps: z.array(z.object({ id: z.number(), date: z.string(), note: z.string(), byUserId: z.number().nullable(), byName: z.string().nullable() })),
  months: z.object({ before: z.string(), during: z.string() }),
  figures: z.array(
    z.object({
      agentId: z.number(),
      name: z.string(),
      kpis: z.array(
        z.object({ kpi: z.string(), before: z.number().nullable(), during: z.number().nullable(), delta: z.number().nullable(), met: z.boolean().nullable() }),
      ),
    }),
  ),
  canEdit: z.boolean(),
});

const squad = z.object({
  id: z.number(),
  teamId: z.number(),
  leaderAgentId: z.number(),
  leaderName: z.string(),
  name: z.string(),
  memberIds: z.array(z.number()),
  memberNames: z.array(z.string()),
});

const shadowing = z.object({
  id: z.number(),
  agentId: z.number(),
  agentName: z.string(),
  topAgentId: z.number(),
  topAgentName: z.string(),
  shiftId: z.number(),
  start: z.number(),
  end: z.number(),
  note: z.string(),
  status: z.enum(['booked', 'cancelled']),
});

/** A squad's post-shift report (the squad leader's, read by the lead). */
const squadReport = z.object({
  id: z.number(),
  teamId: z.number(),
  teamName: z.string(),
  squadId: z.number(),
  squadName: z.string(),
  date: z.string(),
  agentIds: z.array(z.number()),
  report: dailyReport,
  /** the day's shift-log entries about the squad, per kind */
  log: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
  sentAt: z.number(),
  authorName: z.string().nullable(),
});

export type SquadReportWire = z.infer<typeof squadReport>;
export type PeerPlanWire = z.infer<typeof plan>;
export type PeerPlanView = z.infer<typeof planView>;
export type SquadWire = z.infer<typeof squad>;
export type ShadowingWire = z.infer<typeof shadowing>;

/** A time of day in the center's zone, HH:MM. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** A shadowing lasts at most a working half-day. */
export const MAX_SHADOW_MS = 4 * 3_600_000;

export const peer = {
  plans: endpoint({
    method: 'GET',
    path: '/api/peer/plans',
    access: PEER_READERS,
    summary: 'Help plans in the caller’s reach (their teams’, their squad’s, their own), newest first',
    tags,
    query: z.object({ status: z.enum(['open', 'closed']).optional() }),
    response: z.array(plan),
  }),
  createPlan: endpoint({
    method: 'POST',
    path: '/api/peer/plans',
    access: PEER_EDITORS,
    summary: 'Make a 一幫一 pair (one mentee) or a study group: leader, members, goal, optional KPI target, dates',
    tags,
    body: z.object({
      kind: planKind,
      title: z.string().trim().min(1).max(100),
      leaderAgentId: z.number().int().positive(),
      memberIds: agentIds,
      goal: z.string().trim().min(1).max(1000),
      kpi: z.enum(FACT_KPIS).nullable().default(null),
      kpiTarget: z.number().finite().nullable().default(null),
      startDate: isoDate,
      endDate: isoDate,
    }),
    response: planView,
  }),
  plan: endpoint({
    method: 'GET',
    path: '/api/peer/plans/:id',
    access: PEER_READERS,
    summary: 'A plan with its follow-ups and each member’s figures in the month before it started and the latest month it ran in',
    tags,
    params: idParams,
    response: planView,
  }),
  addFollowUp: endpoint({
    method: 'POST',
    path: '/api/peer/plans/:id/follow-ups',
    access: PEER_READERS,
    summary: 'Write a follow-up (the lead, the squad leader of a member, or the mentor)',
    tags,
    params: idParams,
    body: z.object({ date: isoDate, note: z.string().trim().min(1).max(2000) }),
    response: planView,
  }),
  closePlan: endpoint({
    method: 'POST',
    path: '/api/peer/plans/:id/close',
    access: PEER_EDITORS,
    summary: 'Close a plan with its result (goal met, partly, not met)',
    tags,
    params: idParams,
    body: z.object({ result: planResult, note: z.string().trim().max(1000).default('') }),
    response: planView,
  }),
  squads: endpoint({
    method: 'GET',
    path: '/api/peer/squads',
    access: PEER_READERS,
    summary: 'Squads in the caller’s reach',
    tags,
    response: z.array(squad),
  }),
  saveSquad: endpoint({
    method: 'PUT',
    path: '/api/peer/squads',
    access: PEER_EDITORS,
    summary: 'Name a squad (no id) or change one: a squad leader over some agents of one of the caller’s teams',
    tags,
    body: z.object({
      id: z.number().int().positive().optional(),
      teamId: z.number().int().positive(),
      leaderAgentId: z.number().int().positive(),
      name: z.string().trim().min(1).max(60),
      memberIds: agentIds,
    }),
    response: squad,
  }),
  deleteSquad: endpoint({
    method: 'DELETE',
    path: '/api/peer/squads/:id',
    access: PEER_EDITORS,
    summary: 'Dissolve a squad (its leader loses the delegation)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  squadFigures: endpoint({
    method: 'GET',
    path: '/api/peer/squads/:id/figures',
    access: PEER_READERS,
    summary: 'A squad’s figures per agent for a month (the lead and the squad leader only)',
    tags,
    params: idParams,
    query: z.object({ month: isoMonth.optional(), day: isoDate.optional() }),
    response: z.object({
      squad,
      month: z.string(),
      /** the day the figures are of, when a day was asked (else the month's) */
      day: z.string().nullable(),
      agents: z.array(z.object({ agentId: z.number(), name: z.string(), figures: z.record(z.string(), z.number().nullable()) })),
      /** the squad's agents together (computeFacts' total over the squad's agent ids) */
      total: z.record(z.string(), z.number().nullable()),
    }),
  }),
  squadLive: endpoint({
    method: 'GET',
    path: '/api/peer/squads/:id/live',
    access: PEER_READERS,
    summary: 'The live tiles of a squad’s agents now (the lead and the squad leader only)',
    tags,
    params: idParams,
    response: z.object({ at: z.number(), running: z.boolean(), agents: z.array(tile) }),
  }),
  squadReports: endpoint({
    method: 'GET',
    path: '/api/peer/squad-reports',
    access: PEER_READERS,
    summary: 'Squads’ post-shift reports in the caller’s reach (a lead: their teams’ squads’; a squad leader: their squad’s), newest first',
    tags,
    query: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
    response: z.array(squadReport),
  }),
  sendSquadReport: endpoint({
    method: 'POST',
    path: '/api/peer/squads/:id/reports',
    access: PEER_READERS,
    summary: 'The squad leader sends the squad’s post-shift report for a day (once per squad and day): its agents’ figures, attendance, violations, coaching',
    tags,
    params: idParams,
    body: z.object({ date: isoDate.optional(), notes: z.array(z.string().trim().max(2000)).max(50).default([]) }).strict(),
    response: squadReport,
  }),
  shadowing: endpoint({
    method: 'GET',
    path: '/api/peer/shadowing',
    access: SHADOW_READERS,
    summary: 'Shadowing bookings in the caller’s scope (an agent: their own)',
    tags,
    query: z.object({ from: epochMsQuery.optional(), to: epochMsQuery.optional() }),
    response: z.array(shadowing),
  }),
  shadowingOptions: endpoint({
    method: 'GET',
    path: '/api/peer/shadowing/options',
    access: SHADOW_BOOKERS,
    summary: 'Who the caller may book shadowing for, and whom one may listen to',
    tags,
    response: z.object({
      listeners: z.array(z.object({ id: z.number(), name: z.string() })),
      topAgents: z.array(z.object({ id: z.number(), name: z.string() })),
    }),
  }),
  bookShadowing: endpoint({
    method: 'POST',
    path: '/api/peer/shadowing',
    access: SHADOW_BOOKERS,
    summary: 'Book time listening to a top agent, inside both agents’ published shifts and on the phones for both',
    tags,
    body: z
      .object({
        agentId: z.number().int().positive().optional(),
        topAgentId: z.number().int().positive(),
        date: isoDate,
        start: clock,
        end: clock,
        note: z.string().trim().max(500).default(''),
      })
      .superRefine((b, ctx) => {
        const min = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
        if (min(b.end) <= min(b.start))
          ctx.addIssue({ code: 'custom', path: ['end'], message: 'the end is not after the start', params: { reason: 'peer.endBeforeStart' } });
        else if ((min(b.end) - min(b.start)) * 60_000 > MAX_SHADOW_MS)
          ctx.addIssue({ code: 'custom', path: ['end'], message: 'a shadowing lasts at most 4 hours', params: { reason: 'peer.shadowTooLong', hours: 4 } });
      }),
    response: shadowing,
  }),
  cancelShadowing: endpoint({
    method: 'DELETE',
    path: '/api/peer/shadowing/:id',
    access: SHADOW_BOOKERS,
    summary: 'Cancel a shadowing: its time is phone time again',
    tags,
    params: idParams,
    response: okResponse,
  }),
};
