/**
 * Workforce management (src/server/routes/wfm/* over src/services/wfm and src/store/wfm): Erlang,
 * history and forecasts, requirement curves, shift templates and contracts, optimiser runs and
 * shifts, swaps and leave, adherence and intraday, peak / VTO slots, holiday points and redemptions.
 * Planners (wfm) see the center; team leads their teams; agents their own records.
 */
import { SHRINKAGE_CATEGORIES } from '../core/wfm/shrinkage';
import { z } from 'zod';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';
import { epochMs, epochMsQuery, idParams, isoDate, okResponse } from './atoms';

const tags = ['wfm'] as const;

/** The planners: write forecasts, requirements, schedules, slots and points rules. */
export const WFM_PLANNERS: Role[] = ['wfm'];
/** Who reads the plans of the center (team leads: their teams' agents where a list is per agent). */
export const WFM_VIEW: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'wfm'];

// ---- input atoms ----
const nonNeg = z.number().finite().min(0);
const monday = isoDate.refine((s) => new Date(`${s}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday');
const intervalMin = z.union([z.literal(15), z.literal(30), z.literal(60)]);
export const holidayItem = z.object({ date: isoDate, name: z.string().max(60).optional(), factor: nonNeg.optional() });
export type HolidayItem = z.infer<typeof holidayItem>;

/** Erlang targets: at least one of targetSl, targetAsa, maxOccupancy (checked by the service, naming targetSl). */
const targetFields = {
  targetSl: z.number().min(0).max(1).optional(),
  thresholdS: nonNeg.default(20),
  targetAsa: nonNeg.optional(),
  maxOccupancy: z.number().gt(0).max(1).optional(),
  patienceS: z.number().positive().optional(),
  shrinkage: z.number().min(0).lt(1).default(0),
};
export const erlangBody = z.object({
  calls: nonNeg,
  periodS: z.number().finite().positive().default(1800),
  ahtS: z.number().finite().positive(),
  ...targetFields,
});
export const requirementBody = z.object({
  weekStart: monday,
  required: z.array(nonNeg).optional(),
  forecastId: z.number().int().positive().optional(),
  /** one forecast per queue (issue 15): the requirement of each queue is kept, the total is their sum */
  queueForecastIds: z.array(z.number().int().positive()).min(1).max(12).optional(),
  ...targetFields,
  // one number still accepted; omitted: the center's shrinkage by category (GET/PUT /api/wfm/shrinkage), summed.
  // With `required` (an uploaded curve): the shrinkage it was computed with, kept with it (migration 059)
  shrinkage: z.number().min(0).lt(1).optional(),
  /** the leave share of `shrinkage` (part of it, so at most it): time off and intraday count the requirement net of it */
  shrinkageLeave: z.number().min(0).lt(1).optional(),
  /**
   * the share of `shrinkage` planned as activities a schedule books (training, coaching, meetings; migration 060),
   * at most `shrinkage` less `shrinkageLeave`: intraday sees booked activities up to it; omitted: not known
   */
  shrinkageActivity: z.number().min(0).lt(1).optional(),
});
export const shrinkageBody = z.object({
  categories: z.array(z.object({ category: z.enum(SHRINKAGE_CATEGORIES), fraction: z.number().min(0).lt(1) })).max(SHRINKAGE_CATEGORIES.length),
});
export const forecastBody = z.object({
  queue: z.string().min(1),
  intervalMin: intervalMin.default(30),
  model: z.enum(['seasonalNaive', 'holtWinters']).default('holtWinters'),
  weeksAhead: z.number().int().positive().max(8).default(1),
  /** omitted: the centre's holiday calendar (PUT /api/wfm/holidays) */
  holidays: z.array(holidayItem).optional(),
  adjustments: z.array(z.object({ fromTs: epochMs, toTs: epochMs, percent: z.number().optional(), absolute: z.number().optional() })).default([]),
});
export const templateSpec = z.object({
  id: z.string().min(1).max(20),
  spanMin: z.number().int().positive(),
  startEarliestMin: z.number().int().min(0),
  startLatestMin: z.number().int().min(0),
  startStepMin: z.number().int().positive(),
  breaks: z.array(
    z.object({
      kind: z.enum(['break', 'meal']),
      durationMin: z.number().int().positive(),
      paid: z.boolean(),
      earliestStartMin: z.number().int().min(0),
      latestStartMin: z.number().int().min(0),
    }),
  ),
  costPerPaidHour: z.number().positive().optional(),
  days: z.array(z.number().int().min(0).max(6)).optional(),
});
export type TemplateSpec = z.infer<typeof templateSpec>;
const contractSpec = z.object({
  minHoursWeek: nonNeg,
  maxHoursWeek: nonNeg,
  minDaysOff: z.number().int().min(0).max(7),
  earliestStartMin: z.number().int().min(0).max(1439),
  latestStartMin: z.number().int().min(0).max(1439),
  templateIds: z.array(z.string()).optional(),
  minRestHours: nonNeg.optional(),
  // day rules (issue 15): days in a row, days off in a row, weekends off K of N, a rotation week by week
  maxConsecutiveDays: z.number().int().min(1).max(7).optional(),
  minConsecutiveDaysOff: z.number().int().min(0).max(7).optional(),
  weekendsOff: z.object({ min: z.number().int().min(0), weeks: z.number().int().min(1).max(52) }).optional(),
  rotation: z
    .object({
      steps: z
        .array(z.object({ templateIds: z.array(z.string()).optional(), daysOff: z.array(z.number().int().min(0).max(6)).optional() }))
        .min(1)
        .max(52),
      offset: z.number().int().optional(),
    })
    .optional(),
});
const preferences = z.object({ daysOff: z.array(z.number().int().min(0).max(6)).optional(), startMin: z.number().int().min(0).max(1439).optional() });
/** proficiency per skill, 1..5 (3 = standard; issue 15): the store checks each is one of `skills` */
const skillLevels = z.record(z.string().min(1), z.number());
export const contractBody = z.object({
  contract: contractSpec,
  skills: z.array(z.string().min(1)).default([]),
  skillLevels: skillLevels.optional(),
  preferences: preferences.default({}),
});
/** The multi-skill plan of a week (issue 15): one forecast per queue, one SL target for all. */
export const multiSkillBody = z.object({
  weekStart: monday,
  forecastIds: z.array(z.number().int().positive()).min(1).max(12),
  slTarget: z.number().gt(0).lt(1).default(0.8),
  thresholdS: nonNeg.default(20),
  patienceS: z.number().positive().optional(),
  timeLimitS: z.number().positive().max(120).default(10),
});
const pointsRule = z.union([
  z.object({ id: z.string().min(1), kind: z.literal('holidayHours'), dates: z.array(isoDate).min(1), pointsPerHour: nonNeg, multiplier: nonNeg.optional() }),
  z.object({ id: z.string().min(1), kind: z.literal('peakSlot'), pointsPerSlot: nonNeg }),
]);
export const peakRule = z.union([
  z.object({ mode: z.literal('firstCome') }),
  z.object({ mode: z.literal('priority'), order: z.array(z.enum(['points', 'tenure', 'performance'])).min(1) }),
]);

// ---- wire types ----
const erlangMetrics = {
  trafficErlangs: z.number(),
  agents: z.number(),
  serviceLevel: z.number(),
  asa: z.number(),
  occupancy: z.number(),
  probWait: z.number(),
  probAbandon: z.number(),
  meanWaitAll: z.number(),
};
export const erlangResult = z.object({
  ...erlangMetrics,
  scheduledHeads: z.number(),
  shrinkage: z.number(),
  model: z.enum(['erlangC', 'erlangA']),
  curve: z.array(z.object({ agents: z.number(), serviceLevel: z.number(), asa: z.number(), occupancy: z.number() })),
});
export type ErlangResult = z.infer<typeof erlangResult>;

const interval = z.object({ ts: z.number(), offered: z.number(), aht: z.number() });
export const forecastVersion = z.object({
  id: z.number(),
  center_id: z.number(),
  queue: z.string(),
  model: z.string(),
  interval_min: z.number(),
  from_ts: z.number(),
  to_ts: z.number(),
  /** the request's parameters as stored (JSON text) */
  params: z.string(),
  created_by: z.number().nullable(),
  created_at: z.number(),
});
export type ForecastVersionRow = z.infer<typeof forecastVersion>;
export const backtestRow = z.object({ model: z.enum(['seasonalNaive', 'holtWinters']), wape: z.number(), mape: z.number(), intervals: z.number() });
export const historyQueue = z.object({ queue: z.string(), interval_min: z.number(), rows: z.number(), from_ts: z.number(), to_ts: z.number() });

export const requirementRow = z.object({
  id: z.number(),
  week_start: z.string(),
  interval_min: z.number(),
  source: z.string(),
  created_at: z.number(),
  /** queues with their own requirement beside the total (issue 15); empty: total only */
  queues: z.array(z.string()),
  /** a multi-skill plan is still computing it (zeros until then): no run may start on it */
  pending: z.boolean(),
  /** the shrinkage it was computed with (migration 059): the sum and the leave category's share; null: not known */
  shrinkage: z.object({
    total: z.number().nullable(),
    leave: z.number().nullable(),
    /** the planned-activity share of it (migration 060; declared with an upload, or from the categories); null: not known */
    activity: z.number().nullable(),
  }),
});
export const contractRecord = z.object({
  agentId: z.number(),
  contract: contractSpec,
  skills: z.array(z.string()),
  skillLevels: skillLevels.optional(),
  preferences,
});
/** A multi-skill plan's figures, kept in its run's summary (issue 15). */
export const multiSkillSummary = z.object({
  queues: z.array(
    z.object({
      queue: z.string(),
      slTarget: z.number(),
      /** simulated, of the week as stored (after trimming) */
      serviceLevel: z.number(),
      /** simulated, of the week as the optimiser scheduled it */
      serviceLevelBeforeTrim: z.number(),
      /** simulated on the trimming's validation weeks (absent in plans stored before it existed) */
      serviceLevelValidation: z.number().nullable().optional(),
      asa: z.number(),
      abandonRate: z.number(),
      offered: z.number(),
      erlangAgentHours: z.number(),
    }),
  ),
  groups: z.array(
    z.object({
      key: z.string(),
      skills: z.array(z.object({ queue: z.string(), level: z.number() })),
      agents: z.number(),
      requiredHours: z.number(),
      scheduledHours: z.number(),
    }),
  ),
  requiredAgentHours: z.number(),
  scheduledAgentHours: z.number(),
  erlangAgentHours: z.number(),
  paidHours: z.number(),
  unmetBlocks: z.number(),
  trim: z.object({ removedShifts: z.number(), removedPaidHours: z.number(), restoredShifts: z.number().optional(), evaluations: z.number() }),
  queuesWithoutAgents: z.array(z.string()),
});
export type MultiSkillSummaryWire = z.infer<typeof multiSkillSummary>;
export type ContractRecordWire = z.infer<typeof contractRecord>;
export const leaveRow = z.object({ id: z.number(), agent_id: z.number(), date: z.string(), kind: z.string(), created_at: z.number(), name: z.string() });

const runStatus = z.string();
export const runRow = z.object({
  id: z.number(),
  week_start: z.string(),
  status: runStatus,
  created_at: z.number(),
  finished_at: z.number().nullable(),
  published_at: z.number().nullable(),
  requirement_id: z.number(),
  /** the weeks of one N-week plan (issue 15): its week-1 run's id, this run's week 1..N, and N; null: a one-week run */
  plan_id: z.number().nullable(),
  plan_week: z.number().nullable(),
  plan_weeks: z.number().nullable(),
});
const objective = z.object({ total: z.number(), under: z.number(), over: z.number(), cost: z.number() });
const runSummary = z.object({
  objective,
  lpBound: z.number(),
  gap: z.number(),
  stage1: z.record(z.string(), z.unknown()),
  unassignedPatternShifts: z.number(),
  warnings: z.array(z.string()),
  shifts: z.number(),
  /** a multi-skill plan's run (issue 15) */
  multiSkill: multiSkillSummary.optional(),
});
export const shiftRow = z.object({
  id: z.number(),
  runId: z.number(),
  agentId: z.number(),
  day: z.number(),
  kind: z.string(),
  templateCode: z.string(),
  start: z.number(),
  end: z.number(),
  paidHours: z.number(),
  activities: z.array(z.object({ kind: z.string(), start: z.number(), end: z.number(), paid: z.boolean() })),
  updatedAt: z.number(),
  /** the queues the shift answers (a multi-skill plan's shift) */
  queues: z.array(z.string()).optional(),
});
export type ShiftRowWire = z.infer<typeof shiftRow>;
export const runView = z.object({
  run: runRow.extend({
    center_id: z.number(),
    progress: z.object({
      phase: z.string(),
      startedAt: z.number().optional(),
      done: z.number().optional(),
      total: z.number().optional(),
      /** a failed run's refusal (the rule and week the carry made impossible): its reason and params, for the page's words */
      reason: z.string().optional(),
      params: z.record(z.string(), z.unknown()).optional(),
    }),
    summary: runSummary.nullable(),
    error: z.string().nullable(),
    time_limit_s: z.number(),
    created_by: z.number().nullable(),
    published_by: z.number().nullable(),
  }),
  /** distinct shift types (start time of day × length) in the run */
  distinctShifts: z.number(),
  weekStartTs: z.number(),
  intervalMin: z.number(),
  required: z.array(z.number()),
  coverage: z.array(z.number()),
  shifts: z.array(shiftRow.extend({ agentName: z.string(), employeeNo: z.string().optional(), teamId: z.number().nullable().optional() })),
});
export type RunView = z.infer<typeof runView>;
export const mySchedule = z.object({ weekStart: z.string().nullable(), weekStartTs: z.number().optional(), shifts: z.array(shiftRow) });

export const swapRow = z.object({
  id: z.number(),
  shift_id: z.number(),
  from_agent_id: z.number(),
  to_agent_id: z.number(),
  status: z.string(),
  note: z.string().nullable(),
  created_at: z.number(),
  start_ts: z.number(),
  end_ts: z.number(),
  from_name: z.string(),
  to_name: z.string(),
  team_id: z.number().nullable(),
});
export type SwapRow = z.infer<typeof swapRow>;

const rollup = { scheduledS: z.number(), inAdherenceS: z.number(), adherence: z.number(), workedS: z.number(), conformance: z.number() };
const outOfAdherence = z.object({ agentId: z.string(), start: z.number(), end: z.number(), scheduled: z.string(), states: z.array(z.string()) });
export const adherenceResult = z.object({
  from: z.number(),
  to: z.number(),
  agents: z.array(
    z.object({ ...rollup, agentId: z.string(), adherenceWithGrace: z.number(), name: z.string().optional(), teamId: z.number().nullable().optional() }),
  ),
  teams: z.array(z.object({ ...rollup, teamId: z.number().nullable() })),
  total: z.object(rollup),
  outOfAdherence: z.array(outOfAdherence.extend({ name: z.string().optional() })),
});
export type AdherenceResult = z.infer<typeof adherenceResult>;
export const intradayResult = z.object({
  /** null: no forecast of the queue covers the day (an empty state, every list empty) */
  forecastId: z.number().nullable(),
  /** the forecast's interval in minutes (15, 30 or 60); null with no forecast */
  intervalMin: z.number().nullable(),
  nowTs: z.number(),
  forecast: z.array(interval),
  actuals: z.array(z.object({ ts: z.number(), offered: z.number(), aht: z.number().optional(), ahtSum: z.number().optional() })),
  volumeRatio: z.number(),
  ahtRatio: z.number(),
  appliedVolumeFactor: z.number(),
  appliedAhtFactor: z.number(),
  /** `scheduled`: the queue's cover (core/wfm/intraday queueCover), agents on the phone on a shift that answers the queue */
  remaining: z.array(z.object({ ts: z.number(), offered: z.number(), aht: z.number(), required: z.number(), scheduled: z.number(), gap: z.number() })),
  /**
   * which cover `scheduled` counts: the agents on the phone that day on a shift answering `queue` (its multi-skill
   * plan's queues, else the agent's skills; one who answers several queues counts in each), and how many others
   * were on the phone without counting; null with no forecast
   */
  cover: z.object({ queue: z.string(), agents: z.number(), otherAgents: z.number() }).nullable(),
});
export type IntradayResult = z.infer<typeof intradayResult>;

export const peakSlot = z.object({
  id: z.number(),
  center_id: z.number(),
  kind: z.string(),
  title: z.string(),
  start_ts: z.number(),
  end_ts: z.number(),
  capacity: z.number(),
  bonus: z.number(),
  status: z.string(),
  created_by: z.number().nullable(),
  created_at: z.number(),
  /** agents see only their own request here and the count in `taken` */
  taken: z.number().optional(),
  requests: z.array(z.object({ slot_id: z.number(), agent_id: z.number(), requested_at: z.number(), status: z.string(), name: z.string() })),
});
export type PeakSlot = z.infer<typeof peakSlot>;
export const allocation = z.object({
  awarded: z.array(z.object({ slotId: z.string(), agentId: z.string(), bonus: z.number() })),
  rejected: z.array(z.object({ slotId: z.string(), agentId: z.string(), reason: z.string() })),
  remaining: z.record(z.string(), z.number()),
});
const ledgerEntry = z.object({
  agentId: z.string(),
  points: z.number(),
  ts: z.number(),
  reason: z.string(),
  ruleId: z.string().optional(),
  ref: z.string().optional(),
});
export const pointsView = z.object({
  balances: z.array(z.object({ agentId: z.string(), earned: z.number(), redeemed: z.number(), balance: z.number(), name: z.string().optional() })),
  entries: z.array(ledgerEntry),
});
export type PointsView = z.infer<typeof pointsView>;
export const redemptionRow = z.object({
  id: z.number(),
  agent_id: z.number(),
  points: z.number(),
  kind: z.string(),
  note: z.string(),
  status: z.string(),
  requested_at: z.number(),
  decided_by: z.number().nullable(),
  decided_at: z.number().nullable(),
  name: z.string(),
});
export type RedemptionRow = z.infer<typeof redemptionRow>;

const created = z.object({ id: z.number() });

export const wfm = {
  // ---- staffing ----
  erlang: endpoint({
    method: 'POST',
    path: '/api/wfm/erlang',
    access: WFM_VIEW,
    summary: 'Erlang C/A: agents for a target, shrinkage to heads, and service level by agent count (for the chart)',
    tags,
    body: erlangBody,
    response: erlangResult,
  }),
  createRequirement: endpoint({
    method: 'POST',
    path: '/api/wfm/requirements',
    access: WFM_PLANNERS,
    summary: 'A requirement curve for a week: uploaded (15-min values) or from a forecast and Erlang targets',
    tags,
    body: requirementBody,
    response: created,
  }),
  shrinkage: endpoint({
    method: 'GET',
    path: '/api/wfm/shrinkage',
    access: WFM_VIEW,
    summary: "The center's planned shrinkage by category (training, coaching, meetings, leave, sickness, other) and their sum",
    tags,
    response: z.object({ categories: z.array(z.object({ category: z.string(), fraction: z.number() })), total: z.number() }),
  }),
  putShrinkage: endpoint({
    method: 'PUT',
    path: '/api/wfm/shrinkage',
    access: WFM_PLANNERS,
    summary: "Set the center's shrinkage by category; a requirement from a forecast divides by (1 − their sum)",
    tags,
    body: shrinkageBody,
    response: z.object({ ok: z.literal(true), total: z.number() }),
  }),
  requirements: endpoint({
    method: 'GET',
    path: '/api/wfm/requirements',
    access: WFM_VIEW,
    summary: 'Requirement curves',
    tags,
    response: z.array(requirementRow),
  }),
  // ---- history and forecasts ----
  uploadHistory: endpoint({
    method: 'POST',
    path: '/api/wfm/history',
    access: WFM_PLANNERS,
    summary: 'Upload interval history of a queue (until the live-floor interval store provides it)',
    tags,
    body: z.object({
      queue: z.string().min(1),
      intervalMin,
      rows: z
        .array(z.object({ ts: epochMs, offered: nonNeg, aht: nonNeg.optional() }))
        .min(1)
        .max(50_000),
    }),
    response: z.object({ rows: z.number() }),
  }),
  history: endpoint({
    method: 'GET',
    path: '/api/wfm/history',
    access: WFM_VIEW,
    summary: 'Interval history of a queue in a time range (offered and AHT per interval)',
    tags,
    query: z.object({
      queue: z.string().min(1),
      intervalMin: z.coerce.number().pipe(intervalMin).default(30),
      from: epochMsQuery.optional(),
      to: epochMsQuery.optional(),
    }),
    response: z.array(interval),
  }),
  historyQueues: endpoint({
    method: 'GET',
    path: '/api/wfm/history/queues',
    access: WFM_VIEW,
    summary: "Queues and interval lengths with history: uploaded, and the floor's own (live rollups)",
    tags,
    response: z.array(historyQueue),
  }),
  backtest: endpoint({
    method: 'POST',
    path: '/api/wfm/forecasts/backtest',
    access: WFM_PLANNERS,
    summary: 'WAPE and MAPE of each model on the last held-out weeks of history',
    tags,
    body: z.object({ queue: z.string().min(1), intervalMin: intervalMin.default(30), weeks: z.number().int().positive().max(8).default(1) }),
    response: z.array(backtestRow),
  }),
  createForecast: endpoint({
    method: 'POST',
    path: '/api/wfm/forecasts',
    access: WFM_PLANNERS,
    summary: 'Forecast the weeks after the history and store it as a new version',
    tags,
    body: forecastBody,
    response: z.object({ id: z.number(), intervals: z.number() }),
  }),
  forecasts: endpoint({ method: 'GET', path: '/api/wfm/forecasts', access: WFM_VIEW, summary: 'Forecast versions', tags, response: z.array(forecastVersion) }),
  forecast: endpoint({
    method: 'GET',
    path: '/api/wfm/forecasts/:id',
    access: WFM_VIEW,
    summary: 'One forecast version with its intervals',
    tags,
    params: idParams,
    response: z.object({ forecast: forecastVersion, points: z.array(interval) }),
  }),
  holidays: endpoint({
    method: 'GET',
    path: '/api/wfm/holidays',
    access: WFM_VIEW,
    summary: "The centre's holiday calendar (forecasts treat these days apart)",
    tags,
    response: z.array(holidayItem),
  }),
  putHolidays: endpoint({
    method: 'PUT',
    path: '/api/wfm/holidays',
    access: WFM_PLANNERS,
    summary: 'Replace the holiday calendar (date, name, volume factor: empty = learned from history)',
    tags,
    body: z.array(holidayItem).max(400),
    response: z.array(holidayItem),
  }),
  // ---- templates, contracts, schedule runs, shifts ----
  templates: endpoint({ method: 'GET', path: '/api/wfm/templates', access: WFM_VIEW, summary: 'Shift templates', tags, response: z.array(templateSpec) }),
  putTemplate: endpoint({
    method: 'PUT',
    path: '/api/wfm/templates',
    access: WFM_PLANNERS,
    summary: 'Create or replace a shift template (by code)',
    tags,
    body: templateSpec,
    response: okResponse,
  }),
  contracts: endpoint({
    method: 'GET',
    path: '/api/wfm/contracts',
    access: WFM_PLANNERS,
    summary: 'Agent contracts, skills and preferences',
    tags,
    response: z.array(contractRecord),
  }),
  putContract: endpoint({
    method: 'PUT',
    path: '/api/wfm/contracts/:id',
    access: WFM_PLANNERS,
    summary: "Set an agent's contract, skills and preferences (id = agent id)",
    tags,
    params: idParams,
    body: contractBody,
    response: okResponse,
  }),
  startRun: endpoint({
    method: 'POST',
    path: '/api/wfm/schedule-runs',
    access: WFM_PLANNERS,
    summary:
      'Start an optimiser run for a week, or for N weeks in a row (one draft run per week, each carrying into the next; solved in a worker thread; poll the runs for progress)',
    tags,
    body: z.object({
      weekStart: monday,
      /** the first week's requirement; weeks 2..N use the newest requirement stored for each of them */
      requirementId: z.number().int().positive(),
      /** time limit of each week's solve */
      timeLimitS: z.number().positive().max(600).default(20),
      // cost of each distinct shift type (start time of day × length), in agent-hours short it is worth
      distinctShiftCost: z.number().min(0).max(100).optional(),
      // N consecutive weeks in one run (issue 15): the day rules and rotations run on across the weeks
      weeks: z.number().int().min(1).max(6).default(1),
    }),
    // id: the first week's run; ids: every week's run, in week order
    response: z.object({ id: z.number(), ids: z.array(z.number()) }),
  }),
  multiSkillPlan: endpoint({
    method: 'POST',
    path: '/api/wfm/multi-skill/plan',
    access: WFM_PLANNERS,
    summary:
      'Start a multi-skill plan of a week (several queues, multi-skilled agents): a schedule run solved in the background (poll the run: progress, then SL per queue in summary.multiSkill); publish it as any run',
    tags,
    body: multiSkillBody,
    response: created,
  }),
  runs: endpoint({ method: 'GET', path: '/api/wfm/schedule-runs', access: WFM_VIEW, summary: 'Schedule runs', tags, response: z.array(runRow) }),
  run: endpoint({
    method: 'GET',
    path: '/api/wfm/schedule-runs/:id',
    access: WFM_VIEW,
    summary: 'A run: status and progress, requirement vs scheduled coverage per interval, shifts',
    tags,
    params: idParams,
    response: runView,
  }),
  publishRun: endpoint({
    method: 'POST',
    path: '/api/wfm/schedule-runs/:id/publish',
    access: WFM_PLANNERS,
    summary:
      "Publish a finished run: agents see their shifts. Week k of an N-week plan only after its week k−1 (409 wfm.planWeekUnpublished); withEarlierWeeks: the plan's earlier draft weeks are published first, in one transaction",
    tags,
    params: idParams,
    body: z.object({ withEarlierWeeks: z.boolean().optional() }).default({}),
    response: okResponse,
  }),
  moveShift: endpoint({
    method: 'PATCH',
    path: '/api/wfm/shifts/:id',
    access: WFM_PLANNERS,
    summary:
      "Move a shift by hand (breaks move with it); contract rules are re-checked. baseUpdatedAt = the shift's updatedAt the edit started from (409 wfm.staleShift when it changed since)",
    tags,
    params: idParams,
    body: z.object({ start: epochMs, baseUpdatedAt: z.number().int().nonnegative().optional() }),
    response: shiftRow,
  }),
  mySchedule: endpoint({
    method: 'GET',
    path: '/api/wfm/my-schedule',
    access: 'any',
    summary: "The caller's own published shifts for a week (agents)",
    tags,
    query: z.object({ week: isoDate.optional() }),
    response: mySchedule,
  }),
  // ---- leave and swaps ----
  addLeave: endpoint({
    method: 'POST',
    path: '/api/wfm/leave',
    access: WFM_PLANNERS,
    summary: 'Record approved leave for an agent',
    tags,
    body: z.object({ agentId: z.number().int().positive(), date: isoDate, kind: z.string().min(1).max(30).default('annual') }),
    response: created,
  }),
  leave: endpoint({
    method: 'GET',
    path: '/api/wfm/leave',
    access: WFM_PLANNERS,
    summary: 'Recorded leave (from a date, default all), with agent names',
    tags,
    query: z.object({ from: isoDate.optional() }),
    response: z.array(leaveRow),
  }),
  requestSwap: endpoint({
    method: 'POST',
    path: '/api/wfm/swaps',
    access: ['agent'],
    summary: 'Ask to give one of your published shifts to another agent (needs team-lead approval)',
    tags,
    body: z.object({ shiftId: z.number().int().positive(), toAgentId: z.number().int().positive(), note: z.string().max(500).optional() }),
    response: created,
  }),
  swaps: endpoint({
    method: 'GET',
    path: '/api/wfm/swaps',
    access: 'any',
    summary: 'Swap requests: agents see their own, team leads their teams, planners all',
    tags,
    response: z.array(swapRow),
  }),
  decideSwap: endpoint({
    method: 'POST',
    path: '/api/wfm/swaps/:id/decide',
    access: ['team_lead'],
    summary: "Approve or reject a swap of your team's agent (approval re-checks the receiver's contract)",
    tags,
    params: idParams,
    body: z.object({ approve: z.boolean() }),
    response: okResponse,
  }),
  // ---- adherence and intraday ----
  addStateSegments: endpoint({
    method: 'POST',
    path: '/api/wfm/state-segments',
    access: ['wfm', 'admin'],
    summary: 'Actual agent state segments (the adherence input; the real-time state service feeds the same shape)',
    tags,
    body: z.object({
      segments: z
        .array(z.object({ agentId: z.number().int().positive(), start: epochMs, end: epochMs, state: z.string().min(1).max(60) }))
        .min(1)
        .max(100_000),
    }),
    response: z.object({ count: z.number() }),
  }),
  adherence: endpoint({
    method: 'GET',
    path: '/api/wfm/adherence',
    access: WFM_VIEW,
    summary: 'Daily (or so-far-today) adherence and conformance per agent and team, and the out-of-adherence list',
    tags,
    query: z.object({ date: isoDate, graceS: z.coerce.number().min(0).max(3600).default(300) }),
    response: adherenceResult,
  }),
  intraday: endpoint({
    method: 'GET',
    path: '/api/wfm/intraday',
    access: WFM_VIEW,
    summary: "Today's actuals vs forecast and the staffing gap for the rest of the day",
    tags,
    query: z.object({
      queue: z.string().min(1),
      date: isoDate,
      targetSl: z.coerce.number().min(0).max(1).default(0.8),
      thresholdS: z.coerce.number().min(0).default(20),
    }),
    response: intradayResult,
  }),
  // ---- peak subscription / VTO, points, redemptions ----
  createSlot: endpoint({
    method: 'POST',
    path: '/api/wfm/peak-slots',
    access: WFM_PLANNERS,
    summary: 'Publish extra (peak) or time-off (VTO) slots with a bonus',
    tags,
    body: z.object({
      kind: z.enum(['peak', 'vto']),
      title: z.string().min(1).max(100),
      start: epochMs,
      end: epochMs,
      capacity: z.number().int().positive(),
      bonus: nonNeg.default(0),
    }),
    response: created,
  }),
  slots: endpoint({
    method: 'GET',
    path: '/api/wfm/peak-slots',
    access: 'any',
    summary: 'Peak / VTO slots; agents see only their own subscription, planners every request',
    tags,
    response: z.array(peakSlot),
  }),
  subscribe: endpoint({
    method: 'POST',
    path: '/api/wfm/peak-slots/:id/subscribe',
    access: ['agent'],
    summary: 'Subscribe (認購) to a slot',
    tags,
    params: idParams,
    response: okResponse,
  }),
  confirmSlot: endpoint({
    method: 'POST',
    path: '/api/wfm/peak-slots/:id/confirm',
    access: WFM_PLANNERS,
    summary: 'Allocate a slot by the configured rule (first come or priority); awarded peak slots enter the published schedule and earn points',
    tags,
    params: idParams,
    response: allocation,
  }),
  putPeakRule: endpoint({
    method: 'PUT',
    path: '/api/wfm/peak-rule',
    access: WFM_PLANNERS,
    summary: 'How slots are allocated: first come, or priority by points / tenure / performance',
    tags,
    body: peakRule,
    response: okResponse,
  }),
  pointsRules: endpoint({
    method: 'GET',
    path: '/api/wfm/points-rules',
    access: WFM_VIEW,
    summary: 'Points earning rules',
    tags,
    response: z.array(pointsRule),
  }),
  putPointsRules: endpoint({
    method: 'PUT',
    path: '/api/wfm/points-rules',
    access: WFM_PLANNERS,
    summary: 'Replace the points earning rules (data: holiday hours × rate × multiplier, points per peak slot)',
    tags,
    body: z.array(pointsRule),
    response: okResponse,
  }),
  earnPoints: endpoint({
    method: 'POST',
    path: '/api/wfm/points/earn',
    access: WFM_PLANNERS,
    summary: "Book holiday points for a week's published shifts by the rules (re-running books nothing twice)",
    tags,
    body: z.object({ weekStart: monday }),
    response: z.object({ added: z.number() }),
  }),
  points: endpoint({
    method: 'GET',
    path: '/api/wfm/points',
    access: 'any',
    summary: 'Points balances and ledger: agents their own, team leads their teams, planners all',
    tags,
    response: pointsView,
  }),
  requestRedemption: endpoint({
    method: 'POST',
    path: '/api/wfm/redemptions',
    access: ['agent'],
    summary: 'Ask to redeem points for leave or a gift (needs planner approval)',
    tags,
    body: z.object({ points: z.number().positive(), kind: z.enum(['leave', 'gift']), note: z.string().min(1).max(200) }),
    response: created,
  }),
  redemptions: endpoint({
    method: 'GET',
    path: '/api/wfm/redemptions',
    access: 'any',
    summary: 'Redemption requests: agents their own, planners all',
    tags,
    response: z.array(redemptionRow),
  }),
  decideRedemption: endpoint({
    method: 'POST',
    path: '/api/wfm/redemptions/:id/decide',
    access: WFM_PLANNERS,
    summary: 'Approve (books the redemption in the ledger) or reject a redemption',
    tags,
    params: idParams,
    body: z.object({ approve: z.boolean() }),
    response: okResponse,
  }),
};
