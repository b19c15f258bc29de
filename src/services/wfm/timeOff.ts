/**
 * Time off against the published week (issue 15): an agent asks for a day; when the week can spare them
 * (core/wfm/timeOff: their own intervals stay at or above the requirement net of the leave share it was
 * computed with, migration 059; the requirement as stored when that is not known) it is granted at once, otherwise
 * it waits for their team lead or the planner, with the first interval that would be short. A granted day
 * becomes leave and frees the agent's published shift of that day.
 */
import { forbidden, validationError } from '../../core/errors';
import { checkTimeOff, dayAllowance, leaveFactor, netOfLeave } from '../../core/wfm/timeOff';
import { mondayOf, weekCoverage, weekStartMs } from '../../core/wfm/rules';
import { getAgent } from '../../store/org';
import { scopeAdmits } from '../../store/scope';
import { listShifts, type ShiftRow } from '../../store/wfm/schedules';
import { withTx } from '../../store/db';
import {
  addTimeOff,
  decideTimeOff,
  getTimeOff,
  grantedByDate,
  listTimeOff,
  lockPublishedRun,
  publishedWeek,
  type TimeOffStatus,
} from '../../store/wfm/timeOff';
import type { Actor, ServiceDeps } from '../context';
import { centerOf, DAY, sameCenter, tzAt } from './common';

const MIN = 60_000;
const isoDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/** A local day of the center: its bounds (epoch ms) and the Monday of its week. */
function dayBounds(center: { tz: string }, date: string) {
  const noon = Date.parse(`${date}T12:00:00Z`);
  const off = tzAt(center.tz, noon);
  const dayStart = Date.parse(`${date}T00:00:00Z`) - off * MIN;
  return { off, dayStart, dayEnd: dayStart + DAY, weekStart: mondayOf(noon - off * MIN, off) };
}

type PublishedWeek = Awaited<ReturnType<typeof publishedWeek>>;

/** A local day's bounds and the published plan over it per requirement interval (`week`: the day's published week when the caller has it). */
async function dayPlan(db: ServiceDeps['store']['db'], center: { id: number; tz: string }, date: string, week?: Promise<PublishedWeek>) {
  const { off, dayStart, dayEnd, weekStart } = dayBounds(center, date);
  const w = await (week ?? publishedWeek(db, center.id, weekStart));
  if (!w) return { dayStart, dayEnd, plan: null };
  const im = w.intervalMin;
  const n = 1440 / im;
  const dayIdx = Math.round((dayStart - weekStartMs(weekStart, off)) / DAY);
  const shifts = await listShifts(db, { centerId: center.id, from: dayStart, to: dayEnd, publishedOnly: true });
  // phone time of some shifts over the day, per interval (weekCoverage's first day is this day)
  const phoneOf = (ss: ShiftRow[]) =>
    weekCoverage(
      ss.flatMap((s) =>
        s.activities.filter((a) => a.kind === 'phone').map((a) => ({ startMin: (a.start - dayStart) / MIN, endMin: (a.end - dayStart) / MIN })),
      ),
      im,
    ).slice(0, n);
  return {
    dayStart,
    dayEnd,
    // the requirement net of the leave share it plans for (core/wfm/timeOff leaveFactor): time off is what that share is for
    plan: {
      runId: w.runId,
      intervalMin: im,
      required: netOfLeave(w.required.slice(dayIdx * n, (dayIdx + 1) * n), w.shrinkage),
      coverage: phoneOf(shifts),
      phoneOf,
      shifts,
    },
  };
}

/** An agent asks for a day off: granted at once when the published week spares them, else waiting with the reason. */
export async function askTimeOff(deps: ServiceDeps, actor: Actor, body: { date: string; kind: string; note?: string }) {
  const agentId = actor.agentId;
  if (agentId == null) throw forbidden('only agents ask for time off', { reason: 'role.agentOnly', params: {} });
  const center = await centerOf(deps, actor);
  const now = deps.now();
  if (body.date <= isoDay(now + tzAt(center.tz, now) * MIN))
    throw validationError('date', `time off is asked for a day after today, not ${body.date}`, { reason: 'wfm.timeOffPast', params: { date: body.date } });
  // One transaction that first locks the day's published week: two requests (in this process or another
  // instance) for the last spare agent are checked one after the other, so exactly one is granted.
  return withTx(deps.store.db, async (tx) => {
    const w = await publishedWeek(tx, center.id, dayBounds(center, body.date).weekStart);
    if (w) await lockPublishedRun(tx, w.runId);
    const { dayStart, dayEnd, plan } = await dayPlan(tx, center, body.date, Promise.resolve(w));
    const check = plan ? checkTimeOff(plan.required, plan.coverage, plan.phoneOf(plan.shifts.filter((s) => s.agentId === agentId))) : null;
    const shortAt = check && !check.ok ? dayStart + check.shortAt! * plan!.intervalMin * MIN : null;
    const id = await addTimeOff(
      tx,
      {
        centerId: center.id,
        agentId,
        date: body.date,
        kind: body.kind,
        note: body.note?.trim() || null,
        shortAt,
        short: check && !check.ok ? check.short : null,
      },
      actor.userId,
      now,
    );
    if (check?.ok) await decideTimeOff(tx, id, { approve: true, how: 'auto', userId: null, now, dayStart, dayEnd });
    return {
      id,
      status: (check?.ok ? 'approved' : 'pending') as TimeOffStatus,
      shortAt,
      short: check && !check.ok ? check.short : null,
      published: plan !== null,
    };
  });
}

/** Requests the actor may see: their own, their teams', or the center's. */
export const timeOffList = (deps: ServiceDeps, actor: Actor, q: { from?: string; status?: TimeOffStatus }) =>
  listTimeOff(deps.store.db, { scope: actor.scope, fromDate: q.from, status: q.status });

/** The team lead of the agent's team, or a planner, grants or refuses a waiting request. */
export async function decide(deps: ServiceDeps, actor: Actor, id: number, approve: boolean) {
  const r = sameCenter(await getTimeOff(deps.store.db, id), actor, 'timeOff', id);
  const agent = await getAgent(deps.store.db, r.agent_id);
  if (!scopeAdmits(actor.scope, { teamId: agent.team_id, agentId: agent.id }))
    throw forbidden("team leads decide their own teams' time off", { reason: 'wfm.timeOffNotYourTeam', params: {} });
  const center = await centerOf(deps, actor);
  const { dayStart, dayEnd } = dayBounds(center, r.date);
  const { removedShifts } = await decideTimeOff(deps.store.db, id, { approve, how: 'person', userId: actor.userId, now: deps.now(), dayStart, dayEnd });
  return { ok: true as const, removedShifts };
}

/** Each day of a week: how many more agents the published plan can spare, and the requests granted and waiting. */
export async function allowance(deps: ServiceDeps, actor: Actor, q: { week: string }) {
  const center = await centerOf(deps, actor);
  const first = Date.parse(`${mondayOf(Date.parse(`${q.week}T12:00:00Z`), 0)}T00:00:00Z`); // the week of the given day
  const dates = Array.from({ length: 7 }, (_, d) => isoDay(first + d * DAY));
  const counts = await grantedByDate(deps.store.db, center.id, dates[0]!, dates[6]!);
  // the seven days share one published week: read it once
  const week = publishedWeek(deps.store.db, center.id, dayBounds(center, dates[0]!).weekStart);
  const days = [];
  for (const date of dates) {
    const { plan } = await dayPlan(deps.store.db, center, date, week);
    days.push({
      date,
      published: plan !== null,
      allowance: plan ? dayAllowance(plan.required, plan.coverage) : null,
      approved: counts.get(date)?.approved ?? 0,
      pending: counts.get(date)?.pending ?? 0,
    });
  }
  // what the allowance is based on: the published week's requirement, net of its leave share when its shrinkage is known
  const w = await week;
  const basis = w ? { shrinkageTotal: w.shrinkage.total, shrinkageLeave: w.shrinkage.leave, netOfLeave: leaveFactor(w.shrinkage) !== null } : null;
  return { week: dates[0]!, days, basis };
}
