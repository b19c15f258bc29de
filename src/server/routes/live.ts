/**
 * Live floor API: the floor snapshot, diagnosis thresholds, alerts, the emergency plan and stress
 * prompts. Who sees what:
 * - center-wide roles (admin, center manager, duty manager, QA, WFM, trainer) see the whole floor;
 * - team leads see their teams' agents, the queue figures and floor-wide alerts;
 * - agents do not see the wallboard: the snapshot gives them only their own tile; experts likewise.
 * Alerts are acknowledged and closed by the duty manager (and the center manager), with a note.
 */
import { z } from 'zod';
import { DEFAULT_DIAGNOSIS_THRESHOLDS, type DiagnosisThresholds } from '../../core/diagnosis';
import { forbidden, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { getAgent, getSetting } from '../../store/org';
import {
  callinReport,
  createEmergencyStaff,
  donePrompt,
  endCallin,
  getPrompt,
  handleAlert,
  listAlerts,
  listEmergencyStaff,
  listPrompts,
  openCallins,
  putAuditedSetting,
  startCallin,
  updateEmergencyStaff,
} from '../../store/live/repo';
import { registerCenterTopics, registerTopicRule } from '../live';
import { DEFAULT_PIECE_RATE, floorService, PIECE_RATE_KEY, THRESHOLDS_KEY } from '../liveFloor';
import { agentScope, CENTER_WIDE, centerOf, route, scopeOf, type Caller, type RouteDef } from '../route';
import { callerCenterId, idParams } from './platform';
import { isoDate } from '../schemas';

const FLOOR: Role[] = [...CENTER_WIDE, 'team_lead'];
const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];
const THRESHOLD_EDITORS: Role[] = ['admin', 'center_manager', 'duty_manager'];
const ALERT_HANDLERS: Role[] = ['center_manager', 'duty_manager'];
const PLAN_EDITORS: Role[] = ['admin', 'center_manager', 'duty_manager'];
const PROMPT_ROLES: Role[] = ['center_manager', 'duty_manager', 'team_lead'];

// ---- who may subscribe to which live topic ----
// the floor's topics are per center: each socket gets its own center's (see LiveFloorService)
registerCenterTopics((t) => t.startsWith('floor:') || t === 'alerts' || t.startsWith('alerts:') || t === 'prompts');
const centerWide = (c: Caller) => c.roles.some((r) => CENTER_WIDE.includes(r));
registerTopicRule((c, t) => (t === 'floor:agents' || t === 'alerts') && centerWide(c));
// every stress prompt of the center: only who reads them all over REST (GET /api/prompts, scope 'all');
// a team lead gets their own teams' prompts on user:<id>
registerTopicRule((c, t) => t === 'prompts' && PROMPT_ROLES.some((r) => c.roles.includes(r)) && centerWide(c));
registerTopicRule((c, t) => t === 'floor:queues' && (centerWide(c) || c.roles.includes('team_lead')));
registerTopicRule((c, t) => {
  const m = /^(floor|alerts):team:(\d+)$/.exec(t);
  if (!m) return false;
  return centerWide(c) || (c.roles.includes('team_lead') && c.ledTeamIds.includes(Number(m[2])));
});

/** The caller's center's floor. */
function service(ctx: Parameters<RouteDef['handler']>[0]['ctx'], caller: Caller) {
  const s = floorService(ctx, centerOf(caller));
  if (!s) throw validationError('service', 'the live floor service is not running');
  return s;
}

const ratio = (field: string) => z.number({ error: `${field} must be a number` }).min(0, { error: `${field} must be >= 0` }).max(1, { error: `${field} must be <= 1` });
const seconds = (field: string) => z.number({ error: `${field} must be a number` }).int({ error: `${field} must be whole seconds` }).min(1, { error: `${field} must be >= 1` }).max(86_400, { error: `${field} must be <= 86400` });
const thresholdsBody = z
  .object({
    answerRateTarget: ratio('answerRateTarget'),
    occupancyHigh: ratio('occupancyHigh'),
    occupancyLow: ratio('occupancyLow'),
    idleShareMax: ratio('idleShareMax'),
    notReadyFactor: z.number({ error: 'notReadyFactor must be a number' }).min(1, { error: 'notReadyFactor must be >= 1' }).max(10, { error: 'notReadyFactor must be <= 10' }),
    notReadyMinExcess: ratio('notReadyMinExcess'),
    minOffered: z.number({ error: 'minOffered must be a number' }).int().min(0).max(100_000),
    minStaffedS: z.number({ error: 'minStaffedS must be a number' }).int().min(0).max(10_000_000),
    longWaitS: seconds('longWaitS'),
    longCallS: seconds('longCallS'),
  })
  .partial()
  .strict();

const note = z.string({ error: 'note must be a string' }).trim().min(1, { error: 'note must not be empty' }).max(2000, { error: 'note must be at most 2000 characters' });
const POSITIONS = ['qa', 'trainer', 'team_lead', 'back_office', 'other'] as const;
const staffBody = z
  .object({
    name: z.string({ error: 'name must be a string' }).trim().min(1, { error: 'name must not be empty' }).max(100),
    position: z.enum(POSITIONS, { error: `position must be one of ${POSITIONS.join(', ')}` }),
    extCode: z.string({ error: 'extCode must be a string' }).trim().min(1, { error: 'extCode must not be empty' }).max(40),
    userId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
const dayMs = 86_400_000;
const rangeQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});

async function pieceRate(ctx: Parameters<RouteDef['handler']>[0]['ctx'], centerId: number) {
  return (await getSetting<number>(ctx.store.db, centerId, PIECE_RATE_KEY)) ?? DEFAULT_PIECE_RATE;
}

const parseJson = <T extends { figures?: string; detail?: string }>(r: T) => ({
  ...r,
  ...(r.figures !== undefined ? { figures: JSON.parse(r.figures) } : {}),
  ...(r.detail !== undefined ? { detail: JSON.parse(r.detail) } : {}),
});

export const liveRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/floor/now',
    access: 'any',
    summary: 'The live floor now: agent tiles, queue now-figures, today\'s intervals (team leads: their teams; agents: their own tile)',
    tags: ['live'],
    handler: async ({ ctx, caller }) => {
      const s = floorService(ctx, centerOf(caller));
      if (!s) return { at: ctx.now(), scope: agentScope(caller).kind, running: false, agents: [], queues: [], kpis: null, intervals: [], teams: [], callins: [] };
      return { running: true, ...s.snapshot(caller, ctx.now()) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/floor/thresholds',
    access: STAFF,
    summary: 'Diagnosis thresholds of the center (defaults from the seeds, overridden per center)',
    tags: ['live'],
    handler: async ({ ctx, caller }) => {
      const centerId = await callerCenterId(ctx, caller);
      const over = (await getSetting<Partial<DiagnosisThresholds>>(ctx.store.db, centerId, THRESHOLDS_KEY)) ?? {};
      return { thresholds: { ...DEFAULT_DIAGNOSIS_THRESHOLDS, ...over }, defaults: DEFAULT_DIAGNOSIS_THRESHOLDS, pieceRate: await pieceRate(ctx, centerId) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/floor/thresholds',
    access: THRESHOLD_EDITORS,
    summary: 'Change diagnosis thresholds (audited); omitted fields keep their value',
    tags: ['live'],
    body: thresholdsBody,
    handler: async ({ ctx, caller, body }) => {
      const centerId = await callerCenterId(ctx, caller);
      const over = (await getSetting<Partial<DiagnosisThresholds>>(ctx.store.db, centerId, THRESHOLDS_KEY)) ?? {};
      const next = { ...over, ...body };
      const all = { ...DEFAULT_DIAGNOSIS_THRESHOLDS, ...next };
      if (all.occupancyLow > all.occupancyHigh) throw validationError('occupancyLow', 'must not be above occupancyHigh');
      await putAuditedSetting(ctx.store.db, { centerId, key: THRESHOLDS_KEY, value: next, userId: caller.userId, now: ctx.now() });
      floorService(ctx, centerId)?.setThresholds(all);
      return { thresholds: all };
    },
  }),
  route({
    method: 'GET',
    url: '/api/alerts',
    access: FLOOR,
    summary: 'Alerts, newest first (status open | acknowledged | closed | active); team leads see their teams\' and floor-wide ones',
    tags: ['live'],
    query: z.object({
      status: z.enum(['open', 'acknowledged', 'closed', 'active'], { error: 'status must be open, acknowledged, closed or active' }).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    handler: async ({ ctx, caller, query }) => {
      const rows = await listAlerts(ctx.store.db, { scope: scopeOf(caller), status: query.status, limit: query.limit });
      return rows.map(parseJson);
    },
  }),
  ...(['acknowledge', 'close'] as const).map((action) =>
    route({
      method: 'POST',
      url: `/api/alerts/:id/${action}`,
      access: ALERT_HANDLERS,
      summary: action === 'acknowledge' ? 'Acknowledge an alert with a note (audited)' : 'Close an alert with a note (audited)',
      tags: ['live'],
      params: idParams,
      body: z.object({ note }).strict(),
      handler: async ({ ctx, caller, params, body }) => {
        const centerId = centerOf(caller);
        const row = await handleAlert(ctx.store.db, { id: params.id, centerId, action, userId: caller.userId, note: body.note, now: ctx.now() });
        floorService(ctx, centerId)?.alertHandled(row);
        return parseJson(row);
      },
    }),
  ),
  route({
    method: 'GET',
    url: '/api/emergency/staff',
    access: PLAN_EDITORS,
    summary: 'The emergency plan (應急預案): people who can be pulled onto the phones',
    tags: ['live'],
    handler: async ({ ctx, caller }) => listEmergencyStaff(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'POST',
    url: '/api/emergency/staff',
    access: PLAN_EDITORS,
    summary: 'Add a person to the emergency plan (audited)',
    tags: ['live'],
    body: staffBody,
    handler: async ({ ctx, caller, body }) => createEmergencyStaff(ctx.store.db, await callerCenterId(ctx, caller), body, caller.userId, ctx.now()),
  }),
  route({
    method: 'PATCH',
    url: '/api/emergency/staff/:id',
    access: PLAN_EDITORS,
    summary: 'Change a person of the emergency plan (audited)',
    tags: ['live'],
    params: idParams,
    body: staffBody.partial().strict(),
    handler: async ({ ctx, caller, params, body }) => updateEmergencyStaff(ctx.store.db, params.id, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/emergency/callins',
    access: PLAN_EDITORS,
    summary: 'People pulled onto the phones now, with calls handled so far',
    tags: ['live'],
    handler: async ({ ctx, caller }) => openCallins(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'POST',
    url: '/api/emergency/callins',
    access: ALERT_HANDLERS,
    summary: 'Call a person of the plan onto the phones (optionally from an alert); audited',
    tags: ['live'],
    body: z.object({ staffId: z.number({ error: 'staffId must be a number' }).int().positive(), alertId: z.number().int().positive().nullable().optional() }).strict(),
    handler: async ({ ctx, caller, body }) => {
      const centerId = centerOf(caller);
      const row = await startCallin(ctx.store.db, { centerId, staffId: body.staffId, alertId: body.alertId ?? null, by: caller.userId, now: ctx.now() });
      floorService(ctx, centerId)?.setCallin(row.ext_code, { id: row.id, name: row.name, position: row.position, staffId: row.staff_id, startedAt: row.started_at, calls: 0 });
      return row;
    },
  }),
  route({
    method: 'POST',
    url: '/api/emergency/callins/:id/end',
    access: ALERT_HANDLERS,
    summary: 'Send a pulled-in person back to their own work; audited',
    tags: ['live'],
    params: idParams,
    handler: async ({ ctx, caller, params }) => {
      const centerId = await callerCenterId(ctx, caller);
      const open = (await openCallins(ctx.store.db, centerId)).find((c) => c.id === params.id);
      const row = await endCallin(ctx.store.db, { id: params.id, by: caller.userId, now: ctx.now() });
      if (open) floorService(ctx, centerId)?.setCallin(open.ext_code, null);
      return row;
    },
  }),
  route({
    method: 'GET',
    url: '/api/emergency/report',
    access: PLAN_EDITORS,
    summary: 'Piece-rate report (計件獎勵): calls handled while pulled in, per person, times the rate',
    tags: ['live'],
    query: rangeQuery,
    handler: async ({ ctx, caller, query }) => {
      const centerId = await callerCenterId(ctx, caller);
      const now = ctx.now();
      const from = query.from ? Date.parse(`${query.from}T00:00:00+08:00`) : now - 31 * dayMs;
      const to = query.to ? Date.parse(`${query.to}T00:00:00+08:00`) + dayMs : now + dayMs;
      if (to <= from) throw validationError('to', 'must not be before from');
      const rate = await pieceRate(ctx, centerId);
      const rows = await callinReport(ctx.store.db, centerId, from, to);
      const people = new Map<number, { staffId: number; name: string; position: string; extCode: string; callins: number; calls: number; pay: number }>();
      for (const r of rows) {
        const p = people.get(r.staff_id) ?? { staffId: r.staff_id, name: r.name, position: r.position, extCode: r.ext_code, callins: 0, calls: 0, pay: 0 };
        p.callins += 1;
        p.calls += r.calls;
        p.pay = Math.round(p.calls * rate * 100) / 100;
        people.set(r.staff_id, p);
      }
      return { from, to, rate, callins: rows, people: [...people.values()] };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/emergency/rate',
    access: ['admin', 'center_manager'],
    summary: 'Set the piece rate paid per call handled while pulled in (audited)',
    tags: ['live'],
    body: z.object({ rate: z.number({ error: 'rate must be a number' }).min(0, { error: 'rate must be >= 0' }).max(10_000, { error: 'rate must be <= 10000' }) }).strict(),
    handler: async ({ ctx, caller, body }) => {
      await putAuditedSetting(ctx.store.db, { centerId: await callerCenterId(ctx, caller), key: PIECE_RATE_KEY, value: body.rate, userId: caller.userId, now: ctx.now() });
      return { rate: body.rate };
    },
  }),
  route({
    method: 'GET',
    url: '/api/prompts',
    access: PROMPT_ROLES,
    summary: 'Stress prompts (give the agent a short break): a team lead sees their teams\'',
    tags: ['live'],
    query: z.object({ open: z.enum(['1', '0']).optional() }),
    handler: async ({ ctx, caller, query }) => {
      const rows = await listPrompts(ctx.store.db, { scope: scopeOf(caller), openOnly: query.open === '1' });
      return rows.map(parseJson);
    },
  }),
  route({
    method: 'POST',
    url: '/api/prompts/:id/done',
    access: PROMPT_ROLES,
    summary: 'Mark a stress prompt done, with a note (audited)',
    tags: ['live'],
    params: idParams,
    body: z.object({ note: z.string().max(2000).optional() }).strict(),
    handler: async ({ ctx, caller, params, body }) => {
      const p = await getPrompt(ctx.store.db, params.id);
      if (p.center_id !== centerOf(caller)) throw notFound(`prompt ${params.id}`);
      const s = agentScope(caller);
      if (s.kind !== 'all' && (p.team_id == null || s.kind !== 'teams' || !s.teamIds.includes(p.team_id))) throw forbidden('team leads handle only their teams\' prompts');
      return parseJson(await donePrompt(ctx.store.db, { id: params.id, by: caller.userId, note: body.note ?? '', now: ctx.now() }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/floor/complaints',
    access: 'any',
    summary: 'Flag a caller complaint on an agent\'s call: prompts the team lead to offer a short break',
    tags: ['live'],
    body: z.object({ agentId: z.number({ error: 'agentId must be a number' }).int().positive(), note: z.string().max(500).optional() }).strict(),
    handler: async ({ ctx, caller, body }) => {
      const s = agentScope(caller);
      if (s.kind === 'self' && s.agentId !== body.agentId) throw forbidden('agents flag only their own calls');
      const a = await getAgent(ctx.store.db, body.agentId);
      if (a.center_id !== centerOf(caller)) throw notFound(`agent ${body.agentId}`);
      if (s.kind === 'teams' && (a.team_id == null || !s.teamIds.includes(a.team_id))) throw forbidden('team leads see only their own teams');
      if (!a.ext_code) throw validationError('agentId', 'this agent has no telephony code');
      const svc = service(ctx, caller);
      const callId = svc.floor.agents.get(a.ext_code)?.callId ?? null;
      const row = await svc.prompt('complaint', a.ext_code, { note: body.note ?? '', callId, by: caller.userId }, ctx.now());
      return parseJson(row);
    },
  }),
];

