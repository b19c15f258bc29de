/**
 * Notices that reach people (issue 17): a person's own channels and deliveries, the center's robots.
 * Every read and write is the actor's own (channels, deliveries) or their center's (robots).
 */
import { notFound, validationError } from '../../core/errors';
import { maskTarget } from '../../core/notices/text';
import { notifyUsers } from '../../store/notifications';
import {
  announceToRobots,
  deleteRobot,
  getChannels,
  getRobot,
  listDeliveries,
  listRobots,
  saveRobot,
  setChannels,
  type Robot,
} from '../../store/noticeDelivery';
import type { Actor, ServiceDeps } from '../context';
import { publishNotices } from '../quality/common';

function userOf(actor: Actor): number {
  if (actor.userId == null) throw validationError('user', 'needs a signed-in user', { reason: 'role.userRequired' });
  return actor.userId;
}

export async function myChannels(deps: ServiceDeps, actor: Actor) {
  const c = await getChannels(deps.store.db, userOf(actor));
  return { email: c.email, wecomUrl: c.wecomUrl, dingtalkUrl: c.dingtalkUrl, hasDingtalkSecret: !!c.dingtalkSecret };
}

export async function setMyChannels(
  deps: ServiceDeps,
  actor: Actor,
  body: { email: string | null; wecomUrl: string | null; dingtalkUrl: string | null; dingtalkSecret?: string | null },
) {
  await setChannels(deps.store.db, userOf(actor), body, deps.now());
  return myChannels(deps, actor);
}

/** A test notice to the actor: the bell, and every channel they set. */
export async function testMine(deps: ServiceDeps, actor: Actor) {
  const notices = await notifyUsers(deps.store.db, [userOf(actor)], { kind: 'notice.test', link: '#/settings/notices' }, deps.now());
  publishNotices(deps, notices);
  return { ok: true as const };
}

export const myDeliveries = async (deps: ServiceDeps, actor: Actor) => listDeliveries(deps.store.db, { userId: userOf(actor) });
export const centerDeliveries = async (deps: ServiceDeps, actor: Actor) => listDeliveries(deps.store.db, { centerId: actor.scope.centerId });

const robotWire = (r: Robot) => ({
  id: r.id,
  channel: r.channel,
  name: r.name,
  url: maskTarget(r.url),
  hasSecret: !!r.secret,
  kinds: r.kinds,
  locale: (['zh-CN', 'zh-TW', 'en'] as const).find((l) => l === r.locale) ?? 'zh-CN',
  active: r.active,
});

export async function robots(deps: ServiceDeps, actor: Actor) {
  return (await listRobots(deps.store.db, actor.scope.centerId)).map(robotWire);
}

export async function saveRobotFor(
  deps: ServiceDeps,
  actor: Actor,
  b: { id?: number; channel: 'wecom' | 'dingtalk'; name: string; url?: string; secret?: string | null; kinds: string[]; locale: string; active: boolean },
) {
  const centerId = actor.scope.centerId;
  const prev = b.id !== undefined ? await getRobot(deps.store.db, centerId, b.id) : null;
  if (b.id !== undefined && !prev) throw notFound('robot', b.id);
  const url = b.url ?? prev?.url;
  if (!url) throw validationError('body.url', 'a new robot needs its webhook address', { reason: 'input.required' });
  const id = await saveRobot(deps.store.db, centerId, { ...b, url }, deps.now());
  return robotWire((await getRobot(deps.store.db, centerId, id))!);
}

export async function deleteRobotFor(deps: ServiceDeps, actor: Actor, id: number) {
  if (!(await deleteRobot(deps.store.db, actor.scope.centerId, id))) throw notFound('robot', id);
  return { ok: true as const };
}

export async function testRobot(deps: ServiceDeps, actor: Actor, id: number) {
  if (!(await announceToRobots(deps.store.db, actor.scope.centerId, { kind: 'notice.test' }, deps.now(), id))) throw notFound('robot', id);
  return { ok: true as const };
}
