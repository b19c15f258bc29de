import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { lockRow, withTx } from '../db';
import { audit } from '../audit';
import { uniqueAs } from '../errors';
import { conflict, notFound, validationError } from '../../core/errors';
import type { StateSegment } from '../../core/wfm/adherence';
import { balances, type LedgerEntry } from '../../core/wfm/points';
import { liveAgentSegments } from '../live/agentStates';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;

// ---------- agent state segments: the adherence input ----------
/**
 * Adherence reads actual agent states as segments {agentId, start, end, state} (epoch ms; state as in
 * core/wfm/adherence DEFAULT_STATE_MAPPING: available, talk, hold, acw, ring, notReady:<reason>, loggedOut).
 * `stateSegments` also reads the live floor's agent events in place (below); uploads through
 * POST /api/wfm/state-segments remain for corrections and other sources.
 */
export async function addStateSegments(db: Db, segs: StateSegment[], userId: number | null, now: number) {
  segs.forEach((s, i) => {
    if (!(Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start))
      throw validationError(`segments[${i}].end`, 'must be after start (epoch ms)', { reason: 'input.endNotAfterStart', params: {} });
    if (!s.state) throw validationError(`segments[${i}].state`, 'is required', { reason: 'input.required', params: {} });
  });
  await withTx(db, async (tx) => {
    for (let i = 0; i < segs.length; i += 500)
      await tx
        .insertInto('wfm_state_segments')
        .values(segs.slice(i, i + 500).map((s) => ({ agent_id: Number(s.agentId), start_ts: s.start, end_ts: s.end, state: s.state })))
        .execute();
    await audit(tx, { at: now, userId, action: 'wfm.states.import', entity: 'wfm_state_segments', detail: { count: segs.length } });
  });
}

/**
 * Actual states for adherence: segments uploaded to wfm_state_segments, and for every agent with none
 * uploaded in the window, the live floor's agent events (agents.ext_code → live_events), read in place
 * (no copy). An upload for an agent and window wins over the live events (a correction by hand).
 * Only the scope's agents (its center; its teams or agent), and of those `agentIds` when given.
 */
export async function stateSegments(db: Db, scope: Scope, from: number, to: number, agentIds?: number[]): Promise<StateSegment[]> {
  const agentCols = { center: 'agents.center_id', team: 'agents.team_id', agent: 'agents.id' };
  let q = db
    .selectFrom('wfm_state_segments')
    .innerJoin('agents', 'agents.id', 'wfm_state_segments.agent_id')
    .selectAll('wfm_state_segments')
    .where('end_ts', '>', from)
    .where('start_ts', '<', to)
    .where(inScope(scope, agentCols))
    .orderBy('start_ts');
  if (agentIds) q = q.where('agent_id', 'in', agentIds.length ? agentIds : [-1]);
  const uploaded = (await q.execute()).map((r) => ({ agentId: String(r.agent_id), start: Number(r.start_ts), end: Number(r.end_ts), state: r.state }));
  const withUpload = new Set(uploaded.map((s) => s.agentId));
  let aq = db.selectFrom('agents').select(['id', 'ext_code']).where('ext_code', 'is not', null).where(inScope(scope, agentCols));
  if (agentIds) aq = aq.where('id', 'in', agentIds.length ? agentIds : [-1]);
  const codes = new Map((await aq.execute()).filter((a) => !withUpload.has(String(a.id))).map((a) => [a.ext_code!, String(a.id)]));
  const live = codes.size ? await liveAgentSegments(db, scope.centerId, codes, from, to) : [];
  return [...uploaded, ...live].sort((a, b) => a.start - b.start);
}

// ---------- peak / VTO slots ----------

export interface SlotInput {
  centerId: number;
  kind: 'peak' | 'vto';
  title: string;
  start: number;
  end: number;
  capacity: number;
  bonus: number;
}

export async function createSlot(db: Db, s: SlotInput, userId: number | null, now: number) {
  if (!(s.end > s.start)) throw validationError('end', 'must be after start', { reason: 'input.endNotAfterStart', params: {} });
  if (!(Number.isInteger(s.capacity) && s.capacity > 0))
    throw validationError('capacity', 'must be a whole number > 0', { reason: 'input.notPositiveInteger', params: {} });
  if (!(s.bonus >= 0)) throw validationError('bonus', 'must be >= 0', { reason: 'input.tooSmall', params: { minimum: 0 } });
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('wfm_peak_slots')
      .values({
        center_id: s.centerId,
        kind: s.kind,
        title: s.title,
        start_ts: s.start,
        end_ts: s.end,
        capacity: s.capacity,
        bonus: s.bonus,
        status: 'open',
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'wfm.slot.publish', entity: 'wfm_peak_slot', entityId: row.id, detail: s });
    return row.id;
  });
}

/** A slot of the center (another center's slot is not found). */
export async function getSlot(db: Db, centerId: number, id: number) {
  const r = await db.selectFrom('wfm_peak_slots').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!r) throw notFound('slot', id);
  return r;
}
/** A slot by id alone: only after the caller found it with getSlot in its center. */
async function slotById(db: Db, id: number) {
  const r = await db.selectFrom('wfm_peak_slots').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('slot', id);
  return r;
}

export async function listSlots(db: Db, centerId: number) {
  const slots = await db.selectFrom('wfm_peak_slots').selectAll().where('center_id', '=', centerId).orderBy('start_ts').execute();
  const reqs = await db
    .selectFrom('wfm_peak_requests')
    .innerJoin('agents', 'agents.id', 'wfm_peak_requests.agent_id')
    .select(['slot_id', 'agent_id', 'requested_at', 'wfm_peak_requests.status', 'agents.name'])
    .where('agents.center_id', '=', centerId)
    .orderBy('requested_at')
    .execute();
  return slots.map((s) => ({ ...s, start_ts: Number(s.start_ts), end_ts: Number(s.end_ts), requests: reqs.filter((r) => r.slot_id === s.id) }));
}

export async function subscribe(db: Db, centerId: number, slotId: number, agentId: number, now: number, userId: number | null) {
  await withTx(db, async (tx) => {
    const s = await getSlot(tx, centerId, slotId);
    if (s.status !== 'open') throw conflict(`slot ${slotId} is ${s.status}`, 'slotId', { reason: 'wfm.slotNotOpen', params: { id: slotId } });
    await uniqueAs('slotId', 'you already subscribed to this slot', () =>
      tx.insertInto('wfm_peak_requests').values({ slot_id: slotId, agent_id: agentId, requested_at: now, status: 'requested' }).execute(),
    );
    await audit(tx, { at: now, userId, action: 'wfm.slot.subscribe', entity: 'wfm_peak_slot', entityId: slotId, detail: { agentId } });
  });
}

export async function recordAllocation(
  db: Db,
  slotId: number,
  awarded: number[],
  rejected: { agentId: number; reason: string }[],
  extraShift: { runId: number; day: number; start: number; end: number } | null,
  ledger: LedgerEntry[],
  userId: number | null,
  now: number,
  /** VTO: awarded agents' shifts with the slot's time taken out (core/wfm/peaks applyTimeOff) */
  shortened: {
    shiftId: number;
    start: number;
    end: number;
    activities: { kind: string; start: number; end: number; paid: boolean }[];
    paidHours: number;
  }[] = [],
) {
  await withTx(db, async (tx) => {
    const s = await slotById(tx, slotId);
    if (s.status !== 'open') throw conflict(`slot ${slotId} is already ${s.status}`, 'status', { reason: 'wfm.slotNotOpen', params: { id: slotId } });
    for (const a of awarded) {
      await tx.updateTable('wfm_peak_requests').set({ status: 'awarded' }).where('slot_id', '=', slotId).where('agent_id', '=', a).execute();
      if (extraShift && s.kind === 'peak')
        await tx
          .insertInto('wfm_shifts')
          .values({
            run_id: extraShift.runId,
            agent_id: a,
            day: extraShift.day,
            kind: 'peak',
            template_code: `PEAK-${slotId}`,
            start_ts: extraShift.start,
            end_ts: extraShift.end,
            paid_hours: (extraShift.end - extraShift.start) / 3_600_000,
            activities: JSON.stringify([{ kind: 'phone', start: extraShift.start, end: extraShift.end, paid: true }]),
            updated_at: now,
          })
          .execute();
    }
    for (const u of shortened) {
      const before = await tx
        .selectFrom('wfm_shifts')
        .select(['start_ts', 'end_ts', 'paid_hours', 'agent_id'])
        .where('id', '=', u.shiftId)
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('wfm_shifts')
        .set({ start_ts: u.start, end_ts: u.end, paid_hours: u.paidHours, activities: JSON.stringify(u.activities), updated_at: now })
        .where('id', '=', u.shiftId)
        .execute();
      await audit(tx, {
        at: now,
        userId,
        action: 'wfm.shift.vto',
        entity: 'wfm_shift',
        entityId: u.shiftId,
        detail: {
          slotId,
          agentId: before.agent_id,
          from: [Number(before.start_ts), Number(before.end_ts), before.paid_hours],
          to: [u.start, u.end, u.paidHours],
        },
      });
    }
    for (const r of rejected)
      await tx
        .updateTable('wfm_peak_requests')
        .set({ status: `rejected:${r.reason}` })
        .where('slot_id', '=', slotId)
        .where('agent_id', '=', r.agentId)
        .execute();
    for (const e of ledger) await insertLedger(tx, e, userId);
    await tx.updateTable('wfm_peak_slots').set({ status: 'confirmed' }).where('id', '=', slotId).execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'wfm.slot.confirm',
      entity: 'wfm_peak_slot',
      entityId: slotId,
      detail: { awarded, rejected, points: ledger.length },
    });
  });
}

// ---------- points ledger ----------

async function insertLedger(tx: Db, e: LedgerEntry, userId: number | null) {
  await tx
    .insertInto('wfm_points')
    .values({ agent_id: Number(e.agentId), points: e.points, ts: e.ts, reason: e.reason, rule_id: e.ruleId ?? null, ref: e.ref ?? null, created_by: userId })
    .execute();
  await audit(tx, {
    at: e.ts,
    userId,
    action: e.points >= 0 ? 'wfm.points.earn' : 'wfm.points.redeem',
    entity: 'agent',
    entityId: Number(e.agentId),
    detail: e,
  });
}

/** Adds ledger entries, skipping any whose (agent, rule, ref) is already booked, so re-running an award changes nothing. */
export async function addLedger(db: Db, entries: LedgerEntry[], userId: number | null) {
  return withTx(db, async (tx) => {
    let added = 0;
    for (const e of entries) {
      if (e.ref) {
        const dup = await tx
          .selectFrom('wfm_points')
          .select('id')
          .where('agent_id', '=', Number(e.agentId))
          .where('ref', '=', e.ref)
          .where('rule_id', e.ruleId ? '=' : 'is', e.ruleId ?? null)
          .executeTakeFirst();
        if (dup) continue;
      }
      await insertLedger(tx, e, userId);
      added++;
    }
    return added;
  });
}

/** The points ledger of the scope's agents (its center; its teams or agent), of those `agentIds` when given. */
export async function ledger(db: Db, scope: Scope, agentIds?: number[]): Promise<LedgerEntry[]> {
  let q = db
    .selectFrom('wfm_points')
    .innerJoin('agents', 'agents.id', 'wfm_points.agent_id')
    .selectAll('wfm_points')
    .where(inScope(scope, { center: 'agents.center_id', team: 'agents.team_id', agent: 'agents.id' }))
    .orderBy('ts')
    .orderBy('wfm_points.id');
  if (agentIds) q = q.where('agent_id', 'in', agentIds.length ? agentIds : [-1]);
  return (await q.execute()).map((r) => ({
    agentId: String(r.agent_id),
    points: r.points,
    ts: Number(r.ts),
    reason: r.reason,
    ruleId: r.rule_id ?? undefined,
    ref: r.ref ?? undefined,
  }));
}

export async function pointsBalances(db: Db, scope: Scope, agentIds?: number[]) {
  return balances(await ledger(db, scope, agentIds));
}

/** One agent's ledger (their own center's by construction: the agent row is theirs). */
const agentLedger = async (tx: Db, agentId: number) => {
  const a = await tx.selectFrom('agents').select('center_id').where('id', '=', agentId).executeTakeFirst();
  return a ? ledger(tx, { kind: 'all', centerId: a.center_id }, [agentId]) : [];
};

/** Points still free to ask for: the balance minus the pending requests. */
async function availablePoints(tx: Db, agentId: number) {
  const [bal] = balances(await agentLedger(tx, agentId));
  const pending = await tx.selectFrom('wfm_redemptions').select('points').where('agent_id', '=', agentId).where('status', '=', 'pending').execute();
  return { balance: bal?.balance ?? 0, available: (bal?.balance ?? 0) - pending.reduce((s, p) => s + p.points, 0) };
}

const pointsShort = (points: number, available: number, what: string) =>
  conflict(`points: cannot redeem ${points} points, only ${available} ${what}`, 'points', {
    reason: 'wfm.pointsInsufficient',
    params: { field: 'points', points, available },
  });

export async function requestRedemption(db: Db, agentId: number, points: number, kind: 'leave' | 'gift', note: string, now: number, userId: number | null) {
  if (!(points > 0)) throw validationError('points', 'must be > 0', { reason: 'input.notPositive', params: {} });
  return withTx(db, async (tx) => {
    // the agent's row lock serialises every check-then-write on their points (requests and approvals)
    if (!(await lockRow(tx, 'agents', agentId))) throw notFound('agent', agentId);
    const { available } = await availablePoints(tx, agentId);
    if (points > available + 1e-9) throw pointsShort(points, available, 'available (balance minus pending requests)');
    const row = await tx
      .insertInto('wfm_redemptions')
      .values({ agent_id: agentId, points, kind, note, status: 'pending', requested_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'wfm.redemption.request', entity: 'wfm_redemption', entityId: row.id, detail: { agentId, points, kind, note } });
    return row.id;
  });
}

/** Redemption requests of the scope's agents, of those `agentIds` when given. */
export async function listRedemptions(db: Db, scope: Scope, agentIds?: number[]) {
  let q = db
    .selectFrom('wfm_redemptions')
    .innerJoin('agents', 'agents.id', 'wfm_redemptions.agent_id')
    .selectAll('wfm_redemptions')
    .select('agents.name')
    .where(inScope(scope, { center: 'agents.center_id', team: 'agents.team_id', agent: 'agents.id' }))
    .orderBy('wfm_redemptions.id', 'desc');
  if (agentIds) q = q.where('wfm_redemptions.agent_id', 'in', agentIds.length ? agentIds : [-1]);
  return q.execute();
}

/** Decide a request of one of the center's agents (another center's request is not found). */
export async function decideRedemption(
  db: Db,
  centerId: number,
  id: number,
  approve: boolean,
  userId: number | null,
  now: number,
  makeEntry: (bal: LedgerEntry[], agentId: string, points: number, reason: string) => LedgerEntry,
) {
  await withTx(db, async (tx) => {
    const first = await tx
      .selectFrom('wfm_redemptions')
      .innerJoin('agents', 'agents.id', 'wfm_redemptions.agent_id')
      .select('agent_id')
      .where('wfm_redemptions.id', '=', id)
      .where('agents.center_id', '=', centerId)
      .executeTakeFirst();
    if (!first) throw notFound('redemption', id);
    // lock the agent, then read the request again: a concurrent decision has committed by now, so a
    // request is never booked twice and an approval never takes the balance below 0
    await lockRow(tx, 'agents', first.agent_id);
    const r = (await tx.selectFrom('wfm_redemptions').selectAll().where('id', '=', id).executeTakeFirst())!;
    if (r.status !== 'pending') throw conflict(`redemption ${id} is already ${r.status}`, 'status', { reason: 'wfm.redemptionDecided', params: { id } });
    if (approve) {
      const entries = await agentLedger(tx, r.agent_id);
      const balance = balances(entries)[0]?.balance ?? 0;
      if (r.points > balance + 1e-9) throw pointsShort(r.points, balance, 'in the balance');
      const e = makeEntry(entries, String(r.agent_id), r.points, `${r.kind}: ${r.note}`);
      await insertLedger(tx, { ...e, ref: `redemption:${id}` }, userId);
    }
    await tx
      .updateTable('wfm_redemptions')
      .set({ status: approve ? 'approved' : 'rejected', decided_by: userId, decided_at: now })
      .where('id', '=', id)
      .execute();
    await audit(tx, {
      at: now,
      userId,
      action: approve ? 'wfm.redemption.approve' : 'wfm.redemption.reject',
      entity: 'wfm_redemption',
      entityId: id,
      detail: { agentId: r.agent_id, points: r.points },
    });
  });
}
