/**
 * The duty-manager regime and the graded emergency plan (issue 17; src/server/routes/duty.ts and
 * emergencyPlan.ts implement it):
 * - the duty roster (值班表): a duty manager per duty shift, edited by the center manager; the duty
 *   running now, shown on the live floor;
 * - the handover log (交接班記錄): written at the end of a duty with what the store holds open (alerts,
 *   call-ins, escalated / overdue work orders) and notes, acknowledged by the next duty manager;
 * - figures per duty (考核精確到值班時段) from the one KPI report, and a month's scorecard per duty manager;
 * - the emergency plan's levels (conditions, actions, call-in order), their activations from a
 *   proposal or raise to the stand-down with the log of who did what, and the effect in figures.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { CENTER_WIDE_ROLES } from '../core/roles';
import { idParams, isoDate, isoMonth, okResponse } from './atoms';
import { endpoint } from './endpoint';

const tags = ['live'] as const;
/** Who reads the roster, the handovers and the duty figures. */
export const DUTY_READERS: Role[] = ['admin', 'center_manager', 'duty_manager'];
/** Who edits the roster and the emergency plan's levels. */
export const ROSTER_EDITORS: Role[] = ['admin', 'center_manager'];
/** Who writes and acknowledges handovers, raises and stands down a level. */
export const DUTY_ACTORS: Role[] = ['center_manager', 'duty_manager'];
const FLOOR: Role[] = [...CENTER_WIDE_ROLES, 'team_lead'];

const clock = (field: string) =>
  z.string({ error: `${field} must be a string` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${field} must be a 24-hour time HH:MM` });
const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` });

export const dutyShift = z.object({
  id: z.number(),
  startsAt: z.number(),
  endsAt: z.number(),
  managerUserId: z.number(),
  managerName: z.string(),
  handoverId: z.number().nullable(),
  handoverAcknowledged: z.boolean(),
});
export type DutyShift = z.infer<typeof dutyShift>;

export const handoverItems = z.object({
  alerts: z.array(z.object({ id: z.number(), kind: z.string(), subject: z.string(), status: z.string(), raisedAt: z.number() })),
  callins: z.array(z.object({ id: z.number(), name: z.string(), position: z.string(), startedAt: z.number(), calls: z.number() })),
  workOrders: z.array(z.object({ id: z.number(), type: z.string(), state: z.string(), title: z.string(), dueAt: z.number(), overdue: z.boolean() })),
});
export type HandoverItems = z.infer<typeof handoverItems>;

export const handover = z.object({
  id: z.number(),
  shiftId: z.number(),
  startsAt: z.number(),
  endsAt: z.number(),
  writtenBy: z.number(),
  writerName: z.string(),
  writtenAt: z.number(),
  items: handoverItems,
  notes: z.string(),
  ackBy: z.number().nullable(),
  ackName: z.string().nullable(),
  ackAt: z.number().nullable(),
});
export type Handover = z.infer<typeof handover>;

const ratio = z.number().nullable();
/** The floor's figures for some hours (from the KPI report's total) and how the alerts raised then were handled. */
export const dutyFigures = z.object({
  offered: z.number(),
  answered: z.number(),
  answerRate: ratio,
  serviceLevel: ratio,
  alerts: z.object({ raised: z.number(), acknowledged: z.number(), closed: z.number(), meanActS: z.number().nullable() }),
});
export type DutyFigures = z.infer<typeof dutyFigures>;

export const duty = {
  roster: endpoint({
    method: 'GET',
    path: '/api/duty/shifts',
    access: DUTY_READERS,
    summary: 'The duty roster (值班表) between two dates, and who can be put on it',
    tags,
    query: z.object({ from: isoDate, to: isoDate }),
    response: z.object({ shifts: z.array(dutyShift), managers: z.array(z.object({ id: z.number(), name: z.string() })) }),
  }),
  addShift: endpoint({
    method: 'POST',
    path: '/api/duty/shifts',
    access: ROSTER_EDITORS,
    summary: 'Put a duty manager on a duty shift (local date and times; an end at or before the start is the next day); audited',
    tags,
    body: z.object({ date: isoDate, start: clock('start'), end: clock('end'), managerUserId: z.number().int().positive() }).strict(),
    response: dutyShift,
  }),
  deleteShift: endpoint({
    method: 'DELETE',
    path: '/api/duty/shifts/:id',
    access: ROSTER_EDITORS,
    summary: 'Take a duty shift off the roster (not once its handover is written); audited',
    tags,
    params: idParams,
    response: okResponse,
  }),
  current: endpoint({
    method: 'GET',
    path: '/api/duty/current',
    access: FLOOR,
    summary: 'The duty manager on duty now (the live floor shows them)',
    tags,
    response: z.object({ shift: dutyShift.nullable() }),
  }),
  handoverDraft: endpoint({
    method: 'GET',
    path: '/api/duty/shifts/:id/handover-draft',
    access: DUTY_ACTORS,
    summary: 'What a handover written now would carry from the store: open alerts, call-ins running, escalated / overdue work orders',
    tags,
    params: idParams,
    response: handoverItems,
  }),
  writeHandover: endpoint({
    method: 'POST',
    path: '/api/duty/shifts/:id/handover',
    access: DUTY_ACTORS,
    summary: "Write a duty's handover (交接班記錄): the open items from the store and the manager's notes; a duty manager writes their own duty's",
    tags,
    params: idParams,
    body: z.object({ notes: text('notes', 4000) }).strict(),
    response: handover,
  }),
  handovers: endpoint({
    method: 'GET',
    path: '/api/duty/handovers',
    access: DUTY_READERS,
    summary: 'Handovers, newest first (unacknowledged=1: only those the next duty has not acknowledged)',
    tags,
    query: z.object({ unacknowledged: z.enum(['1', '0']).optional() }),
    response: z.array(handover),
  }),
  acknowledgeHandover: endpoint({
    method: 'POST',
    path: '/api/duty/handovers/:id/acknowledge',
    access: DUTY_ACTORS,
    summary: 'The next duty manager has read the handover (who and when are kept); not its writer',
    tags,
    params: idParams,
    response: handover,
  }),
  shiftFigures: endpoint({
    method: 'GET',
    path: '/api/duty/shifts/:id/figures',
    access: DUTY_READERS,
    summary: "The floor's figures for a duty's hours (the KPI report) and its alerts' handling",
    tags,
    params: idParams,
    response: dutyFigures.extend({ shift: dutyShift }),
  }),
  scorecard: endpoint({
    method: 'GET',
    path: '/api/duty/scorecard',
    access: DUTY_READERS,
    summary: "A month's duty manager scorecard: their duties' answer rate, service level and alert handling (a duty manager sees their own)",
    tags,
    query: z.object({ month: isoMonth }),
    response: z.object({
      month: z.string(),
      managers: z.array(dutyFigures.extend({ userId: z.number(), name: z.string(), duties: z.number(), hours: z.number() })),
    }),
  }),
};

// ---- the graded emergency plan ----

const level = z.object({
  level: z.number().int().min(1, { error: 'level must be 1 or more' }).max(9, { error: 'level must be 9 or less' }),
  name: text('name', 60).min(1, { error: 'name must not be empty' }),
  minWaiting: z.number().int().min(1).max(100_000).nullable(),
  slBelow: z.number().int().min(1).max(100).nullable(),
  slMinutes: z.number().int().min(5).max(240).nullable(),
  actions: text('actions', 2000),
  callinOrder: z.array(z.number().int().positive()).max(200),
});
export type EmergencyLevel = z.infer<typeof level>;

export const ACTIVATION_STATUSES = ['proposed', 'active', 'ended', 'dismissed'] as const;
export const activation = z.object({
  id: z.number(),
  level: z.number(),
  levelName: z.string(),
  status: z.enum(ACTIVATION_STATUSES),
  source: z.enum(['auto', 'manual']),
  figures: z.record(z.string(), z.number().nullable()),
  proposedAt: z.number().nullable(),
  raisedAt: z.number().nullable(),
  raisedBy: z.number().nullable(),
  endedAt: z.number().nullable(),
  endedBy: z.number().nullable(),
});
export type Activation = z.infer<typeof activation>;

export const CALLIN_ANSWERS = ['pending', 'accepted', 'declined', 'timedOut', 'stopped'] as const;
/** A call-in ask as the person asked sees it. */
export const callinAsk = z.object({
  id: z.number(),
  level: z.number(),
  levelName: z.string(),
  actions: z.string(),
  order: z.number(),
  askedAt: z.number(),
  dueAt: z.number(),
  answer: z.enum(CALLIN_ANSWERS),
  answeredAt: z.number().nullable(),
});
export type CallinAsk = z.infer<typeof callinAsk>;

const period = z.object({ from: z.number(), to: z.number(), offered: z.number(), answered: z.number(), answerRate: ratio, serviceLevel: ratio });
const note = z.object({ note: text('note', 2000).optional() }).strict();

export const emergencyPlan = {
  levels: endpoint({
    method: 'GET',
    path: '/api/emergency/levels',
    access: DUTY_READERS,
    summary: "The emergency plan's levels: what raises each, its actions, its call-in order",
    tags,
    response: z.array(level),
  }),
  saveLevels: endpoint({
    method: 'PUT',
    path: '/api/emergency/levels',
    access: ROSTER_EDITORS,
    summary: "Replace the center's emergency levels (levels distinct; people of the call-in order from the plan); audited",
    tags,
    body: z.object({ levels: z.array(level).max(9) }).strict(),
    response: z.array(level),
  }),
  activations: endpoint({
    method: 'GET',
    path: '/api/emergency/activations',
    access: DUTY_READERS,
    summary: 'Activations of the plan, newest first (proposed by the diagnosis, raised, stood down)',
    tags,
    response: z.array(activation),
  }),
  activation: endpoint({
    method: 'GET',
    path: '/api/emergency/activations/:id',
    access: DUTY_READERS,
    summary: "An activation's log (who did what, from raise to stand-down) and its effect: answer rate and SL before, during, after",
    tags,
    params: idParams,
    response: z.object({
      activation,
      log: z.array(
        z.object({
          id: z.number(),
          at: z.number(),
          userId: z.number().nullable(),
          userName: z.string().nullable(),
          action: z.string(),
          detail: z.record(z.string(), z.unknown()),
        }),
      ),
      effect: z.object({ before: period.nullable(), during: period.nullable(), after: period.nullable() }),
      asks: z.array(
        z.object({
          id: z.number(),
          staffId: z.number(),
          name: z.string(),
          order: z.number(),
          askedAt: z.number(),
          dueAt: z.number(),
          answer: z.enum(CALLIN_ANSWERS),
          answeredAt: z.number().nullable(),
        }),
      ),
    }),
  }),
  raise: endpoint({
    method: 'POST',
    path: '/api/emergency/activations',
    access: DUTY_ACTORS,
    summary: 'Raise a level by hand: its call-in order is notified, in order; logged',
    tags,
    body: z.object({ level: z.number().int().min(1).max(9), note: text('note', 2000).optional() }).strict(),
    response: activation,
  }),
  confirm: endpoint({
    method: 'POST',
    path: '/api/emergency/activations/:id/confirm',
    access: DUTY_ACTORS,
    summary: "Confirm the diagnosis's proposal: the level is raised and its call-in order notified; logged",
    tags,
    params: idParams,
    body: note,
    response: activation,
  }),
  dismiss: endpoint({
    method: 'POST',
    path: '/api/emergency/activations/:id/dismiss',
    access: DUTY_ACTORS,
    summary: "Dismiss the diagnosis's proposal; logged",
    tags,
    params: idParams,
    body: note,
    response: activation,
  }),
  standDown: endpoint({
    method: 'POST',
    path: '/api/emergency/activations/:id/stand-down',
    access: DUTY_ACTORS,
    summary: 'Stand a raised level down (nobody is waited for any more); logged',
    tags,
    params: idParams,
    body: note,
    response: activation,
  }),
  myAsks: endpoint({
    method: 'GET',
    path: '/api/emergency/asks',
    access: 'any',
    summary: "The signed-in person's call-in asks of the last 24 hours (they are on a level's call-in order), newest first",
    tags,
    response: z.array(callinAsk),
  }),
  answerAsk: endpoint({
    method: 'POST',
    path: '/api/emergency/asks/:id/answer',
    access: 'any',
    summary: 'The person asked accepts or declines (their own ask only); the call-in moves to the next person at once; logged',
    tags,
    params: idParams,
    body: z.object({ answer: z.enum(['accept', 'decline'], { error: 'answer must be accept or decline' }) }).strict(),
    response: callinAsk,
  }),
};
