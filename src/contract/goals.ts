/**
 * Goals of agents and teams and the team lead's scorecard (issue 17, "Goals and careers", part 1).
 * A goal is a KPI target of a month (the figure is read from the facts) or a skill target by a date.
 * Team leads set goals for their teams and their agents, center managers and admins for anyone; duty
 * managers read; an agent reads their own goals and their team's. The scorecard: managers see every
 * lead's, a lead their own; managers set its weights.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { GOAL_KINDS, GOAL_KPIS, GOAL_STATUSES, GOAL_SUBJECTS, MAX_SKILL, MIN_SKILL } from '../core/goals/index';
import { SCORECARD_PARTS } from '../core/goals/scorecard';
import { endpoint } from './endpoint';
import { idParams, isoDate, isoMonth } from './atoms';
import { factFigures } from './facts';

const tags = ['goals'] as const;

/** Who sets and changes goals (a lead only for their teams and their agents). */
export const GOAL_SETTERS: Role[] = ['admin', 'center_manager', 'team_lead'];
/** Who reads goals (scoped: a lead their teams', an agent their own and their team's). */
export const GOAL_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'agent'];
/** Who reads lead scorecards (a lead their own). */
export const SCORECARD_READERS: Role[] = ['admin', 'center_manager', 'team_lead'];
export const SCORECARD_EDITORS: Role[] = ['admin', 'center_manager'];

const direction = z.enum(['higher', 'lower']);
const progress = z.object({
  state: z.enum(['met', 'behind', 'missed', 'noData']),
  actual: z.number().nullable(),
  final: z.boolean(),
  reason: z.string().optional(),
});

const goal = z.object({
  id: z.number(),
  subject: z.enum(GOAL_SUBJECTS),
  teamId: z.number(),
  teamName: z.string(),
  agentId: z.number().nullable(),
  agentName: z.string().nullable(),
  kind: z.enum(GOAL_KINDS),
  month: z.string().nullable(),
  kpi: z.string().nullable(),
  direction: direction.nullable(),
  target: z.number().nullable(),
  dueDate: z.string().nullable(),
  skillLevel: z.number().nullable(),
  queue: z.string().nullable(),
  share: z.number().nullable(),
  note: z.string(),
  status: z.enum(GOAL_STATUSES),
  setBy: z.number().nullable(),
  setByName: z.string().nullable(),
  updatedAt: z.number(),
  progress,
});
export type GoalWire = z.infer<typeof goal>;

const share = z.number().gt(0).max(1);
const weights = z.object(
  Object.fromEntries(SCORECARD_PARTS.map((p) => [p, z.number().min(0).max(100)])) as Record<(typeof SCORECARD_PARTS)[number], z.ZodNumber>,
);
const config = z.object({ weights, coachingPerAgent: z.number().min(0).max(100), attritionCeiling: z.number().gt(0).max(1) });
const figure = factFigures.shape.aht;
const partScore = z.object({ score: z.number().nullable(), items: z.record(z.string(), z.number().nullable()) });

const card = z.object({
  leadId: z.number(),
  leadName: z.string(),
  teams: z.array(z.object({ id: z.number(), name: z.string() })),
  input: z.object({
    targets: z.object({ met: z.number(), judged: z.number() }),
    goals: z.object({ met: z.number(), judged: z.number() }),
    reportDays: z.number(),
    reportsSent: z.number(),
    agents: z.number(),
    coachings: z.number(),
    taskOnTimeRate: z.number().nullable(),
    attritionRate: z.number().nullable(),
    moodMean: z.number().nullable(),
  }),
  figures: z.object({ aht: figure.nullable(), qaScore: figure.nullable(), adherence: figure.nullable(), csat: figure.nullable() }),
  parts: z.object({ results: partScore, routine: partScore, people: partScore }),
  execution: z.number().nullable(),
  competence: z.number().nullable(),
  overall: z.number().nullable(),
});
export type LeadCardWire = z.infer<typeof card>;

export const goals = {
  list: endpoint({
    method: 'GET',
    path: '/api/goals',
    access: GOAL_READERS,
    summary: 'Goals the caller sees (a month’s KPI goals and the skill goals due in it), each with its progress from the facts',
    tags,
    query: z.object({
      month: isoMonth.optional(),
      teamId: z.coerce.number().int().positive().optional(),
      agentId: z.coerce.number().int().positive().optional(),
      all: z.enum(['0', '1']).optional(),
    }),
    response: z.object({ today: z.string(), goals: z.array(goal) }),
  }),
  options: endpoint({
    method: 'GET',
    path: '/api/goals/options',
    access: GOAL_SETTERS,
    summary: 'The teams and agents the caller may set goals for, and the queues with a certification',
    tags,
    response: z.object({
      teams: z.array(z.object({ id: z.number(), name: z.string() })),
      agents: z.array(z.object({ id: z.number(), name: z.string(), teamId: z.number() })),
      queues: z.array(z.string()),
    }),
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/goals/:id',
    access: GOAL_READERS,
    summary: 'One goal with its progress (another agent’s goal is not found)',
    tags,
    params: idParams,
    response: goal,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/goals',
    access: GOAL_SETTERS,
    summary: 'Set a goal: a KPI target of a month, or a skill level / certification by a date',
    tags,
    body: z.object({
      subject: z.enum(GOAL_SUBJECTS),
      teamId: z.number().int().positive().optional(),
      agentId: z.number().int().positive().optional(),
      kind: z.enum(GOAL_KINDS),
      month: isoMonth.optional(),
      kpi: z.enum(GOAL_KPIS).optional(),
      direction: direction.optional(),
      target: z.number().min(0).max(1_000_000).optional(),
      dueDate: isoDate.optional(),
      skillLevel: z.number().int().min(MIN_SKILL).max(MAX_SKILL).optional(),
      queue: z.string().trim().min(1).max(60).optional(),
      share: share.optional(),
      note: z.string().trim().max(500).default(''),
    }),
    response: goal,
  }),
  change: endpoint({
    method: 'PATCH',
    path: '/api/goals/:id',
    access: GOAL_SETTERS,
    summary: 'Change a goal’s target, share or note, or drop / reactivate it',
    tags,
    params: idParams,
    body: z.object({
      target: z.number().min(0).max(1_000_000).optional(),
      share: share.optional(),
      note: z.string().trim().max(500).optional(),
      status: z.enum(GOAL_STATUSES).optional(),
    }),
    response: goal,
  }),
  scorecards: endpoint({
    method: 'GET',
    path: '/api/goals/lead-scorecards',
    access: SCORECARD_READERS,
    summary: 'Team leads’ scorecards of a month (results, routine 執行力, people; 勝任力 and overall), with their inputs',
    tags,
    query: z.object({ month: isoMonth }),
    response: z.object({ month: z.string(), config, cards: z.array(card) }),
  }),
  saveConfig: endpoint({
    method: 'PUT',
    path: '/api/goals/lead-scorecards/config',
    access: SCORECARD_EDITORS,
    summary: 'Set the scorecard’s part weights, coaching expected per agent and attrition ceiling for the center',
    tags,
    body: config,
    response: config,
  }),
};
