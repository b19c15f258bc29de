/**
 * The floor rules as workflows (issue 17, seed 000 第12/13/21/26條; src/server/routes/floorRules.ts):
 * - equipment fault reports (設備故障): anyone on the floor reports a seat's device fault; the duty manager
 *   (or IT, signed in as admin) marks it fixed; figures: open now, time to fix;
 * - the team lead's hygiene and safety checks (衛生 / 安全檢查): the center's checklist, each check's result
 *   per item, the follow-up of a failure, history and pass rate;
 * - the machine-room visitor log (機房登記薄): who came in, for whom, escorted by whom, in and out;
 * - visit notices (參觀通知): an announced visit tells the floor's managers and leads, and the robots.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { CENTER_WIDE_ROLES } from '../core/roles';
import { epochMs, idParams, isoDate } from './atoms';
import { endpoint } from './endpoint';

const tags = ['floor'] as const;
/** Who marks a fault fixed and reads the fault figures: the duty manager (當值主管負有看護設備的管理責任) and IT (admin). */
export const FAULT_FIXERS: Role[] = ['admin', 'center_manager', 'duty_manager'];
/** Who reads checks and the visitor log. */
export const CHECK_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead'];
/** Who records checks, follow-ups and visits (the people on the floor in charge). */
export const CHECKERS: Role[] = ['center_manager', 'duty_manager', 'team_lead'];
/** Who edits the checklist and announces visits. */
export const FLOOR_EDITORS: Role[] = ['admin', 'center_manager', 'duty_manager'];
const FLOOR: Role[] = [...CENTER_WIDE_ROLES, 'team_lead'];

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` });
const required = (field: string, max: number) => text(field, max).min(1, { error: `${field} must not be empty` });
const clock = (field: string) =>
  z.string({ error: `${field} must be a string` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${field} must be a 24-hour time HH:MM` });

export const DEVICE_KINDS = ['computer', 'headset', 'phone', 'screen', 'network', 'other'] as const;

export const fault = z.object({
  id: z.number(),
  seat: z.string(),
  device: z.enum(DEVICE_KINDS),
  description: z.string(),
  reportedBy: z.number(),
  reporterName: z.string(),
  reportedAt: z.number(),
  status: z.enum(['open', 'fixed']),
  fixedBy: z.number().nullable(),
  fixerName: z.string().nullable(),
  fixedAt: z.number().nullable(),
  fixNote: z.string(),
});
export type Fault = z.infer<typeof fault>;

export const checkItem = z.object({ id: z.number(), position: z.number(), text: z.string() });
export const checkResult = z.object({
  itemId: z.number(),
  itemText: z.string(),
  pass: z.boolean(),
  note: z.string(),
  followUp: z.enum(['none', 'open', 'done']),
  followUpNote: z.string(),
  followUpName: z.string().nullable(),
  followUpAt: z.number().nullable(),
});
export const floorCheck = z.object({
  id: z.number(),
  date: z.string(),
  area: z.string(),
  checkedBy: z.number(),
  checkerName: z.string(),
  results: z.array(checkResult),
  passRate: z.number().nullable(),
});
export type FloorCheck = z.infer<typeof floorCheck>;

export const roomVisit = z.object({
  id: z.number(),
  visitor: z.string(),
  company: z.string(),
  purpose: z.string(),
  escort: z.string(),
  inAt: z.number(),
  outAt: z.number().nullable(),
  loggedBy: z.number(),
  loggerName: z.string(),
});
export type RoomVisit = z.infer<typeof roomVisit>;

export const visitNotice = z.object({
  id: z.number(),
  startsAt: z.number(),
  endsAt: z.number(),
  group: z.string(),
  areas: z.string(),
  host: z.string(),
  note: z.string(),
  creatorName: z.string(),
});
export type VisitNotice = z.infer<typeof visitNotice>;

export const floorRules = {
  faults: endpoint({
    method: 'GET',
    path: '/api/floor/faults',
    access: 'any',
    summary: 'Equipment fault reports, newest first (an agent sees their own reports)',
    tags,
    query: z.object({ status: z.enum(['open', 'fixed']).optional() }),
    response: z.array(fault),
  }),
  reportFault: endpoint({
    method: 'POST',
    path: '/api/floor/faults',
    access: 'any',
    summary: "Report a seat's equipment fault (第12條: 發現設備有問題要立即報告); the duty manager on duty is told; audited",
    tags,
    body: z
      .object({
        seat: required('seat', 40),
        device: z.enum(DEVICE_KINDS, { error: 'device must be a known device kind' }),
        description: required('description', 2000),
      })
      .strict(),
    response: fault,
  }),
  fixFault: endpoint({
    method: 'POST',
    path: '/api/floor/faults/:id/fixed',
    access: FAULT_FIXERS,
    summary: 'Mark a fault fixed, with a note; the reporter is told; audited',
    tags,
    params: idParams,
    body: z.object({ note: text('note', 2000) }).strict(),
    response: fault,
  }),
  faultFigures: endpoint({
    method: 'GET',
    path: '/api/floor/faults/figures',
    access: FAULT_FIXERS,
    summary: 'Fault figures: open now; fixed between two dates and the mean time from report to fixed (minutes)',
    tags,
    query: z.object({ from: isoDate, to: isoDate }),
    response: z.object({ open: z.number(), fixed: z.number(), meanFixMin: z.number().nullable() }),
  }),
  checklist: endpoint({
    method: 'GET',
    path: '/api/floor/checklist',
    access: CHECK_READERS,
    summary: "The center's hygiene and safety checklist (a new center starts with the list written from seed 000)",
    tags,
    response: z.array(checkItem),
  }),
  saveChecklist: endpoint({
    method: 'PUT',
    path: '/api/floor/checklist',
    access: FLOOR_EDITORS,
    summary: 'Replace the checklist (items kept by id, new ones added, those left out retired; past checks keep their text); audited',
    tags,
    body: z
      .object({
        items: z
          .array(z.object({ id: z.number().int().positive().optional(), text: required('text', 200) }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
    response: z.array(checkItem),
  }),
  checks: endpoint({
    method: 'GET',
    path: '/api/floor/checks',
    access: CHECK_READERS,
    summary: 'Hygiene and safety checks between two dates, newest first, with their results, and the pass rate over them',
    tags,
    query: z.object({ from: isoDate, to: isoDate }),
    response: z.object({ checks: z.array(floorCheck), checked: z.number(), passed: z.number(), passRate: z.number().nullable(), openFollowUps: z.number() }),
  }),
  recordCheck: endpoint({
    method: 'POST',
    path: '/api/floor/checks',
    access: CHECKERS,
    summary: 'Record a check: date, area and each item pass / fail with a note (a failure needs its note and opens a follow-up); audited',
    tags,
    body: z
      .object({
        date: isoDate,
        area: required('area', 60),
        results: z
          .array(z.object({ itemId: z.number().int().positive(), pass: z.boolean(), note: text('note', 500) }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
    response: floorCheck,
  }),
  followUp: endpoint({
    method: 'POST',
    path: '/api/floor/checks/:id/follow-up',
    access: CHECKERS,
    summary: 'A failed item put right: its follow-up closed with a note; audited',
    tags,
    params: idParams,
    body: z.object({ itemId: z.number().int().positive(), note: required('note', 500) }).strict(),
    response: floorCheck,
  }),
  visits: endpoint({
    method: 'GET',
    path: '/api/floor/visits',
    access: CHECK_READERS,
    summary: 'The machine-room visitor log: visits still in the room and those of the last 30 days, newest first',
    tags,
    response: z.array(roomVisit),
  }),
  logVisit: endpoint({
    method: 'POST',
    path: '/api/floor/visits',
    access: CHECKERS,
    summary: 'A visitor comes into the machine room (第21條 機房登記薄): who, company, purpose, escorted by; audited',
    tags,
    body: z
      .object({
        visitor: required('visitor', 60),
        company: text('company', 100),
        purpose: required('purpose', 300),
        escort: required('escort', 60),
        inAt: epochMs.optional(),
      })
      .strict(),
    response: roomVisit,
  }),
  visitOut: endpoint({
    method: 'POST',
    path: '/api/floor/visits/:id/out',
    access: CHECKERS,
    summary: 'The visitor left the machine room (now, or the time given); audited',
    tags,
    params: idParams,
    body: z.object({ outAt: epochMs.optional() }).strict(),
    response: roomVisit,
  }),
  visitNotices: endpoint({
    method: 'GET',
    path: '/api/floor/visit-notices',
    access: FLOOR,
    summary: 'Announced visits (參觀通知) not yet over, soonest first (the on-duty panel shows them)',
    tags,
    response: z.array(visitNotice),
  }),
  announceVisit: endpoint({
    method: 'POST',
    path: '/api/floor/visit-notices',
    access: FLOOR_EDITORS,
    summary: "Announce a visit (local date and times, group, areas, host): the floor's managers and leads and the center's robots are told; audited",
    tags,
    body: z
      .object({
        date: isoDate,
        start: clock('start'),
        end: clock('end'),
        group: required('group', 100),
        areas: required('areas', 200),
        host: required('host', 60),
        note: text('note', 1000).optional(),
      })
      .strict(),
    response: visitNotice,
  }),
};
