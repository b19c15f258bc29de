import { z } from 'zod';
import { DomainError, forbidden, InputError, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { erlangC, erlangA, requiredAgents, type StaffingTarget } from '../../core/wfm/erlang';
import { backtest, forecast, type ForecastModel } from '../../core/wfm/forecast';
import { computeAdherence, reforecastIntraday, rollupAdherence, type ScheduledActivity } from '../../core/wfm/adherence';
import { allocateSlots, applyTimeOff, type AllocationRule } from '../../core/wfm/peaks';
import { earnPoints, redeem, type PointsRule } from '../../core/wfm/points';
import { weekCoverage, weekStartMs, mondayOf } from '../../core/wfm/rules';
import { zoneOffsetMin } from '../../core/timezone';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { getAgent, getSetting, listAgents, listCenters, putSetting } from '../../store/org';
import { forecastPoints, historyFor, historyQueues, latestForecastCovering, listForecasts, putHistory, saveForecast } from '../../store/wfm/forecasts';
import {
  addLeave,
  createRequirement,
  createRun,
  decideSwap,
  failRun,
  finishRun,
  getRequirement,
  getRun,
  getShift,
  getSwap,
  listContracts,
  listLeaveWithNames,
  listRequirements,
  listRuns,
  listShifts,
  listSwaps,
  listTemplates,
  moveShift,
  publishRun,
  putContract,
  putTemplate,
  requestSwap,
  scheduleInputFor,
  setRunProgress,
} from '../../store/wfm/schedules';
import {
  addLedger,
  addStateSegments,
  createSlot,
  decideRedemption,
  getSlot,
  ledger,
  listRedemptions,
  listSlots,
  pointsBalances,
  recordAllocation,
  requestRedemption,
  stateSegments,
  subscribe,
} from '../../store/wfm/floor';
import { agentScope, centerOf as centerOfCaller, route, scopeOf, type Caller, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import { assertCanSeeAgent, callerCenterId } from './platform';
import { solveInWorker } from '../wfm/solver';
import { epochMs, epochMsQuery, isoDate } from '../schemas';

const WFM: Role[] = ['wfm'];
const VIEW: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'wfm'];
const DAY = 86_400_000;
const idParams = z.object({ id: z.coerce.number().int().positive() });
const date = isoDate;
const monday = date.refine((s) => new Date(`${s}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday');
const nonNeg = z.number().finite().min(0);

/**
 * Runs a core call whose input sits under `prefix` in the request: its InputError (a DomainError naming
 * the core's field) is renamed to the request's field. Without a prefix errors pass through as they are.
 */
async function core<T>(fn: () => T | Promise<T>, prefix = ''): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (prefix && e instanceof InputError) throw new InputError(prefix + e.field, e.problem, { reason: e.reason, params: e.params }, e.code);
    throw e;
  }
}

async function centerOf(ctx: ServerContext, c: Caller) {
  const id = await callerCenterId(ctx, c);
  const center = (await listCenters(ctx.store.db)).find((x) => x.id === id);
  if (!center) throw notFound('center');
  return { id, tz: center.timezone };
}
const tzAt = (tz: string, ts: number) => zoneOffsetMin(tz, ts);

/** Requirement per 15-min slot of the week from a forecast version and Erlang targets. */
async function requirementFromForecast(
  ctx: ServerContext,
  forecastId: number,
  wsTs: number,
  t: { targets: StaffingTarget[]; patienceS?: number; shrinkage?: number },
) {
  const { forecast: f, points } = await forecastPoints(ctx.store.db, forecastId, { from: wsTs, to: wsTs + 7 * DAY });
  if (!points.length) throw validationError('forecastId', `forecast ${forecastId} has no intervals in that week`);
  const byTs = new Map(points.map((p) => [p.ts, p]));
  const per = f.interval_min / 15;
  const required: number[] = [];
  for (let k = 0; k < 672 / per; k++) {
    const p = byTs.get(wsTs + k * f.interval_min * 60_000);
    const need =
      !p || p.offered <= 0
        ? 0
        : await core(
            () =>
              requiredAgents({
                calls: p.offered,
                periodS: f.interval_min * 60,
                ahtS: p.aht > 0 ? p.aht : 1,
                targets: t.targets,
                patienceS: t.patienceS,
                shrinkage: t.shrinkage,
              }).scheduledHeads,
          );
    for (let j = 0; j < per; j++) required.push(need);
  }
  return required;
}

const solves = new Map<number, Promise<void>>();
/** Awaits a running solve (tests, shutdown). */
export const waitForSolve = (runId: number) => solves.get(runId) ?? Promise.resolve();

function startSolve(
  ctx: ServerContext,
  runId: number,
  input: Parameters<typeof solveInWorker>[0],
  timeLimitS: number,
  wsTs: number,
  keys: Map<string, number>,
) {
  const handle = solveInWorker(
    input,
    { timeLimitS, mipAbsGap: 1 },
    (phase) => void setRunProgress(ctx.store.db, runId, { phase, startedAt: Date.now() }).catch(() => {}),
  );
  const p = handle.promise
    .then((result) => finishRun(ctx.store.db, runId, wsTs, keys, result, ctx.now()))
    .catch((e) => failRun(ctx.store.db, runId, (e as Error).message, ctx.now()).catch(() => {}))
    .then(() => undefined)
    .finally(() => solves.delete(runId));
  solves.set(runId, p);
}

const slaBody = z.object({
  calls: nonNeg,
  periodS: z.number().finite().positive().default(1800),
  ahtS: z.number().finite().positive(),
  targetSl: z.number().min(0).max(1).optional(),
  thresholdS: nonNeg.default(20),
  targetAsa: nonNeg.optional(),
  maxOccupancy: z.number().gt(0).max(1).optional(),
  patienceS: z.number().positive().optional(),
  shrinkage: z.number().min(0).lt(1).default(0),
});

function targetsOf(b: { targetSl?: number; thresholdS: number; targetAsa?: number; maxOccupancy?: number }): StaffingTarget[] {
  const t: StaffingTarget[] = [];
  if (b.targetSl !== undefined) t.push({ kind: 'serviceLevel', target: b.targetSl, thresholdS: b.thresholdS });
  if (b.targetAsa !== undefined) t.push({ kind: 'asa', targetS: b.targetAsa });
  if (b.maxOccupancy !== undefined) t.push({ kind: 'occupancy', max: b.maxOccupancy });
  if (!t.length) throw validationError('targetSl', 'give a target: targetSl, targetAsa or maxOccupancy');
  return t;
}

const FIELD_OF_TARGET = ['targetSl', 'targetAsa', 'maxOccupancy'];
const holidayItem = z.object({ date, name: z.string().max(60).optional(), factor: nonNeg.optional() });

const templateBody = z.object({
  id: z.string().min(1).max(20),
  spanMin: z.number().int().positive(),
  startEarliestMin: z.number().int().min(0),
  startLatestMin: z.number().int().min(0),
  startStepMin: z.number().int().positive(),
  breaks: z.array(
    z.object({
      kind: z.enum(['break', 'meal']),
      durationMin: z.number().int().positive(),
      paid: z.boolean(),
      earliestStartMin: z.number().int().min(0),
      latestStartMin: z.number().int().min(0),
    }),
  ),
  costPerPaidHour: z.number().positive().optional(),
  days: z.array(z.number().int().min(0).max(6)).optional(),
});

const contractBody = z.object({
  contract: z.object({
    minHoursWeek: nonNeg,
    maxHoursWeek: nonNeg,
    minDaysOff: z.number().int().min(0).max(7),
    earliestStartMin: z.number().int().min(0).max(1439),
    latestStartMin: z.number().int().min(0).max(1439),
    templateIds: z.array(z.string()).optional(),
    minRestHours: nonNeg.optional(),
  }),
  skills: z.array(z.string().min(1)).default([]),
  preferences: z.object({ daysOff: z.array(z.number().int().min(0).max(6)).optional(), startMin: z.number().int().min(0).max(1439).optional() }).default({}),
});

/** Shifts with agent names and phone coverage of a run, for the planner. */
async function runView(ctx: ServerContext, runId: number) {
  const run = await getRun(ctx.store.db, runId);
  const req = await getRequirement(ctx.store.db, run.requirement_id);
  const center = (await listCenters(ctx.store.db)).find((c) => c.id === run.center_id)!;
  const ws = weekStartMs(run.week_start, tzAt(center.timezone, Date.parse(`${run.week_start}T12:00:00Z`)));
  const shifts = await listShifts(ctx.store.db, { runId });
  const agents = new Map((await listAgents(ctx.store.db)).map((a) => [a.id, a]));
  const phone = shifts.flatMap((s) =>
    s.activities.filter((a) => a.kind === 'phone').map((a) => ({ startMin: (a.start - ws) / 60_000, endMin: (a.end - ws) / 60_000 })),
  );
  const cov = weekCoverage(phone, 15);
  const required = req.interval_min === 15 ? req.required : req.required.flatMap((v) => Array(req.interval_min / 15).fill(v));
  return {
    run,
    weekStartTs: ws,
    intervalMin: 15,
    required,
    coverage: cov,
    shifts: shifts.map((s) => ({
      ...s,
      agentName: agents.get(s.agentId)?.name ?? String(s.agentId),
      employeeNo: agents.get(s.agentId)?.employee_no,
      teamId: agents.get(s.agentId)?.team_id,
    })),
  };
}

async function scopedAgentIds(ctx: ServerContext, c: Caller): Promise<number[] | undefined> {
  const s = agentScope(c);
  if (s.kind === 'all') return undefined;
  if (s.kind === 'self') return s.agentId ? [s.agentId] : [];
  return (await listAgents(ctx.store.db, { teamIds: s.teamIds })).map((a) => a.id);
}

const DEFAULT_POINTS_RULES: PointsRule[] = [{ id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 }];
const DEFAULT_PEAK_RULE: AllocationRule = { mode: 'firstCome' };

export const wfmRoutes: RouteDef[] = [
  // ---------- staffing ----------
  route({
    method: 'POST',
    url: '/api/wfm/erlang',
    access: VIEW,
    summary: 'Erlang C/A: agents for a target, shrinkage to heads, and service level by agent count (for the chart)',
    body: slaBody,
    handler: async ({ body }) => {
      const targets = targetsOf(body);
      const present = FIELD_OF_TARGET.filter((f) => (body as Record<string, unknown>)[f] !== undefined);
      const r = await core(
        () => requiredAgents({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, targets, patienceS: body.patienceS, shrinkage: body.shrinkage }),
        '',
      ).catch((e: DomainError) => {
        const m = /^targets\[(\d+)\]/.exec(e.field ?? '');
        if (m) throw validationError(present[Number(m[1])]!, e.message.replace(/^[^:]*:\s*/, ''));
        throw e;
      });
      const A = r.trafficErlangs;
      const curve = [];
      const lo = body.patienceS ? Math.max(1, Math.floor(A * 0.7)) : Math.floor(A) + 1;
      for (let n = lo; n <= Math.max(r.agents + 6, lo + 8) && curve.length < 60; n++) {
        const m = body.patienceS
          ? erlangA({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, agents: n, thresholdS: body.thresholdS, patienceS: body.patienceS })
          : erlangC({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, agents: n, thresholdS: body.thresholdS });
        curve.push({ agents: n, serviceLevel: m.serviceLevel, asa: m.asa, occupancy: m.occupancy });
      }
      return { ...r, curve };
    },
  }),
  // ---------- history and forecasts ----------
  route({
    method: 'POST',
    url: '/api/wfm/history',
    access: WFM,
    summary: 'Upload interval history of a queue (until the live-floor interval store provides it)',
    body: z.object({
      queue: z.string().min(1),
      intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]),
      rows: z
        .array(z.object({ ts: epochMs, offered: nonNeg, aht: nonNeg.optional() }))
        .min(1)
        .max(50_000),
    }),
    bodyLimit: 8 * 1024 * 1024,
    handler: async ({ body, caller, ctx }) => {
      await putHistory(ctx.store.db, body.queue, body.intervalMin, body.rows);
      await audit(ctx.store.db, {
        at: ctx.now(),
        userId: caller.userId,
        action: 'wfm.history.upload',
        entity: 'wfm_history',
        entityId: body.queue,
        detail: { rows: body.rows.length },
      });
      return { rows: body.rows.length };
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/forecasts/backtest',
    access: WFM,
    summary: 'WAPE and MAPE of each model on the last held-out weeks of history',
    body: z.object({
      queue: z.string().min(1),
      intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
      weeks: z.number().int().positive().max(8).default(1),
    }),
    handler: async ({ body, caller, ctx }) => {
      const { id, tz } = await centerOf(ctx, caller);
      const history = await historyFor(ctx.store.db, { centerId: id, queue: body.queue, intervalMin: body.intervalMin, tzOffsetMin: tzAt(tz, ctx.now()) });
      return core(() => backtest(history, body.weeks, { intervalMin: body.intervalMin, tzOffsetMin: tzAt(tz, ctx.now()) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/forecasts',
    access: WFM,
    summary: 'Forecast the weeks after the history and store it as a new version',
    body: z.object({
      queue: z.string().min(1),
      intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
      model: z.enum(['seasonalNaive', 'holtWinters']).default('holtWinters'),
      weeksAhead: z.number().int().positive().max(8).default(1),
      /** omitted: the centre's holiday calendar (PUT /api/wfm/holidays) */
      holidays: z.array(holidayItem).optional(),
      adjustments: z.array(z.object({ fromTs: epochMs, toTs: epochMs, percent: z.number().optional(), absolute: z.number().optional() })).default([]),
    }),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const history = await historyFor(ctx.store.db, { centerId: c.id, queue: body.queue, intervalMin: body.intervalMin });
      if (!history.length) throw validationError('queue', `no history for queue ${body.queue} at ${body.intervalMin}-minute intervals`);
      const holidays = body.holidays ?? (await getSetting<z.infer<typeof holidayItem>[]>(ctx.store.db, c.id, 'wfm.holidays')) ?? [];
      body.adjustments.forEach((a, i) => {
        if (!(a.toTs > a.fromTs)) throw validationError(`adjustments[${i}].toTs`, 'must be after fromTs');
      });
      const points = await core(() =>
        forecast(history, body.model as ForecastModel, body.weeksAhead * 7, {
          intervalMin: body.intervalMin,
          tzOffsetMin: tzAt(c.tz, ctx.now()),
          holidays,
          adjustments: body.adjustments,
        }),
      );
      const id = await saveForecast(
        ctx.store.db,
        { centerId: c.id, queue: body.queue, model: body.model, intervalMin: body.intervalMin, params: { ...body, holidays } },
        points,
        caller.userId,
        ctx.now(),
      );
      return { id, intervals: points.length };
    },
  }),
  route({ method: 'GET', url: '/api/wfm/forecasts', access: VIEW, summary: 'Forecast versions', handler: async ({ ctx }) => listForecasts(ctx.store.db) }),
  route({
    method: 'GET',
    url: '/api/wfm/forecasts/:id',
    access: VIEW,
    summary: 'One forecast version with its intervals',
    params: idParams,
    handler: async ({ params, ctx }) => forecastPoints(ctx.store.db, params.id),
  }),
  // ---------- templates, contracts, leave ----------
  route({
    method: 'GET',
    url: '/api/wfm/templates',
    access: VIEW,
    summary: 'Shift templates',
    handler: async ({ caller, ctx }) => listTemplates(ctx.store.db, (await centerOf(ctx, caller)).id),
  }),
  route({
    method: 'PUT',
    url: '/api/wfm/templates',
    access: WFM,
    summary: 'Create or replace a shift template (by code)',
    body: templateBody,
    handler: async ({ body, caller, ctx }) => {
      await putTemplate(ctx.store.db, (await centerOf(ctx, caller)).id, body, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/contracts',
    access: WFM,
    summary: 'Agent contracts, skills and preferences',
    handler: async ({ ctx }) => listContracts(ctx.store.db),
  }),
  route({
    method: 'PUT',
    url: '/api/wfm/contracts/:id',
    access: WFM,
    summary: "Set an agent's contract, skills and preferences (id = agent id)",
    params: idParams,
    body: contractBody,
    handler: async ({ params, body, caller, ctx }) => {
      await putContract(ctx.store.db, { agentId: params.id, ...body }, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/leave',
    access: WFM,
    summary: 'Record approved leave for an agent',
    body: z.object({ agentId: z.number().int().positive(), date, kind: z.string().min(1).max(30).default('annual') }),
    handler: async ({ body, caller, ctx }) => ({ id: await addLeave(ctx.store.db, body.agentId, body.date, body.kind, caller.userId, ctx.now()) }),
  }),
  // ---------- requirements and schedule runs ----------
  route({
    method: 'POST',
    url: '/api/wfm/requirements',
    access: WFM,
    summary: 'A requirement curve for a week: uploaded (15-min values) or from a forecast and Erlang targets',
    body: z.object({
      weekStart: monday,
      required: z.array(nonNeg).optional(),
      forecastId: z.number().int().positive().optional(),
      targetSl: z.number().min(0).max(1).optional(),
      thresholdS: nonNeg.default(20),
      targetAsa: nonNeg.optional(),
      maxOccupancy: z.number().gt(0).max(1).optional(),
      patienceS: z.number().positive().optional(),
      shrinkage: z.number().min(0).lt(1).default(0),
    }),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const ws = await core(() => weekStartMs(body.weekStart, tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`))));
      let required = body.required;
      let source = 'upload';
      if (!required) {
        if (!body.forecastId) throw validationError('required', 'give the required values or a forecastId');
        required = await requirementFromForecast(ctx, body.forecastId, ws, { targets: targetsOf(body), patienceS: body.patienceS, shrinkage: body.shrinkage });
        source = `forecast:${body.forecastId}`;
      }
      return {
        id: await createRequirement(ctx.store.db, { centerId: c.id, weekStart: body.weekStart, intervalMin: 15, required, source }, caller.userId, ctx.now()),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/requirements',
    access: VIEW,
    summary: 'Requirement curves',
    handler: async ({ ctx }) => listRequirements(ctx.store.db),
  }),
  route({
    method: 'POST',
    url: '/api/wfm/schedule-runs',
    access: WFM,
    summary: 'Start an optimiser run for a week (solved in a worker thread; poll the run for progress)',
    body: z.object({ weekStart: monday, requirementId: z.number().int().positive(), timeLimitS: z.number().positive().max(600).default(20) }),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const req = await getRequirement(ctx.store.db, body.requirementId);
      if (req.week_start !== body.weekStart) throw validationError('requirementId', `requirement ${req.id} is for the week of ${req.week_start}`);
      const { templates, agents } = await scheduleInputFor(ctx.store.db, c.id, body.weekStart);
      if (!templates.length) throw validationError('templates', 'define at least one shift template first');
      if (!agents.length) throw validationError('contracts', 'no active agent has a contract yet');
      const ws = weekStartMs(body.weekStart, tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`)));
      const id = await createRun(
        ctx.store.db,
        { centerId: c.id, weekStart: body.weekStart, requirementId: req.id, timeLimitS: body.timeLimitS },
        caller.userId,
        ctx.now(),
      );
      startSolve(
        ctx,
        id,
        { intervalMin: req.interval_min, required: req.required, templates, agents },
        body.timeLimitS,
        ws,
        new Map(agents.map((a) => [a.id, Number(a.id)])),
      );
      return { id };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/schedule-runs',
    access: VIEW,
    summary: 'Schedule runs',
    handler: async ({ caller, ctx }) => listRuns(ctx.store.db, (await centerOf(ctx, caller)).id),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/schedule-runs/:id',
    access: VIEW,
    summary: 'A run: status and progress, requirement vs scheduled coverage per interval, shifts',
    params: idParams,
    handler: async ({ params, ctx }) => runView(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/wfm/schedule-runs/:id/publish',
    access: WFM,
    summary: 'Publish a finished run: agents see their shifts',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await publishRun(ctx.store.db, params.id, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/wfm/shifts/:id',
    access: WFM,
    summary:
      "Move a shift by hand (breaks move with it); contract rules are re-checked. baseUpdatedAt = the shift's updatedAt the edit started from (409 wfm.staleShift when it changed since)",
    params: idParams,
    body: z.object({ start: epochMs, baseUpdatedAt: z.number().int().nonnegative().optional() }),
    handler: async ({ params, body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      await moveShift(ctx.store.db, params.id, body.start, caller.userId, ctx.now(), tzAt(c.tz, body.start), body.baseUpdatedAt);
      return getShift(ctx.store.db, params.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/my-schedule',
    access: 'any',
    summary: "The caller's own published shifts for a week (agents)",
    query: z.object({ week: date.optional() }),
    handler: async ({ query, caller, ctx }) => {
      if (!caller.agentId) return { weekStart: null, shifts: [] };
      const c = await centerOf(ctx, caller);
      const tz = tzAt(c.tz, ctx.now());
      const week = query.week ?? mondayOf(ctx.now(), tz);
      const ws = await core(() => weekStartMs(week, tz));
      const shifts = await listShifts(ctx.store.db, { agentIds: [caller.agentId], from: ws, to: ws + 7 * DAY, publishedOnly: true });
      return { weekStart: week, weekStartTs: ws, shifts };
    },
  }),
  // ---------- swaps ----------
  route({
    method: 'POST',
    url: '/api/wfm/swaps',
    access: ['agent'],
    summary: 'Ask to give one of your published shifts to another agent (needs team-lead approval)',
    body: z.object({ shiftId: z.number().int().positive(), toAgentId: z.number().int().positive(), note: z.string().max(500).optional() }),
    handler: async ({ body, caller, ctx }) => {
      if (!caller.agentId) throw forbidden('only agents swap shifts');
      return { id: await requestSwap(ctx.store.db, body.shiftId, caller.agentId, body.toAgentId, body.note ?? null, caller.userId, ctx.now()) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/swaps',
    access: 'any',
    summary: 'Swap requests: agents see their own, team leads their teams, planners all',
    handler: async ({ caller, ctx }) => {
      const s = agentScope(caller);
      if (s.kind === 'all') return listSwaps(ctx.store.db, {});
      if (s.kind === 'teams') return listSwaps(ctx.store.db, { teamIds: s.teamIds });
      return listSwaps(ctx.store.db, { agentIds: s.agentId ? [s.agentId] : [] });
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/swaps/:id/decide',
    access: ['team_lead'],
    summary: "Approve or reject a swap of your team's agent (approval re-checks the receiver's contract)",
    params: idParams,
    body: z.object({ approve: z.boolean() }),
    handler: async ({ params, body, caller, ctx }) => {
      const sw = await getSwap(ctx.store.db, params.id);
      const from = await getAgent(ctx.store.db, sw.from_agent_id);
      if (from.team_id == null || !caller.ledTeamIds.includes(from.team_id)) throw forbidden("team leads decide swaps of their own teams' agents only");
      const c = await centerOf(ctx, caller);
      await decideSwap(ctx.store.db, params.id, body.approve, caller.userId, ctx.now(), tzAt(c.tz, ctx.now()));
      return { ok: true };
    },
  }),
  // ---------- adherence and intraday ----------
  route({
    method: 'POST',
    url: '/api/wfm/state-segments',
    access: ['wfm', 'admin'],
    summary: 'Actual agent state segments (the adherence input; the real-time state service feeds the same shape)',
    body: z.object({
      segments: z
        .array(z.object({ agentId: z.number().int().positive(), start: epochMs, end: epochMs, state: z.string().min(1).max(60) }))
        .min(1)
        .max(100_000),
    }),
    bodyLimit: 16 * 1024 * 1024,
    handler: async ({ body, caller, ctx }) => {
      await addStateSegments(
        ctx.store.db,
        body.segments.map((s) => ({ ...s, agentId: String(s.agentId) })),
        caller.userId,
        ctx.now(),
      );
      return { count: body.segments.length };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/adherence',
    access: VIEW,
    summary: 'Daily (or so-far-today) adherence and conformance per agent and team, and the out-of-adherence list',
    query: z.object({ date, graceS: z.coerce.number().min(0).max(3600).default(300) }),
    handler: async ({ query, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const tz = tzAt(c.tz, Date.parse(`${query.date}T12:00:00Z`));
      const from = Date.parse(`${query.date}T00:00:00Z`) - tz * 60_000;
      const to = Math.min(from + DAY, Math.max(from + 1, ctx.now()));
      const ids = await scopedAgentIds(ctx, caller);
      const shifts = await listShifts(ctx.store.db, { from, to: from + DAY, publishedOnly: true, agentIds: ids });
      const sched: ScheduledActivity[] = shifts.flatMap((s) =>
        s.activities.map((a) => ({
          agentId: String(s.agentId),
          start: a.start,
          end: a.end,
          activity: (a.kind === 'vto' ? 'off' : a.kind) as ScheduledActivity['activity'],
        })),
      );
      const agentIds = [...new Set(shifts.map((s) => s.agentId))];
      const states = await stateSegments(ctx.store.db, scopeOf(caller), from, to, agentIds);
      const rows = await core(() => computeAdherence(sched, states, { from, to, graceS: query.graceS }));
      const agents = new Map((await listAgents(ctx.store.db, { ids: agentIds })).map((a) => [String(a.id), a]));
      const byTeam = new Map<number | null, typeof rows>();
      for (const r of rows) {
        const t = agents.get(r.agentId)?.team_id ?? null;
        byTeam.set(t, [...(byTeam.get(t) ?? []), r]);
      }
      return {
        from,
        to,
        agents: rows.map((r) => ({ ...r, name: agents.get(r.agentId)?.name, teamId: agents.get(r.agentId)?.team_id, outOfAdherence: undefined })),
        teams: [...byTeam.entries()].map(([teamId, rs]) => ({ teamId, ...rollupAdherence(rs) })),
        total: rollupAdherence(rows),
        outOfAdherence: rows.flatMap((r) => r.outOfAdherence.map((o) => ({ ...o, name: agents.get(r.agentId)?.name }))).sort((a, b) => a.start - b.start),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/intraday',
    access: VIEW,
    summary: "Today's actuals vs forecast and the staffing gap for the rest of the day",
    query: z.object({
      queue: z.string().min(1),
      date,
      targetSl: z.coerce.number().min(0).max(1).default(0.8),
      thresholdS: z.coerce.number().min(0).default(20),
    }),
    handler: async ({ query, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const tz = tzAt(c.tz, Date.parse(`${query.date}T12:00:00Z`));
      const from = Date.parse(`${query.date}T00:00:00Z`) - tz * 60_000;
      const f = await latestForecastCovering(ctx.store.db, query.queue, from, from + DAY);
      if (!f) throw validationError('queue', `no forecast of ${query.queue} covers ${query.date}`);
      const { points } = await forecastPoints(ctx.store.db, f.id, { from, to: from + DAY });
      const actual = await historyFor(ctx.store.db, { centerId: c.id, queue: query.queue, intervalMin: f.interval_min as 15 | 30 | 60, from, to: from + DAY });
      const im = f.interval_min * 60_000;
      const nowTs = Math.max(from, Math.min(from + DAY, Math.floor(ctx.now() / im) * im));
      const shifts = await listShifts(ctx.store.db, { from, to: from + DAY, publishedOnly: true });
      const sched = new Map<number, number>();
      for (const p of points) {
        let n = 0;
        for (const s of shifts)
          for (const a of s.activities) if (a.kind === 'phone') n += Math.max(0, Math.min(a.end, p.ts + im) - Math.max(a.start, p.ts)) / im;
        sched.set(p.ts, n);
      }
      const r = await core(() =>
        reforecastIntraday({
          forecast: points,
          actuals: actual.map((a) => ({ ts: a.ts, offered: a.offered, aht: a.offered > 0 ? (a.ahtSum ?? 0) / a.offered : 0 })),
          nowTs,
          intervalS: f.interval_min * 60,
          scheduledAgents: sched,
          targets: [{ kind: 'serviceLevel', target: query.targetSl, thresholdS: query.thresholdS }],
        }),
      );
      return { forecastId: f.id, nowTs, forecast: points, actuals: actual, ...r };
    },
  }),
  // ---------- peak subscription / VTO ----------
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
      await subscribe(ctx.store.db, centerOfCaller(caller), params.id, caller.agentId, ctx.now(), caller.userId);
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
      const slot = await getSlot(ctx.store.db, c.id, params.id);
      const [withReqs] = (await listSlots(ctx.store.db, c.id)).filter((s) => s.id === slot.id);
      const rule = (await getSetting<AllocationRule>(ctx.store.db, c.id, 'wfm.peakRule')) ?? DEFAULT_PEAK_RULE;
      const rules = (await getSetting<PointsRule[]>(ctx.store.db, c.id, 'wfm.pointsRules')) ?? DEFAULT_POINTS_RULES;
      const reqs = withReqs!.requests;
      const agentIds = reqs.map((r) => r.agent_id);
      const start = Number(slot.start_ts);
      const end = Number(slot.end_ts);
      const shifts = await listShifts(ctx.store.db, { agentIds, from: start - DAY, to: end + DAY, publishedOnly: true });
      const bal = new Map((await pointsBalances(ctx.store.db, scopeOf(caller), agentIds)).map((b) => [b.agentId, b.balance]));
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
  // ---------- points ----------
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
      const entries = await ledger(ctx.store.db, scopeOf(caller), ids);
      const names = new Map(
        (await listAgents(ctx.store.db, { ids: ids ?? [...new Set(entries.map((e) => Number(e.agentId)))] })).map((a) => [String(a.id), a.name]),
      );
      const { balances } = await import('../../core/wfm/points');
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
    handler: async ({ caller, ctx }) => listRedemptions(ctx.store.db, scopeOf(caller)),
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
        decideRedemption(ctx.store.db, centerOfCaller(caller), params.id, body.approve, caller.userId, ctx.now(), (l, a, p, reason) =>
          redeem(l, a, p, ctx.now(), reason),
        ),
      );
      return { ok: true };
    },
  }),
  // ---------- forecast page: history, holiday calendar; planner data: leave list ----------
  route({
    method: 'GET',
    url: '/api/wfm/history',
    access: VIEW,
    summary: 'Interval history of a queue in a time range (offered and AHT per interval)',
    query: z.object({
      queue: z.string().min(1),
      intervalMin: z.coerce
        .number()
        .pipe(z.union([z.literal(15), z.literal(30), z.literal(60)]))
        .default(30),
      from: epochMsQuery.optional(),
      to: epochMsQuery.optional(),
    }),
    handler: async ({ query, caller, ctx }) =>
      (
        await historyFor(ctx.store.db, { centerId: centerOfCaller(caller), queue: query.queue, intervalMin: query.intervalMin, from: query.from, to: query.to })
      ).map((r) => ({
        ts: r.ts,
        offered: r.offered,
        aht: r.offered > 0 ? (r.ahtSum ?? (r.aht ?? 0) * r.offered) / r.offered : 0,
      })),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/history/queues',
    access: VIEW,
    summary: 'Queues and interval lengths with uploaded history',
    handler: async ({ ctx }) => historyQueues(ctx.store.db),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/holidays',
    access: VIEW,
    summary: "The centre's holiday calendar (forecasts treat these days apart)",
    handler: async ({ caller, ctx }) => (await getSetting<unknown[]>(ctx.store.db, (await centerOf(ctx, caller)).id, 'wfm.holidays')) ?? [],
  }),
  route({
    method: 'PUT',
    url: '/api/wfm/holidays',
    access: WFM,
    summary: 'Replace the holiday calendar (date, name, volume factor: empty = learned from history)',
    body: z.array(holidayItem).max(400),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const seen = new Set<string>();
      body.forEach((h, i) => {
        if (seen.has(h.date)) throw validationError(`${i}.date`, `${h.date} is listed twice`);
        seen.add(h.date);
      });
      const sorted = [...body].sort((a, b) => a.date.localeCompare(b.date));
      await withTx(ctx.store.db, async (tx) => {
        await putSetting(tx, c.id, 'wfm.holidays', sorted, ctx.now());
        await audit(tx, { at: ctx.now(), userId: caller.userId, action: 'wfm.holidays.put', entity: 'setting', entityId: 'wfm.holidays', detail: sorted });
      });
      return sorted;
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/leave',
    access: WFM,
    summary: 'Recorded leave (from a date, default all), with agent names',
    query: z.object({ from: date.optional() }),
    handler: async ({ query, ctx }) => listLeaveWithNames(ctx.store.db, query.from),
  }),
];

void assertCanSeeAgent;
