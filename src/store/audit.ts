import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

export interface AuditEntry {
  at: number;
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: unknown;
  /** the entry's center when known; else the user's center, else the only center (migration 058) */
  centerId?: number | null;
}

/** The center an entry belongs to, worked out in the insert itself so no caller has to pass it. */
const centerOf = (e: AuditEntry) =>
  e.centerId != null
    ? sql<number | null>`${e.centerId}`
    : sql<number | null>`coalesce((select u.center_id from users u where u.id = ${e.userId}),
        case when (select count(*) from centers) = 1 then (select min(id) from centers) end)`;

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
      center_id: centerOf(e),
    })
    .execute();
}

export interface AuditFilter {
  /** the reader's center: its entries only; `withoutCenter` adds the entries of no center (administrators). Omitted: all (tests, command line) */
  centerId?: number;
  withoutCenter?: boolean;
  entity?: string;
  entityId?: string;
  action?: string;
  userId?: number;
  /** epoch ms: entries at or after `from` and before `to` */
  from?: number;
  to?: number;
  limit?: number;
}

/** The newest entries first, each with who made it (display name and login; null for the command line or a removed user). */
export async function listAudit(db: Kysely<DB>, opts: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.user_id', 'a.action', 'a.entity', 'a.entity_id', 'a.detail', 'u.display_name as user_name', 'u.username'])
    .orderBy('a.id', 'desc')
    .limit(opts.limit ?? 200);
  const centerId = opts.centerId;
  if (centerId !== undefined)
    q = q.where((eb) => (opts.withoutCenter ? eb.or([eb('a.center_id', '=', centerId), eb('a.center_id', 'is', null)]) : eb('a.center_id', '=', centerId)));
  if (opts.entity) q = q.where('a.entity', '=', opts.entity);
  if (opts.entityId) q = q.where('a.entity_id', '=', opts.entityId);
  if (opts.action) q = q.where('a.action', '=', opts.action);
  if (opts.userId !== undefined) q = q.where('a.user_id', '=', opts.userId);
  if (opts.from !== undefined) q = q.where('a.at', '>=', opts.from);
  if (opts.to !== undefined) q = q.where('a.at', '<', opts.to);
  return q.execute();
}
