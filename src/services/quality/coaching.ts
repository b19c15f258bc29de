/** Coaching (輔導): from a failed item or a KPI gap, with goals and a follow-up that measures again and compares. */
import { forbidden, validationError } from '../../core/errors';
import { itemFailStats } from '../../core/quality/index';
import { dateOfInstant, monthRange, shiftMonth, type KpiKey } from '../../core/performance/index';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { agentFacts } from '../../store/performance/figures';
import { evaluationIdsCreatedAfter, loadScored } from '../../store/quality/evaluations';
import { agentsInScope } from '../../store/quality/lookup';
import { getCoaching, insertCoaching, listCoaching as storedCoaching, setCoachingFollowUp } from '../../store/quality/work';
import type { Actor, ServiceDeps } from '../context';
import { userOf } from './common';

export interface CoachingInput {
  kind: 'correction' | 'praise';
  agentIds: number[];
  sourceKind: 'item' | 'kpi';
  sourceKey: string;
  evaluationId?: number | null;
  month: string;
  goals: string;
  notes: string;
  followUpDate: string;
}

/** The measure a coaching session aims at, for its agents: an item's fail rate, or a KPI figure's mean. */
async function measure(
  deps: ServiceDeps,
  centerId: number,
  c: { sourceKind: string; sourceKey: string; agentIds: number[] },
  window: { months: string[]; sinceMs?: number },
) {
  const db = deps.store.db;
  if (c.sourceKind === 'item') {
    let evals = await loadScored(db, { centerId, agentIds: c.agentIds, fromMonth: window.months[0], toMonth: window.months[window.months.length - 1] });
    if (window.sinceMs !== undefined) {
      const after = await evaluationIdsCreatedAfter(
        db,
        evals.map((e) => Number(e.id)),
        window.sinceMs,
      );
      evals = evals.filter((e) => after.has(Number(e.id)));
    }
    const s = itemFailStats(evals, c.sourceKey);
    return { value: s.failRate, detail: s };
  }
  const facts = await agentFacts(db, centerId, window.months, { agentIds: c.agentIds });
  const vals = facts.map((f) => f.figures[c.sourceKey as KpiKey]).filter((v): v is number => typeof v === 'number');
  return { value: vals.length ? vals.reduce((a, v) => a + v, 0) / vals.length : null, detail: { agents: vals.length } };
}

/** Refuses agents of another center (validation) and agents outside the actor's teams (forbidden). */
async function assertAgentsVisible(deps: ServiceDeps, actor: Actor, agentIds: readonly number[]) {
  const { known, visible } = await agentsInScope(deps.store.db, actor.scope, agentIds);
  const unknown = agentIds.filter((a) => !known.includes(a));
  if (unknown.length)
    throw validationError('agentIds', `agent ${unknown.join(', ')} does not exist`, {
      reason: 'common.notFound',
      params: { entity: 'agent', id: unknown.join(', ') },
    });
  if (agentIds.some((a) => !visible.includes(a))) throw forbidden('team leads coach only agents of their own teams', { reason: 'quality.coachOtherTeam' });
}

/**
 * A coaching session: 1-to-1 correction (exactly one agent) or 1-to-many praise, of agents the actor
 * sees. The "before" measure is stored at creation; the follow-up stores "after".
 */
export async function createCoaching(deps: ServiceDeps, actor: Actor, input: CoachingInput) {
  const centerId = actor.scope.centerId;
  const userId = userOf(actor);
  const now = deps.now();
  if (input.kind === 'correction' && input.agentIds.length !== 1)
    throw validationError('agentIds', 'a correction session is 1-to-1: choose exactly one agent', {
      reason: 'quality.correctionOneAgent',
      params: { count: input.agentIds.length },
    });
  if (input.kind === 'praise' && input.agentIds.length < 1)
    throw validationError('agentIds', 'choose at least one agent', { reason: 'input.tooSmallCount', params: { minimum: 1 } });
  const today = dateOfInstant(now, 'UTC');
  if (input.followUpDate < today)
    throw validationError('followUpDate', 'the follow-up date is in the past', { reason: 'quality.followUpPast', params: { date: input.followUpDate, today } });
  await assertAgentsVisible(deps, actor, input.agentIds);
  const baseline = await measure(deps, centerId, input, { months: [input.month] });
  return withTx(deps.store.db, async (tx) => {
    const id = await insertCoaching(
      tx,
      {
        center_id: centerId,
        kind: input.kind,
        source_kind: input.sourceKind,
        source_key: input.sourceKey,
        evaluation_id: input.evaluationId ?? null,
        month: input.month,
        goals: input.goals,
        notes: input.notes,
        follow_up_date: input.followUpDate,
        baseline: JSON.stringify(baseline),
        state: 'open',
        follow_up: null,
        created_by: userId,
        created_at: now,
      },
      input.agentIds,
    );
    await audit(tx, { at: now, userId, action: 'qa.coaching.create', entity: 'qa_coaching', entityId: id, detail: input });
    return { id };
  });
}

/** Coaching sessions the actor sees (agents: their own; team leads: their teams' agents'). */
export async function listCoaching(deps: ServiceDeps, actor: Actor) {
  return storedCoaching(deps.store.db, actor.scope);
}

/**
 * Follow-up of a session whose every agent the actor sees: measures again (item fail rate on
 * evaluations since the session; KPI figure in the month of the follow-up, else the month after the
 * session) and compares with the stored "before".
 */
export async function followUpCoaching(deps: ServiceDeps, actor: Actor, input: { id: number; note: string }) {
  const centerId = actor.scope.centerId;
  const userId = userOf(actor);
  const now = deps.now();
  const c = await getCoaching(deps.store.db, centerId, input.id);
  const agentIds = c.agents.map((a) => a.id);
  await assertAgentsVisible(deps, actor, agentIds);
  const nowMonth = dateOfInstant(now, 'UTC').slice(0, 7);
  const after =
    c.source_kind === 'item'
      ? await measure(
          deps,
          centerId,
          { sourceKind: 'item', sourceKey: c.source_key, agentIds },
          { months: monthRange(c.month, nowMonth < c.month ? c.month : nowMonth), sinceMs: c.created_at },
        )
      : await measure(
          deps,
          centerId,
          { sourceKind: 'kpi', sourceKey: c.source_key, agentIds },
          { months: [c.follow_up_date.slice(0, 7) > c.month ? c.follow_up_date.slice(0, 7) : shiftMonth(c.month, 1)] },
        );
  const before = c.baseline.value as number | null;
  // lower is better for fail rates; a KPI's direction is looked up by the reader's plan when shown
  const change = before === null || after.value === null ? null : after.value - before;
  const followUp = { at: now, by: userId, note: input.note, before, after: after.value, afterDetail: after.detail, change };
  await withTx(deps.store.db, async (tx) => {
    await setCoachingFollowUp(tx, input.id, followUp);
    await audit(tx, { at: now, userId, action: 'qa.coaching.followUp', entity: 'qa_coaching', entityId: input.id, detail: followUp });
  });
  return followUp;
}
