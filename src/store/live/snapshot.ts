/**
 * The newest snapshot of each center's live floor (migration 037): the floor's state as JSON text and
 * the store sequence it covers. Written by the instance leading the center, read by a starting one.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface FloorSnapshotRow {
  centerId: number;
  /** the local day the state covers (YYYY-MM-DD) */
  day: string;
  /** every event of the center stored up to this sequence is in the state, none after it */
  seq: number;
  /** the options the state was taken under (zone, longest state): another basis is not used */
  basis: string;
  takenAt: number;
  /** the floor's exported state, JSON */
  state: string;
}

/** Keeps `s` as the center's snapshot unless the stored one covers a later sequence (an older writer never wins). */
export async function saveFloorSnapshot(db: Kysely<DB>, s: FloorSnapshotRow): Promise<void> {
  await db
    .insertInto('live_floor_snapshots')
    .values({ center_id: s.centerId, day: s.day, seq: s.seq, basis: s.basis, taken_at: s.takenAt, state: s.state })
    .onConflict((oc) =>
      oc
        .column('center_id')
        .doUpdateSet((eb) => ({
          day: eb.ref('excluded.day'),
          seq: eb.ref('excluded.seq'),
          basis: eb.ref('excluded.basis'),
          taken_at: eb.ref('excluded.taken_at'),
          state: eb.ref('excluded.state'),
        }))
        .where('live_floor_snapshots.seq', '<=', s.seq),
    )
    .execute();
}

/** The center's snapshot, if any. */
export async function loadFloorSnapshot(db: Kysely<DB>, centerId: number): Promise<FloorSnapshotRow | undefined> {
  const r = await db.selectFrom('live_floor_snapshots').selectAll().where('center_id', '=', centerId).executeTakeFirst();
  if (!r) return undefined;
  return { centerId: r.center_id, day: r.day, seq: Number(r.seq), basis: r.basis, takenAt: Number(r.taken_at), state: r.state };
}
