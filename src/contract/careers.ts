/**
 * Careers (issue 17, goals and careers part 2): individual development plans, promotion and rotation
 * records, the talent pool with the figures that evidence a nomination, and improvement plans for agents
 * who miss targets months in a row (src/core/careers: the proposal rule), with steps the agent sees and
 * acknowledges and a decision that ends the plan (崗位淘汰制度).
 *
 * Who: team leads for their teams' agents and center managers (and admins) for all run plans, add IDP
 * items and nominate; center managers record moves and review nominations; trainers add and move on
 * IDP items of the course kind (training is theirs), and read the others; an agent reads their own
 * IDP, moves and plans and acknowledges their plan's steps — never another's. The talent pool is not
 * shown to agents (a nomination under review is the managers' matter).
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { IDP_KINDS, IDP_STATUSES, MOVE_KINDS, PLAN_DECISIONS, PLAN_STATUSES, STEP_RESULTS, TALENT_STATUSES, TALENT_TRACKS } from '../core/careers/index';
import { endpoint } from './endpoint';
import { idParams, isoDate, isoMonth, okResponse } from './atoms';

const tags = ['careers'] as const;

/** Who runs improvement plans, adds IDP items and nominates (team leads: their teams' agents). */
export const CAREER_LEADS: Role[] = ['admin', 'center_manager', 'team_lead'];
/** Who adds and moves IDP items on: the leads, and trainers for the course kind only. */
export const IDP_EDITORS: Role[] = [...CAREER_LEADS, 'trainer'];
/** Who reads IDP items: the editors and the agent (their own). */
export const IDP_READERS: Role[] = [...IDP_EDITORS, 'agent'];
/** Who reads plans and moves: the leads and the agent (their own). */
export const PLAN_READERS: Role[] = [...CAREER_LEADS, 'agent'];
/** Who records promotions and rotations and reviews nominations to the talent pool. */
export const CAREER_MANAGERS: Role[] = ['admin', 'center_manager'];

const idpItem = z.object({
  id: z.number(),
  agentId: z.number(),
  agentName: z.string(),
  kind: z.enum(IDP_KINDS),
  title: z.string(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(IDP_STATUSES),
  notes: z.string(),
  courseId: z.number().nullable(),
  courseTitle: z.string().nullable(),
  certQueue: z.string().nullable(),
});

const move = z.object({
  id: z.number(),
  agentId: z.number(),
  agentName: z.string(),
  kind: z.enum(MOVE_KINDS),
  date: z.string(),
  fromTeam: z.string().nullable(),
  toTeam: z.string().nullable(),
  fromPost: z.string(),
  toPost: z.string(),
  fromQueue: z.string(),
  toQueue: z.string(),
  reason: z.string(),
  approvedByName: z.string().nullable(),
});

const talentFigures = z.object({
  total: z.number().nullable(),
  centerRank: z.number().nullable(),
  teamRank: z.number().nullable(),
  kpis: z.array(z.object({ key: z.string(), actual: z.number().nullable(), target: z.number().nullable(), status: z.string() })),
});

const nomination = z.object({
  id: z.number(),
  agentId: z.number(),
  agentName: z.string(),
  track: z.enum(TALENT_TRACKS),
  month: z.string(),
  figures: talentFigures.nullable(),
  evidence: z.string(),
  status: z.enum(TALENT_STATUSES),
  reviewNote: z.string(),
  nominatedByName: z.string().nullable(),
  reviewedByName: z.string().nullable(),
});

const monthBelow = z.object({ month: z.string(), belowTarget: z.array(z.string()).nullable() });

const plan = z.object({
  id: z.number(),
  agentId: z.number(),
  agentName: z.string(),
  employeeNo: z.string(),
  teamId: z.number().nullable(),
  origin: z.enum(['manual', 'proposed']),
  missedMonths: z.array(monthBelow),
  reason: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(PLAN_STATUSES),
  decision: z.enum(PLAN_DECISIONS).nullable(),
  decisionNote: z.string(),
  decidedByName: z.string().nullable(),
  openedByName: z.string().nullable(),
  pendingSteps: z.number(),
  unacknowledged: z.number(),
});

const step = z.object({
  id: z.number(),
  planId: z.number(),
  dueDate: z.string(),
  action: z.string(),
  result: z.enum(STEP_RESULTS),
  resultNote: z.string(),
  createdByName: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
});

const proposal = z.object({ agentId: z.number(), agentName: z.string(), employeeNo: z.string(), months: z.array(monthBelow) });

export type IdpItemWire = z.infer<typeof idpItem>;
export type MoveWire = z.infer<typeof move>;
export type NominationWire = z.infer<typeof nomination>;
export type PlanWire = z.infer<typeof plan>;
export type StepWire = z.infer<typeof step>;
export type ProposalWire = z.infer<typeof proposal>;

const agentQuery = z.object({ agentId: z.coerce.number().int().positive().optional() });
const text = (max: number) => z.string().trim().max(max);

export const careers = {
  options: endpoint({
    method: 'GET',
    path: '/api/careers/options',
    access: IDP_READERS,
    summary: 'What the careers forms choose from: the center’s courses, certified queues and teams, and the improvement plan rule',
    tags,
    response: z.object({
      courses: z.array(z.object({ id: z.number(), title: z.string() })),
      certQueues: z.array(z.string()),
      teams: z.array(z.object({ id: z.number(), name: z.string() })),
      rule: z.object({ months: z.number(), minItemsBelow: z.number() }),
    }),
  }),
  idp: endpoint({
    method: 'GET',
    path: '/api/careers/idp',
    access: IDP_READERS,
    summary: 'Development plan items the caller may see (an agent: their own), optionally of one agent',
    tags,
    query: agentQuery,
    response: z.array(idpItem),
  }),
  addIdp: endpoint({
    method: 'POST',
    path: '/api/careers/idp',
    access: IDP_EDITORS,
    summary: 'Add a development plan item (trainers: course items only), optionally linked to a course or a certified queue',
    tags,
    body: z.object({
      agentId: z.number().int().positive(),
      kind: z.enum(IDP_KINDS),
      title: text(200).min(1),
      ownerId: z.number().int().positive().nullable().default(null),
      dueDate: isoDate,
      status: z.enum(IDP_STATUSES).default('planned'),
      notes: text(2000).default(''),
      courseId: z.number().int().positive().nullable().default(null),
      certQueue: text(60).min(1).nullable().default(null),
    }),
    response: idpItem,
  }),
  updateIdp: endpoint({
    method: 'PATCH',
    path: '/api/careers/idp/:id',
    access: IDP_EDITORS,
    summary: 'Move a development plan item on: status, notes, due date',
    tags,
    params: idParams,
    body: z.object({ status: z.enum(IDP_STATUSES).optional(), notes: text(2000).optional(), dueDate: isoDate.optional() }),
    response: idpItem,
  }),
  moves: endpoint({
    method: 'GET',
    path: '/api/careers/moves',
    access: PLAN_READERS,
    summary: 'Promotion and rotation records the caller may see, newest first (an agent: their own history)',
    tags,
    query: agentQuery,
    response: z.array(move),
  }),
  recordMove: endpoint({
    method: 'POST',
    path: '/api/careers/moves',
    access: CAREER_MANAGERS,
    summary: 'Record a promotion or a rotation: from and to (team, post, queue), date, reason, who approved it',
    tags,
    body: z.object({
      agentId: z.number().int().positive(),
      kind: z.enum(MOVE_KINDS),
      date: isoDate,
      fromTeamId: z.number().int().positive().nullable().default(null),
      toTeamId: z.number().int().positive().nullable().default(null),
      fromPost: text(60).default(''),
      toPost: text(60).default(''),
      fromQueue: text(60).default(''),
      toQueue: text(60).default(''),
      reason: text(1000).min(1),
      approvedBy: z.number().int().positive().nullable().default(null),
    }),
    response: move,
  }),
  talent: endpoint({
    method: 'GET',
    path: '/api/careers/talent',
    access: CAREER_LEADS,
    summary: 'The talent pool: nominations with their figures as read at nomination, newest first (team leads: their teams)',
    tags,
    response: z.array(nomination),
  }),
  nominate: endpoint({
    method: 'POST',
    path: '/api/careers/talent',
    access: CAREER_LEADS,
    summary: 'Nominate an agent: the figures of the month (default the last closed one) are read from the scorecards and kept',
    tags,
    body: z.object({ agentId: z.number().int().positive(), track: z.enum(TALENT_TRACKS), month: isoMonth.optional(), evidence: text(2000).min(1) }),
    response: nomination,
  }),
  reviewNomination: endpoint({
    method: 'PATCH',
    path: '/api/careers/talent/:id',
    access: CAREER_MANAGERS,
    summary: 'Accept or decline a nomination, with a note',
    tags,
    params: idParams,
    body: z.object({ status: z.enum(TALENT_STATUSES), note: text(1000).default('') }),
    response: nomination,
  }),
  plans: endpoint({
    method: 'GET',
    path: '/api/careers/plans',
    access: PLAN_READERS,
    summary: 'Improvement plans the caller may see, open first (an agent: their own)',
    tags,
    query: z.object({ agentId: z.coerce.number().int().positive().optional(), status: z.enum(PLAN_STATUSES).optional() }),
    response: z.array(plan),
  }),
  proposals: endpoint({
    method: 'GET',
    path: '/api/careers/plans/proposals',
    access: CAREER_LEADS,
    summary: 'Agents the rule proposes for a plan: below target the last N closed months in a row, without an open plan',
    tags,
    response: z.object({ rule: z.object({ months: z.number(), minItemsBelow: z.number() }), months: z.array(z.string()), proposals: z.array(proposal) }),
  }),
  openPlan: endpoint({
    method: 'POST',
    path: '/api/careers/plans',
    access: CAREER_LEADS,
    summary: 'Open an improvement plan for an agent (one open plan per agent); `proposed` keeps the missed months that proposed it',
    tags,
    body: z.object({
      agentId: z.number().int().positive(),
      reason: text(2000).min(1),
      startDate: isoDate,
      endDate: isoDate,
      proposed: z.boolean().default(false),
    }),
    response: plan,
  }),
  plan: endpoint({
    method: 'GET',
    path: '/api/careers/plans/:id',
    access: PLAN_READERS,
    summary: 'A plan and every step, with results and acknowledgements',
    tags,
    params: idParams,
    response: z.object({ plan, steps: z.array(step) }),
  }),
  addStep: endpoint({
    method: 'POST',
    path: '/api/careers/plans/:id/steps',
    access: CAREER_LEADS,
    summary: 'Add a step (what is to be done, by when) to an open plan',
    tags,
    params: idParams,
    body: z.object({ dueDate: isoDate, action: text(1000).min(1) }),
    response: step,
  }),
  recordStep: endpoint({
    method: 'PATCH',
    path: '/api/careers/steps/:id',
    access: CAREER_LEADS,
    summary: 'Record a step’s result (the agent is asked to acknowledge it again)',
    tags,
    params: idParams,
    body: z.object({ result: z.enum(STEP_RESULTS), note: text(2000).default('') }),
    response: step,
  }),
  acknowledgeStep: endpoint({
    method: 'POST',
    path: '/api/careers/steps/:id/ack',
    access: ['agent'],
    summary: 'The agent acknowledges a step of their own plan',
    tags,
    params: idParams,
    response: okResponse,
  }),
  decide: endpoint({
    method: 'POST',
    path: '/api/careers/plans/:id/decision',
    access: CAREER_LEADS,
    summary: 'End a plan with a decision: improved, reassigned or separation close it; extended keeps it open to a new end date',
    tags,
    params: idParams,
    body: z.object({ decision: z.enum(PLAN_DECISIONS), note: text(2000).min(1), endDate: isoDate.optional() }),
    response: plan,
  }),
};
