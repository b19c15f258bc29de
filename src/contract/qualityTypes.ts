/**
 * The answers of the quality (質檢) endpoints (src/contract/quality.ts): scorecards, calls, the work
 * queue, evaluations and their scores, disputes, calibration, the library, reports and coaching.
 * Shapes follow src/core/quality (templates, scores, disputes, calibration) and the store's rows
 * (snake_case list rows, 0/1 flags where the table keeps them).
 */
import { z } from 'zod';

// ---- scorecards (core/quality/template.ts) ----
export const scorecardItem = z.object({
  id: z.string(),
  label: z.string(),
  weight: z.number(),
  min: z.number(),
  max: z.number(),
  options: z.array(z.object({ value: z.number(), label: z.string() })).optional(),
  fatal: z.boolean(),
  naAllowed: z.boolean(),
  passAt: z.number().optional(),
});
export type ScorecardItem = z.infer<typeof scorecardItem>;
export const scorecardTemplate = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  fatalMode: z.enum(['zero', 'flag']),
  sections: z.array(z.object({ id: z.string(), label: z.string(), weight: z.number(), items: z.array(scorecardItem) })),
});
export type ScorecardTemplate = z.infer<typeof scorecardTemplate>;

/** A stored template version; the newest version of a key is the active one. */
export const templateRow = z.object({
  id: z.number(),
  key: z.string(),
  version: z.number(),
  name: z.string(),
  active: z.boolean(),
  createdAt: z.number(),
  template: scorecardTemplate,
});
export type TemplateRow = z.infer<typeof templateRow>;

// ---- scores (core/quality/score.ts) ----
export const answer = z.object({ itemId: z.string(), value: z.number().nullable(), comment: z.string().optional() });
export type Answer = z.infer<typeof answer>;
export const itemResult = z.object({
  itemId: z.string(),
  sectionId: z.string(),
  fatal: z.boolean(),
  na: z.boolean(),
  value: z.number().nullable(),
  score: z.number().nullable(),
  failed: z.boolean(),
  comment: z.string().optional(),
});
export const evaluationScore = z.object({
  templateId: z.string(),
  templateVersion: z.number(),
  score: z.number().nullable(),
  rawScore: z.number().nullable(),
  fatalFailed: z.array(z.string()),
  fatal: z.boolean(),
  flagged: z.boolean(),
  sections: z.array(z.object({ sectionId: z.string(), score: z.number().nullable() })),
  items: z.array(itemResult),
});
export type EvaluationScore = z.infer<typeof evaluationScore>;
export const qaRates = z.object({
  evaluations: z.number(),
  averageScore: z.number().nullable(),
  fatalEvaluations: z.number(),
  fatalRate: z.number().nullable(),
  nonFatalFailed: z.number(),
  nonFatalScored: z.number(),
  nonFatalRate: z.number().nullable(),
});

// ---- calls and the work queue ----
/** A call as stored (qa_calls); transferred / complaint are 0/1. */
export const callRow = z.object({
  id: z.string(),
  center_id: z.number(),
  agent_id: z.number(),
  queue: z.string(),
  started_at: z.number(),
  duration_s: z.number(),
  recording_url: z.string().nullable(),
  transferred: z.number(),
  complaint: z.number(),
  created_at: z.number(),
});
export type CallRow = z.infer<typeof callRow>;
export const callListRow = callRow.omit({ center_id: true, created_at: true }).extend({
  agent_name: z.string(),
  employee_no: z.string(),
  team_id: z.number().nullable(),
  hire_date: z.string(),
});
export type CallListRow = z.infer<typeof callListRow>;

export const workItem = z.object({
  id: z.number(),
  call_id: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  employee_no: z.string(),
  evaluator_id: z.number(),
  evaluator_name: z.string(),
  week: z.string(),
  /** Why the call was sampled (sampling plan rules: random, long, transferred, complaint, newcomer…). */
  reasons: z.array(z.string()),
  evaluation_id: z.number().nullable(),
  queue: z.string(),
  started_at: z.number(),
  duration_s: z.number(),
  recording_url: z.string().nullable(),
});
export type WorkItem = z.infer<typeof workItem>;

// ---- evaluations ----
export const evaluationListRow = z.object({
  id: z.number(),
  call_id: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  employee_no: z.string(),
  team_id: z.number().nullable(),
  evaluator_id: z.number(),
  evaluator_name: z.string(),
  template_name: z.string(),
  template_version: z.number(),
  month: z.string(),
  score: z.number().nullable(),
  fatal: z.boolean(),
  flagged: z.boolean(),
  time_spent_s: z.number(),
  created_at: z.number(),
  notified_at: z.number().nullable(),
  call_started_at: z.number(),
  queue: z.string(),
});
export type EvaluationListRow = z.infer<typeof evaluationListRow>;

const disputeState = z.enum(['open', 'upheld', 'rejected']);
const disputeEvent = z.object({ at: z.string(), by: z.string(), state: disputeState, note: z.string() });
/** A dispute as the core sees it (ids as text, times ISO). */
export const dispute = z.object({
  id: z.string(),
  evaluationId: z.string(),
  itemId: z.string(),
  agentId: z.string(),
  reason: z.string(),
  openedAt: z.string(),
  state: disputeState,
  history: z.array(disputeEvent),
});
export const answerChange = z.object({
  itemId: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  at: z.string(),
  by: z.string(),
  disputeId: z.string(),
});

export const evaluationDetail = z.object({
  id: z.number(),
  callId: z.string(),
  call: callRow.nullable(),
  agentId: z.number(),
  agentName: z.string().nullable(),
  employeeNo: z.string().nullable(),
  teamId: z.number().nullable(),
  evaluatorId: z.number(),
  evaluatorName: z.string().nullable(),
  template: scorecardTemplate,
  templateId: z.number(),
  calibrationId: z.number().nullable(),
  month: z.string(),
  answers: z.array(answer),
  answerHistory: z.array(answerChange),
  result: evaluationScore,
  comment: z.string().nullable(),
  timeSpentS: z.number(),
  createdAt: z.number(),
  notifiedAt: z.number().nullable(),
  /** When the dispute window closes (ISO), null before the agent was notified. */
  disputeDeadline: z.string().nullable(),
  disputes: z.array(dispute),
});
export type EvaluationDetail = z.infer<typeof evaluationDetail>;

/** A dispute in a list: the stored row (times epoch ms) with names and its evaluation's score. */
export const disputeListRow = z.object({
  id: z.number(),
  evaluation_id: z.number(),
  agent_id: z.number(),
  item_id: z.string(),
  reason: z.string(),
  /** open | upheld | rejected */
  state: z.string(),
  opened_at: z.number(),
  decided_at: z.number().nullable(),
  decided_by: z.number().nullable(),
  history: z.array(disputeEvent),
  agent_name: z.string(),
  employee_no: z.string(),
  evaluator_name: z.string(),
  evaluator_id: z.number(),
  score: z.number().nullable(),
  template_id: z.number(),
  call_id: z.string(),
});
export type DisputeListRow = z.infer<typeof disputeListRow>;

// ---- calibration (core/quality/calibration.ts) ----
const spread = z.object({
  n: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  stddev: z.number().nullable(),
});
const evaluatorDeviation = z.object({ evaluatorId: z.string(), score: z.number().nullable(), deviation: z.number().nullable(), deviates: z.boolean() });
export const calibrationReport = z.object({
  evaluators: z.array(z.string()),
  scoreSpread: spread,
  byEvaluator: z.array(evaluatorDeviation),
  items: z.array(z.object({ itemId: z.string(), spread, byEvaluator: z.array(evaluatorDeviation), naMismatch: z.array(z.string()) })),
  deviating: z.array(z.string()),
});
export const calibrationListRow = z.object({
  id: z.number(),
  center_id: z.number(),
  call_id: z.string(),
  template_id: z.number(),
  title: z.string(),
  /** open | closed */
  state: z.string(),
  evaluator_ids: z.array(z.number()),
  created_by: z.number(),
  created_at: z.number(),
  closed_at: z.number().nullable(),
  submitted: z.number(),
});
const scoring = z.object({ answers: z.array(answer), result: evaluationScore });
/** A session as one viewer sees it: blind while open (own scoring only), everything once closed. */
export const calibrationSession = z.object({
  id: z.number(),
  title: z.string(),
  /** open (blind) | closed */
  state: z.string(),
  callId: z.string(),
  call: callRow.nullable(),
  templateId: z.number(),
  template: scorecardTemplate,
  evaluators: z.array(z.object({ id: z.number(), name: z.string(), submitted: z.boolean() })),
  createdBy: z.number(),
  closedAt: z.number().nullable(),
  own: scoring.nullable(),
  evaluations: z.array(scoring.extend({ evaluatorId: z.number(), name: z.string() })).nullable(),
  report: calibrationReport.nullable(),
});
export type CalibrationSession = z.infer<typeof calibrationSession>;

// ---- library, reports, coaching ----
export const libraryEntry = z.object({
  id: z.number(),
  call_id: z.string(),
  /** good | instructive */
  tag: z.string(),
  title: z.string(),
  note: z.string(),
  /** Teams it is shared with; none = the whole center. */
  team_ids: z.array(z.number()),
  created_at: z.number(),
  shared_by: z.string(),
  recording_url: z.string().nullable(),
  queue: z.string(),
  duration_s: z.number(),
  agent_name: z.string(),
});

const trend = z.object({ slope: z.number(), intercept: z.number(), fitted: z.array(z.number()), n: z.number() }).nullable();
export const qaReport = z.object({
  months: z.array(z.string()),
  series: z.array(
    z.object({
      month: z.string(),
      evaluations: z.number(),
      averageScore: z.number().nullable(),
      fatalRate: z.number().nullable(),
      nonFatalRate: z.number().nullable(),
    }),
  ),
  trend: z.object({ averageScore: trend, fatalRate: trend, nonFatalRate: trend }),
  total: qaRates,
  groupBy: z.enum(['agent', 'team', 'evaluator', 'month']),
  groups: z.array(qaRates.extend({ key: z.string(), name: z.string() })),
  mostFailed: z.array(z.object({ itemId: z.string(), fatal: z.boolean(), failed: z.number(), scored: z.number(), failRate: z.number(), label: z.string() })),
});
export type QaReport = z.infer<typeof qaReport>;

/** A measure of what a coaching session aims at: an item's fail rate (0–1) or a KPI figure; null when nothing was measured. */
const measure = z.object({ value: z.number().nullable(), detail: z.record(z.string(), z.unknown()) });
export const coachingFollowUp = z.object({
  at: z.number(),
  by: z.number(),
  note: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  afterDetail: z.record(z.string(), z.unknown()),
  change: z.number().nullable(),
});
export const coachingRow = z.object({
  id: z.number(),
  center_id: z.number(),
  /** correction | praise */
  kind: z.string(),
  /** item | kpi */
  source_kind: z.string(),
  source_key: z.string(),
  evaluation_id: z.number().nullable(),
  month: z.string(),
  goals: z.string(),
  notes: z.string(),
  follow_up_date: z.string(),
  baseline: measure,
  /** open | followedUp */
  state: z.string(),
  follow_up: coachingFollowUp.nullable(),
  created_by: z.number(),
  created_at: z.number(),
  coach_name: z.string(),
  agents: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type CoachingRow = z.infer<typeof coachingRow>;
