/**
 * What a work-order change announces: board messages on the `workorders` topic (staff; each subscriber
 * gets only the orders their REST read shows: `boardMessageVisible`) and personal notices on
 * `user:<id>`; and the SLA check that raises warnings and breaches once.
 */
import { userTopic } from '../../contract/notifications';
import { workordersTopic } from '../../contract/workorders';
import { listCenters } from '../../store/org';
import { checkSla, orderVisible, type WoEvents } from '../../store/workorders/orders';
import type { Actor, ServiceDeps } from '../context';
import { woScope } from './actor';

/** Publishes what a write returned, after its commit (nothing on the command line). */
export function announce(deps: ServiceDeps, ev: WoEvents) {
  if (!deps.publish) return;
  for (const b of ev.board) deps.publish(workordersTopic, {}, b);
  for (const n of ev.users) deps.publish(userTopic, { userId: n.userId }, { type: 'notification', ...n });
}

/** Whether a board message may go to this subscriber: the order it names is one their REST read shows. */
export async function boardMessageVisible(deps: ServiceDeps, actor: Actor, data: unknown): Promise<boolean> {
  const id = Number((data as { id?: unknown } | null)?.id);
  if (!Number.isInteger(id) || id <= 0) return false;
  return orderVisible(deps.store.db, actor.scope.centerId, id, await woScope(deps, actor));
}

/** Checks the SLA timers of every center and announces warnings / breaches (each once). */
export async function runSlaCheck(deps: ServiceDeps) {
  for (const c of await listCenters(deps.store.db)) announce(deps, await checkSla(deps.store.db, c.id, deps.now()));
}
