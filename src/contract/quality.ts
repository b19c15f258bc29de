/**
 * Quality (質檢): scorecard templates, calls, the evaluator's work queue, evaluations, disputes,
 * calibration, the recording library, QA reports and coaching (src/server/routes/quality.ts over
 * src/services/quality). Reads open to 'any' are narrowed to what the caller may see in SQL
 * (agents: their own; team leads: their teams).
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';
import { epochMs, epochMsQuery, idParams, isoDate, isoMonth, okResponse } from './atoms';
import {
  calibrationListRow,
  calibrationSession,
  callListRow,
  coachingFollowUp,
  coachingRow,
  disputeListRow,
  evaluationDetail,
  evaluationListRow,
  libraryEntry,
  qaReport,
  templateRow,
  workItem,
} from './qualityTypes';

export * from './qualityTypes';

const tags = ['quality'] as const;

/** Who scores calls. */
export const EVALUATORS: Role[] = ['qa'];
/** Who runs QA: templates, sampling, calibration, the library. */
export const QA_RUN: Role[] = ['qa', 'center_manager'];
/** Who may be asked to decide disputes (narrowed by the use case, see the setting quality.disputeDeciders). */
export const DECIDERS: Role[] = ['qa', 'center_manager'];
export const REPORT_READERS: Role[] = ['qa', 'center_manager', 'duty_manager', 'team_lead'];
export const COACHES: Role[] = ['team_lead', 'qa', 'center_manager'];

// ---- inputs ----
const callId = z.string().trim().min(1).max(100);
const answerIn = z.object({ itemId: z.string().min(1).max(100), value: z.number().nullable(), comment: z.string().max(2000).optional() });
export const callIn = z.object({
  id: callId,
  agentId: z.number().int().positive(),
  queue: z.string().trim().min(1).max(60),
  startedAt: epochMs,
  durationS: z.number().min(0),
  recordingUrl: z
    .string()
    .max(1000)
    .regex(/^https?:\/\/\S+$/i, 'expected an http(s) URL')
    .nullable()
    .optional(),
  transferred: z.boolean().optional(),
  complaint: z.boolean().optional(),
});
export const evaluationIn = z.object({
  callId,
  templateId: z.number().int().positive(),
  answers: z.array(answerIn).min(1).max(500),
  timeSpentS: z.number().min(0).max(86_400),
  comment: z.string().max(4000).nullable().optional(),
  calibrationId: z.number().int().positive().nullable().optional(),
});
export const coachingIn = z.object({
  kind: z.enum(['correction', 'praise']),
  agentIds: z.array(z.number().int().positive()).min(1).max(200),
  sourceKind: z.enum(['item', 'kpi']),
  sourceKey: z.string().trim().min(1).max(100),
  evaluationId: z.number().int().positive().nullable().optional(),
  month: isoMonth,
  goals: z.string().trim().min(1, 'goals are required').max(4000),
  notes: z.string().max(4000).default(''),
  followUpDate: isoDate,
});
export const libraryIn = z.object({
  callId,
  tag: z.enum(['good', 'instructive']),
  title: z.string().trim().min(1).max(200),
  note: z.string().max(2000).default(''),
  teamIds: z.array(z.number().int().positive()).max(100).default([]),
});
export const reportGroups = ['agent', 'team', 'evaluator', 'month'] as const;

export const quality = {
  templates: endpoint({
    method: 'GET',
    path: '/api/quality/templates',
    access: 'any',
    summary: 'Scorecard templates (every version; the newest is active)',
    tags,
    query: z.object({ active: z.coerce.boolean().optional() }),
    response: z.array(templateRow),
  }),
  saveTemplate: endpoint({
    method: 'POST',
    path: '/api/quality/templates',
    access: QA_RUN,
    summary: 'Save a new version of a scorecard template (weights must add up to 100 per level)',
    tags,
    // checked field by field by the core's parseTemplate (errors name e.g. template.sections[0].items)
    body: z.object({ template: z.unknown() }),
    response: templateRow,
  }),
  calls: endpoint({
    method: 'GET',
    path: '/api/quality/calls',
    access: [...QA_RUN, 'team_lead'],
    summary: 'Calls QA may evaluate (filled by the live-floor ingest, or registered by QA); team leads: their teams’ calls',
    tags,
    query: z.object({
      from: epochMsQuery.optional(),
      to: epochMsQuery.optional(),
      agentId: z.coerce.number().int().optional(),
      unevaluated: z.coerce.boolean().optional(),
    }),
    response: z.array(callListRow),
  }),
  registerCalls: endpoint({
    method: 'POST',
    path: '/api/quality/calls',
    access: [...QA_RUN, 'admin'],
    summary: 'Register calls for QA (idempotent by call id) until the live-floor ingest fills them',
    tags,
    body: z.object({ calls: z.array(callIn).min(1).max(5000) }),
    response: z.object({ stored: z.number() }),
  }),
  workQueue: endpoint({
    method: 'GET',
    path: '/api/quality/work-queue',
    access: QA_RUN,
    summary: "An evaluator's work queue (sampled calls, oldest first); ?all=true for every evaluator; limit / offset page through it",
    tags,
    query: z.object({
      all: z.coerce.boolean().optional(),
      done: z.coerce.boolean().optional(),
      limit: z.coerce.number().int().min(1).max(300).optional(),
      offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    }),
    response: z.array(workItem),
  }),
  generateWorkQueue: endpoint({
    method: 'POST',
    path: '/api/quality/work-queue/generate',
    access: QA_RUN,
    summary: 'Sample calls of a period by the sampling plan (center setting quality.samplingPlan) into evaluators’ queues',
    tags,
    body: z.object({ from: isoDate, to: isoDate, evaluatorIds: z.array(z.number().int().positive()).min(1).max(100), seed: z.string().max(100).optional() }),
    response: z.object({
      considered: z.number(),
      sampled: z.number(),
      perEvaluator: z.array(z.object({ evaluatorId: z.number(), calls: z.number() })),
    }),
  }),
  evaluate: endpoint({
    method: 'POST',
    path: '/api/quality/evaluations',
    access: EVALUATORS,
    summary: 'Score a call on a scorecard (the agent is notified); with calibrationId, a blind calibration score',
    tags,
    body: evaluationIn,
    response: z.object({ id: z.number(), score: z.number().nullable(), fatal: z.boolean(), flagged: z.boolean() }),
  }),
  evaluations: endpoint({
    method: 'GET',
    path: '/api/quality/evaluations',
    access: 'any',
    summary: 'Evaluations the caller may see (agents: their own; team leads: their teams), calibration ones excluded',
    tags,
    query: z.object({
      agentId: z.coerce.number().int().optional(),
      evaluatorId: z.coerce.number().int().optional(),
      fromMonth: isoMonth.optional(),
      toMonth: isoMonth.optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    response: z.array(evaluationListRow),
  }),
  evaluation: endpoint({
    method: 'GET',
    path: '/api/quality/evaluations/:id',
    access: 'any',
    summary: 'One evaluation with the call, answers, comments, answer history and disputes',
    tags,
    params: idParams,
    response: evaluationDetail,
  }),
  openDispute: endpoint({
    method: 'POST',
    path: '/api/quality/evaluations/:id/disputes',
    access: ['agent'],
    summary: 'The evaluated agent appeals one item with a reason, within the dispute window',
    tags,
    params: idParams,
    body: z.object({ itemId: z.string().min(1).max(100), reason: z.string().max(2000) }),
    response: z.object({ id: z.number() }),
  }),
  disputes: endpoint({
    method: 'GET',
    path: '/api/quality/disputes',
    access: 'any',
    summary: 'Disputes the caller may see (agents: their own; team leads: their teams; QA: all)',
    tags,
    query: z.object({ state: z.enum(['open', 'upheld', 'rejected']).optional() }),
    response: z.array(disputeListRow),
  }),
  decideDispute: endpoint({
    method: 'POST',
    path: '/api/quality/disputes/:id/decision',
    access: DECIDERS,
    summary: 'The QA lead (or a center manager) upholds or rejects a dispute; upheld changes the item and recomputes the score',
    tags,
    params: idParams,
    body: z.object({ decision: z.enum(['upheld', 'rejected']), note: z.string().max(2000).default(''), newValue: z.number().nullable().optional() }),
    response: z.object({ state: z.string(), score: z.number().nullable(), scoreBefore: z.number().nullable() }),
  }),
  evaluators: endpoint({
    method: 'GET',
    path: '/api/quality/evaluators',
    access: QA_RUN,
    summary: 'Users of the caller’s center who score calls (role qa), for work queues and calibration sessions',
    tags,
    response: z.array(z.object({ id: z.number(), display_name: z.string(), username: z.string() })),
  }),
  calibrations: endpoint({
    method: 'GET',
    path: '/api/quality/calibrations',
    access: QA_RUN,
    summary: 'Calibration sessions',
    tags,
    response: z.array(calibrationListRow),
  }),
  createCalibration: endpoint({
    method: 'POST',
    path: '/api/quality/calibrations',
    access: QA_RUN,
    summary: 'Start a calibration session: several evaluators score the same call blind',
    tags,
    body: z.object({
      callId,
      templateId: z.number().int().positive(),
      title: z.string().trim().min(1).max(200),
      evaluatorIds: z.array(z.number().int().positive()).max(50),
    }),
    response: z.object({ id: z.number() }),
  }),
  calibration: endpoint({
    method: 'GET',
    path: '/api/quality/calibrations/:id',
    access: QA_RUN,
    summary: 'A calibration session: blind while open (own score only), spread per item and who deviates once closed',
    tags,
    params: idParams,
    response: calibrationSession,
  }),
  closeCalibration: endpoint({
    method: 'POST',
    path: '/api/quality/calibrations/:id/close',
    access: QA_RUN,
    summary: 'Close a calibration session and reveal the scores',
    tags,
    params: idParams,
    response: calibrationSession,
  }),
  library: endpoint({
    method: 'GET',
    path: '/api/quality/library',
    access: 'any',
    summary: 'Recording library (good and instructive calls) shared with the caller’s teams',
    tags,
    response: z.array(libraryEntry),
  }),
  addToLibrary: endpoint({
    method: 'POST',
    path: '/api/quality/library',
    access: [...QA_RUN, 'team_lead'],
    summary: 'Tag a call as good or instructive and share it with teams (none = the whole center); team leads: calls of their teams only',
    tags,
    body: libraryIn,
    response: z.object({ id: z.number() }),
  }),
  removeFromLibrary: endpoint({
    method: 'DELETE',
    path: '/api/quality/library/:id',
    access: QA_RUN,
    summary: 'Remove a call from the library',
    tags,
    params: idParams,
    response: okResponse,
  }),
  reports: endpoint({
    method: 'GET',
    path: '/api/quality/reports',
    access: REPORT_READERS,
    summary: 'QA report: average score, fatal and non-fatal rates per month with trend lines, per agent/team/evaluator, most-failed items',
    tags,
    query: z.object({
      fromMonth: isoMonth.optional(),
      toMonth: isoMonth.optional(),
      groupBy: z.enum(reportGroups).default('team'),
      teamId: z.coerce.number().int().optional(),
      agentId: z.coerce.number().int().optional(),
      evaluatorId: z.coerce.number().int().optional(),
    }),
    response: qaReport,
  }),
  coaching: endpoint({
    method: 'GET',
    path: '/api/quality/coaching',
    access: 'any',
    summary: 'Coaching sessions the caller may see (agents: their own; team leads: their teams’ agents)',
    tags,
    response: z.array(coachingRow),
  }),
  createCoaching: endpoint({
    method: 'POST',
    path: '/api/quality/coaching',
    access: COACHES,
    summary: 'A coaching session from a failed item or a KPI gap: 1-to-1 correction or 1-to-many praise, with goals and a follow-up date',
    tags,
    body: coachingIn,
    response: z.object({ id: z.number() }),
  }),
  followUpCoaching: endpoint({
    method: 'POST',
    path: '/api/quality/coaching/:id/follow-up',
    access: COACHES,
    summary: 'Follow up a coaching session: measure again and compare before / after',
    tags,
    params: idParams,
    body: z.object({ note: z.string().max(4000).default('') }),
    response: coachingFollowUp,
  }),
};
