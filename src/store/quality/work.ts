import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { DomainError, notFound, validationError } from '../../core/errors';
import {
  assignEvaluators,
  DEFAULT_SAMPLING_PLAN,
  itemFailStats,
  linearTrend,
  mostFailedItems,
  qaRates,
  qaRatesBy,
  selectSample,
  templateItems,
  type SamplingPlan,
  type ScoredEvaluation,
} from '../../core/quality/index';
import { dateOfInstant, monthRange, shiftMonth, type KpiKey } from '../../core/performance/index';
import { withTx } from '../db';
import { audit } from '../audit';
import { getSetting } from '../org';
import { loadScored, type EvaluationFilter } from './evaluations';
import { agentFacts } from '../performance/figures';

type Db = Kysely<DB>;

export const SAMPLING_SETTING = 'quality.samplingPlan';

export async function getSamplingPlan(db: Db, centerId: number): Promise<SamplingPlan> {
  return (await getSetting<SamplingPlan>(db, centerId, SAMPLING_SETTING)) ?? DEFAULT_SAMPLING_PLAN;
}

/**
 * Builds evaluators' work queues from the sampling plan: calls in [from, to) not yet sampled or
 * evaluated are sampled per agent-week (core selectSample) and spread over the evaluators.
 */
export async function generateWorkQueue(
  db: Db,
  centerId: number,
  args: { from: number; to: number; evaluatorIds: number[]; seed: string; userId: number; now: number },
) {
  if (!args.evaluatorIds.length) throw validationError('evaluatorIds', 'choose at least one evaluator');
  if (!(args.to > args.from)) throw validationError('to', 'the period ends before it starts');
  const plan = await getSamplingPlan(db, centerId);
  return withTx(db, async (tx) => {
    const users = await tx.selectFrom('users').select('id').where('id', 'in', args.evaluatorIds).execute();
    const unknown = args.evaluatorIds.filter((i) => !users.some((u) => u.id === i));
    if (unknown.length) throw validationError('evaluatorIds', `user ${unknown.join(', ')} does not exist`);
    const calls = await tx
      .selectFrom('qa_calls')
      .innerJoin('agents', 'agents.id', 'qa_calls.agent_id')
      .select([
        'qa_calls.id',
        'qa_calls.agent_id',
        'qa_calls.queue',
        'qa_calls.started_at',
        'qa_calls.duration_s',
        'qa_calls.transferred',
        'qa_calls.complaint',
        'agents.hire_date',
      ])
      .where('qa_calls.center_id', '=', centerId)
      .where('qa_calls.started_at', '>=', args.from)
      .where('qa_calls.started_at', '<', args.to)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('qa_work_items').select('qa_work_items.id').whereRef('qa_work_items.call_id', '=', 'qa_calls.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('qa_evaluations').select('qa_evaluations.id').whereRef('qa_evaluations.call_id', '=', 'qa_calls.id'))))
      .execute();
    const hire: Record<string, string> = {};
    for (const c of calls) hire[String(c.agent_id)] = c.hire_date;
    const sample = selectSample(
      calls.map((c) => ({
        id: c.id,
        agentId: String(c.agent_id),
        queue: c.queue,
        startedAt: new Date(c.started_at).toISOString(),
        durationS: c.duration_s,
        transferred: c.transferred === 1,
        complaint: c.complaint === 1,
      })),
      plan,
      args.seed,
      hire,
    );
    const queues = assignEvaluators(sample, args.evaluatorIds.map(String));
    const byCall = new Map(sample.map((s) => [s.callId, s]));
    const rows = queues.flatMap((q) =>
      q.callIds.map((callId) => {
        const s = byCall.get(callId)!;
        return {
          center_id: centerId,
          call_id: callId,
          agent_id: Number(s.agentId),
          evaluator_id: Number(q.evaluatorId),
          week: s.week,
          reasons: JSON.stringify(s.reasons),
          evaluation_id: null,
          created_at: args.now,
        };
      }),
    );
    for (let i = 0; i < rows.length; i += 200)
      await tx
        .insertInto('qa_work_items')
        .values(rows.slice(i, i + 200))
        .execute();
    await audit(tx, {
      at: args.now,
      userId: args.userId,
      action: 'qa.sample.generate',
      entity: 'qa_work_items',
      detail: { from: args.from, to: args.to, calls: calls.length, sampled: rows.length, seed: args.seed },
    });
    return {
      considered: calls.length,
      sampled: rows.length,
      perEvaluator: queues.map((q) => ({ evaluatorId: Number(q.evaluatorId), calls: q.callIds.length })),
    };
  });
}

export async function listWorkQueue(db: Db, centerId: number, f: { evaluatorId?: number; pending?: boolean; limit?: number }) {
  let q = db
    .selectFrom('qa_work_items')
    .innerJoin('qa_calls', 'qa_calls.id', 'qa_work_items.call_id')
    .innerJoin('agents', 'agents.id', 'qa_work_items.agent_id')
    .innerJoin('users', 'users.id', 'qa_work_items.evaluator_id')
    .select([
      'qa_work_items.id',
      'qa_work_items.call_id',
      'qa_work_items.agent_id',
      'agents.name as agent_name',
      'agents.employee_no',
      'qa_work_items.evaluator_id',
      'users.display_name as evaluator_name',
      'qa_work_items.week',
      'qa_work_items.reasons',
      'qa_work_items.evaluation_id',
      'qa_calls.queue',
      'qa_calls.started_at',
      'qa_calls.duration_s',
      'qa_calls.recording_url',
    ])
    .where('qa_work_items.center_id', '=', centerId)
    .orderBy('qa_calls.started_at')
    .limit(f.limit ?? 300);
  if (f.evaluatorId !== undefined) q = q.where('qa_work_items.evaluator_id', '=', f.evaluatorId);
  if (f.pending) q = q.where('qa_work_items.evaluation_id', 'is', null);
  return (await q.execute()).map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as string[] }));
}

// ---- recording library (錄音分享) ----

export async function addToLibrary(
  db: Db,
  centerId: number,
  input: { callId: string; tag: 'good' | 'instructive'; title: string; note: string; teamIds: number[] },
  userId: number,
  now: number,
  /** The caller's scope: only calls of these agents may be published (team leads: their teams' agents); undefined = any. */
  allowedAgentIds?: readonly number[],
) {
  return withTx(db, async (tx) => {
    const call = await tx.selectFrom('qa_calls').select(['id', 'agent_id']).where('id', '=', input.callId).where('center_id', '=', centerId).executeTakeFirst();
    if (!call) throw validationError('callId', `call "${input.callId}" does not exist`);
    if (allowedAgentIds && !allowedAgentIds.includes(call.agent_id))
      throw new DomainError(`callId: call "${input.callId}" is not of an agent of your teams`, 'forbidden', 'callId', {
        reason: 'quality.libraryOtherTeam',
        params: { field: 'callId', callId: input.callId },
      });
    const row = await tx
      .insertInto('qa_library')
      .values({
        center_id: centerId,
        call_id: input.callId,
        tag: input.tag,
        title: input.title,
        note: input.note,
        team_ids: JSON.stringify(input.teamIds),
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'qa.library.add', entity: 'qa_library', entityId: row.id, detail: input });
    return row.id;
  });
}

/** Library entries; `teamIds` limits to entries shared with those teams (an entry shared with no team is for the whole center). */
export async function listLibrary(db: Db, centerId: number, f: { teamIds?: number[] } = {}) {
  const rows = await db
    .selectFrom('qa_library')
    .innerJoin('qa_calls', 'qa_calls.id', 'qa_library.call_id')
    .innerJoin('agents', 'agents.id', 'qa_calls.agent_id')
    .innerJoin('users', 'users.id', 'qa_library.created_by')
    .select([
      'qa_library.id',
      'qa_library.call_id',
      'qa_library.tag',
      'qa_library.title',
      'qa_library.note',
      'qa_library.team_ids',
      'qa_library.created_at',
      'users.display_name as shared_by',
      'qa_calls.recording_url',
      'qa_calls.queue',
      'qa_calls.duration_s',
      'agents.name as agent_name',
    ])
    .where('qa_library.center_id', '=', centerId)
    .orderBy('qa_library.id', 'desc')
    .execute();
  return rows
    .map((r) => ({ ...r, team_ids: JSON.parse(r.team_ids) as number[] }))
    .filter((r) => !f.teamIds || r.team_ids.length === 0 || r.team_ids.some((t) => f.teamIds!.includes(t)));
}

export async function removeFromLibrary(db: Db, centerId: number, id: number, userId: number, now: number) {
  await withTx(db, async (tx) => {
    const r = await tx.deleteFrom('qa_library').where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound(`library entry ${id}`);
    await audit(tx, { at: now, userId, action: 'qa.library.remove', entity: 'qa_library', entityId: id });
  });
}

// ---- reports ----

export type ReportGroup = 'agent' | 'team' | 'evaluator' | 'month';

/**
 * QA report over months: per month average score, fatal rate, non-fatal rate with least-squares
 * trend lines; per group (agent, team, evaluator or month) the same rates; the most-failed items.
 */
export async function qaReport(db: Db, f: EvaluationFilter & { fromMonth: string; toMonth: string; groupBy: ReportGroup }) {
  const evals = await loadScored(db, { ...f, includeCalibration: false });
  const months = monthRange(f.fromMonth, f.toMonth);
  const byMonth = new Map(qaRatesBy(evals, (e) => e.month).map((g) => [g.key, g.rates]));
  const series = months.map((m) => {
    const r = byMonth.get(m);
    return {
      month: m,
      evaluations: r?.evaluations ?? 0,
      averageScore: r?.averageScore ?? null,
      fatalRate: r?.fatalRate ?? null,
      nonFatalRate: r?.nonFatalRate ?? null,
    };
  });
  const trend = (k: 'averageScore' | 'fatalRate' | 'nonFatalRate') => linearTrend(series.map((s) => s[k]));
  const keyOf: Record<ReportGroup, (e: ScoredEvaluation) => string | undefined> = {
    agent: (e) => e.agentId,
    team: (e) => e.teamId,
    evaluator: (e) => e.evaluatorId,
    month: (e) => e.month,
  };
  // ids sort as numbers (team 2 before team 10); months sort as text
  const groups = qaRatesBy(evals, keyOf[f.groupBy]).sort((a, b) => (f.groupBy === 'month' ? 0 : Number(a.key) - Number(b.key)));
  const names = await groupNames(
    db,
    f.groupBy,
    groups.map((g) => g.key),
  );
  const labels = await itemLabels(db, f.centerId);
  return {
    months,
    series,
    trend: { averageScore: trend('averageScore'), fatalRate: trend('fatalRate'), nonFatalRate: trend('nonFatalRate') },
    total: qaRates(evals),
    groupBy: f.groupBy,
    groups: groups.map((g) => ({ key: g.key, name: names.get(g.key) ?? g.key, ...g.rates })),
    mostFailed: mostFailedItems(evals, 10).map((i) => ({ ...i, label: labels.get(i.itemId) ?? i.itemId })),
  };
}

async function groupNames(db: Db, by: ReportGroup, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.map(Number).filter(Number.isFinite);
  if (!ids.length || by === 'month') return new Map();
  if (by === 'agent')
    return new Map(
      (await db.selectFrom('agents').select(['id', 'name', 'employee_no']).where('id', 'in', ids).execute()).map((r) => [
        String(r.id),
        `${r.employee_no} ${r.name}`,
      ]),
    );
  if (by === 'team') return new Map((await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [String(r.id), r.name]));
  return new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((r) => [String(r.id), r.display_name]));
}

/** Item id → label over every template version of the center (newest label wins). */
async function itemLabels(db: Db, centerId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('qa_templates').select('definition').where('center_id', '=', centerId).orderBy('id').execute();
  const m = new Map<string, string>();
  for (const r of rows) for (const { item } of templateItems(JSON.parse(r.definition))) m.set(item.id, item.label);
  return m;
}

// ---- coaching (輔導) ----

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

/** The measure a coaching session aims at, for its agents: an item's fail rate, or a KPI figure. */
async function measure(
  db: Db,
  centerId: number,
  c: { sourceKind: string; sourceKey: string; agentIds: number[] },
  window: { months: string[]; sinceMs?: number },
) {
  if (c.sourceKind === 'item') {
    let evals = await loadScored(db, { centerId, agentIds: c.agentIds, fromMonth: window.months[0], toMonth: window.months[window.months.length - 1] });
    if (window.sinceMs !== undefined) {
      const since = window.sinceMs;
      const created = await db
        .selectFrom('qa_evaluations')
        .select(['id', 'created_at'])
        .where('id', 'in', evals.length ? evals.map((e) => Number(e.id)) : [-1])
        .execute();
      const after = new Set(created.filter((r) => r.created_at > since).map((r) => String(r.id)));
      evals = evals.filter((e) => after.has(e.id));
    }
    const s = itemFailStats(evals, c.sourceKey);
    return { value: s.failRate, detail: s };
  }
  const facts = await agentFacts(db, centerId, window.months, { agentIds: c.agentIds });
  const vals = facts.map((f) => f.figures[c.sourceKey as KpiKey]).filter((v): v is number => typeof v === 'number');
  return { value: vals.length ? vals.reduce((a, v) => a + v, 0) / vals.length : null, detail: { agents: vals.length } };
}

/**
 * A coaching session from a failed item or a KPI gap: 1-to-1 correction (exactly one agent) or
 * 1-to-many praise. The "before" measure is stored at creation; the follow-up stores "after".
 */
export async function createCoaching(db: Db, centerId: number, input: CoachingInput, userId: number, now: number) {
  if (input.kind === 'correction' && input.agentIds.length !== 1) throw validationError('agentIds', 'a correction session is 1-to-1: choose exactly one agent');
  if (input.kind === 'praise' && input.agentIds.length < 1) throw validationError('agentIds', 'choose at least one agent');
  if (input.followUpDate < dateOfInstant(now, 'UTC')) throw validationError('followUpDate', 'the follow-up date is in the past');
  const agents = await db.selectFrom('agents').select('id').where('center_id', '=', centerId).where('id', 'in', input.agentIds).execute();
  const unknown = input.agentIds.filter((a) => !agents.some((x) => x.id === a));
  if (unknown.length) throw validationError('agentIds', `agent ${unknown.join(', ')} does not exist`);
  const baseline = await measure(db, centerId, input, { months: [input.month] });
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('qa_coaching')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('qa_coaching_agents')
      .values(input.agentIds.map((agent_id) => ({ coaching_id: row.id, agent_id })))
      .execute();
    await audit(tx, { at: now, userId, action: 'qa.coaching.create', entity: 'qa_coaching', entityId: row.id, detail: input });
    return row.id;
  });
}

export async function listCoaching(db: Db, centerId: number, f: { agentIds?: number[] } = {}) {
  let q = db
    .selectFrom('qa_coaching')
    .innerJoin('users', 'users.id', 'qa_coaching.created_by')
    .selectAll('qa_coaching')
    .select('users.display_name as coach_name')
    .where('qa_coaching.center_id', '=', centerId)
    .orderBy('qa_coaching.id', 'desc');
  if (f.agentIds)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('qa_coaching_agents')
          .select('qa_coaching_agents.agent_id')
          .whereRef('qa_coaching_agents.coaching_id', '=', 'qa_coaching.id')
          .where('qa_coaching_agents.agent_id', 'in', f.agentIds!.length ? f.agentIds! : [-1]),
      ),
    );
  const rows = await q.execute();
  const links = rows.length
    ? await db
        .selectFrom('qa_coaching_agents')
        .innerJoin('agents', 'agents.id', 'qa_coaching_agents.agent_id')
        .select(['coaching_id', 'agent_id', 'agents.name'])
        .where(
          'coaching_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    baseline: JSON.parse(r.baseline),
    follow_up: r.follow_up ? JSON.parse(r.follow_up) : null,
    agents: links.filter((l) => l.coaching_id === r.id).map((l) => ({ id: l.agent_id, name: l.name })),
  }));
}

/**
 * Follow-up: measures again (item fail rate on evaluations since the session; KPI figure in the month
 * of the follow-up, else the month after the session) and compares with the stored "before".
 */
export async function followUpCoaching(db: Db, centerId: number, id: number, note: string, userId: number, now: number) {
  const c = (await listCoaching(db, centerId)).find((x) => x.id === id);
  if (!c) throw notFound(`coaching session ${id}`);
  const agentIds = c.agents.map((a) => a.id);
  const nowMonth = dateOfInstant(now, 'UTC').slice(0, 7);
  const after =
    c.source_kind === 'item'
      ? await measure(
          db,
          centerId,
          { sourceKind: 'item', sourceKey: c.source_key, agentIds },
          { months: monthRange(c.month, nowMonth < c.month ? c.month : nowMonth), sinceMs: c.created_at },
        )
      : await measure(
          db,
          centerId,
          { sourceKind: 'kpi', sourceKey: c.source_key, agentIds },
          { months: [c.follow_up_date.slice(0, 7) > c.month ? c.follow_up_date.slice(0, 7) : shiftMonth(c.month, 1)] },
        );
  const before = c.baseline.value as number | null;
  // lower is better for fail rates; KPI direction is looked up by the caller's plan when shown
  const change = before === null || after.value === null ? null : after.value - before;
  const followUp = { at: now, by: userId, note, before, after: after.value, afterDetail: after.detail, change };
  await withTx(db, async (tx) => {
    await tx
      .updateTable('qa_coaching')
      .set({ state: 'followedUp', follow_up: JSON.stringify(followUp) })
      .where('id', '=', id)
      .execute();
    await audit(tx, { at: now, userId, action: 'qa.coaching.followUp', entity: 'qa_coaching', entityId: id, detail: followUp });
  });
  return followUp;
}
