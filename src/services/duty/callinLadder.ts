/**
 * The emergency plan's call-in that moves down its list (issue 17): a raised level asks its call-in order
 * one person at a time (bell + their channels); the one asked accepts or declines on their page, and when
 * they do not answer within the center's answer time (`emergency.callinAnswerMin`, default 10 minutes) the
 * next one is asked. A decline (or an acceptance) moves on at once. Each step is written in the
 * activation's log. The clock is deps.now(), so a test steps time and calls `moveCallins`.
 */
import { DEFAULT_CALLIN_ANSWER_MIN, ladderStep } from '../../core/live/callinLadder';
import { activationAsks, activationsWithDueAsks, closeAsk, insertAsk, ownAsk, stopAsks, userAsks } from '../../store/duty/callinAsks';
import { callinPeople, getActivation, listLevels, logActivation } from '../../store/duty/repo';
import { notifyUsers } from '../../store/notifications';
import { getSetting } from '../../store/org';
import type { Actor, ServiceDeps } from '../context';
import { publishNotices } from '../quality/common';
import { userOf } from '../people/common';

export const CALLIN_ANSWER_SETTING = 'emergency.callinAnswerMin';

/** The center's answer time in ms (a setting outside 1–240 minutes falls back to the default). */
async function answerMs(deps: ServiceDeps, centerId: number) {
  const v = await getSetting<unknown>(deps.store.db, centerId, CALLIN_ANSWER_SETTING);
  const min = typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 240 ? v : DEFAULT_CALLIN_ANSWER_MIN;
  return min * 60_000;
}

/**
 * One step of an activation's call-in at deps.now(): pending asks past their time are timed out, the
 * unreachable skipped, the next person asked. Safe to run on several instances at once (conditional
 * updates; one ask per place in the order).
 */
export async function advanceCallin(deps: ServiceDeps, centerId: number, activationId: number) {
  const db = deps.store.db;
  const now = deps.now();
  const activation = await getActivation(db, centerId, activationId);
  if (activation.status !== 'active') return;
  const level = (await listLevels(db, centerId)).find((l) => l.level === activation.level);
  const people = level ? await callinPeople(db, centerId, level.callinOrder) : [];
  const order = people.map((p) => ({ staffId: p.id, reachable: p.user_id !== null && p.active === 1 }));
  const asks = await activationAsks(db, activationId);
  const step = ladderStep(
    order,
    asks.map((a) => ({ id: a.id, orderNo: a.order_no, answer: a.answer as never, dueAt: a.due_at })),
    now,
  );
  for (const id of step.timedOut) {
    const a = asks.find((x) => x.id === id)!;
    if (await closeAsk(db, id, 'timedOut', now))
      await logActivation(db, { activationId, at: now, userId: null, action: 'callinTimedOut', detail: { name: a.staff_name, order: a.order_no } });
  }
  for (const s of step.skipped) {
    const p = people[s.orderNo - 1]!;
    await logActivation(db, { activationId, at: now, userId: null, action: 'callinSkipped', detail: { name: p.name, order: s.orderNo } });
  }
  if (!step.ask || !level) return;
  const p = people[step.ask.orderNo - 1]!;
  const dueAt = now + (await answerMs(deps, centerId));
  const askId = await insertAsk(db, { centerId, activationId, staffId: p.id, userId: p.user_id!, orderNo: step.ask.orderNo, now, dueAt });
  if (askId === null) return;
  publishNotices(
    deps,
    await notifyUsers(
      db,
      [p.user_id!],
      {
        kind: 'live.callinRequest',
        title: level.name,
        data: { level: level.level, order: step.ask.orderNo, actions: level.actions, askId, dueAt },
        link: '#/me/callin',
      },
      now,
    ),
  );
  await logActivation(db, { activationId, at: now, userId: null, action: 'callinAsked', detail: { name: p.name, order: step.ask.orderNo, dueAt } });
}

/** The service tick: every activation with an ask whose time is up moves down its list. */
export async function moveCallins(deps: ServiceDeps) {
  for (const a of await activationsWithDueAsks(deps.store.db, deps.now())) await advanceCallin(deps, a.center_id, a.activation_id);
}

/** The level was stood down: nobody is waited for any more. */
export const stopCallin = (deps: ServiceDeps, activationId: number) => stopAsks(deps.store.db, activationId, deps.now());

/** The person asked accepts or declines (only their own ask; 404 for another's); the list moves on at once. */
export async function answerAsk(deps: ServiceDeps, actor: Actor, id: number, answer: 'accept' | 'decline') {
  const { centerId } = actor.scope;
  const me = userOf(actor);
  const db = deps.store.db;
  const ask = await ownAsk(db, centerId, me, id);
  const now = deps.now();
  const to = answer === 'accept' ? 'accepted' : 'declined';
  if (await closeAsk(db, id, to, now)) {
    const [p] = await callinPeople(db, centerId, [ask.staff_id]);
    await logActivation(db, {
      activationId: ask.activation_id,
      at: now,
      userId: me,
      action: answer === 'accept' ? 'callinAccepted' : 'callinDeclined',
      detail: { name: p?.name ?? '', order: ask.order_no },
    });
    await advanceCallin(deps, centerId, ask.activation_id);
  }
  return (await myAsks(deps, actor)).find((a) => a.id === id)!;
}

/** The signed-in person's call-in asks of the last 24 hours, newest first. */
export async function myAsks(deps: ServiceDeps, actor: Actor) {
  const rows = await userAsks(deps.store.db, actor.scope.centerId, userOf(actor), deps.now() - 86_400_000);
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    levelName: r.level_name ?? String(r.level),
    actions: r.actions ?? '',
    order: r.order_no,
    askedAt: r.asked_at,
    dueAt: r.due_at,
    answer: r.answer as 'pending' | 'accepted' | 'declined' | 'timedOut' | 'stopped',
    answeredAt: r.answered_at,
  }));
}

/** An activation's asks, in order, for its detail page. */
export async function asksOf(deps: ServiceDeps, activationId: number) {
  return (await activationAsks(deps.store.db, activationId)).map((a) => ({
    id: a.id,
    staffId: a.staff_id,
    name: a.staff_name,
    order: a.order_no,
    askedAt: a.asked_at,
    dueAt: a.due_at,
    answer: a.answer as 'pending' | 'accepted' | 'declined' | 'timedOut' | 'stopped',
    answeredAt: a.answered_at,
  }));
}
