/** Adherence use cases: actual state segments in, a day's adherence / conformance and the intraday re-forecast out. */
import { computeAdherence, reforecastIntraday, rollupAdherence, type ScheduledActivity } from '../../core/wfm/adherence';
import { validationError } from '../../core/errors';
import { listAgents } from '../../store/org';
import { forecastPoints, historyFor, latestForecastCovering } from '../../store/wfm/forecasts';
import { addStateSegments, stateSegments } from '../../store/wfm/floor';
import { listContracts, listShifts } from '../../store/wfm/schedules';
import { queueCover } from '../../core/wfm/intraday';
import type { Actor, ServiceDeps } from '../context';
import { agentIdsIn, centerOf, core, DAY, tzAt } from './common';

export async function recordStateSegments(deps: ServiceDeps, actor: Actor, segments: { agentId: number; start: number; end: number; state: string }[]) {
  // only the actor's center's agents: an id of another center is refused by its line
  const mine = new Set(await agentIdsIn(deps, { kind: 'all', centerId: actor.scope.centerId }));
  segments.forEach((s, i) => {
    if (!mine.has(s.agentId))
      throw validationError(`segments[${i}].agentId`, `agent ${s.agentId} not found`, {
        reason: 'common.notFound',
        params: { entity: 'agent', id: s.agentId },
      });
  });
  await addStateSegments(
    deps.store.db,
    segments.map((s) => ({ ...s, agentId: String(s.agentId) })),
    actor.userId,
    deps.now(),
  );
  return { count: segments.length };
}

/** Local midnight of a date in the center's zone (epoch ms). */
async function dayStart(deps: ServiceDeps, actor: Actor, date: string) {
  const c = await centerOf(deps, actor);
  const tz = tzAt(c.tz, Date.parse(`${date}T12:00:00Z`));
  return Date.parse(`${date}T00:00:00Z`) - tz * 60_000;
}

/** A day's (or so far today's) adherence and conformance of the agents in scope, by agent and team, and the out-of-adherence list. */
export async function adherence(deps: ServiceDeps, actor: Actor, q: { date: string; graceS: number }) {
  const from = await dayStart(deps, actor, q.date);
  const to = Math.min(from + DAY, Math.max(from + 1, deps.now()));
  const ids = await agentIdsIn(deps, actor.scope);
  const shifts = await listShifts(deps.store.db, { from, to: from + DAY, publishedOnly: true, agentIds: ids, centerId: actor.scope.centerId });
  const sched: ScheduledActivity[] = shifts.flatMap((s) =>
    s.activities.map((a) => ({
      agentId: String(s.agentId),
      start: a.start,
      end: a.end,
      activity: (a.kind === 'vto' ? 'off' : a.kind) as ScheduledActivity['activity'],
    })),
  );
  const agentIds = [...new Set(shifts.map((s) => s.agentId))];
  const states = await stateSegments(deps.store.db, actor.scope, from, to, agentIds);
  const rows = await core(() => computeAdherence(sched, states, { from, to, graceS: q.graceS }));
  const agents = new Map((await listAgents(deps.store.db, { ids: agentIds })).map((a) => [String(a.id), a]));
  const byTeam = new Map<number | null, typeof rows>();
  for (const r of rows) {
    const t = agents.get(r.agentId)?.team_id ?? null;
    byTeam.set(t, [...(byTeam.get(t) ?? []), r]);
  }
  return {
    from,
    to,
    agents: rows.map(({ outOfAdherence: _o, ...r }) => ({ ...r, name: agents.get(r.agentId)?.name, teamId: agents.get(r.agentId)?.team_id })),
    teams: [...byTeam.entries()].map(([teamId, rs]) => ({ teamId, ...rollupAdherence(rs) })),
    total: rollupAdherence(rows),
    outOfAdherence: rows.flatMap((r) => r.outOfAdherence.map((o) => ({ ...o, name: agents.get(r.agentId)?.name }))).sort((a, b) => a.start - b.start),
  };
}

/** The day's actuals against the latest forecast covering it, and the staffing gap for the rest of the day. */
export async function intraday(deps: ServiceDeps, actor: Actor, q: { queue: string; date: string; targetSl: number; thresholdS: number }) {
  const from = await dayStart(deps, actor, q.date);
  const f = await latestForecastCovering(deps.store.db, actor.scope.centerId, q.queue, from, from + DAY);
  // no forecast of the queue for the day is a state of the plan, not bad input: an empty answer the page says so
  if (!f)
    return {
      forecastId: null,
      intervalMin: null,
      nowTs: Math.max(from, Math.min(from + DAY, deps.now())),
      forecast: [],
      actuals: [],
      volumeRatio: 1,
      ahtRatio: 1,
      appliedVolumeFactor: 1,
      appliedAhtFactor: 1,
      remaining: [],
      cover: null,
    };
  const { points } = await forecastPoints(deps.store.db, f.id, { from, to: from + DAY });
  const actual = await historyFor(deps.store.db, {
    centerId: actor.scope.centerId,
    queue: q.queue,
    intervalMin: f.interval_min as 15 | 30 | 60,
    from,
    to: from + DAY,
  });
  const im = f.interval_min * 60_000;
  const nowTs = Math.max(from, Math.min(from + DAY, Math.floor(deps.now() / im) * im));
  // the queue's cover: the agents on the phone on a shift that answers the queue (its multi-skill plan's queues,
  // else the agent's skills; core/wfm/intraday queueCover), not every agent on the phone, which read a queue short
  // or over by the other queues' agents
  const shifts = await listShifts(deps.store.db, { from, to: from + DAY, publishedOnly: true, centerId: actor.scope.centerId });
  const skills = new Map((await listContracts(deps.store.db, [...new Set(shifts.map((s) => s.agentId))])).map((c) => [c.agentId, c.skills] as const));
  const tss = points.map((p) => p.ts);
  const qc = await core(() => queueCover(shifts, skills, q.queue, tss, f.interval_min));
  const sched = new Map(tss.map((ts, i) => [ts, qc.cover[i]!]));
  const r = await core(() =>
    reforecastIntraday({
      forecast: points,
      actuals: actual.map((a) => ({ ts: a.ts, offered: a.offered, aht: a.offered > 0 ? (a.ahtSum ?? 0) / a.offered : 0 })),
      nowTs,
      intervalS: f.interval_min * 60,
      scheduledAgents: sched,
      targets: [{ kind: 'serviceLevel', target: q.targetSl, thresholdS: q.thresholdS }],
    }),
  );
  return {
    forecastId: f.id,
    intervalMin: f.interval_min,
    nowTs,
    forecast: points,
    actuals: actual,
    ...r,
    cover: { queue: q.queue, agents: qc.agents, otherAgents: qc.otherAgents },
  };
}
