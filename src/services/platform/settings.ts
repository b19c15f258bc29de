/** Per-center settings (rules, thresholds, weights) and the audit log (issue 13: one home for each). */
import { audit, listAudit, type AuditFilter } from '../../store/audit';
import { getSetting, putSetting } from '../../store/org';
import type { Actor, ServiceDeps } from '../context';

/** A setting of the actor's center; null when the center uses the defaults. */
export async function settingOf(deps: ServiceDeps, actor: Actor, key: string) {
  return { key, value: (await getSetting(deps.store.db, actor.scope.centerId, key)) ?? null };
}

/** Changes a setting of the actor's center, audited with the value before and after. */
export async function changeSetting(deps: ServiceDeps, actor: Actor, key: string, value: unknown) {
  const centerId = actor.scope.centerId;
  await deps.store.db.transaction().execute(async (tx) => {
    const before = await getSetting(tx, centerId, key);
    await putSetting(tx, centerId, key, value, deps.now());
    await audit(tx, {
      at: deps.now(),
      userId: actor.userId,
      action: 'setting.update',
      entity: 'setting',
      entityId: key,
      detail: { before, after: value },
      centerId,
    });
  });
}

/**
 * The audit log of the actor's center, newest first. Administrators also read the entries of no center
 * (made by a user of none on a database of several centers).
 */
export const auditLog = (deps: ServiceDeps, actor: Actor, q: Omit<AuditFilter, 'centerId' | 'withoutCenter'>) =>
  listAudit(deps.store.db, { ...q, centerId: actor.scope.centerId, withoutCenter: actor.roles.includes('admin') });
