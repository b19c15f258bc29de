/**
 * People on the floor (issue 6), training aside: discipline and the team fund, attendance, mood care,
 * employee voice and surveys, the team lead's routine, attrition. Implemented by
 * src/server/routes/people/{discipline,care,routine,attrition}.ts over src/services/people.
 * Reads are scoped by the caller's center and part of it (agents: own; team leads: their teams).
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { idParams, isoDate, isoMonth, okResponse } from './atoms';
import { endpoint } from './endpoint';
import * as w from './peopleWire';

export { posInt, text, instant, ruleSchema, surveyQuestion } from './peopleWire';

const tags = ['people'] as const;

export const ADMINS: Role[] = ['admin', 'center_manager'];
export const ABOVE_LEAD: Role[] = ['admin', 'center_manager', 'duty_manager'];
export const LEADS_UP: Role[] = [...ABOVE_LEAD, 'team_lead'];
/** Who may spend from a team fund (a lead: own teams). */
export const FUND_SPENDERS: Role[] = ['admin', 'center_manager', 'team_lead'];
export const ATTENDANCE_IMPORTERS: Role[] = ['admin', 'center_manager', 'wfm'];

const { posInt, text, instant } = w;
export const rangeQuery = z.object({ teamId: posInt.optional(), from: isoDate.optional(), to: isoDate.optional() });
const teamQuery = z.object({ teamId: posInt.optional() });
const teamDayQuery = z.object({ teamId: posInt.optional(), date: isoDate.optional() });
const created = w.idOnly;
/** A satisfaction survey as its author sets it. */
const surveyFields = { title: text(200), questions: z.array(w.surveyQuestion).min(1).max(50), invited: z.number().int().min(0) };

export const people = {
  config: endpoint({
    method: 'GET',
    path: '/api/people/config',
    access: 'any',
    summary: "The center's people settings (signals, grace, skill levels, at-risk weights, leave reasons, exam defaults) and mood names",
    tags,
    response: w.peopleConfig,
  }),

  // ---- discipline and attendance ----
  rules: endpoint({
    method: 'GET',
    path: '/api/people/rules',
    access: 'any',
    summary: "The center's floor rules (紀律), defaults from seed 000",
    tags,
    response: z.array(w.floorRule),
  }),
  saveRules: endpoint({
    method: 'PUT',
    path: '/api/people/rules',
    access: ADMINS,
    summary: "Replace the center's floor rules (audited)",
    tags,
    body: z.object({ rules: z.array(w.ruleSchema).max(500) }),
    response: z.array(w.floorRule),
  }),
  recordViolation: endpoint({
    method: 'POST',
    path: '/api/people/violations',
    access: LEADS_UP,
    summary: 'Record a violation; its contribution (樂捐) goes to the team fund. Team leads: own teams only',
    tags,
    body: z.object({ ruleCode: text(20), agentId: z.number().int().positive(), at: instant.optional(), note: z.string().trim().max(500).optional() }),
    response: z.object({ id: z.number(), contributionFen: z.number(), teamId: z.number() }),
  }),
  violations: endpoint({
    method: 'GET',
    path: '/api/people/violations',
    access: 'any',
    summary: 'Violations the caller may see (agents: own; leads: their teams)',
    tags,
    query: z.object({ teamId: posInt.optional(), agentId: posInt.optional() }),
    response: z.array(w.violationRow),
  }),
  fund: endpoint({
    method: 'GET',
    path: '/api/people/fund',
    access: 'any',
    summary: "A team's activity fund: contributions, spending with receipts, balance (visible to the team)",
    tags,
    query: teamQuery,
    response: w.teamFund,
  }),
  spend: endpoint({
    method: 'POST',
    path: '/api/people/fund/spending',
    access: FUND_SPENDERS,
    summary: 'Spend from a team fund on a team activity, with a receipt (not above the balance)',
    tags,
    body: z.object({
      teamId: z.number().int().positive(),
      amountFen: z.number().int(),
      receiptRef: z.string().max(200),
      description: z.string().max(500),
      at: instant.optional(),
    }),
    response: created,
  }),
  importAttendance: endpoint({
    method: 'POST',
    path: '/api/people/attendance/import',
    access: ATTENDANCE_IMPORTERS,
    summary: 'Import scheduled shifts and login segments (adapter input until the live floor / WFM write them)',
    tags,
    body: z.object({
      shifts: z
        .array(z.object({ agentId: z.number().int().positive(), date: isoDate, start: instant, end: instant }))
        .max(20_000)
        .default([]),
      segments: z
        .array(z.object({ agentId: z.number().int().positive(), login: instant, logout: instant.nullable() }))
        .max(50_000)
        .default([]),
    }),
    response: z.object({ shifts: z.number(), segments: z.number() }),
  }),
  attendance: endpoint({
    method: 'GET',
    path: '/api/people/attendance',
    access: 'any',
    summary: 'Attendance: late, early leave, absence per shift, agent and team (agents: own)',
    tags,
    query: rangeQuery,
    response: w.attendanceReport,
  }),

  // ---- mood care and notes ----
  checkIn: endpoint({
    method: 'POST',
    path: '/api/people/mood',
    access: ['agent'],
    summary: 'Morning check-in: a mood 1–5 (or a named mood) and an optional note, private to the lead',
    tags,
    body: z.object({ mood: z.union([z.number(), z.string().max(20)]), note: z.string().max(600).optional() }),
    response: z.object({ id: z.number(), date: z.string(), mood: z.number() }),
  }),
  myCheckIns: endpoint({
    method: 'GET',
    path: '/api/people/mood/mine',
    access: ['agent'],
    summary: "The agent's own recent check-ins",
    tags,
    response: z.array(w.myCheckIn),
  }),
  moodBoard: endpoint({
    method: 'GET',
    path: '/api/people/mood/board',
    access: LEADS_UP,
    summary: "The team's mood board for a day (team leads: own teams)",
    tags,
    query: teamDayQuery,
    response: w.moodBoard,
  }),
  moodCycles: endpoint({
    method: 'GET',
    path: '/api/people/mood/cycles',
    access: LEADS_UP,
    summary: 'Emotion cycles: mood by weekday and time of month, per team or agent',
    tags,
    query: z.object({
      teamId: posInt.optional(),
      agentId: posInt.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      by: z.enum(['team', 'agent']).default('team'),
    }),
    response: z.array(w.emotionCycle),
  }),
  carePrompts: endpoint({
    method: 'GET',
    path: '/api/people/mood/prompts',
    access: LEADS_UP,
    summary: 'Care prompts for the lead (low-mood streaks …) over the last 14 days',
    tags,
    query: teamQuery,
    response: z.array(w.carePrompt),
  }),
  addNote: endpoint({
    method: 'POST',
    path: '/api/people/notes',
    access: LEADS_UP,
    summary: 'A 1-to-1 talk log / private note, praise (shown to the team) or correction (private to the agent)',
    tags,
    body: z.object({
      kind: z.enum(w.NOTE_KINDS),
      agentId: z.number().int().positive(),
      text: text(2000),
      followUp: z.string().trim().max(1000).optional(),
      followUpOn: isoDate.optional(),
    }),
    response: created,
  }),
  notes: endpoint({
    method: 'GET',
    path: '/api/people/notes',
    access: 'any',
    summary: 'Care notes the caller may see (private notes never reach people without the right role)',
    tags,
    query: z.object({ agentId: posInt.optional(), teamId: posInt.optional() }),
    response: z.array(w.careNote),
  }),
  noteDone: endpoint({
    method: 'POST',
    path: '/api/people/notes/:id/done',
    access: LEADS_UP,
    summary: "Mark a note's follow-up done (its author only)",
    tags,
    params: idParams,
    response: okResponse,
  }),

  // ---- employee voice and surveys ----
  postVoice: endpoint({
    method: 'POST',
    path: '/api/people/voice',
    access: 'any',
    summary: '員工之聲: a suggestion or complaint; anonymous posts store no author',
    tags,
    body: z.object({ kind: z.enum(w.VOICE_KINDS), text: z.string().max(2100), category: z.string().max(60).optional(), anonymous: z.boolean() }),
    response: created,
  }),
  voice: endpoint({
    method: 'GET',
    path: '/api/people/voice',
    access: 'any',
    summary: 'Employee voice posts with management replies (public to staff)',
    tags,
    response: z.array(w.voicePost),
  }),
  replyVoice: endpoint({
    method: 'POST',
    path: '/api/people/voice/:id/reply',
    access: ABOVE_LEAD,
    summary: 'Answer a post publicly (management)',
    tags,
    params: idParams,
    body: z.object({ reply: text(2000) }),
    response: okResponse,
  }),
  createSurvey: endpoint({
    method: 'POST',
    path: '/api/people/surveys',
    access: ADMINS,
    summary: 'Create a satisfaction survey',
    tags,
    body: z.object(surveyFields),
    response: created,
  }),
  updateSurvey: endpoint({
    method: 'PATCH',
    path: '/api/people/surveys/:id',
    access: ADMINS,
    summary: 'Change a survey, or close / reopen it (its questions are kept once answered)',
    tags,
    params: idParams,
    body: z.object({ ...surveyFields, open: z.boolean() }).partial(),
    response: okResponse,
  }),
  deleteSurvey: endpoint({
    method: 'DELETE',
    path: '/api/people/surveys/:id',
    access: ADMINS,
    summary: 'Delete a survey nobody has answered (answered: close it)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  surveys: endpoint({
    method: 'GET',
    path: '/api/people/surveys',
    access: 'any',
    summary: 'Surveys, and whether the caller has answered each',
    tags,
    response: z.array(w.surveyRow),
  }),
  answerSurvey: endpoint({
    method: 'POST',
    path: '/api/people/surveys/:id/answers',
    access: 'any',
    summary: 'Answer a survey once (answers are stored apart from who answered)',
    tags,
    params: idParams,
    body: z.object({ answers: z.record(z.string(), z.union([z.number(), z.array(z.number()), z.string().max(2000)])) }),
    response: okResponse,
  }),
  surveyResults: endpoint({
    method: 'GET',
    path: '/api/people/surveys/:id/results',
    access: LEADS_UP,
    summary: 'Survey results: counts per option, scale means, texts (sorted)',
    tags,
    params: idParams,
    response: w.surveyResults,
  }),

  // ---- an agent's record and the team lead's routine ----
  agentRecord: endpoint({
    method: 'GET',
    path: '/api/people/agents/:id/record',
    access: 'any',
    summary: 'Training record of an employee: sessions, exams, certifications, skill level',
    tags,
    params: idParams,
    response: w.agentRecord,
  }),
  briefing: endpoint({
    method: 'GET',
    path: '/api/people/briefing',
    access: 'any',
    summary: "Pre-shift briefing for a team and day (agents: own team's)",
    tags,
    query: teamDayQuery,
    response: w.briefing,
  }),
  addNotice: endpoint({
    method: 'POST',
    path: '/api/people/notices',
    access: LEADS_UP,
    summary: "Add a notice to a team's briefing",
    tags,
    body: z.object({ teamId: z.number().int().positive(), date: isoDate.optional(), text: text(2000) }),
    response: created,
  }),
  readNotice: endpoint({
    method: 'POST',
    path: '/api/people/notices/:id/read',
    access: ['agent'],
    summary: 'Mark a briefing notice as read',
    tags,
    params: idParams,
    response: okResponse,
  }),
  shiftLog: endpoint({
    method: 'GET',
    path: '/api/people/shift-log',
    access: [...LEADS_UP, 'agent'],
    summary: "A team's in-shift log for a day (a squad leader: the coaching and listening entries about their squad, and their own)",
    tags,
    query: teamDayQuery,
    response: z.array(w.shiftLogEntry),
  }),
  addLogEntry: endpoint({
    method: 'POST',
    path: '/api/people/shift-log',
    access: ['team_lead', 'agent'],
    summary:
      'Log an in-shift event or action (coaching, listening, escalation, care talk); a squad leader: coaching and listening about a member of their squad',
    tags,
    body: z.object({
      teamId: z.number().int().positive(),
      date: isoDate.optional(),
      kind: z.enum(w.SHIFT_LOG_KINDS),
      agentId: z.number().int().positive().nullable().optional(),
      text: text(2000),
    }),
    response: created,
  }),
  sendReport: endpoint({
    method: 'POST',
    path: '/api/people/reports',
    access: ['team_lead'],
    summary: 'Send the post-shift summary up to the duty manager (once per team and day)',
    tags,
    body: z
      .object({
        teamId: z.number().int().positive(),
        date: isoDate.optional(),
        // a typed figure is an audited override of the stored one (checked per field in the store)
        overrides: z.record(z.string(), z.number()).optional(),
        overrideNote: z.string().max(2000).optional(),
        notes: z.array(z.string().max(2000)).max(50).default([]),
      })
      .strict(),
    response: w.postShiftResult,
  }),
  reports: endpoint({
    method: 'GET',
    path: '/api/people/reports',
    access: LEADS_UP,
    summary: 'Post-shift reports (duty manager: all; leads: own teams)',
    tags,
    query: rangeQuery,
    response: z.array(w.reportRow),
  }),
  reportsAggregate: endpoint({
    method: 'GET',
    path: '/api/people/reports/aggregate',
    access: LEADS_UP,
    summary: 'Each team per week or month from the facts, its queues, the discipline records and the fund ledger (ratios from sums)',
    tags,
    query: rangeQuery.extend({ by: z.enum(['week', 'month']).default('week') }),
    response: z.array(w.periodReport),
  }),
  tasks: endpoint({
    method: 'GET',
    path: '/api/people/tasks',
    access: LEADS_UP,
    summary: "Team leads' tasks (a lead: own)",
    tags,
    response: z.array(w.leadTask),
  }),
  createTask: endpoint({
    method: 'POST',
    path: '/api/people/tasks',
    access: ABOVE_LEAD,
    summary: 'Assign a task with a due date to a team lead',
    tags,
    body: z.object({ leadId: z.number().int().positive(), title: text(300), dueOn: isoDate }),
    response: created,
  }),
  updateTask: endpoint({
    method: 'PATCH',
    path: '/api/people/tasks/:id',
    access: ABOVE_LEAD,
    summary: "Change an open task's title or due date",
    tags,
    params: idParams,
    body: z.object({ title: text(300), dueOn: isoDate }).partial(),
    response: okResponse,
  }),
  deleteTask: endpoint({
    method: 'DELETE',
    path: '/api/people/tasks/:id',
    access: ABOVE_LEAD,
    summary: 'Delete an open task (a done one stays in the completion figures)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  completeTask: endpoint({
    method: 'POST',
    path: '/api/people/tasks/:id/done',
    access: LEADS_UP,
    summary: 'Mark a task done (a lead: own tasks)',
    tags,
    params: idParams,
    body: z.object({ completedOn: isoDate.optional() }).default({}),
    response: okResponse,
  }),
  taskCompletion: endpoint({
    method: 'GET',
    path: '/api/people/tasks/completion',
    access: LEADS_UP,
    summary: 'Monthly task completion per lead (on time / late / open)',
    tags,
    query: z.object({ month: isoMonth.optional() }),
    response: z.array(w.taskCompletion),
  }),

  // ---- attrition ----
  recordLeaver: endpoint({
    method: 'POST',
    path: '/api/people/leavers',
    access: ADMINS,
    summary: 'Record a leaver: status left + leaving date, exit interview reason (coded + free text)',
    tags,
    body: z.object({ agentId: z.number().int().positive(), leftDate: isoDate, reasonCode: text(40), reasonText: z.string().max(2000).optional() }),
    response: okResponse,
  }),
  attrition: endpoint({
    method: 'GET',
    path: '/api/people/attrition',
    access: LEADS_UP,
    summary: 'Attrition rate per team and month, reasons over time, tenure at leaving (leads: own teams)',
    tags,
    query: z.object({ month: isoMonth.optional(), months: z.coerce.number().int().min(1).max(36).default(12), teamId: posInt.optional() }),
    response: w.attritionStats,
  }),
  atRisk: endpoint({
    method: 'GET',
    path: '/api/people/at-risk',
    access: LEADS_UP,
    summary: 'At-risk list: low mood, falling scores, absences (leads: own teams)',
    tags,
    query: teamQuery,
    response: z.array(w.atRiskEntry),
  }),
};
