/**
 * Time off against the published week (issue 15): agents ask for days, the allowance grants what the plan
 * can spare, team leads and planners decide the rest.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';
import { idParams, isoDate } from './atoms';

const tags = ['wfm'] as const;

/** Who sees the allowance and the requests (an agent: their own requests only). */
const TIME_OFF_VIEW: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'wfm', 'agent'];
/** Who decides a waiting request (a team lead: their own teams' agents). */
const TIME_OFF_DECIDERS: Role[] = ['team_lead', 'wfm'];
export const TIME_OFF_KINDS = ['annual', 'personal', 'sick', 'compensatory'] as const;
const status = z.enum(['pending', 'approved', 'rejected']);

const request = z.object({
  id: z.number(),
  agent_id: z.number(),
  date: z.string(),
  kind: z.string(),
  note: z.string().nullable(),
  status: z.string(),
  decided_how: z.string().nullable(),
  decided_at: z.number().nullable(),
  /** when it waits: the first interval the plan would be short, and by how many agents */
  short_at: z.number().nullable(),
  short: z.number().nullable(),
  created_at: z.number(),
  name: z.string(),
  employee_no: z.string(),
  team_id: z.number().nullable(),
});

export const timeOff = {
  askTimeOff: endpoint({
    method: 'POST',
    path: '/api/wfm/time-off',
    access: ['agent'],
    summary: 'Ask for a day off: granted at once when the published week can spare you, otherwise it waits for your team lead',
    tags,
    body: z.object({ date: isoDate, kind: z.enum(TIME_OFF_KINDS).default('annual'), note: z.string().max(500).optional() }),
    response: z.object({ id: z.number(), status, shortAt: z.number().nullable(), short: z.number().nullable(), published: z.boolean() }),
  }),
  timeOffRequests: endpoint({
    method: 'GET',
    path: '/api/wfm/time-off',
    access: TIME_OFF_VIEW,
    summary: "Time-off requests in your scope (an agent's own, a lead's teams', the center's), newest day first",
    tags,
    query: z.object({ from: isoDate.optional(), status: status.optional() }),
    response: z.array(request),
  }),
  decideTimeOff: endpoint({
    method: 'POST',
    path: '/api/wfm/time-off/:id/decide',
    access: TIME_OFF_DECIDERS,
    summary: 'Grant or refuse a waiting time-off request (a granted day becomes leave and frees its published shift)',
    tags,
    params: idParams,
    body: z.object({ approve: z.boolean() }),
    response: z.object({ ok: z.literal(true), removedShifts: z.number() }),
  }),
  timeOffAllowance: endpoint({
    method: 'GET',
    path: '/api/wfm/time-off/allowance',
    access: TIME_OFF_VIEW,
    summary:
      'Per day of the week of the given date: agents the published plan can still spare (against the requirement net of its leave share when known), requests granted and waiting',
    tags,
    query: z.object({ week: isoDate }),
    response: z.object({
      week: z.string(),
      days: z.array(z.object({ date: z.string(), published: z.boolean(), allowance: z.number().nullable(), approved: z.number(), pending: z.number() })),
      /**
       * what the allowance is based on (null: the week is not published): the shrinkage the week's requirement was
       * computed with (null: not known) and whether the allowance counts against the requirement net of the leave share
       */
      basis: z.object({ shrinkageTotal: z.number().nullable(), shrinkageLeave: z.number().nullable(), netOfLeave: z.boolean() }).nullable(),
    }),
  }),
};
