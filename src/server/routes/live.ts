/**
 * Live floor API: the floor snapshot, diagnosis thresholds, alerts, the emergency plan and stress
 * prompts. Who sees what:
 * - center-wide roles (admin, center manager, duty manager, QA, WFM, trainer) see the whole floor;
 * - team leads see their teams' agents, the queue figures and floor-wide alerts;
 * - agents do not see the wallboard: the snapshot gives them only their own tile; experts likewise.
 * Alerts are acknowledged and closed by the duty manager (and the center manager), with a note.
 */
import { FLOOR_SNAPSHOT_MESSAGE, floorSnapshotAnswer, live as api, PROMPT_ROLES, type FloorSnapshot, type FloorSnapshotAnswer } from '../../contract/live';
import { DEFAULT_DIAGNOSIS_THRESHOLDS, type DiagnosisThresholds } from '../../core/diagnosis';
import { forbidden, notFound, validationError } from '../../core/errors';
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
import type { Capability } from '../capability';
import type { SocketMessageHandler, TopicRule } from '../live';
import type { ServerContext } from '../context';
import { checkAgainst } from '../contractCheck';
import { alertOf, DEFAULT_PIECE_RATE, floorService, followEvents, liveFloorService, promptOf, PIECE_RATE_KEY, THRESHOLDS_KEY } from '../liveFloor';
import { agentScope, CENTER_WIDE, centerOf, depsOf, implement, scopeOf, type Caller, type RouteDef } from '../route';
import { callinStarted } from '../../services/duty/emergencyPlan';
import { callerCenterId } from './platform';

// ---- who may subscribe to which live topic (composed into the app by liveCapability below) ----
// the floor's topics are per center: each socket gets its own center's (see LiveFloorService)
const isFloorTopic = (t: string) => t.startsWith('floor:') || t === 'alerts' || t.startsWith('alerts:') || t === 'prompts';
const centerWide = (c: Caller) => c.roles.some((r) => CENTER_WIDE.includes(r));
const floorTopicRules: TopicRule[] = [
  (c, t) => (t === 'floor:agents' || t === 'alerts') && centerWide(c),
  // every stress prompt of the center: only who reads them all over REST (GET /api/prompts, scope 'all');
  // a team lead gets their own teams' prompts on user:<id>
  (c, t) => t === 'prompts' && PROMPT_ROLES.some((r) => c.roles.includes(r)) && centerWide(c),
  (c, t) => t === 'floor:queues' && (centerWide(c) || c.roles.includes('team_lead')),
  (c, t) => {
    const m = /^(floor|alerts):team:(\d+)$/.exec(t);
    if (!m) return false;
    return centerWide(c) || (c.roles.includes('team_lead') && c.ledTeamIds.includes(Number(m[2])));
  },
];

/** The caller's center's floor. */
function service(ctx: Parameters<RouteDef['handler']>[0]['ctx'], caller: Caller) {
  const s = floorService(ctx, centerOf(caller));
  if (!s) throw validationError('service', 'the live floor service is not running', { reason: 'live.serviceDown', params: {} });
  return s;
}

const dayMs = 86_400_000;

async function pieceRate(ctx: Parameters<RouteDef['handler']>[0]['ctx'], centerId: number) {
  return (await getSetting<number>(ctx.store.db, centerId, PIECE_RATE_KEY)) ?? DEFAULT_PIECE_RATE;
}

/** GET /api/floor/now's answer: the caller's part of their center's floor. */
function floorNowOf(ctx: ServerContext, caller: Caller): FloorSnapshot {
  const s = floorService(ctx, centerOf(caller));
  if (!s) return { at: ctx.now(), scope: agentScope(caller).kind, running: false, agents: [], queues: [], kpis: null, intervals: [], teams: [], callins: [] };
  return { running: true, ...s.snapshot(caller, ctx.now()) };
}

/** GET /api/alerts's answer. */
async function alertsOf(ctx: ServerContext, caller: Caller, query: { status?: 'open' | 'acknowledged' | 'closed' | 'active'; limit?: number }) {
  const rows = await listAlerts(ctx.store.db, { scope: scopeOf(caller), status: query.status, limit: query.limit });
  return rows.map(alertOf);
}

/**
 * The socket's `floor.snapshot` (contract: FLOOR_SNAPSHOT_MESSAGE): GET /api/floor/now and GET /api/alerts?status=active
 * in one answer, under those routes' access (anyone signed in / the roles of api.alerts: others get no alerts, as the
 * wallboard asked none for them). A socket handles its messages in order, so asked right after a subscribe it is read
 * with the subscription in place: no push is missed between the two (issue 16).
 */
export const floorSnapshotMessage: SocketMessageHandler = async (ctx, caller) => {
  const access: string | readonly string[] = api.alerts.access;
  const mayListAlerts = typeof access === 'string' || caller.roles.some((r) => access.includes(r)); // a string: 'any' (or 'public')
  const alerts = mayListAlerts && agentScope(caller).kind !== 'self' ? await alertsOf(ctx, caller, { status: 'active' }) : [];
  // the floor last, after the one await: as new as every push sent before this answer (a client that replays those
  // after it, in order, ends on the same tiles: each push carries whole tiles)
  const answer: FloorSnapshotAnswer = { floor: floorNowOf(ctx, caller), alerts };
  if (ctx.validateResponses) checkAgainst(floorSnapshotAnswer, answer, `answer of the socket message ${FLOOR_SNAPSHOT_MESSAGE}`);
  return answer;
};

export const liveRoutes: RouteDef[] = [
  implement(api.floorNow, async ({ ctx, caller }) => floorNowOf(ctx, caller)),
  implement(api.thresholds, async ({ ctx, caller }) => {
    const centerId = await callerCenterId(ctx, caller);
    const over = (await getSetting<Partial<DiagnosisThresholds>>(ctx.store.db, centerId, THRESHOLDS_KEY)) ?? {};
    return { thresholds: { ...DEFAULT_DIAGNOSIS_THRESHOLDS, ...over }, defaults: DEFAULT_DIAGNOSIS_THRESHOLDS, pieceRate: await pieceRate(ctx, centerId) };
  }),
  implement(api.setThresholds, async ({ ctx, caller, body }) => {
    const centerId = await callerCenterId(ctx, caller);
    const over = (await getSetting<Partial<DiagnosisThresholds>>(ctx.store.db, centerId, THRESHOLDS_KEY)) ?? {};
    const next = { ...over, ...body };
    const all = { ...DEFAULT_DIAGNOSIS_THRESHOLDS, ...next };
    if (all.occupancyLow > all.occupancyHigh)
      throw validationError('occupancyLow', 'must not be above occupancyHigh', {
        reason: 'live.occupancyLowAboveHigh',
        params: { low: all.occupancyLow, high: all.occupancyHigh },
      });
    await putAuditedSetting(ctx.store.db, { centerId, key: THRESHOLDS_KEY, value: next, userId: caller.userId, now: ctx.now() });
    floorService(ctx, centerId)?.setThresholds(all);
    return { thresholds: all };
  }),
  implement(api.alerts, async ({ ctx, caller, query }) => alertsOf(ctx, caller, query)),
  ...(['acknowledge', 'close'] as const).map((action) =>
    implement(action === 'acknowledge' ? api.acknowledgeAlert : api.closeAlert, async ({ ctx, caller, params, body }) => {
      const centerId = centerOf(caller);
      const row = await handleAlert(ctx.store.db, { id: params.id, centerId, action, userId: caller.userId, note: body.note, now: ctx.now() });
      floorService(ctx, centerId)?.alertHandled(row);
      return alertOf(row);
    }),
  ),
  implement(api.emergencyStaff, async ({ ctx, caller }) => listEmergencyStaff(ctx.store.db, await callerCenterId(ctx, caller))),
  implement(api.addEmergencyStaff, async ({ ctx, caller, body }) =>
    createEmergencyStaff(ctx.store.db, await callerCenterId(ctx, caller), body, caller.userId, ctx.now()),
  ),
  implement(api.updateEmergencyStaff, async ({ ctx, caller, params, body }) => updateEmergencyStaff(ctx.store.db, params.id, body, caller.userId, ctx.now())),
  implement(api.callins, async ({ ctx, caller }) => openCallins(ctx.store.db, await callerCenterId(ctx, caller))),
  implement(api.startCallin, async ({ ctx, caller, body }) => {
    const centerId = centerOf(caller);
    const row = await startCallin(ctx.store.db, { centerId, staffId: body.staffId, alertId: body.alertId ?? null, by: caller.userId, now: ctx.now() });
    floorService(ctx, centerId)?.setCallin(row.ext_code, {
      id: row.id,
      name: row.name,
      position: row.position,
      staffId: row.staff_id,
      startedAt: row.started_at,
      calls: 0,
    });
    await callinStarted(depsOf(ctx), centerId, { id: row.id, staffId: row.staff_id, name: row.name }, caller.userId);
    return row;
  }),
  implement(api.endCallin, async ({ ctx, caller, params }) => {
    const centerId = await callerCenterId(ctx, caller);
    const open = (await openCallins(ctx.store.db, centerId)).find((c) => c.id === params.id);
    const row = await endCallin(ctx.store.db, { id: params.id, by: caller.userId, now: ctx.now() });
    if (open) floorService(ctx, centerId)?.setCallin(open.ext_code, null);
    return row;
  }),
  implement(api.emergencyReport, async ({ ctx, caller, query }) => {
    const centerId = await callerCenterId(ctx, caller);
    const now = ctx.now();
    const from = query.from ? Date.parse(`${query.from}T00:00:00+08:00`) : now - 31 * dayMs;
    const to = query.to ? Date.parse(`${query.to}T00:00:00+08:00`) + dayMs : now + dayMs;
    if (to <= from)
      throw validationError('to', 'must not be before from', { reason: 'input.endBeforeStart', params: { from: query.from ?? null, to: query.to ?? null } });
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
  }),
  implement(api.setPieceRate, async ({ ctx, caller, body }) => {
    await putAuditedSetting(ctx.store.db, {
      centerId: await callerCenterId(ctx, caller),
      key: PIECE_RATE_KEY,
      value: body.rate,
      userId: caller.userId,
      now: ctx.now(),
    });
    return { rate: body.rate };
  }),
  implement(api.prompts, async ({ ctx, caller, query }) => {
    const rows = await listPrompts(ctx.store.db, { scope: scopeOf(caller), openOnly: query.open === '1' });
    return rows.map(promptOf);
  }),
  implement(api.promptDone, async ({ ctx, caller, params, body }) => {
    const p = await getPrompt(ctx.store.db, params.id);
    if (p.center_id !== centerOf(caller)) throw notFound('prompt', params.id);
    const s = agentScope(caller);
    if (s.kind !== 'all' && (p.team_id == null || s.kind !== 'teams' || !s.teamIds.includes(p.team_id)))
      throw forbidden("team leads handle only their teams' prompts", { reason: 'live.promptNotYourTeam' });
    return promptOf(await donePrompt(ctx.store.db, { id: params.id, by: caller.userId, note: body.note ?? '', now: ctx.now() }));
  }),
  implement(api.flagComplaint, async ({ ctx, caller, body }) => {
    const s = agentScope(caller);
    if (s.kind === 'self' && s.agentId !== body.agentId) throw forbidden('agents flag only their own calls', { reason: 'live.ownCallsOnly' });
    const a = await getAgent(ctx.store.db, body.agentId);
    if (a.center_id !== centerOf(caller)) throw notFound('agent', body.agentId);
    if (s.kind === 'teams' && (a.team_id == null || !s.teamIds.includes(a.team_id)))
      throw forbidden('team leads see only their own teams', { reason: 'people.agentNotVisible', params: { agentId: body.agentId } });
    if (!a.ext_code) throw validationError('agentId', 'this agent has no telephony code', { reason: 'connector.noExtCode', params: { agentId: body.agentId } });
    const svc = service(ctx, caller);
    const callId = svc.floor.agents.get(a.ext_code)?.callId ?? null;
    const row = await svc.prompt('complaint', a.ext_code, { note: body.note ?? '', callId, by: caller.userId }, ctx.now());
    return promptOf(row);
  }),
];

/** The live floor: its routes, its per-center topics and who may read them, the floor service per center fed by the event feed. */
export const liveCapability: Capability = {
  name: 'live',
  routes: liveRoutes,
  centerTopics: [isFloorTopic],
  topicRules: floorTopicRules,
  socketHandlers: { [FLOOR_SNAPSHOT_MESSAGE]: floorSnapshotMessage },
  eventListeners: [followEvents],
  services: [liveFloorService],
};
