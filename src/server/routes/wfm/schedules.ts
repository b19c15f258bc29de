/** Shift templates, agent contracts, optimiser runs (solved in a worker thread), publication, hand edits and the agent's own week. */
import { z } from 'zod';
import { validationError } from '../../../core/errors';
import { weekCoverage, weekStartMs, mondayOf } from '../../../core/wfm/rules';
import { listAgents, listCenters } from '../../../store/org';
import {
  createRun,
  failRun,
  finishRun,
  getRequirement,
  getRun,
  getShift,
  listContracts,
  listRuns,
  listShifts,
  listTemplates,
  moveShift,
  publishRun,
  putContract,
  putTemplate,
  scheduleInputFor,
  setRunProgress,
} from '../../../store/wfm/schedules';
import { route, type RouteDef } from '../../route';
import type { ServerContext } from '../../context';
import { solveInWorker } from '../../wfm/solver';
import { epochMs } from '../../schemas';
import { WFM, VIEW, DAY, idParams, date, monday, nonNeg, core, centerOf, tzAt } from './common';

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

export const schedulesRoutes: RouteDef[] = [
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
];
