/** Peak subscription / VTO slots and their allocation, holiday points and redemptions. */
import { z } from 'zod';
import { forbidden, validationError } from '../../../core/errors';
import { allocateSlots, applyTimeOff, type AllocationRule } from '../../../core/wfm/peaks';
import { balances, earnPoints, redeem, type PointsRule } from '../../../core/wfm/points';
import { weekStartMs, mondayOf } from '../../../core/wfm/rules';
import { audit } from '../../../store/audit';
import { withTx } from '../../../store/db';
import { getSetting, listAgents, putSetting } from '../../../store/org';
import { listRuns, listShifts } from '../../../store/wfm/schedules';
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
} from '../../../store/wfm/floor';
import { agentScope, route, type RouteDef } from '../../route';
import { epochMs } from '../../schemas';
import { WFM, VIEW, DAY, idParams, date, monday, nonNeg, core, centerOf, tzAt, scopedAgentIds, DEFAULT_POINTS_RULES, DEFAULT_PEAK_RULE } from './common';

export const peaksRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/wfm/peak-slots',
    access: WFM,
    summary: 'Publish extra (peak) or time-off (VTO) slots with a bonus',
    body: z.object({
      kind: z.enum(['peak', 'vto']),
      title: z.string().min(1).max(100),
      start: epochMs,
      end: epochMs,
      capacity: z.number().int().positive(),
      bonus: nonNeg.default(0),
    }),
    handler: async ({ body, caller, ctx }) => ({
      id: await createSlot(ctx.store.db, { centerId: (await centerOf(ctx, caller)).id, ...body }, caller.userId, ctx.now()),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/peak-slots',
    access: 'any',
    summary: 'Peak / VTO slots; agents see only their own subscription, planners every request',
    handler: async ({ caller, ctx }) => {
      const slots = await listSlots(ctx.store.db, (await centerOf(ctx, caller)).id);
      const s = agentScope(caller);
      if (s.kind === 'all') return slots;
      return slots.map((x) => ({ ...x, taken: x.requests.length, requests: x.requests.filter((r) => s.kind === 'self' && r.agent_id === s.agentId) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/peak-slots/:id/subscribe',
    access: ['agent'],
    summary: 'Subscribe (認購) to a slot',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      if (!caller.agentId) throw forbidden('only agents subscribe');
      await subscribe(ctx.store.db, params.id, caller.agentId, ctx.now(), caller.userId);
      return { ok: true };
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/peak-slots/:id/confirm',
    access: WFM,
    summary: 'Allocate a slot by the configured rule (first come or priority); awarded peak slots enter the published schedule and earn points',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const slot = await getSlot(ctx.store.db, params.id);
      const [withReqs] = (await listSlots(ctx.store.db, c.id)).filter((s) => s.id === slot.id);
      const rule = (await getSetting<AllocationRule>(ctx.store.db, c.id, 'wfm.peakRule')) ?? DEFAULT_PEAK_RULE;
      const rules = (await getSetting<PointsRule[]>(ctx.store.db, c.id, 'wfm.pointsRules')) ?? DEFAULT_POINTS_RULES;
      const reqs = withReqs!.requests;
      const agentIds = reqs.map((r) => r.agent_id);
      const start = Number(slot.start_ts);
      const end = Number(slot.end_ts);
      const shifts = await listShifts(ctx.store.db, { agentIds, from: start - DAY, to: end + DAY, publishedOnly: true });
      const bal = new Map((await pointsBalances(ctx.store.db, agentIds)).map((b) => [b.agentId, b.balance]));
      const ags = await listAgents(ctx.store.db, { ids: agentIds });
      const tenure = (hire: string) => Math.max(0, (ctx.now() - Date.parse(`${hire}T00:00:00Z`)) / (30.44 * DAY));
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
      const run = (await listRuns(ctx.store.db, c.id)).find((r) => r.week_start === week && r.status === 'published');
      if (slot.kind === 'peak' && awarded.length && !run)
        throw validationError('id', `no published schedule for the week of ${week}: publish one before confirming peak slots`);
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
                    ts: ctx.now(),
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
        ctx.store.db,
        slot.id,
        awarded,
        alloc.rejected.map((r) => ({ agentId: Number(r.agentId), reason: r.reason })),
        run ? { runId: run.id, day: Math.floor((start - ws) / DAY), start, end } : null,
        entries,
        caller.userId,
        ctx.now(),
        shortened,
      );
      return alloc;
    },
  }),
  route({
    method: 'PUT',
    url: '/api/wfm/peak-rule',
    access: WFM,
    summary: 'How slots are allocated: first come, or priority by points / tenure / performance',
    body: z.union([
      z.object({ mode: z.literal('firstCome') }),
      z.object({ mode: z.literal('priority'), order: z.array(z.enum(['points', 'tenure', 'performance'])).min(1) }),
    ]),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      await withTx(ctx.store.db, async (tx) => {
        await putSetting(tx, c.id, 'wfm.peakRule', body, ctx.now());
        await audit(tx, { at: ctx.now(), userId: caller.userId, action: 'wfm.peakRule.put', entity: 'setting', entityId: 'wfm.peakRule', detail: body });
      });
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/points-rules',
    access: VIEW,
    summary: 'Points earning rules',
    handler: async ({ caller, ctx }) =>
      (await getSetting<PointsRule[]>(ctx.store.db, (await centerOf(ctx, caller)).id, 'wfm.pointsRules')) ?? DEFAULT_POINTS_RULES,
  }),
  route({
    method: 'PUT',
    url: '/api/wfm/points-rules',
    access: WFM,
    summary: 'Replace the points earning rules (data: holiday hours × rate × multiplier, points per peak slot)',
    body: z.array(
      z.union([
        z.object({ id: z.string().min(1), kind: z.literal('holidayHours'), dates: z.array(date).min(1), pointsPerHour: nonNeg, multiplier: nonNeg.optional() }),
        z.object({ id: z.string().min(1), kind: z.literal('peakSlot'), pointsPerSlot: nonNeg }),
      ]),
    ),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      await core(() => earnPoints([], body as PointsRule[]), 'rules.');
      await withTx(ctx.store.db, async (tx) => {
        await putSetting(tx, c.id, 'wfm.pointsRules', body, ctx.now());
        await audit(tx, { at: ctx.now(), userId: caller.userId, action: 'wfm.pointsRules.put', entity: 'setting', entityId: 'wfm.pointsRules', detail: body });
      });
      return { ok: true };
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/points/earn',
    access: WFM,
    summary: "Book holiday points for a week's published shifts by the rules (re-running books nothing twice)",
    body: z.object({ weekStart: monday }),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const tz = tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`));
      const ws = weekStartMs(body.weekStart, tz);
      const rules = ((await getSetting<PointsRule[]>(ctx.store.db, c.id, 'wfm.pointsRules')) ?? DEFAULT_POINTS_RULES).filter((r) => r.kind === 'holidayHours');
      const shifts = (await listShifts(ctx.store.db, { from: ws, to: ws + 7 * DAY, publishedOnly: true })).filter((s) => s.kind === 'shift');
      const entries = await core(() =>
        earnPoints(
          shifts.map((s) => ({ agentId: String(s.agentId), start: s.start, end: s.end, kind: 'shift' as const, ref: `shift:${s.id}` })),
          rules,
          tz,
        ),
      );
      return { added: await addLedger(ctx.store.db, entries, caller.userId) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/points',
    access: 'any',
    summary: 'Points balances and ledger: agents their own, team leads their teams, planners all',
    handler: async ({ caller, ctx }) => {
      const ids = await scopedAgentIds(ctx, caller);
      const entries = await ledger(ctx.store.db, ids);
      const names = new Map(
        (await listAgents(ctx.store.db, { ids: ids ?? [...new Set(entries.map((e) => Number(e.agentId)))] })).map((a) => [String(a.id), a.name]),
      );
      return { balances: balances(entries).map((b) => ({ ...b, name: names.get(b.agentId) })), entries: entries.slice(-500).reverse() };
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/redemptions',
    access: ['agent'],
    summary: 'Ask to redeem points for leave or a gift (needs planner approval)',
    body: z.object({ points: z.number().positive(), kind: z.enum(['leave', 'gift']), note: z.string().min(1).max(200) }),
    handler: async ({ body, caller, ctx }) => {
      if (!caller.agentId) throw forbidden('only agents redeem points');
      return { id: await requestRedemption(ctx.store.db, caller.agentId, body.points, body.kind, body.note, ctx.now(), caller.userId) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/redemptions',
    access: 'any',
    summary: 'Redemption requests: agents their own, planners all',
    handler: async ({ caller, ctx }) => listRedemptions(ctx.store.db, await scopedAgentIds(ctx, caller)),
  }),
  route({
    method: 'POST',
    url: '/api/wfm/redemptions/:id/decide',
    access: WFM,
    summary: 'Approve (books the redemption in the ledger) or reject a redemption',
    params: idParams,
    body: z.object({ approve: z.boolean() }),
    handler: async ({ params, body, caller, ctx }) => {
      await core(() =>
        decideRedemption(ctx.store.db, params.id, body.approve, caller.userId, ctx.now(), (l, a, p, reason) => redeem(l, a, p, ctx.now(), reason)),
      );
      return { ok: true };
    },
  }),
];
