/**
 * Peak subscription (高峰认购) and VTO: planners publish slots, agents subscribe, the planner confirms
 * by the center's rule; awarded peak slots enter the published schedule and earn holiday points (积分),
 * which agents redeem with the planner's approval.
 */
import type { z } from 'zod';
import type { peakRule } from '../../contract/wfm';
import { conflict, forbidden, validationError } from '../../core/errors';
import { allocateSlots, applyTimeOff, bidRefusal, publishRefusal, type AllocationRule } from '../../core/wfm/peaks';
import { balances, earnPoints, redeem, type PointsRule } from '../../core/wfm/points';
import { mondayOf, weekStartMs } from '../../core/wfm/rules';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { getSetting, listAgents, putSetting } from '../../store/org';
import {
  addLedger,
  createSlot,
  decideRedemption,
  getSlot,
  ledger,
  listRedemptions,
  listSlots,
  pointsBalances,
  recordAllocation,
  requestRedemption,
  subscribe,
} from '../../store/wfm/floor';
import { listLeave, listRuns, listShifts } from '../../store/wfm/schedules';
import type { Actor, ServiceDeps } from '../context';
import { notifyUsers, usersOfAgents } from '../../store/notifications';
import { announceToRobots } from '../../store/noticeDelivery';
import { publishNotices } from '../quality/common';
import { centerOf, core, DAY, DEFAULT_PEAK_RULE, DEFAULT_POINTS_RULES, tzAt } from './common';

export async function publishSlot(
  deps: ServiceDeps,
  actor: Actor,
  body: { kind: 'peak' | 'vto'; title: string; start: number; end: number; capacity: number; bonus: number },
) {
  const db = deps.store.db;
  const now = deps.now();
  const c = await centerOf(deps, actor);
  const refusal = publishRefusal(body, now, tzAt(c.tz, body.start));
  if (refusal)
    throw validationError('start', `slot starts at or before now: ${JSON.stringify(refusal.params)}`, { reason: refusal.reason, params: refusal.params });
  const id = await createSlot(db, { centerId: actor.scope.centerId, ...body }, actor.userId, now);
  // the center's active agents hear of a new slot (bell + their channels, issue 17), and the center's robots
  const agents = await listAgents(db, { scope: { kind: 'all', centerId: actor.scope.centerId }, status: 'active' });
  const notice = {
    kind: body.kind === 'vto' ? 'wfm.vtoSlot' : 'wfm.peakSlot',
    title: body.title,
    data: { start: body.start, end: body.end },
    link: '#/wfm/me',
  };
  publishNotices(
    deps,
    await notifyUsers(
      db,
      await usersOfAgents(
        db,
        agents.map((a) => a.id),
      ),
      notice,
      now,
    ),
  );
  await announceToRobots(db, actor.scope.centerId, notice, now);
  return { id };
}

/** The center's slots; an actor narrower than the center sees how many asked and only their own request. */
export async function slots(deps: ServiceDeps, actor: Actor) {
  const all = await listSlots(deps.store.db, actor.scope.centerId);
  const s = actor.scope;
  if (s.kind === 'all') return all;
  return all.map((x) => ({ ...x, taken: x.requests.length, requests: x.requests.filter((r) => s.kind === 'self' && r.agent_id === s.agentId) }));
}

export async function subscribeTo(deps: ServiceDeps, actor: Actor, slotId: number) {
  if (!actor.agentId) throw forbidden('only agents subscribe', { reason: 'role.agentOnly', params: {} });
  const db = deps.store.db;
  const c = await centerOf(deps, actor);
  const slot = await getSlot(db, c.id, slotId);
  const start = Number(slot.start_ts);
  const end = Number(slot.end_ts);
  const tz = tzAt(c.tz, start);
  // the agent's own published shifts around the slot and leave on the local days it touches
  const shifts = await listShifts(db, { agentIds: [actor.agentId], from: start, to: end, publishedOnly: true, centerId: c.id });
  const day = (ts: number) => new Date(ts + tz * 60_000).toISOString().slice(0, 10);
  const leave = (await listLeave(db, day(start), day(end - 1))).filter((l) => l.agent_id === actor.agentId).map((l) => l.date);
  const refusal = bidRefusal({ kind: slot.kind as 'peak' | 'vto', start, end }, deps.now(), { shifts, leaveDates: leave }, tz);
  if (refusal) throw conflict(`slot ${slotId}: ${refusal.reason} ${JSON.stringify(refusal.params)}`, 'id', { reason: refusal.reason, params: refusal.params });
  await subscribe(deps.store.db, actor.scope.centerId, slotId, actor.agentId, deps.now(), actor.userId);
  return { ok: true as const };
}

const pointsRulesOf = async (deps: ServiceDeps, centerId: number) =>
  (await getSetting<PointsRule[]>(deps.store.db, centerId, 'wfm.pointsRules')) ?? DEFAULT_POINTS_RULES;

/** Allocates a slot by the center's rule; peak: awarded agents get the slot in the published week and earn points; VTO: their shift loses the slot's time. */
export async function confirmSlot(deps: ServiceDeps, actor: Actor, slotId: number) {
  const db = deps.store.db;
  const c = await centerOf(deps, actor);
  const slot = await getSlot(db, c.id, slotId);
  const [withReqs] = (await listSlots(db, c.id)).filter((s) => s.id === slot.id);
  const rule = (await getSetting<AllocationRule>(db, c.id, 'wfm.peakRule')) ?? DEFAULT_PEAK_RULE;
  const rules = await pointsRulesOf(deps, c.id);
  const reqs = withReqs!.requests;
  const agentIds = reqs.map((r) => r.agent_id);
  const start = Number(slot.start_ts);
  const end = Number(slot.end_ts);
  const shifts = await listShifts(db, { agentIds, from: start - DAY, to: end + DAY, publishedOnly: true });
  const bal = new Map((await pointsBalances(db, { kind: 'all', centerId: c.id }, agentIds)).map((b) => [b.agentId, b.balance]));
  const ags = await listAgents(db, { ids: agentIds });
  const tenure = (hire: string) => Math.max(0, (deps.now() - Date.parse(`${hire}T00:00:00Z`)) / (30.44 * DAY));
  const alloc = await core(() =>
    allocateSlots(
      [{ id: String(slot.id), start, end, capacity: slot.capacity, bonus: slot.bonus }],
      reqs.map((r) => ({ agentId: String(r.agent_id), slotId: String(slot.id), requestedAt: Number(r.requested_at) })),
      ags.map((a) => ({ id: String(a.id), pointsBalance: bal.get(String(a.id)) ?? 0, tenureMonths: tenure(a.hire_date) })),
      { kind: slot.kind as 'peak' | 'vto', rule, shifts: shifts.map((s) => ({ agentId: String(s.agentId), start: s.start, end: s.end })) },
    ),
  );
  const awarded = alloc.awarded.map((a) => Number(a.agentId));
  // the published run of the slot's week receives the extra shifts
  const tz = tzAt(c.tz, start);
  const week = mondayOf(start, tz);
  const run = (await listRuns(db, c.id)).find((r) => r.week_start === week && r.status === 'published');
  if (slot.kind === 'peak' && awarded.length && !run)
    throw validationError('id', `no published schedule for the week of ${week}: publish one before confirming peak slots`, {
      reason: 'wfm.noPublishedWeek',
      params: { week },
    });
  const ws = weekStartMs(week, tz);
  const entries =
    slot.kind === 'peak'
      ? [
          ...earnPoints(
            awarded.map((a) => ({ agentId: String(a), start, end, kind: 'peakSlot' as const, ref: `slot:${slot.id}` })),
            rules,
            tz,
          ),
          ...(slot.bonus > 0
            ? awarded.map((a) => ({
                agentId: String(a),
                points: slot.bonus,
                ts: deps.now(),
                reason: `peak slot bonus: ${slot.title}`,
                ruleId: 'slotBonus',
                ref: `slot:${slot.id}`,
              }))
            : []),
        ]
      : [];
  // VTO: the awarded agents' shifts lose the slot's time (shorter shift, or an unpaid gap)
  const shortened =
    slot.kind === 'vto'
      ? awarded.flatMap((a) => {
          const s = shifts.find((x) => x.agentId === a && x.kind === 'shift' && x.start <= start && x.end >= end);
          return s ? [{ shiftId: s.id, ...applyTimeOff(s, { start, end }) }] : [];
        })
      : [];
  await recordAllocation(
    db,
    slot.id,
    awarded,
    alloc.rejected.map((r) => ({ agentId: Number(r.agentId), reason: r.reason })),
    run ? { runId: run.id, day: Math.floor((start - ws) / DAY), start, end } : null,
    entries,
    actor.userId,
    deps.now(),
    shortened,
  );
  return alloc;
}

async function putCenterSetting(deps: ServiceDeps, actor: Actor, key: string, action: string, value: unknown) {
  await withTx(deps.store.db, async (tx) => {
    await putSetting(tx, actor.scope.centerId, key, value, deps.now());
    await audit(tx, { at: deps.now(), userId: actor.userId, action, entity: 'setting', entityId: key, detail: value });
  });
  return { ok: true as const };
}

export const setPeakRule = (deps: ServiceDeps, actor: Actor, body: z.output<typeof peakRule>) =>
  putCenterSetting(deps, actor, 'wfm.peakRule', 'wfm.peakRule.put', body);

export const pointsRules = (deps: ServiceDeps, actor: Actor) => pointsRulesOf(deps, actor.scope.centerId);

export async function setPointsRules(deps: ServiceDeps, actor: Actor, body: PointsRule[]) {
  await core(() => earnPoints([], body), 'rules.');
  return putCenterSetting(deps, actor, 'wfm.pointsRules', 'wfm.pointsRules.put', body);
}

/** Books holiday points for a week's published shifts by the rules (re-running books nothing twice). */
export async function earnWeek(deps: ServiceDeps, actor: Actor, weekStart: string) {
  const c = await centerOf(deps, actor);
  const tz = tzAt(c.tz, Date.parse(`${weekStart}T12:00:00Z`));
  const ws = weekStartMs(weekStart, tz);
  const rules = (await pointsRulesOf(deps, c.id)).filter((r) => r.kind === 'holidayHours');
  const shifts = (await listShifts(deps.store.db, { from: ws, to: ws + 7 * DAY, publishedOnly: true, centerId: c.id })).filter((s) => s.kind === 'shift');
  const entries = await core(() =>
    earnPoints(
      shifts.map((s) => ({ agentId: String(s.agentId), start: s.start, end: s.end, kind: 'shift' as const, ref: `shift:${s.id}` })),
      rules,
      tz,
    ),
  );
  return { added: await addLedger(deps.store.db, entries, actor.userId) };
}

/** Balances and the latest 500 ledger entries of the agents in scope. */
export async function points(deps: ServiceDeps, actor: Actor) {
  const agents = await listAgents(deps.store.db, { scope: actor.scope });
  const names = new Map(agents.map((a) => [String(a.id), a.name]));
  const entries = await ledger(
    deps.store.db,
    actor.scope,
    agents.map((a) => a.id),
  );
  return { balances: balances(entries).map((b) => ({ ...b, name: names.get(b.agentId) })), entries: entries.slice(-500).reverse() };
}

export async function askRedemption(deps: ServiceDeps, actor: Actor, body: { points: number; kind: 'leave' | 'gift'; note: string }) {
  if (!actor.agentId) throw forbidden('only agents redeem points', { reason: 'role.agentOnly', params: {} });
  return { id: await requestRedemption(deps.store.db, actor.agentId, body.points, body.kind, body.note, deps.now(), actor.userId) };
}

export async function redemptions(deps: ServiceDeps, actor: Actor) {
  return listRedemptions(deps.store.db, actor.scope);
}

export async function decideOnRedemption(deps: ServiceDeps, actor: Actor, id: number, approve: boolean) {
  await core(() =>
    decideRedemption(deps.store.db, actor.scope.centerId, id, approve, actor.userId, deps.now(), (l, a, p, reason) => redeem(l, a, p, deps.now(), reason)),
  );
  return { ok: true as const };
}
