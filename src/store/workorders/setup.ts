/**
 * A center's work-order setup: the categories of a type and its SLA per priority. Stored as the
 * `workorders.categories` / `workorders.sla` settings that woSettings reads; each write keeps the
 * other types as they are (the SLA setting is read whole, so it is always written whole).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { putSetting } from '../org';
import type { Priority, SlaTarget, WorkOrderType } from '../../core/workorders/index';
import { woSettings } from './orders';

export async function saveTypeSetup(
  db: Kysely<DB>,
  centerId: number,
  type: WorkOrderType,
  input: { categories: string[]; sla: Record<Priority, SlaTarget> },
  userId: number | null,
  now: number,
) {
  await withTx(db, async (tx) => {
    const before = await woSettings(tx, centerId);
    const categories = { ...before.workflow.categories, [type]: input.categories };
    const sla = { ...before.sla, [type]: input.sla };
    await putSetting(tx, centerId, 'workorders.categories', categories, now);
    await putSetting(tx, centerId, 'workorders.sla', sla, now);
    await audit(tx, {
      at: now,
      userId,
      action: 'wo.type.setup',
      entity: 'setting',
      entityId: `workorders.${type}`,
      detail: { before: { categories: before.workflow.categories[type], sla: before.sla[type] }, after: input },
    });
  });
}
