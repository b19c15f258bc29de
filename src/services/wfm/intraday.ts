/**
 * Intraday re-optimisation (日内调整, issue 15): the day's requirement (the published week's, its share of a
 * queue replaced from now on by the rest-of-day re-forecast of that queue when one is asked for and forecast) against the published
 * cover; the proposal of src/core/wfm/intraday; break moves written into the published day; overtime and
 * VTO offers pushed to the agents concerned (in-app bell and their channels), answered first come, first served.
 */
import { conflict, forbidden, notFound, validationError } from '../../core/errors';
import {
  activityShare,
  applyOvertime,
  breakStarts,
  intradayRequired,
  moveBreak,
  proposeIntraday,
  queueShare,
  reforecastRequired,
  type IntradayShift,
} from '../../core/wfm/intraday';
import { applyTimeOff } from '../../core/wfm/peaks';
import { activityCap } from '../../core/wfm/timeOff';
import { mondayOf, weekStartMs } from '../../core/wfm/rules';
import { answerOffer, createOffers, listOffers, writeBreakMoves } from '../../store/wfm/intraday';
import { listContracts, listShifts, listTemplates, type ShiftRow } from '../../store/wfm/schedules';
import { publishedWeek } from '../../store/wfm/timeOff';
import { getSetting, listAgents } from '../../store/org';
import { changeSetting } from '../platform/settings';
import { notifyUsers, usersOfAgents } from '../../store/notifications';
import { publishNotices } from '../quality/common';
import type { Actor, ServiceDeps } from '../context';
import { intraday as reforecast } from './adherence';
import { centerOf, core, DAY, tzAt } from './common';

const MIN = 60_000;

/** The center's intraday setting (`wfm.intraday`): offer sizes and the real-time adherence grace. */
export interface IntradaySettings {
  /** VTO only where the cover is at least this many agents above the requirement */
  vtoMinOver: number;
  maxOvertimeMin: number;
  maxVtoMin: number;
  /** minutes out of adherence before the live floor raises an alert */
  rtaGraceMin: number;
}
export const INTRADAY_KEY = 'wfm.intraday';
export const DEFAULT_INTRADAY: IntradaySettings = { vtoMinOver: 2, maxOvertimeMin: 120, maxVtoMin: 120, rtaGraceMin: 5 };
export const intradaySettings = async (deps: ServiceDeps, centerId: number): Promise<IntradaySettings> => ({
  ...DEFAULT_INTRADAY,
  ...((await getSetting<Partial<IntradaySettings>>(deps.store.db, centerId, INTRADAY_KEY)) ?? {}),
});

/** The local day's bounds, its zone offset and its week's Monday. */
function dayOf(tz: string, date: string) {
  const noon = Date.parse(`${date}T12:00:00Z`);
  const off = tzAt(tz, noon);
  const dayStart = Date.parse(`${date}T00:00:00Z`) - off * MIN;
  const weekStart = mondayOf(noon - off * MIN, off);
  return { off, dayStart, weekStart, weekStartTs: weekStartMs(weekStart, off) };
}

/** Team leads act on their own teams' agents only; everyone else on the center's. */
async function agentsInScope(deps: ServiceDeps, actor: Actor): Promise<Set<number> | null> {
  if (actor.scope.kind === 'all') return null;
  return new Set((await listAgents(deps.store.db, { scope: actor.scope })).map((a) => a.id));
}

/** Changes the center's intraday setting (audited as a setting change, before and after). */
export async function setIntradaySettings(deps: ServiceDeps, actor: Actor, body: IntradaySettings) {
  await changeSetting(deps, actor, INTRADAY_KEY, body);
  return { ok: true as const };
}

async function planInputs(deps: ServiceDeps, actor: Actor, q: { date: string; queue?: string; targetSl?: number; thresholdS?: number }) {
  const c = await centerOf(deps, actor);
  const d = dayOf(c.tz, q.date);
  const db = deps.store.db;
  const week = await publishedWeek(db, c.id, d.weekStart);
  if (!week) return { c, d, week: null, shifts: [] as ShiftRow[], input: null, source: 'none' as const };
  const im = week.intervalMin;
  const n = 1440 / im;
  const dayIdx = Math.round((d.dayStart - d.weekStartTs) / DAY);
  const now = deps.now();
  const shifts = (await listShifts(db, { runId: week.runId, from: d.dayStart, to: d.dayStart + DAY })).filter(
    (s) => s.kind === 'shift' && s.start >= d.dayStart,
  );
  const tss = Array.from({ length: n }, (_, i) => d.dayStart + i * im * MIN);
  // the cover counts agents on the phone, already net of the leave and the activities the day's schedule shows:
  // the requirement is compared net of them too, grossed up only for the shrinkage the schedule cannot show
  // (core/wfm/intraday intradayRequired); the requirement as stored when its shrinkage is not known
  const booked = activityShare(shifts, tss, im);
  const intervals = week.required
    .slice(dayIdx * n, (dayIdx + 1) * n)
    .map((required, i) => ({ ts: tss[i]!, required: intradayRequired(required, week.shrinkage, booked[i]!) }));
  let source: 'plan' | 'reforecast' = 'plan';
  if (q.queue) {
    // from now on the queue's share of the plan is replaced by the re-forecast's Erlang agents (on the phone),
    // grossed up by the same unseen shrinkage; the other queues keep their shares (core/wfm/intraday
    // reforecastRequired). A re-forecast interval (15, 30 or 60 min) covers each requirement interval inside it.
    const rf = await reforecast(deps, actor, { queue: q.queue, date: q.date, targetSl: q.targetSl ?? 0.8, thresholdS: q.thresholdS ?? 20 });
    const fim = (rf.intervalMin ?? im) * MIN;
    const rfAt = (ts: number) => rf.remaining.find((r) => r.ts <= ts && ts < r.ts + fim)?.required;
    if (intervals.some((x) => rfAt(x.ts) !== undefined)) {
      const share = queueShare(week.byQueue, q.queue, week.required.length);
      // no per-queue split (an uploaded curve without one, a multi-skill plan's): which part of the total is this
      // queue's is not known, so neither replacing the whole (the other queues lost) nor adding (this queue
      // counted twice) is right: refused, naming the queue
      if (!share)
        throw validationError('queue', `the published requirement of week ${d.weekStart} has no per-queue split: queue ${q.queue}'s share cannot be replaced`, {
          reason: 'wfm.intradayNoQueueSplit',
          params: { queue: q.queue, week: d.weekStart },
        });
      source = 'reforecast';
      intervals.forEach((x, i) => {
        const agents = rfAt(x.ts);
        if (agents !== undefined) x.required = reforecastRequired(week.required[dayIdx * n + i]!, share[dayIdx * n + i]!, agents, week.shrinkage, booked[i]!);
      });
    }
  }
  const agentIds = [...new Set(shifts.map((s) => s.agentId))];
  const weekShifts = await listShifts(db, { runId: week.runId, agentIds });
  const contracts = new Map((await listContracts(db, agentIds)).map((x) => [x.agentId, x.contract]));
  const templates = new Map((await listTemplates(db, c.id)).map((t) => [t.id, t]));
  const input: IntradayShift[] = shifts.map((s) => ({
    shiftId: s.id,
    agentId: s.agentId,
    start: s.start,
    end: s.end,
    paidHours: s.paidHours,
    activities: s.activities,
    breakRules: templates.get(s.templateCode)?.breaks ?? [],
    contract: contracts.get(s.agentId),
    otherShifts: weekShifts.filter((w) => w.agentId === s.agentId && w.id !== s.id && w.kind === 'shift'),
  }));
  const set = await intradaySettings(deps, c.id);
  return {
    c,
    d,
    week,
    shifts,
    source,
    // what the cover is compared with: the requirement's shrinkage, and whether the day books any activity
    basis: {
      shrinkageTotal: week.shrinkage.total,
      shrinkageLeave: week.shrinkage.leave,
      shrinkageActivity: week.shrinkage.activity,
      activityCap: activityCap(week.shrinkage),
      activitiesBooked: booked.some((x) => x > 0),
      queue: source === 'reforecast' ? (q.queue ?? null) : null,
    },
    input: {
      intervalMin: im,
      intervals,
      shifts: input,
      nowTs: now,
      weekStartTs: d.weekStartTs,
      vtoMinOver: set.vtoMinOver,
      maxOvertimeMin: set.maxOvertimeMin,
      maxVtoMin: set.maxVtoMin,
    },
  };
}

/** The day's gap chart, the proposal, and the offers already pushed (a team lead: their teams' agents only). */
export async function intradayPlan(deps: ServiceDeps, actor: Actor, q: { date: string; queue?: string; targetSl?: number; thresholdS?: number }) {
  const p = await planInputs(deps, actor, q);
  const to = p.d.dayStart + DAY;
  const mine = await agentsInScope(deps, actor);
  const offers = await listOffers(deps.store.db, {
    centerId: p.c.id,
    from: p.d.dayStart,
    to,
    teamIds: actor.scope.kind === 'teams' ? actor.scope.teamIds : undefined,
  });
  if (!p.input)
    return {
      published: false,
      source: p.source,
      intervalMin: null,
      intervals: [],
      breakMoves: [],
      proposals: [],
      ruledOut: [],
      shortBeforeMin: 0,
      shortAfterMin: 0,
      basis: null,
      offers,
    };
  const plan = await core(() => proposeIntraday(p.input!));
  const names = new Map((await listAgents(deps.store.db, { ids: p.input.shifts.map((s) => s.agentId) })).map((a) => [a.id, a.name]));
  const inScope = (agentId: number) => !mine || mine.has(agentId);
  return {
    published: true,
    source: p.source,
    intervalMin: p.input.intervalMin,
    intervals: plan.intervals,
    breakMoves: plan.breakMoves.filter((m) => inScope(m.agentId)).map((m) => ({ ...m, name: names.get(m.agentId) ?? '' })),
    proposals: plan.offers
      .map((o) => ({ ...o, agents: o.agents.filter((a) => inScope(a.agentId)).map((a) => ({ ...a, name: names.get(a.agentId) ?? '' })) }))
      .filter((o) => o.agents.length > 0),
    ruledOut: plan.ruledOut.filter((r) => inScope(r.agentId)).map((r) => ({ ...r, name: names.get(r.agentId) ?? '' })),
    shortBeforeMin: plan.shortBeforeMin,
    shortAfterMin: plan.shortAfterMin,
    basis: p.basis,
    offers,
  };
}

/** Writes break moves into the published day after checking each against its window, now, and the caller's scope. */
export async function acceptBreakMoves(
  deps: ServiceDeps,
  actor: Actor,
  body: { date: string; moves: { shiftId: number; fromStart: number; toStart: number }[] },
) {
  const p = await planInputs(deps, actor, { date: body.date });
  const mine = await agentsInScope(deps, actor);
  const byId = new Map((p.input?.shifts ?? []).map((s) => [s.shiftId, s]));
  const stamp = new Map(p.shifts.map((s) => [s.id, s.updatedAt]));
  const acts = new Map<number, IntradayShift['activities']>();
  const now = deps.now();
  body.moves.forEach((m, i) => {
    const s = byId.get(m.shiftId);
    if (!s || (mine && !mine.has(s.agentId))) throw notFound('shift', m.shiftId);
    const cur = { ...s, activities: acts.get(s.shiftId) ?? s.activities };
    if (!breakStarts(cur, m.fromStart, now).includes(m.toStart))
      throw validationError(`moves[${i}].toStart`, 'the break cannot move there: outside its window, begun, or over another activity', {
        reason: 'wfm.breakMoveRefused',
        params: { field: `moves[${i}].toStart` },
      });
    acts.set(s.shiftId, moveBreak(cur.activities, s.start, s.end, m.fromStart, m.toStart));
  });
  await writeBreakMoves(
    deps.store.db,
    [...acts].map(([shiftId, activities]) => ({
      shiftId,
      baseUpdatedAt: stamp.get(shiftId)!,
      activities,
      detail: { moves: body.moves.filter((m) => m.shiftId === shiftId), agentId: byId.get(shiftId)!.agentId },
    })),
    actor.userId,
    now,
  );
  return { moved: body.moves.length };
}

const hm = (ts: number, off: number) => new Date(ts + off * MIN).toISOString().slice(11, 16);

/**
 * Pushes proposed offers: each must be one the proposal makes now (same kind and window), at most its capacity;
 * it goes to the proposal's agents in the caller's scope, who hear of it on the bell and their channels.
 */
export async function pushOffers(
  deps: ServiceDeps,
  actor: Actor,
  body: { date: string; offers: { kind: 'overtime' | 'vto'; start: number; end: number; capacity: number }[] },
) {
  const p = await planInputs(deps, actor, { date: body.date });
  if (!p.input) throw validationError('date', `no published schedule for ${body.date}`, { reason: 'wfm.noPublishedWeek', params: { week: p.d.weekStart } });
  const plan = await core(() => proposeIntraday(p.input!));
  const mine = await agentsInScope(deps, actor);
  const chosen = body.offers.map((o, i) => {
    const prop = plan.offers.find((x) => x.kind === o.kind && x.start === o.start && x.end === o.end);
    if (!prop)
      throw conflict(`offers[${i}]: the proposal no longer has this ${o.kind} window; reload`, `offers[${i}]`, {
        reason: 'wfm.offerNotProposed',
        params: { field: `offers[${i}]` },
      });
    if (o.capacity > prop.capacity)
      throw validationError(`offers[${i}].capacity`, `at most ${prop.capacity}`, { reason: 'input.tooBig', params: { maximum: prop.capacity } });
    const agents = prop.agents.filter((a) => !mine || mine.has(a.agentId));
    return { kind: o.kind, start: o.start, end: o.end, capacity: o.capacity, agents };
  });
  const now = deps.now();
  const ids = await createOffers(deps.store.db, p.c.id, chosen, actor.userId, now);
  for (const o of chosen) {
    const off = tzAt(p.c.tz, o.start);
    const users = await usersOfAgents(
      deps.store.db,
      o.agents.map((a) => a.agentId),
    );
    const notice = {
      kind: o.kind === 'vto' ? 'wfm.vtoOffer' : 'wfm.overtimeOffer',
      title: `${body.date} ${hm(o.start, off)}–${hm(o.end, off)}`,
      data: { start: o.start, end: o.end, capacity: o.capacity },
      link: '#/wfm/me',
    };
    publishNotices(deps, await notifyUsers(deps.store.db, users, notice, now));
  }
  return { ids };
}

/** The offers that went to the calling agent, from yesterday on. */
export async function myOffers(deps: ServiceDeps, actor: Actor) {
  if (actor.agentId == null) throw forbidden('only agents have offers', { reason: 'role.agentOnly', params: {} });
  const now = deps.now();
  const list = await listOffers(deps.store.db, { centerId: actor.scope.centerId, from: now - DAY, to: now + 14 * DAY, agentId: actor.agentId });
  return list.map(({ agents, ...o }) => ({ ...o, mine: agents[0]! }));
}

/** The agent's answer; accepting changes their shift (overtime: longer; VTO: the window taken out). */
export async function answer(deps: ServiceDeps, actor: Actor, offerId: number, accept: boolean) {
  if (actor.agentId == null) throw forbidden('only agents answer offers', { reason: 'role.agentOnly', params: {} });
  const c = await centerOf(deps, actor);
  const now = deps.now();
  await answerOffer(deps.store.db, { offerId, agentId: actor.agentId, accept, now, userId: actor.userId, tzOffsetMin: tzAt(c.tz, now) }, (s, o) =>
    o.kind === 'vto' ? applyTimeOff(s, o) : applyOvertime(s, { start: Math.min(s.start, o.start), end: Math.max(s.end, o.end) }),
  );
  return { ok: true as const };
}
