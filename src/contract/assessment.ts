/**
 * The center's self-assessment (issue 17, the 4PS model of seed 000): the checklist (points under five
 * dimensions, weights, the figure that evidences a point), rounds with a score per point, the level per
 * dimension per round (src/core/assessment: the weighted mean of the scored points' levels, rounded down)
 * and the gap list with owners, due dates and status. Center managers and admins edit and run rounds;
 * the floor's managers, leads and staff read and may own gaps; agents have no access.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { DIMENSIONS, GAP_STATUSES, LEVEL_COUNT, MAX_LEVEL, MIN_LEVEL } from '../core/assessment/index';
import { FACT_KPIS } from '../core/facts/index';
import { endpoint } from './endpoint';
import { idParams, isoDate } from './atoms';

const tags = ['assessment'] as const;

/** Who edits the checklist and runs rounds. */
export const ASSESSMENT_EDITORS: Role[] = ['admin', 'center_manager'];
/** Who reads the assessment and may own a gap (the gap list shows a non-editor only their own gaps). */
export const ASSESSMENT_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'];

const dimension = z.enum(DIMENSIONS);
const level = z.number().int().min(MIN_LEVEL).max(MAX_LEVEL);
const kpi = z.enum(FACT_KPIS);
const gapStatus = z.enum(GAP_STATUSES);
const levelsByDimension = z.object(
  Object.fromEntries(DIMENSIONS.map((d) => [d, z.number().nullable()])) as Record<(typeof DIMENSIONS)[number], z.ZodNullable<z.ZodNumber>>,
);

const point = z.object({
  id: z.number(),
  code: z.string(),
  dimension,
  text: z.string(),
  weight: z.number(),
  kpi: z.string().nullable(),
  active: z.boolean(),
});

const round = z.object({
  id: z.number(),
  date: z.string(),
  assessorId: z.number().nullable(),
  assessorName: z.string().nullable(),
  targetLevel: z.number(),
  levels: levelsByDimension,
  overall: z.number().nullable(),
  scored: z.number(),
});

const gap = z.object({
  id: z.number(),
  roundId: z.number(),
  roundDate: z.string(),
  pointId: z.number(),
  code: z.string(),
  dimension,
  text: z.string(),
  level: z.number().nullable(),
  targetLevel: z.number(),
  ownerId: z.number(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: gapStatus,
  note: z.string(),
});

/** A figure the product computes for a point: the center's month so far, from the facts (src/store/facts computeFacts). */
const figure = z.object({ kpi: z.string(), month: z.string(), value: z.number().nullable(), reason: z.string().optional() });

export type AssessmentPointWire = z.infer<typeof point>;
export type AssessmentRoundWire = z.infer<typeof round>;
export type AssessmentGapWire = z.infer<typeof gap>;

export const assessment = {
  checklist: endpoint({
    method: 'GET',
    path: '/api/assessment/checklist',
    access: ASSESSMENT_READERS,
    summary: 'The center’s checklist (points by dimension), its seven level names and the people who may own a gap',
    tags,
    response: z.object({
      levels: z.array(z.string()),
      points: z.array(point),
      owners: z.array(z.object({ id: z.number(), name: z.string() })),
    }),
  }),
  savePoint: endpoint({
    method: 'POST',
    path: '/api/assessment/points',
    access: ASSESSMENT_EDITORS,
    summary: 'Add (no id) or change an assessment point',
    tags,
    body: z.object({
      id: z.number().int().positive().optional(),
      dimension,
      text: z.string().trim().min(1).max(300),
      weight: z.number().positive().max(100),
      kpi: kpi.nullable(),
      active: z.boolean(),
    }),
    response: point,
  }),
  saveLevels: endpoint({
    method: 'PUT',
    path: '/api/assessment/levels',
    access: ASSESSMENT_EDITORS,
    summary: 'Rename the seven maturity levels (0 to 6)',
    tags,
    body: z.object({ names: z.array(z.string().trim().min(1).max(30)).length(LEVEL_COUNT) }),
    response: z.object({ levels: z.array(z.string()) }),
  }),
  rounds: endpoint({
    method: 'GET',
    path: '/api/assessment/rounds',
    access: ASSESSMENT_READERS,
    summary: 'The center’s rounds, oldest first, each with its level per dimension and overall',
    tags,
    response: z.array(round),
  }),
  createRound: endpoint({
    method: 'POST',
    path: '/api/assessment/rounds',
    access: ASSESSMENT_EDITORS,
    summary: 'Start a round (the assessor defaults to the caller)',
    tags,
    body: z.object({ date: isoDate, assessorId: z.number().int().positive().optional(), targetLevel: level }),
    response: round,
  }),
  round: endpoint({
    method: 'GET',
    path: '/api/assessment/rounds/:id',
    access: ASSESSMENT_READERS,
    summary: 'A round: every point with its score, evidence and current figure; the levels; the gaps the caller may see',
    tags,
    params: idParams,
    response: z.object({
      round,
      points: z.array(
        point.extend({
          level: z.number().nullable(),
          scored: z.boolean(),
          evidence: z.string(),
          figure: figure.nullable(),
          isGap: z.boolean(),
        }),
      ),
      gaps: z.array(gap),
    }),
  }),
  saveScores: endpoint({
    method: 'PUT',
    path: '/api/assessment/rounds/:id/scores',
    access: ASSESSMENT_EDITORS,
    summary: 'Score points of a round: a level 0–6, or null for N/A, with the evidence',
    tags,
    params: idParams,
    body: z.object({
      scores: z
        .array(z.object({ pointId: z.number().int().positive(), level: level.nullable(), evidence: z.string().trim().max(2000) }))
        .min(1)
        .max(500),
    }),
    response: round,
  }),
  setGap: endpoint({
    method: 'PUT',
    path: '/api/assessment/rounds/:id/gaps',
    access: ASSESSMENT_EDITORS,
    summary: 'Give a point below the target level an owner, a due date and a status',
    tags,
    params: idParams,
    body: z.object({
      pointId: z.number().int().positive(),
      ownerId: z.number().int().positive(),
      dueDate: isoDate,
      status: gapStatus.default('open'),
      note: z.string().trim().max(1000).default(''),
    }),
    response: gap,
  }),
  gaps: endpoint({
    method: 'GET',
    path: '/api/assessment/gaps',
    access: ASSESSMENT_READERS,
    summary: 'Gaps still open (with `all=1`: done ones too): every one of the center for its editors, one’s own for the others',
    tags,
    query: z.object({ all: z.enum(['0', '1']).optional() }),
    response: z.array(gap),
  }),
  setGapStatus: endpoint({
    method: 'PATCH',
    path: '/api/assessment/gaps/:id',
    access: ASSESSMENT_READERS,
    summary: 'Move a gap on (its owner, or an editor)',
    tags,
    params: idParams,
    body: z.object({ status: gapStatus, note: z.string().trim().max(1000).optional() }),
    response: gap,
  }),
};
