/**
 * The graded emergency plan (issue 17, seed 000 話務應急預案), extending the plan's people and call-ins
 * (src/server/routes/live.ts): levels with the live figures that raise each, their actions and their
 * call-in order; an activation proposed by the diagnosis (once per center: the floor's leader instance,
 * src/server/liveFloor.ts) or raised by hand, confirmed, stood down — each step in its log with who did
 * it; raising tells the center's robots and asks the call-in order one person at a time (callinLadder.ts); the effect in figures from the one KPI report.
 */
import { conflict, validationError } from '../../core/errors';
import type { LevelConditions } from '../../core/live/duty';
import {
  activationLog,
  callinPeople,
  createActivation,
  currentShift,
  dutyManagers,
  getActivation,
  listActivations,
  listLevels,
  logActivation,
  moveActivation,
  openActivations,
  saveLevels,
  type ActivationRow,
  type LevelInput,
} from '../../store/duty/repo';
import { announceToRobots } from '../../store/noticeDelivery';
import { notifyUsers } from '../../store/notifications';
import type { Activation, EmergencyLevel } from '../../contract/duty';
import type { Actor, ServiceDeps } from '../context';
import { publishNotices } from '../quality/common';
import { userOf } from '../people/common';
import { figuresBetween } from './duty';
import { advanceCallin, asksOf, stopCallin } from './callinLadder';
import { sumReportCounts } from '../../core/live/duty';

const activationWire = (a: ActivationRow, names: Map<number, string>): Activation => ({
  id: a.id,
  level: a.level,
  levelName: names.get(a.level) ?? String(a.level),
  status: a.status as Activation['status'],
  source: a.source as Activation['source'],
  figures: JSON.parse(a.figures),
  proposedAt: a.proposed_at,
  raisedAt: a.raised_at,
  raisedBy: a.raised_by,
  endedAt: a.ended_at,
  endedBy: a.ended_by,
});

async function levelNames(deps: ServiceDeps, centerId: number) {
  return new Map((await listLevels(deps.store.db, centerId)).map((l) => [l.level, l.name]));
}

export const levels = (deps: ServiceDeps, actor: Actor) => listLevels(deps.store.db, actor.scope.centerId);

export async function setLevels(deps: ServiceDeps, actor: Actor, body: { levels: EmergencyLevel[] }) {
  const seen = new Set<number>();
  body.levels.forEach((l, i) => {
    if (seen.has(l.level))
      throw validationError(`levels.${i}.level`, `level ${l.level} is given twice`, { reason: 'emergency.levelTwice', params: { level: l.level } });
    seen.add(l.level);
  });
  const sorted: LevelInput[] = [...body.levels].sort((a, b) => a.level - b.level);
  return saveLevels(deps.store.db, actor.scope.centerId, sorted, userOf(actor), deps.now());
}

export async function activations(deps: ServiceDeps, actor: Actor) {
  const names = await levelNames(deps, actor.scope.centerId);
  return (await listActivations(deps.store.db, actor.scope.centerId)).map((a) => activationWire(a, names));
}

const PERIOD_MIN_MS = 15 * 60_000;
const PERIOD_MAX_MS = 4 * 3_600_000;

/** The floor's answer rate and SL over [from, to) from the KPI report; null for an empty or future window. */
async function periodFigures(deps: ServiceDeps, centerId: number, from: number, to: number) {
  if (to <= from) return null;
  const { total } = await figuresBetween(deps.store.db, centerId, from, to);
  return { from, to, ...sumReportCounts([total]) };
}

/**
 * An activation with its log and its effect: the floor's answer rate and SL before (as long a window as
 * it lasted, 15 min – 4 h), during, and after the stand-down (the same length, up to now).
 */
export async function activationDetail(deps: ServiceDeps, actor: Actor, id: number) {
  const { centerId } = actor.scope;
  const a = await getActivation(deps.store.db, centerId, id);
  const now = deps.now();
  const log = (await activationLog(deps.store.db, id)).map((l) => ({
    id: l.id,
    at: l.at,
    userId: l.user_id,
    userName: l.user_name,
    action: l.action,
    detail: JSON.parse(l.detail) as Record<string, unknown>,
  }));
  let effect: {
    before: Awaited<ReturnType<typeof periodFigures>>;
    during: Awaited<ReturnType<typeof periodFigures>>;
    after: Awaited<ReturnType<typeof periodFigures>>;
  } = {
    before: null,
    during: null,
    after: null,
  };
  if (a.raised_at !== null) {
    const end = a.ended_at ?? now;
    const span = Math.min(PERIOD_MAX_MS, Math.max(PERIOD_MIN_MS, end - a.raised_at));
    effect = {
      before: await periodFigures(deps, centerId, a.raised_at - span, a.raised_at),
      during: await periodFigures(deps, centerId, a.raised_at, end),
      after: a.ended_at !== null ? await periodFigures(deps, centerId, a.ended_at, Math.min(now, a.ended_at + span)) : null,
    };
  }
  return { activation: activationWire(a, await levelNames(deps, centerId)), log, effect, asks: await asksOf(deps, id) };
}

/**
 * A level is raised: the center's robots are told, and its call-in order starts moving down its list
 * (src/services/duty/callinLadder.ts: one person asked at a time, the next when they decline or do not answer).
 */
async function startCallin(deps: ServiceDeps, centerId: number, activationId: number, levelNo: number) {
  const db = deps.store.db;
  const level = (await listLevels(db, centerId)).find((l) => l.level === levelNo);
  await announceToRobots(
    db,
    centerId,
    { kind: 'live.emergencyRaised', title: level?.name ?? '', data: { level: levelNo }, link: '#/live/emergency' },
    deps.now(),
  );
  await advanceCallin(deps, centerId, activationId);
}

async function knownLevel(deps: ServiceDeps, centerId: number, level: number) {
  if (!(await listLevels(deps.store.db, centerId)).some((l) => l.level === level))
    throw validationError('level', `level ${level} is not in this center's plan`, { reason: 'emergency.unknownLevel', params: { level } });
}

export async function raise(deps: ServiceDeps, actor: Actor, body: { level: number; note?: string }) {
  const { centerId } = actor.scope;
  await knownLevel(deps, centerId, body.level);
  const running = (await openActivations(deps.store.db, centerId)).find((a) => a.status === 'active' && a.level >= body.level);
  if (running) throw conflict(`level ${running.level} is already raised`, 'level', { reason: 'emergency.alreadyRaised', params: { level: running.level } });
  const by = userOf(actor);
  const row = await createActivation(deps.store.db, {
    centerId,
    level: body.level,
    status: 'active',
    source: 'manual',
    figures: {},
    by,
    now: deps.now(),
    note: body.note,
  });
  await startCallin(deps, centerId, row.id, row.level);
  return activationWire(row, await levelNames(deps, centerId));
}

export async function move(deps: ServiceDeps, actor: Actor, id: number, to: 'active' | 'dismissed' | 'ended', note?: string) {
  const { centerId } = actor.scope;
  const by = userOf(actor);
  const row = await moveActivation(deps.store.db, { centerId, id, to, by, now: deps.now(), note: note ?? '' });
  if (to === 'active') await startCallin(deps, centerId, row.id, row.level);
  if (to === 'ended') await stopCallin(deps, row.id);
  return activationWire(row, await levelNames(deps, centerId));
}

/** The levels' conditions, as core/live/duty.ts levelReached reads them. */
export async function levelConditions(deps: ServiceDeps, centerId: number): Promise<LevelConditions[]> {
  return (await listLevels(deps.store.db, centerId)).map((l) => ({ level: l.level, minWaiting: l.minWaiting, slBelow: l.slBelow, slMinutes: l.slMinutes }));
}

/** After a dismissal or a stand-down, the same level is not proposed again for this long (the figures lag the people added). */
export const REPROPOSE_AFTER_MS = 30 * 60_000;

/**
 * The diagnosis found the live figures reach a level (called by the floor's leader instance only): a
 * proposal is stored and the duty manager on duty (none on the roster: every duty manager of the
 * center) and the center's robots are told — unless a proposal or a raise at that level or above is open, or
 * one was dismissed or stood down less than REPROPOSE_AFTER_MS ago.
 */
export async function propose(deps: ServiceDeps, centerId: number, reached: { level: number; figures: Record<string, number | null> }, now: number) {
  const db = deps.store.db;
  if ((await openActivations(db, centerId)).some((a) => a.level >= reached.level)) return null;
  // a level at or above this one dismissed or stood down a moment ago is not proposed again at once
  const quiet = (await listActivations(db, centerId, 20)).some((a) => a.level >= reached.level && a.ended_at !== null && now - a.ended_at < REPROPOSE_AFTER_MS);
  if (quiet) return null;
  const row = await createActivation(db, { centerId, level: reached.level, status: 'proposed', source: 'auto', figures: reached.figures, by: null, now });
  const names = await levelNames(deps, centerId);
  const onDuty = await currentShift(db, centerId, now);
  const to = onDuty ? [onDuty.manager_user_id] : (await dutyManagers(db, centerId)).map((u) => u.id);
  const notice = {
    kind: 'live.emergencyProposed',
    title: names.get(reached.level) ?? '',
    data: { level: reached.level, ...reached.figures },
    link: '#/live/emergency',
  };
  publishNotices(deps, await notifyUsers(db, to, notice, now));
  await announceToRobots(db, centerId, notice, now);
  return activationWire(row, names);
}

/**
 * A person of the plan was called onto the phones (POST /api/emergency/callins): they are told (bell +
 * channels) and the call-in is written into the log of the raised level, if one is.
 */
export async function callinStarted(deps: ServiceDeps, centerId: number, c: { id: number; staffId: number; name: string }, by: number) {
  const db = deps.store.db;
  const now = deps.now();
  const [p] = await callinPeople(db, centerId, [c.staffId]);
  if (p?.user_id != null)
    publishNotices(deps, await notifyUsers(db, [p.user_id], { kind: 'live.callin', title: p.name, data: {}, link: '#/live/emergency' }, now));
  for (const a of await openActivations(db, centerId))
    if (a.status === 'active')
      await logActivation(db, { activationId: a.id, at: now, userId: by, action: 'callin', detail: { staffId: c.staffId, name: c.name, callinId: c.id } });
}
