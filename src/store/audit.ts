import type { Kysely } from 'kysely';
import type { DB } from './schema';

export interface AuditEntry {
  at: number;
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: unknown;
}

/** Records who changed what. Call inside the same transaction as the change. */
export async function audit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      user_id: e.userId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId == null ? null : String(e.entityId),
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    })
    .execute();
}

export async function listAudit(db: Kysely<DB>, opts: { entity?: string; entityId?: string; limit?: number }) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 200);
  if (opts.entity) q = q.where('entity', '=', opts.entity);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  return q.execute();
}
