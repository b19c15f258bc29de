/** Staffing use cases: Erlang C/A with the service-level curve, and a week's requirement curve (uploaded or from a forecast). */
import type { z } from 'zod';
import type { erlangBody, requirementBody } from '../../contract/wfm';
import { DomainError, validationError } from '../../core/errors';
import { erlangA, erlangC, requiredAgents, type StaffingTarget } from '../../core/wfm/erlang';
import { weekStartMs } from '../../core/wfm/rules';
import { forecastPoints } from '../../store/wfm/forecasts';
import { declaredShrinkage, plannedShrinkage, totalShrinkage, type ShrinkageItem } from '../../core/wfm/shrinkage';
import { createRequirement, listRequirements, listShrinkage, putShrinkage } from '../../store/wfm/schedules';
import type { Actor, ServiceDeps } from '../context';
import { centerOf, core, DAY, FIELD_OF_TARGET, sameCenter, targetsOf, tzAt } from './common';

/** Agents for the targets, heads after shrinkage, and the service level by agent count around the answer (the chart). */
export async function erlang(_deps: ServiceDeps, _actor: Actor, body: z.output<typeof erlangBody>) {
  const targets = targetsOf(body);
  const present = FIELD_OF_TARGET.filter((f) => body[f] !== undefined);
  const r = await core(() =>
    requiredAgents({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, targets, patienceS: body.patienceS, shrinkage: body.shrinkage }),
  ).catch((e: DomainError) => {
    // the core names targets[i]: the request names the i-th target field given
    const m = /^targets\[(\d+)\]/.exec(e.field ?? '');
    if (m) throw validationError(present[Number(m[1])]!, e.message.replace(/^[^:]*:\s*/, ''), { reason: e.reason ?? 'input.invalid', params: e.params ?? {} });
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
}

/** Requirement per 15-min slot of the week from a forecast version (of the actor's center) and Erlang targets. */
async function requirementFromForecast(
  deps: ServiceDeps,
  actor: Actor,
  forecastId: number,
  wsTs: number,
  t: { targets: StaffingTarget[]; patienceS?: number; shrinkage?: number },
) {
  const { forecast: f, points } = await forecastPoints(deps.store.db, forecastId, { from: wsTs, to: wsTs + 7 * DAY });
  sameCenter(f, actor, 'forecast', forecastId);
  if (!points.length)
    throw validationError('forecastId', `forecast ${forecastId} has no intervals in that week`, {
      reason: 'wfm.forecastEmptyWeek',
      params: { forecastId, weekStart: new Date(wsTs).toISOString().slice(0, 10) },
    });
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
  return { required, queue: f.queue };
}

export async function createRequirementCurve(deps: ServiceDeps, actor: Actor, body: z.output<typeof requirementBody>) {
  const c = await centerOf(deps, actor);
  const ws = await core(() => weekStartMs(body.weekStart, tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`))));
  let required = body.required;
  let source = 'upload';
  let byQueue: Record<string, number[]> | undefined;
  // the center's planned shrinkage (the sum of its categories) unless the request declares one (the total, and
  // optionally its leave and planned-activity shares); the requirement keeps what it was computed with (migration
  // 059): the sum, and the leave category's share of it (not known when one number was given: the time-off check
  // then uses the requirement as it is); and the planned-activity share (migration 060: intraday sees booked
  // activities up to it), from the categories or as declared (not known when not declared)
  const declared = await core(() => declaredShrinkage(body));
  let used: { total: number; leave: number | null; activity?: number | null } | null = null;
  const shrinkageTotal = async () => {
    used = declared ?? plannedShrinkage((await shrinkage(deps, actor)).categories);
    return used.total;
  };
  if (!required && body.queueForecastIds) {
    // issue 15: each queue's requirement from its own forecast, kept beside the total (their sum)
    byQueue = {};
    const sh = await shrinkageTotal();
    for (const [i, id] of body.queueForecastIds.entries()) {
      const r = await requirementFromForecast(deps, actor, id, ws, { targets: targetsOf(body), patienceS: body.patienceS, shrinkage: sh });
      if (byQueue[r.queue])
        throw validationError(`queueForecastIds[${i}]`, `queue ${r.queue} is given twice`, { reason: 'wfm.queueTwice', params: { queue: r.queue } });
      byQueue[r.queue] = r.required;
    }
    const curves = Object.values(byQueue);
    required = curves[0]!.map((_, k) => curves.reduce((a, c) => a + c[k]!, 0));
    source = `forecasts:${body.queueForecastIds.join(',')}`;
  }
  if (!required) {
    if (!body.forecastId) throw validationError('required', 'give the required values or a forecastId', { reason: 'wfm.requiredOrForecast', params: {} });
    const one = await requirementFromForecast(deps, actor, body.forecastId, ws, {
      targets: targetsOf(body),
      patienceS: body.patienceS,
      shrinkage: await shrinkageTotal(),
    });
    required = one.required;
    // the whole requirement is the forecast's queue's: kept as its split, so an intraday re-forecast of that
    // queue replaces it and one of another queue adds to it (services/wfm/intraday)
    byQueue = { [one.queue]: one.required };
    source = `forecast:${body.forecastId}`;
  } else if (source === 'upload') {
    // an uploaded curve keeps the shrinkage the planner declares it was computed with (both optional): the
    // time-off check and intraday then take out what they already see; none declared: not known
    used = declared;
  }
  return {
    id: await createRequirement(
      deps.store.db,
      { centerId: c.id, weekStart: body.weekStart, intervalMin: 15, required, source, byQueue, shrinkage: used },
      actor.userId,
      deps.now(),
    ),
  };
}

export const requirements = (deps: ServiceDeps, actor: Actor) => listRequirements(deps.store.db, { centerId: actor.scope.centerId });

/** The center's planned shrinkage by category and their sum (what a requirement from a forecast divides by 1 − it). */
export async function shrinkage(deps: ServiceDeps, actor: Actor) {
  const categories = await listShrinkage(deps.store.db, actor.scope.centerId);
  return { categories, total: plannedShrinkage(categories).total };
}

/** Replaces the center's shrinkage categories; a sum of 100 % or more is refused. */
export async function saveShrinkage(deps: ServiceDeps, actor: Actor, body: { categories: ShrinkageItem[] }) {
  const total = await core(() => totalShrinkage(body.categories));
  await putShrinkage(deps.store.db, actor.scope.centerId, body.categories, actor.userId, deps.now());
  return { ok: true as const, total: Math.round(total * 1e9) / 1e9 };
}
