/**
 * Peer help (issue 17, seed 000 ~26 and ~39): 一幫一 pairs and study groups with goals, follow-ups and a
 * closing result; the members' figures before vs during (computeFacts, the one source of figures); squads
 * whose leader (小隊長) acts for the lead on the squad (a scoped delegation, src/store/scope.ts); shadowing
 * a top agent (跟聽) booked as a 'shadow' activity in the listener's published shift (src/core/peer).
 */
import { beforeAndDuring, figureChange, placeShadowing, removeShadowing, type PlanKind, type PlanResult } from '../../core/peer/index';
import { forbidden, notFound, validationError } from '../../core/errors';
import { dateOfInstant } from '../../core/performance/facts';
import { zoneOffsetMin } from '../../core/timezone';
import { DEFAULT_KPIS } from '../../core/performance/kpi';
import { computeFacts } from '../../store/facts/index';
import { getKpiDefinitions } from '../../store/performance/figures';
import { centerTimezone } from '../../store/quality/lookup';
import { listAgents } from '../../store/org';
import { listShifts, type ShiftRow } from '../../store/wfm/schedules';
import { assertAgentInReach, assertAgentInScope, squadDelegation, teamInScope } from '../../store/people/scope';
import { NO_DELEGATION, scopeAdmits, type Delegation } from '../../store/scope';
import * as repo from '../../store/peer/repo';
import { notifyUsers } from '../../store/notifications';
import { publishNotices } from '../quality/common';
import { PEER_EDITORS } from '../../contract/peer';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';
import { squadForFigures } from './squad';

const isEditor = (actor: Actor) => hasRoleIn(actor, PEER_EDITORS);

/** The caller's reach for peer help: their scope, plus their squads when they lead one. */
async function delegationOf(deps: ServiceDeps, actor: Actor): Promise<Delegation> {
  return actor.scope.kind === 'self' ? squadDelegation(deps.store.db, actor.scope, actor.agentId) : NO_DELEGATION;
}

async function today(deps: ServiceDeps, actor: Actor) {
  return dateOfInstant(deps.now(), await centerTimezone(deps.store.db, actor.scope.centerId));
}

// ---- plans ----

export async function plans(deps: ServiceDeps, actor: Actor, q: { status?: 'open' | 'closed' }) {
  return repo.listPlans(deps.store.db, actor.scope, await delegationOf(deps, actor), q);
}

export interface PlanBody {
  kind: PlanKind;
  title: string;
  leaderAgentId: number;
  memberIds: number[];
  goal: string;
  kpi: string | null;
  kpiTarget: number | null;
  startDate: string;
  endDate: string;
}

export async function createPlan(deps: ServiceDeps, actor: Actor, b: PlanBody) {
  const db = deps.store.db;
  if (b.endDate < b.startDate)
    throw validationError('body.endDate', 'the end is before the start', { reason: 'peer.endBeforeStart', params: { field: 'endDate' } });
  if (b.kind === 'pair' && b.memberIds.length !== 1)
    throw validationError('body.memberIds', 'a pair has one mentee', {
      reason: 'peer.pairOneMentee',
      params: { field: 'memberIds', count: b.memberIds.length },
    });
  if (b.memberIds.includes(b.leaderAgentId))
    throw validationError('body.memberIds', 'the mentor or leader is not also a member', { reason: 'peer.leaderIsMember', params: { field: 'memberIds' } });
  if (b.kpiTarget != null && !b.kpi) throw validationError('body.kpi', 'a target needs its KPI', { reason: 'peer.targetWithoutKpi', params: { field: 'kpi' } });
  await assertAgentInScope(db, actor.scope, b.leaderAgentId, 'body.leaderAgentId');
  for (const [i, id] of b.memberIds.entries()) await assertAgentInScope(db, actor.scope, id, `body.memberIds.${i}`);
  const [first] = await listAgents(db, { ids: [b.memberIds[0]!] });
  const id = await repo.createPlan(
    db,
    actor.scope.centerId,
    { ...b, teamId: first?.team_id ?? null, memberIds: [...new Set(b.memberIds)] },
    actor.userId,
    deps.now(),
  );
  // the people in it hear of it (bell, e-mail, robots), each their own notice
  const users = await repo.usersOfAgents(db, [b.leaderAgentId, ...b.memberIds]);
  const notices = await notifyUsers(
    db,
    users.map((u) => u.userId),
    { kind: 'peer.planMade', data: { title: b.title, startDate: b.startDate, endDate: b.endDate }, link: '#/floor/peer' },
    deps.now(),
  );
  publishNotices(deps, notices);
  return plan(deps, actor, id);
}

async function planInReach(deps: ServiceDeps, actor: Actor, id: number, d?: Delegation) {
  const [p] = await repo.listPlans(deps.store.db, actor.scope, d ?? (await delegationOf(deps, actor)), { id });
  if (!p) throw notFound('peerPlan', id);
  return p;
}

/** The KPIs a plan's figures show: its own KPI first, then the floor's usual ones. */
const SHOWN_KPIS = ['handled', 'aht', 'qaScore', 'adherence', 'csat'];

/** A plan with its follow-ups and each member's figures in the month before it started and the latest month it ran in. */
export async function plan(deps: ServiceDeps, actor: Actor, id: number) {
  const p = await planInReach(deps, actor, id);
  const { centerId } = actor.scope;
  const months = beforeAndDuring(p, await today(deps, actor));
  const kpis = [...new Set([...(p.kpi ? [p.kpi] : []), ...SHOWN_KPIS])];
  // the members' figures come from the facts (computeFacts) whoever reads: the plan is already in the caller's reach
  const read = (month: string) =>
    computeFacts(deps.store.db, centerId, { by: 'agent', month, agentIds: p.memberIds, scope: { kind: 'all', centerId }, now: deps.now() });
  const [before, during] = await Promise.all([read(months.before), read(months.during)]);
  const defs = await getKpiDefinitions(deps.store.db, centerId);
  const direction = (k: string) => (defs.find((d) => d.key === k) ?? DEFAULT_KPIS.find((d) => d.key === k))?.direction ?? 'higher';
  const value = (rows: typeof before.rows, agentId: number, k: string): number | null => {
    const row = rows.find((r) => 'agentId' in r && r.agentId === agentId) as Record<string, unknown> | undefined;
    const f = row?.[k] as { value?: unknown } | undefined;
    return typeof f?.value === 'number' ? f.value : null;
  };
  const figures = p.memberIds.map((agentId, i) => ({
    agentId,
    name: p.memberNames[i]!,
    kpis: kpis.map((k) => ({
      kpi: k,
      ...figureChange(value(before.rows, agentId, k), value(during.rows, agentId, k), k === p.kpi ? p.kpiTarget : null, direction(k) === 'higher'),
    })),
  }));
  return { plan: p, followUps: await repo.listFollowUps(deps.store.db, id), months, figures, canEdit: isEditor(actor) && (await inOwnScope(deps, actor, p)) };
}

/** The plan is in the caller's own scope (not only through a squad). */
async function inOwnScope(deps: ServiceDeps, actor: Actor, p: repo.Plan) {
  return (await repo.listPlans(deps.store.db, actor.scope, NO_DELEGATION, { id: p.id })).length === 1;
}

/**
 * A follow-up: a lead on their team's plans, a squad leader on the plans of their squad's agents (a delegated
 * action), or the pair's mentor / the group's leader. A mentee does not write their own follow-ups.
 */
export async function addFollowUp(deps: ServiceDeps, actor: Actor, id: number, b: { date: string; note: string }) {
  const d = await delegationOf(deps, actor);
  const p = await planInReach(deps, actor, id, d);
  const mayWrite =
    (isEditor(actor) && (await inOwnScope(deps, actor, p))) ||
    (actor.agentId != null && p.leaderAgentId === actor.agentId) ||
    p.memberIds.some((m) => d.agentIds.includes(m) && m !== actor.agentId);
  if (!mayWrite) throw forbidden('only the lead, the squad leader or the mentor writes follow-ups', { reason: 'peer.notYourPlan', params: { planId: id } });
  await repo.addFollowUp(deps.store.db, id, b, actor.userId, deps.now());
  return plan(deps, actor, id);
}

export async function closePlan(deps: ServiceDeps, actor: Actor, id: number, b: { result: PlanResult; note: string }) {
  const p = await planInReach(deps, actor, id, NO_DELEGATION);
  await repo.closePlan(deps.store.db, p.id, b, actor.userId, deps.now());
  return plan(deps, actor, id);
}

// ---- squads ----

export async function squads(deps: ServiceDeps, actor: Actor) {
  return repo.listSquads(deps.store.db, actor.scope, await delegationOf(deps, actor));
}

export async function saveSquad(deps: ServiceDeps, actor: Actor, b: { id?: number; teamId: number; leaderAgentId: number; name: string; memberIds: number[] }) {
  const db = deps.store.db;
  if (b.id !== undefined && !(await repo.listSquads(db, actor.scope, NO_DELEGATION, { id: b.id })).length) throw notFound('squad', b.id);
  await teamInScope(db, actor.scope, b.teamId);
  const agents = await listAgents(db, { ids: [b.leaderAgentId, ...b.memberIds] });
  const inTeam = (id: number) => agents.some((a) => a.id === id && a.team_id === b.teamId && a.center_id === actor.scope.centerId);
  // a squad is a part of one team: its leader and members are that team's agents
  if (!inTeam(b.leaderAgentId))
    throw validationError('body.leaderAgentId', `agent ${b.leaderAgentId} is not in team ${b.teamId}`, {
      reason: 'peer.notInTeam',
      params: { field: 'leaderAgentId', agentId: b.leaderAgentId },
    });
  for (const [i, m] of b.memberIds.entries())
    if (!inTeam(m))
      throw validationError(`body.memberIds.${i}`, `agent ${m} is not in team ${b.teamId}`, {
        reason: 'peer.notInTeam',
        params: { field: `memberIds.${i}`, agentId: m },
      });
  const memberIds = [...new Set(b.memberIds.filter((m) => m !== b.leaderAgentId))];
  const id = await repo.saveSquad(db, actor.scope.centerId, { ...b, memberIds }, actor.userId, deps.now());
  return (await repo.listSquads(db, actor.scope, NO_DELEGATION, { id }))[0]!;
}

export async function deleteSquad(deps: ServiceDeps, actor: Actor, id: number) {
  if (!(await repo.listSquads(deps.store.db, actor.scope, NO_DELEGATION, { id })).length) throw notFound('squad', id);
  await repo.deleteSquad(deps.store.db, id, actor.userId, deps.now());
  return { ok: true as const };
}

/**
 * A squad's figures for a month or a day (computeFacts by agent over the squad's agent ids, the one source of
 * figures), each agent's and the squad's total: for the lead over its team and for the squad's own leader.
 */
export async function squadFigures(deps: ServiceDeps, actor: Actor, id: number, q: { month?: string; day?: string }) {
  const db = deps.store.db;
  const { squad: s, agentIds } = await squadForFigures(deps, actor, id, 'squadFigures');
  const day = q.day ?? null;
  const month = q.month ?? (day ?? (await today(deps, actor))).slice(0, 7);
  const { centerId } = actor.scope;
  const r = await computeFacts(db, centerId, { by: 'agent', ...(day ? { day } : { month }), agentIds, scope: { kind: 'all', centerId }, now: deps.now() });
  const val = (row: Record<string, unknown> | undefined, k: string) => {
    const f = row?.[k] as { value?: unknown } | undefined;
    return typeof f?.value === 'number' ? f.value : null;
  };
  const figuresOf = (row: Record<string, unknown> | undefined) => Object.fromEntries(SHOWN_KPIS.map((k) => [k, val(row, k)]));
  return {
    squad: s,
    month,
    day,
    agents: agentIds.map((agentId) => {
      const row = r.rows.find((x) => 'agentId' in x && x.agentId === agentId) as Record<string, unknown> | undefined;
      return {
        agentId,
        name: agentId === s.leaderAgentId ? s.leaderName : s.memberNames[s.memberIds.indexOf(agentId)]!,
        figures: figuresOf(row),
      };
    }),
    total: figuresOf(r.total as unknown as Record<string, unknown>),
  };
}

// ---- shadowing ----

export async function shadowing(deps: ServiceDeps, actor: Actor, q: { from?: number; to?: number }) {
  return repo.listShadowing(deps.store.db, actor.scope, { ...q, status: 'booked' });
}

/** Whom the caller may book for (themselves, or their team's agents) and whom they may listen to (the center's active agents). */
export async function shadowingOptions(deps: ServiceDeps, actor: Actor) {
  const all = await listAgents(deps.store.db, { scope: { kind: 'all', centerId: actor.scope.centerId } });
  const active = all.filter((a) => a.status === 'active');
  return {
    listeners: active.filter((a) => scopeAdmits(actor.scope, { teamId: a.team_id, agentId: a.id })).map((a) => ({ id: a.id, name: a.name })),
    topAgents: active.map((a) => ({ id: a.id, name: a.name })),
  };
}

const shiftHolding = (shifts: ShiftRow[], slot: { start: number; end: number }) =>
  shifts.find((s) => s.kind === 'shift' && s.start <= slot.start && s.end >= slot.end) ?? null;

export async function bookShadowing(
  deps: ServiceDeps,
  actor: Actor,
  body: { agentId?: number; topAgentId: number; date: string; start: string; end: string; note: string },
) {
  // the date and clock times are the center's: as instants with the zone's offset on that day
  const tz = await centerTimezone(deps.store.db, actor.scope.centerId);
  const offsetMs = zoneOffsetMin(tz, Date.parse(`${body.date}T12:00:00Z`)) * 60_000;
  const instant = (hm: string) => Date.parse(`${body.date}T${hm}:00Z`) - offsetMs;
  const b = { ...body, start: instant(body.start), end: instant(body.end) };
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const agentId = b.agentId ?? actor.agentId;
  if (agentId == null) throw validationError('body.agentId', 'say who listens', { reason: 'peer.listenerRequired', params: { field: 'agentId' } });
  await assertAgentInScope(db, actor.scope, agentId, 'body.agentId');
  if (b.topAgentId === agentId)
    throw validationError('body.topAgentId', 'an agent does not shadow themselves', { reason: 'peer.shadowSelf', params: { field: 'topAgentId' } });
  // the top agent is any agent of the center: reach checked with the center, not the caller's team
  await assertAgentInReach(db, { kind: 'all', centerId }, NO_DELEGATION, b.topAgentId, 'body.topAgentId');
  const slot = { start: b.start, end: b.end };
  const date = body.date;
  const off = await repo.agentsOffOn(db, [agentId, b.topAgentId], date);
  if (off.length)
    throw validationError(off.includes(agentId) ? 'body.start' : 'body.topAgentId', 'on leave that day', {
      reason: off.includes(agentId) ? 'peer.shadowOnLeave' : 'peer.topAgentOnLeave',
      params: { field: off.includes(agentId) ? 'start' : 'topAgentId', who: off.includes(agentId) ? 'agent' : 'top', date },
    });
  const shifts = await listShifts(db, { agentIds: [agentId, b.topAgentId], from: b.start, to: b.end, publishedOnly: true, centerId });
  const mine = shiftHolding(
    shifts.filter((s) => s.agentId === agentId),
    slot,
  );
  const top = shiftHolding(
    shifts.filter((s) => s.agentId === b.topAgentId),
    slot,
  );
  const placed = placeShadowing(mine, top, slot);
  if (!placed.ok) {
    const field = placed.refusal.params.who === 'agent' ? 'start' : 'topAgentId';
    throw validationError(`body.${field}`, placed.refusal.reason, { reason: placed.refusal.reason, params: { field, ...placed.refusal.params } });
  }
  const id = await repo.bookShadowing(
    db,
    centerId,
    {
      agentId,
      topAgentId: b.topAgentId,
      shiftId: mine!.id,
      shiftVersion: mine!.updatedAt,
      start: b.start,
      end: b.end,
      note: b.note,
      activities: placed.activities,
    },
    actor.userId,
    deps.now(),
  );
  const booked = (await repo.listShadowing(db, actor.scope, { id }))[0]!;
  // the top agent hears who will listen, and when
  const topUsers = await repo.usersOfAgents(db, [b.topAgentId]);
  publishNotices(
    deps,
    await notifyUsers(
      db,
      topUsers.map((u) => u.userId),
      { kind: 'peer.shadowBooked', data: { agentName: booked.agentName, date: body.date, start: body.start, end: body.end }, link: '#/floor/peer' },
      deps.now(),
    ),
  );
  return booked;
}

export async function cancelShadowing(deps: ServiceDeps, actor: Actor, id: number) {
  const db = deps.store.db;
  const [s] = await repo.listShadowing(db, actor.scope, { id });
  if (!s) throw notFound('shadowing', id);
  const [shift] = (await listShifts(db, { agentIds: [s.agentId], from: s.start, to: s.end, centerId: actor.scope.centerId })).filter((x) => x.id === s.shiftId);
  const activities = shift ? removeShadowing(shift.activities, s) : [];
  await repo.cancelShadowing(
    db,
    id,
    shift ? { id: shift.id, version: shift.updatedAt, activities } : { id: s.shiftId, version: -1, activities },
    actor.userId,
    deps.now(),
  );
  return { ok: true as const };
}
