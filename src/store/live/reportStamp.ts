/**
 * The report stamp of a center (issue 16): a `live_meta` value that changes whenever something a
 * finished period's KPI report reads may have changed — aggregate rows of a day before the center's
 * current day (a late event, a state closed across midnight, an import of history), the daily rollups
 * rebuilt, an agent or team renamed or moved. A cached report of a past period is served only while the
 * stamp it was computed under is still the stamp (src/services/live/reportCache.ts). Stored, not kept in
 * memory, so that every process and instance reading the database sees a change made by any writer.
 *
 * The value is unique per change (time and randomness), not a counter: a database restored or rebuilt
 * under a running server cannot bring back an old value that a cached entry still carries.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const reportStampKey = (centerId: number) => `report_stamp:${centerId}`;

const freshStamp = () => `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;

/** Mark every cached report of the center stale (both dialects; in the caller's transaction when given one). */
export async function bumpReportStamp(db: Kysely<DB>, centerId: number): Promise<void> {
  await db
    .insertInto('live_meta')
    .values({ key: reportStampKey(centerId), value: freshStamp() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value` }))
    .execute();
}

/** The center's stamp and zone in one read (the per-request check of a cached report); '' = never changed. */
export async function reportStampOf(db: Kysely<DB>, centerId: number): Promise<{ stamp: string; timezone: string | null }> {
  const r = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('live_meta').select('value').where('key', '=', reportStampKey(centerId)).as('stamp'),
      eb.selectFrom('centers').select('timezone').where('id', '=', centerId).as('timezone'),
    ])
    .executeTakeFirst();
  return { stamp: (r?.stamp as string | null) ?? '', timezone: (r?.timezone as string | null) ?? null };
}
