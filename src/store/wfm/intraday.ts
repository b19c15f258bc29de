/**
 * Intraday adjustments (issue 15, migration 049): break moves written into the published day, and the
 * overtime / VTO offers pushed to agents, answered first come, first served up to the offer's capacity.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { conflict, notFound, validationError } from '../../core/errors';
import type { ShiftActivity } from '../../core/wfm/peaks';
import { assertWeekOk, getShift, listShifts, type ShiftRow } from './schedules';

type Db = Kysely<DB>;

export interface NewOffer {
  kind: 'overtime' | 'vto';
  start: number;
  end: number;
  capacity: number;
  agents: { agentId: number; shiftId: number; start: number; end: number }[];
}

/** Stores pushed offers with the agents each goes to; returns their ids in order. */
export async function createOffers(db: Db, centerId: number, offers: NewOffer[], userId: number | null, now: number): Promise<number[]> {
  return withTx(db, async (tx) => {
    const ids: number[] = [];
    for (const o of offers) {
      const row = await tx
        .insertInto('wfm_intraday_offers')
        .values({ center_id: centerId, kind: o.kind, start_ts: o.start, end_ts: o.end, capacity: o.capacity, created_by: userId, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (o.agents.length)
        await tx
          .insertInto('wfm_intraday_offer_agents')
          .values(
            o.agents.map((a) => ({
              offer_id: row.id,
              agent_id: a.agentId,
              shift_id: a.shiftId,
              new_start_ts: a.start,
              new_end_ts: a.end,
              status: 'offered',
              answered_at: null,
            })),
          )
          .execute();
      await audit(tx, {
        at: now,
        userId,
        action: 'wfm.intraday.offer',
        entity: 'wfm_intraday_offer',
        entityId: row.id,
        detail: { kind: o.kind, start: o.start, end: o.end, capacity: o.capacity, agents: o.agents.map((a) => a.agentId) },
      });
      ids.push(row.id);
    }
    return ids;
  });
}

/** The center's offers touching [from, to) with each agent's answer. */
export async function listOffers(db: Db, f: { centerId: number; from: number; to: number; agentId?: number; teamIds?: number[] }) {
  const offers = await db
    .selectFrom('wfm_intraday_offers')
    .selectAll()
    .where('center_id', '=', f.centerId)
    .where('end_ts', '>', f.from)
    .where('start_ts', '<', f.to)
    .orderBy('start_ts')
    .orderBy('id')
    .execute();
  if (!offers.length) return [];
  let q = db
    .selectFrom('wfm_intraday_offer_agents as oa')
    .innerJoin('agents', 'agents.id', 'oa.agent_id')
    .select(['oa.offer_id', 'oa.agent_id', 'oa.shift_id', 'oa.new_start_ts', 'oa.new_end_ts', 'oa.status', 'oa.answered_at', 'agents.name', 'agents.team_id'])
    .where(
      'oa.offer_id',
      'in',
      offers.map((o) => o.id),
    )
    .orderBy('oa.agent_id');
  if (f.agentId !== undefined) q = q.where('oa.agent_id', '=', f.agentId);
  if (f.teamIds) q = q.where('agents.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  const agents = await q.execute();
  return offers
    .map((o) => ({
      id: o.id,
      kind: o.kind as 'overtime' | 'vto',
      start: Number(o.start_ts),
      end: Number(o.end_ts),
      capacity: o.capacity,
      taken: o.taken,
      agents: agents
        .filter((a) => a.offer_id === o.id)
        .map((a) => ({
          agentId: a.agent_id,
          name: a.name,
          teamId: a.team_id,
          shiftId: a.shift_id,
          newStart: Number(a.new_start_ts),
          newEnd: Number(a.new_end_ts),
          status: a.status,
          answeredAt: a.answered_at === null ? null : Number(a.answered_at),
        })),
    }))
    .filter((o) => f.agentId === undefined || o.agents.length > 0);
}

/**
 * An agent's answer. Accepting takes one place if any is left (a conditional update, so two agents racing
 * for the last place cannot both have it), re-checks the contract for overtime, and writes the changed shift.
 */
export async function answerOffer(
  db: Db,
  a: { offerId: number; agentId: number; accept: boolean; now: number; userId: number | null; tzOffsetMin: number },
  change: (
    shift: ShiftRow,
    offer: { kind: string; start: number; end: number },
  ) => { start: number; end: number; activities: ShiftActivity[]; paidHours: number },
) {
  return withTx(db, async (tx) => {
    const offer = await tx.selectFrom('wfm_intraday_offers').selectAll().where('id', '=', a.offerId).executeTakeFirst();
    const mine = offer
      ? await tx.selectFrom('wfm_intraday_offer_agents').selectAll().where('offer_id', '=', a.offerId).where('agent_id', '=', a.agentId).executeTakeFirst()
      : undefined;
    // an offer that did not go to this agent is, for them, not there
    if (!offer || !mine) throw notFound('intradayOffer', a.offerId);
    if (mine.status !== 'offered')
      throw conflict(`offer ${a.offerId} was already answered (${mine.status})`, 'id', { reason: 'wfm.offerAnswered', params: { status: mine.status } });
    if (a.accept) {
      if (Number(offer.start_ts) <= a.now) throw conflict(`offer ${a.offerId} has begun`, 'id', { reason: 'wfm.offerBegun', params: { id: a.offerId } });
      const took = await tx
        .updateTable('wfm_intraday_offers')
        .set((eb) => ({ taken: eb('taken', '+', 1) }))
        .where('id', '=', a.offerId)
        .where('taken', '<', offer.capacity)
        .executeTakeFirst();
      if (Number(took.numUpdatedRows) !== 1)
        throw conflict(`offer ${a.offerId} is full`, 'id', { reason: 'wfm.offerFull', params: { capacity: offer.capacity } });
      const s = await getShift(tx, mine.shift_id);
      const changed = change(s, { kind: offer.kind, start: Number(offer.start_ts), end: Number(offer.end_ts) });
      if (offer.kind === 'overtime') {
        const others = (await listShifts(tx, { runId: s.runId, agentIds: [s.agentId] })).filter((x) => x.id !== s.id);
        await assertWeekOk(tx, s.runId, s.agentId, [...others, { ...s, ...changed }], { checkMinHours: false, tzOffsetMin: a.tzOffsetMin });
      }
      await tx
        .updateTable('wfm_shifts')
        .set({
          start_ts: changed.start,
          end_ts: changed.end,
          paid_hours: changed.paidHours,
          activities: JSON.stringify(changed.activities),
          updated_at: Math.max(a.now, s.updatedAt + 1),
        })
        .where('id', '=', s.id)
        .execute();
    }
    await tx
      .updateTable('wfm_intraday_offer_agents')
      .set({ status: a.accept ? 'accepted' : 'declined', answered_at: a.now })
      .where('offer_id', '=', a.offerId)
      .where('agent_id', '=', a.agentId)
      .execute();
    await audit(tx, {
      at: a.now,
      userId: a.userId,
      action: a.accept ? 'wfm.intraday.accept' : 'wfm.intraday.decline',
      entity: 'wfm_intraday_offer',
      entityId: a.offerId,
      detail: { agentId: a.agentId, shiftId: mine.shift_id, kind: offer.kind },
    });
  });
}

/** Writes accepted break moves into the published shifts (each shift as it was read: a changed one is refused). */
export async function writeBreakMoves(
  db: Db,
  moves: { shiftId: number; baseUpdatedAt: number; activities: ShiftActivity[]; detail: Record<string, unknown> }[],
  userId: number | null,
  now: number,
) {
  await withTx(db, async (tx) => {
    for (const [i, m] of moves.entries()) {
      const r = await tx
        .updateTable('wfm_shifts')
        .set({ activities: JSON.stringify(m.activities), updated_at: Math.max(now, m.baseUpdatedAt + 1) })
        .where('id', '=', m.shiftId)
        .where('updated_at', '=', m.baseUpdatedAt)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw validationError(`moves[${i}].shiftId`, `shift ${m.shiftId} changed since the proposal; reload it`, {
          reason: 'wfm.staleShift',
          params: { field: `moves[${i}].shiftId`, shiftId: m.shiftId },
        });
      await audit(tx, { at: now, userId, action: 'wfm.intraday.breaks', entity: 'wfm_shift', entityId: m.shiftId, detail: m.detail });
    }
  });
}
