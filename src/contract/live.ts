/**
 * Live floor contract: the floor snapshot, diagnosis thresholds, alerts, the emergency plan and
 * stress prompts (src/server/routes/live.ts implements it), and the floor's live topics.
 * Who sees what: center-wide roles the whole floor; team leads their teams' agents, the queue
 * figures and floor-wide alerts; agents and experts only their own tile.
 */
import { z } from 'zod';
import { CENTER_WIDE_ROLES, type Role } from '../core/roles';
import { idParams, isoDate } from './atoms';
import { endpoint, topic } from './endpoint';

const FLOOR: Role[] = [...CENTER_WIDE_ROLES, 'team_lead'];
const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];
const THRESHOLD_EDITORS: Role[] = ['admin', 'center_manager', 'duty_manager'];
const ALERT_HANDLERS: Role[] = ['center_manager', 'duty_manager'];
const PLAN_EDITORS: Role[] = ['admin', 'center_manager', 'duty_manager'];
export const PROMPT_ROLES: Role[] = ['center_manager', 'duty_manager', 'team_lead'];
const tags = ['live'] as const;

// ---- wire types: defined once, used by server and web ----

/** One agent on the wallboard. */
export const tile = z.object({
  code: z.string(),
  agentId: z.number().nullable(),
  name: z.string(),
  teamId: z.number().nullable(),
  /** an AgentState (src/core/kpi/aggregate.ts) */
  state: z.string(),
  since: z.number(),
  reason: z.string().nullable(),
  queue: z.string().nullable(),
  callsToday: z.number(),
  callId: z.string().nullable(),
  callSince: z.number().nullable(),
  pulledIn: z.boolean(),
  /** real-time adherence: out of the scheduled activity since (null: in adherence, or nothing scheduled) */
  rta: z.object({ scheduled: z.string(), since: z.number() }).nullable().optional(),
});
export type Tile = z.infer<typeof tile>;

const ratioOrNull = z.number().nullable();
/** A queue's figures now (src/core/live/floor.ts QueueNow). */
export const queueNow = z.object({
  queue: z.string(),
  waiting: z.number(),
  longestWaitS: z.number(),
  agents: z.record(z.string(), z.number()),
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  serviceLevel: ratioOrNull,
  answerRate: ratioOrNull,
  asa: ratioOrNull,
});
export type QueueNow = z.infer<typeof queueNow>;

/** One interval of today (queue '*' = all queues). */
export const intervalPoint = z.object({
  intervalStart: z.number(),
  queue: z.string(),
  offered: z.number(),
  answered: z.number(),
  serviceLevel: ratioOrNull,
  answerRate: ratioOrNull,
});
export type IntervalPoint = z.infer<typeof intervalPoint>;

/** Today's floor KPIs (DESIGN.md names). */
export const floorKpis = z.object({
  offered: z.number(),
  answered: z.number(),
  answerRate: ratioOrNull,
  serviceLevel: ratioOrNull,
  asa: ratioOrNull,
  aht: ratioOrNull,
  occupancy: ratioOrNull,
  notReadyShare: ratioOrNull,
  idleShare: ratioOrNull,
  transferRate: ratioOrNull,
});
export type FloorKpis = z.infer<typeof floorKpis>;

/** Diagnosis thresholds (src/core/diagnosis.ts DiagnosisThresholds). */
export const thresholds = z.object({
  answerRateTarget: z.number(),
  occupancyHigh: z.number(),
  occupancyLow: z.number(),
  idleShareMax: z.number(),
  notReadyFactor: z.number(),
  notReadyMinExcess: z.number(),
  minOffered: z.number(),
  minStaffedS: z.number(),
  longWaitS: z.number(),
  longCallS: z.number(),
});
export type Thresholds = z.infer<typeof thresholds>;

/** A person of the emergency plan on the phones now, with their tile when they are logged in. */
export const floorCallin = z.object({
  id: z.number(),
  name: z.string(),
  position: z.string(),
  staffId: z.number(),
  startedAt: z.number(),
  calls: z.number(),
  extCode: z.string(),
  tile: tile.nullable(),
});
export type FloorCallin = z.infer<typeof floorCallin>;

export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
/** An alert (figures by DESIGN.md name). */
export const alert = z.object({
  id: z.number(),
  center_id: z.number(),
  kind: z.string(),
  scope: z.string(),
  subject: z.string(),
  team_id: z.number().nullable(),
  agent_id: z.number().nullable(),
  status: z.enum(ALERT_STATUSES),
  figures: z.record(z.string(), z.number().nullable()),
  action: z.string(),
  raised_at: z.number(),
  last_seen_at: z.number(),
  cleared_at: z.number().nullable(),
  ack_by: z.number().nullable(),
  ack_at: z.number().nullable(),
  ack_note: z.string().nullable(),
  closed_by: z.number().nullable(),
  closed_at: z.number().nullable(),
  close_note: z.string().nullable(),
});
export type Alert = z.infer<typeof alert>;

/** A stress prompt to a team lead (detail: talkS / note, callId, agentName…). */
export const prompt = z.object({
  id: z.number(),
  center_id: z.number(),
  kind: z.enum(['longCall', 'complaint']),
  agent_code: z.string(),
  agent_id: z.number().nullable(),
  team_id: z.number().nullable(),
  lead_user_id: z.number().nullable(),
  detail: z
    .object({ agentName: z.string().optional(), note: z.string().optional(), talkS: z.number().optional(), callId: z.string().nullable().optional() })
    .catchall(z.unknown()),
  created_at: z.number(),
  done_at: z.number().nullable(),
  done_by: z.number().nullable(),
  note: z.string().nullable(),
});
export type Prompt = z.infer<typeof prompt>;

export const POSITIONS = ['qa', 'trainer', 'team_lead', 'back_office', 'other'] as const;
export const emergencyStaff = z.object({
  id: z.number(),
  center_id: z.number(),
  name: z.string(),
  position: z.string(),
  ext_code: z.string(),
  user_id: z.number().nullable(),
  /** 1 active, 0 not */
  active: z.number(),
  created_at: z.number(),
});
export type EmergencyStaff = z.infer<typeof emergencyStaff>;

const callinRow = z.object({
  id: z.number(),
  staff_id: z.number(),
  alert_id: z.number().nullable(),
  started_at: z.number(),
  calls: z.number(),
});
/** A call-in running now, with the person. */
export const openCallin = callinRow.extend({ name: z.string(), position: z.string(), ext_code: z.string() });
const callinRecord = callinRow.extend({
  center_id: z.number(),
  called_by: z.number().nullable(),
  ended_at: z.number().nullable(),
  ended_by: z.number().nullable(),
});

// ---- inputs ----

const ratio = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .min(0, { error: `${field} must be >= 0` })
    .max(1, { error: `${field} must be <= 1` });
const seconds = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int({ error: `${field} must be whole seconds` })
    .min(1, { error: `${field} must be >= 1` })
    .max(86_400, { error: `${field} must be <= 86400` });
const thresholdsBody = z
  .object({
    answerRateTarget: ratio('answerRateTarget'),
    occupancyHigh: ratio('occupancyHigh'),
    occupancyLow: ratio('occupancyLow'),
    idleShareMax: ratio('idleShareMax'),
    notReadyFactor: z
      .number({ error: 'notReadyFactor must be a number' })
      .min(1, { error: 'notReadyFactor must be >= 1' })
      .max(10, { error: 'notReadyFactor must be <= 10' }),
    notReadyMinExcess: ratio('notReadyMinExcess'),
    minOffered: z.number({ error: 'minOffered must be a number' }).int().min(0).max(100_000),
    minStaffedS: z.number({ error: 'minStaffedS must be a number' }).int().min(0).max(10_000_000),
    longWaitS: seconds('longWaitS'),
    longCallS: seconds('longCallS'),
  })
  .partial()
  .strict();

const note = z
  .string({ error: 'note must be a string' })
  .trim()
  .min(1, { error: 'note must not be empty' })
  .max(2000, { error: 'note must be at most 2000 characters' });
const staffBody = z
  .object({
    name: z.string({ error: 'name must be a string' }).trim().min(1, { error: 'name must not be empty' }).max(100),
    position: z.enum(POSITIONS, { error: `position must be one of ${POSITIONS.join(', ')}` }),
    extCode: z.string({ error: 'extCode must be a string' }).trim().min(1, { error: 'extCode must not be empty' }).max(40),
    userId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

// ---- endpoints ----

const snapshot = z.object({
  at: z.number(),
  scope: z.enum(['all', 'teams', 'self']),
  /** false when the live floor service does not run (then everything is empty) */
  running: z.boolean(),
  agents: z.array(tile),
  queues: z.array(queueNow),
  kpis: floorKpis.nullable(),
  intervals: z.array(intervalPoint),
  teams: z.array(z.object({ id: z.number(), name: z.string() })),
  callins: z.array(floorCallin),
  thresholds: thresholds.optional(),
});
export type FloorSnapshot = z.infer<typeof snapshot>;

/**
 * The live socket's message `{ type: 'floor.snapshot', id }` (issue 16): its `ack` result is what GET /api/floor/now
 * and GET /api/alerts?status=active answer, in one, under the same access (the active alerts only for who may list
 * alerts, else none). Sent right after the subscribe, it is read once the subscription is in place (a socket's
 * messages are handled in order): the wallboard's first tiles without two more requests after the socket's answer.
 */
export const FLOOR_SNAPSHOT_MESSAGE = 'floor.snapshot';
export const floorSnapshotAnswer = z.object({ floor: snapshot, alerts: z.array(alert) });
export type FloorSnapshotAnswer = z.infer<typeof floorSnapshotAnswer>;

const alertAction = (action: 'acknowledge' | 'close') =>
  endpoint({
    method: 'POST',
    path: `/api/alerts/:id/${action}`,
    access: ALERT_HANDLERS,
    summary: action === 'acknowledge' ? 'Acknowledge an alert with a note (audited)' : 'Close an alert with a note (audited)',
    tags,
    params: idParams,
    body: z.object({ note }).strict(),
    response: alert,
  });

export const live = {
  floorNow: endpoint({
    method: 'GET',
    path: '/api/floor/now',
    access: 'any',
    summary: "The live floor now: agent tiles, queue now-figures, today's intervals (team leads: their teams; agents: their own tile)",
    tags,
    response: snapshot,
  }),
  thresholds: endpoint({
    method: 'GET',
    path: '/api/floor/thresholds',
    access: STAFF,
    summary: 'Diagnosis thresholds of the center (defaults from the seeds, overridden per center)',
    tags,
    response: z.object({ thresholds, defaults: thresholds, pieceRate: z.number() }),
  }),
  setThresholds: endpoint({
    method: 'PUT',
    path: '/api/floor/thresholds',
    access: THRESHOLD_EDITORS,
    summary: 'Change diagnosis thresholds (audited); omitted fields keep their value',
    tags,
    body: thresholdsBody,
    response: z.object({ thresholds }),
  }),
  alerts: endpoint({
    method: 'GET',
    path: '/api/alerts',
    access: FLOOR,
    summary: "Alerts, newest first (status open | acknowledged | closed | active); team leads see their teams' and floor-wide ones",
    tags,
    query: z.object({
      status: z.enum(['open', 'acknowledged', 'closed', 'active'], { error: 'status must be open, acknowledged, closed or active' }).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    response: z.array(alert),
  }),
  acknowledgeAlert: alertAction('acknowledge'),
  closeAlert: alertAction('close'),
  emergencyStaff: endpoint({
    method: 'GET',
    path: '/api/emergency/staff',
    access: PLAN_EDITORS,
    summary: 'The emergency plan (應急預案): people who can be pulled onto the phones',
    tags,
    response: z.array(emergencyStaff),
  }),
  addEmergencyStaff: endpoint({
    method: 'POST',
    path: '/api/emergency/staff',
    access: PLAN_EDITORS,
    summary: 'Add a person to the emergency plan (audited)',
    tags,
    body: staffBody,
    response: emergencyStaff,
  }),
  updateEmergencyStaff: endpoint({
    method: 'PATCH',
    path: '/api/emergency/staff/:id',
    access: PLAN_EDITORS,
    summary: 'Change a person of the emergency plan (audited)',
    tags,
    params: idParams,
    body: staffBody.partial().strict(),
    response: emergencyStaff,
  }),
  callins: endpoint({
    method: 'GET',
    path: '/api/emergency/callins',
    access: PLAN_EDITORS,
    summary: 'People pulled onto the phones now, with calls handled so far',
    tags,
    response: z.array(openCallin),
  }),
  startCallin: endpoint({
    method: 'POST',
    path: '/api/emergency/callins',
    access: ALERT_HANDLERS,
    summary: 'Call a person of the plan onto the phones (optionally from an alert); audited',
    tags,
    body: z
      .object({ staffId: z.number({ error: 'staffId must be a number' }).int().positive(), alertId: z.number().int().positive().nullable().optional() })
      .strict(),
    response: callinRecord.extend({ name: z.string(), position: z.string(), ext_code: z.string() }),
  }),
  endCallin: endpoint({
    method: 'POST',
    path: '/api/emergency/callins/:id/end',
    access: ALERT_HANDLERS,
    summary: 'Send a pulled-in person back to their own work; audited',
    tags,
    params: idParams,
    response: callinRecord,
  }),
  emergencyReport: endpoint({
    method: 'GET',
    path: '/api/emergency/report',
    access: PLAN_EDITORS,
    summary: 'Piece-rate report (計件獎勵): calls handled while pulled in, per person, times the rate',
    tags,
    query: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
    response: z.object({
      from: z.number(),
      to: z.number(),
      rate: z.number(),
      callins: z.array(openCallin.extend({ ended_at: z.number().nullable() })),
      people: z.array(
        z.object({ staffId: z.number(), name: z.string(), position: z.string(), extCode: z.string(), callins: z.number(), calls: z.number(), pay: z.number() }),
      ),
    }),
  }),
  setPieceRate: endpoint({
    method: 'PUT',
    path: '/api/emergency/rate',
    access: ['admin', 'center_manager'],
    summary: 'Set the piece rate paid per call handled while pulled in (audited)',
    tags,
    body: z
      .object({ rate: z.number({ error: 'rate must be a number' }).min(0, { error: 'rate must be >= 0' }).max(10_000, { error: 'rate must be <= 10000' }) })
      .strict(),
    response: z.object({ rate: z.number() }),
  }),
  prompts: endpoint({
    method: 'GET',
    path: '/api/prompts',
    access: PROMPT_ROLES,
    summary: "Stress prompts (give the agent a short break): a team lead sees their teams'",
    tags,
    query: z.object({ open: z.enum(['1', '0']).optional() }),
    response: z.array(prompt),
  }),
  promptDone: endpoint({
    method: 'POST',
    path: '/api/prompts/:id/done',
    access: PROMPT_ROLES,
    summary: 'Mark a stress prompt done, with a note (audited)',
    tags,
    params: idParams,
    body: z.object({ note: z.string().max(2000).optional() }).strict(),
    response: prompt,
  }),
  flagComplaint: endpoint({
    method: 'POST',
    path: '/api/floor/complaints',
    access: 'any',
    summary: "Flag a caller complaint on an agent's call: prompts the team lead to offer a short break",
    tags,
    body: z.object({ agentId: z.number({ error: 'agentId must be a number' }).int().positive(), note: z.string().max(500).optional() }).strict(),
    response: prompt,
  }),
};

// ---- live topics ----

/** Changed tiles (and/or the call-ins of the emergency plan). */
const agentsMessage = z.object({ at: z.number(), agents: z.array(tile).optional(), callins: z.array(floorCallin).optional() });
/** Queue cards every push; the floor KPIs and intervals at most every 5 s. */
const queuesMessage = z.object({ at: z.number(), queues: z.array(queueNow), kpis: floorKpis.optional(), intervals: z.array(intervalPoint).optional() });
export const ALERT_CHANGES = ['raised', 'updated', 'acknowledged', 'closed'] as const;
const alertMessage = z.object({ change: z.enum(ALERT_CHANGES), alert });
export const promptMessage = z.object({ type: z.literal('prompt'), prompt });

export const liveTopics = {
  floorAgents: topic({ name: 'floor:agents', summary: 'Every changed tile of the center; call-ins (center-wide roles)', message: agentsMessage }),
  floorTeam: topic({ name: 'floor:team:{teamId}', summary: "A team's changed tiles (center-wide roles, the team's lead)", message: agentsMessage }),
  floorQueues: topic({
    name: 'floor:queues',
    summary: "Queue figures now, today's KPIs and intervals (center-wide roles, team leads)",
    message: queuesMessage,
  }),
  alerts: topic({ name: 'alerts', summary: 'Alerts raised, updated, acknowledged, closed (center-wide roles)', message: alertMessage }),
  teamAlerts: topic({
    name: 'alerts:team:{teamId}',
    summary: "A team's alerts and the floor-wide ones (center-wide roles, the team's lead)",
    message: alertMessage,
  }),
  prompts: topic({ name: 'prompts', summary: 'Every stress prompt of the center (center-wide prompt readers)', message: promptMessage }),
};
