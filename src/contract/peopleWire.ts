/**
 * People on the floor (issue 6): the input atoms and the answers' shapes of src/contract/people.ts.
 * Row shapes keep the store's column names (snake_case), as the screens read them.
 */
import { z } from 'zod';
import { agentFactsRow, factFigures, targetCheck } from './facts';

// ---- input atoms ----

export const posInt = z.coerce.number().int().positive();
export const text = (max: number) => z.string().trim().min(1).max(max);
/** A time as epoch ms or an ISO timestamp (turned into epoch ms). */
export const instant = z.union([
  z.number().int(),
  z
    .string()
    .refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO timestamp')
    .transform((s) => Date.parse(s)),
]);

export const RULE_CATEGORIES = [
  'attendance',
  'appearance',
  'conduct',
  'workstation',
  'equipment',
  'hygiene',
  'safety',
  'security',
  'access',
  'reception',
] as const;
const consequence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contribution'), amountFen: z.number().int().min(0).max(1_000_000) }),
  z.object({ kind: z.literal('warning') }),
]);
export const ruleSchema = z.object({
  id: text(20),
  no: z.number().int().min(1).max(9999),
  category: z.enum(RULE_CATEGORIES),
  title: text(100),
  text: text(2000),
  consequence,
  active: z.boolean(),
});

export const surveyQuestion = z.discriminatedUnion('kind', [
  z.object({ id: text(40), kind: z.literal('single'), text: text(500), options: z.array(text(200)).min(2).max(20) }),
  z.object({ id: text(40), kind: z.literal('multiple'), text: text(500), options: z.array(text(200)).min(2).max(20) }),
  z.object({ id: text(40), kind: z.literal('scale'), text: text(500), min: z.number().int(), max: z.number().int() }),
  z.object({ id: text(40), kind: z.literal('text'), text: text(500) }),
]);

// ---- answers ----

const nint = z.number().nullable();
const idOnly = z.object({ id: z.number() });
export { idOnly };

export const peopleConfig = z.object({
  signals: z.object({
    lowMoodMax: z.number(),
    lowMoodStreak: z.number(),
    stressfulTalkS: z.number(),
    notReadyMinutesMax: z.number(),
    longerBriefingWeekdays: z.array(z.number()).readonly(),
  }),
  attendanceGrace: z.object({ lateGraceMin: z.number(), earlyLeaveGraceMin: z.number() }),
  skillLevels: z.array(z.object({ level: z.string(), minTenureMonths: z.number(), minExamAvg: z.number(), minQaAvg: z.number() })).readonly(),
  atRisk: z.object({
    weights: z.object({ lowMood: z.number(), fallingScores: z.number(), absences: z.number() }),
    lowMoodAvg: z.number(),
    scoreDrop: z.number(),
    absences: z.number(),
    minScore: z.number(),
  }),
  leaveReasons: z.array(z.object({ code: z.string(), label: z.string() })).readonly(),
  exam: z.object({
    graceS: z.number(),
    passPercent: z.number(),
    multiplePolicy: z.enum(['all_or_nothing', 'partial']),
    maxAttempts: z.number().optional(),
    cooldownHours: z.number().optional(),
  }),
  certification: z.object({ validityDays: z.number(), warnDays: z.number() }),
  moodNames: z.record(z.string(), z.number()),
});
export type PeopleConfig = z.infer<typeof peopleConfig>;

/** A floor rule as stored (its id is the rule's code). */
export const floorRule = z.object({
  id: z.string(),
  no: z.number(),
  category: z.enum(RULE_CATEGORIES),
  title: z.string(),
  text: z.string(),
  consequence,
  active: z.boolean(),
});
export type FloorRuleWire = z.infer<typeof floorRule>;

export const violationRow = z.object({
  id: z.number(),
  rule_code: z.string(),
  rule_no: z.number(),
  rule_title: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  team_id: z.number(),
  at: z.number(),
  note: z.string().nullable(),
  contribution_fen: z.number(),
  recorded_by_name: z.string().nullable(),
});

export const teamFund = z.object({
  teamId: z.number(),
  contributedFen: z.number(),
  spentFen: z.number(),
  balanceFen: z.number(),
  entries: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      amount_fen: z.number(),
      at: z.number(),
      violation_id: nint,
      agent_id: nint,
      agent_name: z.string().nullable(),
      rule_title: z.string().nullable(),
      receipt_ref: z.string().nullable(),
      description: z.string().nullable(),
    }),
  ),
});

const attendanceTotals = z.object({
  key: z.string(),
  shifts: z.number(),
  late: z.number(),
  earlyLeave: z.number(),
  absent: z.number(),
  lateMinutes: z.number(),
  earlyLeaveMinutes: z.number(),
});
export const attendanceReport = z.object({
  from: z.string(),
  to: z.string(),
  records: z.array(
    z.object({
      shiftId: z.string(),
      agentId: z.string(),
      teamId: z.string(),
      date: z.string(),
      status: z.enum(['on_time', 'late', 'early_leave', 'late_and_early_leave', 'absent']),
      late: z.boolean(),
      earlyLeave: z.boolean(),
      absent: z.boolean(),
      lateMinutes: z.number(),
      earlyLeaveMinutes: z.number(),
      presentMinutes: z.number(),
    }),
  ),
  byAgent: z.array(attendanceTotals),
  byTeam: z.array(attendanceTotals),
});

// ---- care ----

export const myCheckIn = z.object({ id: z.number(), date: z.string(), at: z.number(), mood: z.number(), note: z.string().nullable() });
export const moodBoard = z.object({
  teamId: z.string(),
  date: z.string(),
  members: z.array(z.object({ agentId: z.number(), name: z.string(), mood: nint, hasNote: z.boolean(), note: z.string().nullable() })),
  checkedIn: z.number(),
  missing: z.array(z.number()),
  average: nint,
  /** count per mood 1–5 (index 0 = mood 1) */
  distribution: z.array(z.number()),
  low: z.array(z.number()),
});
const cycleCell = z.object({ count: z.number(), average: nint });
export const emotionCycle = z.object({ key: z.string(), byWeekday: z.record(z.string(), cycleCell), byMonthBand: z.record(z.string(), cycleCell) });
export const carePrompt = z.object({
  kind: z.enum(['low_mood_streak', 'stressful_call', 'not_ready']),
  agentId: z.number(),
  teamId: z.number(),
  agentName: z.string(),
  at: z.string(),
  reason: z.string(),
  evidence: z.array(z.string()),
});
export const NOTE_KINDS = ['lead_private', 'praise', 'correction'] as const;
export const careNote = z.object({
  id: z.number(),
  kind: z.string(),
  author_id: z.number(),
  author_name: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  team_id: z.number(),
  text: z.string(),
  follow_up: z.string().nullable(),
  follow_up_on: z.string().nullable(),
  follow_up_done: z.number(),
  at: z.number(),
});

export const VOICE_KINDS = ['suggestion', 'complaint', 'praise', 'question'] as const;
export const voicePost = z.object({
  id: z.number(),
  kind: z.string(),
  text: z.string(),
  category: z.string().nullable(),
  anonymous: z.number(),
  date: z.string(),
  author_name: z.string().nullable(),
  reply: z.string().nullable(),
  replied_by_name: z.string().nullable(),
  replied_at: nint,
});

/** A survey question as stored (the input atom without its length limits). */
const questionWire = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('single'), text: z.string(), options: z.array(z.string()).readonly() }),
  z.object({ id: z.string(), kind: z.literal('multiple'), text: z.string(), options: z.array(z.string()).readonly() }),
  z.object({ id: z.string(), kind: z.literal('scale'), text: z.string(), min: z.number(), max: z.number() }),
  z.object({ id: z.string(), kind: z.literal('text'), text: z.string() }),
]);
export const surveyRow = z.object({
  id: z.number(),
  title: z.string(),
  questions: z.array(questionWire),
  invited: z.number(),
  open: z.boolean(),
  answered: z.boolean(),
});
export const surveyResults = z.object({
  title: z.string(),
  definition: z.array(questionWire),
  surveyId: z.string(),
  invited: z.number(),
  responses: z.number(),
  responseRate: nint,
  questions: z.array(
    z.discriminatedUnion('kind', [
      z.object({ id: z.string(), kind: z.literal('single'), answered: z.number(), counts: z.array(z.number()) }),
      z.object({ id: z.string(), kind: z.literal('multiple'), answered: z.number(), counts: z.array(z.number()) }),
      z.object({ id: z.string(), kind: z.literal('scale'), answered: z.number(), counts: z.array(z.number()), mean: nint }),
      z.object({ id: z.string(), kind: z.literal('text'), answered: z.number(), texts: z.array(z.string()) }),
    ]),
  ),
});

// ---- the team lead's routine ----

export const agentRecord = z.object({
  agent: z.object({
    id: z.number(),
    center_id: z.number(),
    team_id: nint,
    name: z.string(),
    hire_date: z.string(),
    status: z.string(),
    left_date: z.string().nullable(),
  }),
  tenureMonths: z.number(),
  examAvg: nint,
  qaAvg: nint,
  skill: z.object({ level: z.string().nullable(), next: z.object({ level: z.string(), missing: z.array(z.string()) }).nullable() }),
  levels: peopleConfig.shape.skillLevels,
  sessions: z.array(
    z.object({ id: z.number(), title: z.string(), module: z.string().nullable(), hours: z.number(), starts_at: z.number(), present: z.number() }),
  ),
  attempts: z.array(
    z.object({
      id: z.number(),
      exam_id: z.number(),
      title: z.string(),
      queue: z.string().nullable(),
      agent_id: z.number(),
      started_at: z.number(),
      submitted_at: nint,
      status: z.string(),
      percent: nint,
    }),
  ),
  certifications: z.array(
    z.object({
      id: z.number(),
      agent_id: z.number(),
      agent_name: z.string(),
      team_id: nint,
      queue: z.string(),
      exam_id: z.number(),
      passed_at: z.number(),
      valid_until: z.number(),
      percent: z.number(),
      valid: z.boolean(),
    }),
  ),
});

const FIGURE_SOURCE = z.enum(['telephony', 'manual']).nullable();
const dailyFigureKeys = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'slAnswered', 'handled', 'talkS', 'holdS', 'acwS'] as const;
const figureSources = z.object(
  Object.fromEntries(dailyFigureKeys.map((k) => [k, FIGURE_SOURCE])) as Record<(typeof dailyFigureKeys)[number], typeof FIGURE_SOURCE>,
);
const dailyFigures = z.object(Object.fromEntries(dailyFigureKeys.map((k) => [k, z.number()])) as Record<(typeof dailyFigureKeys)[number], z.ZodNumber>);
const kpis = z.object({ answerRate: nint, serviceLevel: nint, aht: nint });
export const KPI_LINE_NAMES = ['answerRate', 'serviceLevel', 'aht'] as const;
const kpiLine = z.object({ name: z.enum(KPI_LINE_NAMES), value: nint, target: nint, met: z.boolean().nullable(), source: FIGURE_SOURCE });

/** The facts the briefing and the post-shift report show (store/people/routine ROUTINE_FACTS). */
const routineFacts = factFigures.pick({
  handled: true,
  aht: true,
  occupancy: true,
  transferRate: true,
  adherence: true,
  attendance: true,
  qaScore: true,
  fatalRate: true,
  complaints: true,
  csat: true,
});
const routineAgent = routineFacts.extend({
  agentId: z.number(),
  name: z.string(),
  employeeNo: z.string(),
  targets: z.array(targetCheck),
  missed: agentFactsRow.shape.missed,
});
const missedTarget = targetCheck.extend({ agentId: z.number(), name: z.string() });
const queueDayRow = z.object({
  queue: z.string(),
  offered: nint,
  answered: nint,
  abandoned: nint,
  shortAbandoned: nint,
  answerRate: nint,
  serviceLevel: nint,
  asa: nint,
});
const queueDay = z.object({ queues: z.array(z.string()), rows: z.array(queueDayRow), total: queueDayRow.nullable(), source: z.literal('telephony') });

/** A notice as a lead sees it (who has not read it) or as an agent sees it (read or not). */
const briefingNotice = z.object({
  id: z.number(),
  text: z.string(),
  unread: z.array(z.string()).optional(),
  readCount: z.number().optional(),
  readBy: z.array(z.number()).optional(),
  read: z.boolean().optional(),
});
export const briefing = z.object({
  teamId: z.string(),
  date: z.string(),
  longerMeeting: z.boolean(),
  kpis: z.array(kpiLine),
  hasFigures: z.boolean(),
  figureSources,
  figuresSource: z.object({ calls: FIGURE_SOURCE, queue: FIGURE_SOURCE }),
  team: z.object({ yesterday: routineFacts, today: routineFacts }),
  agents: z.array(routineAgent.extend({ today: routineAgent.nullable() })),
  missed: z.object({ yesterday: z.array(missedTarget), today: z.array(missedTarget) }),
  queues: z.object({ yesterday: queueDay, today: queueDay }),
  agentFacts: z.array(
    z.object({
      agentId: z.number(),
      name: z.string(),
      handled: routineFacts.shape.handled,
      aht: routineFacts.shape.aht,
      adherence: routineFacts.shape.adherence,
      qaScore: routineFacts.shape.qaScore,
    }),
  ),
  qa: z.object({
    count: z.number(),
    average: nint,
    fatal: z.number(),
    coach: z.array(z.object({ agentId: z.string(), score: z.number(), fatalFailed: z.boolean(), name: z.string().optional() })),
  }),
  workOrders: z.object({ open: z.number(), overdue: z.array(z.object({ id: z.string(), title: z.string(), dueAt: z.string().nullable() })) }),
  schedule: z.object({ onShift: z.number(), shifts: z.array(z.object({ agentId: z.number(), name: z.string(), start: z.number(), end: z.number() })) }),
  notices: z.array(briefingNotice),
  highlights: z.array(z.string()),
  yesterday: z.object({
    date: z.string(),
    attendance: attendanceTotals.partial({ key: true }),
    violations: z.number(),
    moodAverage: nint,
  }),
});
export type Briefing = z.infer<typeof briefing>;

export const shiftLogEntry = z.object({
  id: z.number(),
  team_id: z.number(),
  date: z.string(),
  at: z.number(),
  kind: z.string(),
  agent_id: nint,
  text: z.string(),
  author_id: z.number(),
  /** the author's name */
  author_name: z.string().nullable().optional(),
  /** written by a squad leader for this squad (issue 17), else null */
  squad_id: nint.optional(),
});
export const SHIFT_LOG_KINDS = ['coaching', 'listening', 'escalation', 'care_talk', 'other'] as const;

const reportTotals = {
  teamId: z.string(),
  late: z.number(),
  earlyLeave: z.number(),
  absent: z.number(),
  violations: z.number(),
  contributionFen: z.number(),
  qaCount: z.number(),
  qaScoreSum: z.number(),
  fatal: z.number(),
  sources: figureSources.partial().optional(),
  overrides: dailyFigures.partial().optional(),
};
export const dailyReport = dailyFigures.extend({ ...reportTotals, date: z.string() });
export const postShiftResult = z.object({
  id: z.number(),
  report: dailyReport,
  kpis: z.array(kpiLine),
  log: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
  figureSources,
  team: routineFacts,
  agents: z.array(routineAgent),
  missed: z.array(missedTarget),
  queues: queueDay,
});
export const reportRow = z.object({
  id: z.number(),
  team_id: z.number(),
  team_name: z.string(),
  date: z.string(),
  report: dailyReport,
  notes: z.array(z.string()),
  sent_at: z.number(),
  author_name: z.string().nullable(),
});
export const periodReport = dailyFigures.extend({ ...reportTotals, teamId: z.number(), period: z.string(), days: z.number(), kpis, qaAverage: nint });

export const leadTask = z.object({
  id: z.number(),
  lead_id: z.number(),
  lead_name: z.string(),
  title: z.string(),
  due_on: z.string(),
  completed_on: z.string().nullable(),
});
export const taskCompletion = z.object({
  leadId: z.number(),
  leadName: z.string(),
  month: z.string(),
  due: z.number(),
  onTime: z.number(),
  late: z.number(),
  open: z.number(),
  onTimeRate: nint,
});

// ---- attrition ----

const monthlyAttrition = z.object({
  month: z.string(),
  teamId: z.string().nullable(),
  leavers: z.number(),
  headcountStart: z.number(),
  headcountEnd: z.number(),
  averageHeadcount: z.number(),
  rate: nint,
});
export const attritionStats = z.object({
  months: z.array(z.string()),
  center: z.array(monthlyAttrition),
  byTeam: z.array(z.object({ teamId: z.number(), months: z.array(monthlyAttrition) })),
  reasons: z.array(z.object({ month: z.string(), total: z.number(), counts: z.record(z.string(), z.number()) })),
  reasonLabels: z.array(z.object({ code: z.string(), label: z.string() })).readonly(),
  tenure: z.array(z.object({ label: z.string(), leavers: z.number() })),
  leavers: z.array(
    z.object({
      agentId: z.number(),
      name: z.string(),
      teamId: z.number(),
      hiredOn: z.string(),
      leftOn: z.string().nullable(),
      reasonCode: z.string().optional(),
      reasonText: z.string().nullable(),
    }),
  ),
});
export const atRiskEntry = z.object({ agentId: z.number(), teamId: z.number(), name: z.string(), score: z.number(), reasons: z.array(z.string()) });
