import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { inScope, type Scope } from '../scope';
import { audit } from '../audit';
import { uniqueAs } from '../errors';
import { conflict, notFound, validationError } from '../../core/errors';
import type { Contract, ShiftTemplate, AgentInput, ScheduleResult } from '../../core/wfm/schedule';
import { checkAgentWeek } from '../../core/wfm/rules';
import { addDays, agentMissing } from '../people/common';

type Db = Kysely<DB>;
const DAY = 86_400_000;
const MIN = 60_000;

// ---------- templates ----------

export function validateTemplate(t: ShiftTemplate): void {
  if (!t.id || !/^[A-Za-z0-9_-]{1,20}$/.test(t.id))
    throw validationError('id', 'template code: 1–20 letters, digits, _ or -', { reason: 'wfm.templateCode', params: { maximum: 20 } });
  if (!(t.spanMin > 0 && t.spanMin <= 16 * 60))
    throw validationError('spanMin', 'must be within (0, 960] minutes', { reason: 'wfm.spanRange', params: { maximum: 960 } });
  if (!(t.startEarliestMin >= 0 && t.startEarliestMin < 1440))
    throw validationError('startEarliestMin', 'must be within [0, 1440)', { reason: 'wfm.minuteOfDay', params: {} });
  if (!(t.startLatestMin >= t.startEarliestMin && t.startLatestMin < 1440))
    throw validationError('startLatestMin', 'must be at or after startEarliestMin and before 1440', { reason: 'wfm.latestBeforeEarliest', params: {} });
  if (!(t.startStepMin > 0 && t.startStepMin % 15 === 0))
    throw validationError('startStepMin', 'must be a positive multiple of 15', { reason: 'wfm.notMultipleOf', params: { step: 15 } });
  let prevEnd = 0;
  t.breaks.forEach((b, i) => {
    if (!(b.durationMin > 0 && b.durationMin % 15 === 0))
      throw validationError(`breaks[${i}].durationMin`, 'must be a positive multiple of 15', { reason: 'wfm.notMultipleOf', params: { step: 15 } });
    if (!(b.earliestStartMin >= prevEnd && b.latestStartMin >= b.earliestStartMin))
      throw validationError(`breaks[${i}].earliestStartMin`, 'break windows must be in order and not overlap', { reason: 'wfm.breaksOverlap', params: {} });
    if (b.latestStartMin + b.durationMin > t.spanMin)
      throw validationError(`breaks[${i}].latestStartMin`, 'the break must end inside the shift', { reason: 'wfm.breakOutsideShift', params: {} });
    prevEnd = b.earliestStartMin + b.durationMin;
  });
}

export async function putTemplate(db: Db, centerId: number, t: ShiftTemplate, userId: number | null, now: number) {
  validateTemplate(t);
  return withTx(db, async (tx) => {
    const old = await tx.selectFrom('wfm_templates').select('id').where('center_id', '=', centerId).where('code', '=', t.id).executeTakeFirst();
    if (old)
      await tx
        .updateTable('wfm_templates')
        .set({ spec: JSON.stringify(t), updated_at: now })
        .where('id', '=', old.id)
        .execute();
    else
      await uniqueAs('id', `template ${t.id} exists`, () =>
        tx
          .insertInto('wfm_templates')
          .values({ center_id: centerId, code: t.id, spec: JSON.stringify(t), updated_at: now })
          .execute(),
      );
    await audit(tx, { at: now, userId, action: old ? 'wfm.template.update' : 'wfm.template.create', entity: 'wfm_template', entityId: t.id, detail: t });
  });
}

export async function listTemplates(db: Db, centerId: number): Promise<ShiftTemplate[]> {
  const rows = await db.selectFrom('wfm_templates').select('spec').where('center_id', '=', centerId).orderBy('code').execute();
  return rows.map((r) => JSON.parse(r.spec));
}

// ---------- contracts, preferences, leave ----------

export interface ContractRecord {
  agentId: number;
  contract: Contract;
  skills: string[];
  /** proficiency per skill, 1..5 (migration 047); a skill in `skills` without a level is level 3 */
  skillLevels?: Record<string, number>;
  preferences: { daysOff?: number[]; startMin?: number };
}

/** Contradictory contracts are refused with the field named. */
export function validateContract(c: Contract): void {
  const num = (f: keyof Contract, lo: number, hi: number) => {
    const v = c[f] as number | undefined;
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi)
      throw validationError(`contract.${f}`, `must be within [${lo}, ${hi}], got ${v}`, {
        reason: 'input.between',
        params: { minimum: lo, maximum: hi, value: String(v) },
      });
  };
  num('minHoursWeek', 0, 168);
  num('maxHoursWeek', 0, 168);
  num('minDaysOff', 0, 7);
  num('earliestStartMin', 0, 1439);
  num('latestStartMin', 0, 1439);
  num('minRestHours', 0, 48);
  if (c.minHoursWeek > c.maxHoursWeek)
    throw validationError('contract.minHoursWeek', `minimum ${c.minHoursWeek} h is above the maximum ${c.maxHoursWeek} h`, {
      reason: 'wfm.minHoursAboveMax',
      params: { min: c.minHoursWeek, max: c.maxHoursWeek },
    });
  if (c.earliestStartMin > c.latestStartMin)
    throw validationError('contract.earliestStartMin', 'earliest start is after the latest start', { reason: 'wfm.latestBeforeEarliest', params: {} });
  if (c.minDaysOff === 7 && c.minHoursWeek > 0)
    throw validationError('contract.minDaysOff', 'seven days off leave no time for the minimum hours', { reason: 'wfm.noTimeForMinHours', params: {} });
}

/** A level is for one of the agent's skills and is a whole number 1..5 (issue 15). */
export function validateSkillLevels(skills: string[], levels: Record<string, number> | undefined): void {
  for (const [skill, level] of Object.entries(levels ?? {})) {
    if (!skills.includes(skill))
      throw validationError(`skillLevels.${skill}`, `a level for ${skill}, which is not among the skills`, {
        reason: 'wfm.levelWithoutSkill',
        params: { skill },
      });
    if (!Number.isInteger(level) || level < 1 || level > 5)
      throw validationError(`skillLevels.${skill}`, `must be a whole number within [1, 5], got ${level}`, {
        reason: 'input.between',
        params: { minimum: 1, maximum: 5, value: String(level) },
      });
  }
}

export async function putContract(db: Db, r: ContractRecord, userId: number | null, now: number) {
  validateContract(r.contract);
  validateSkillLevels(r.skills ?? [], r.skillLevels);
  await withTx(db, async (tx) => {
    const a = await tx.selectFrom('agents').select('id').where('id', '=', r.agentId).executeTakeFirst();
    if (!a) throw notFound('agent', r.agentId);
    const values = {
      spec: JSON.stringify(r.contract),
      skills: JSON.stringify(r.skills ?? []),
      skill_levels: JSON.stringify(r.skillLevels ?? {}),
      preferences: JSON.stringify(r.preferences ?? {}),
      updated_at: now,
    };
    const old = await tx.selectFrom('wfm_contracts').select('agent_id').where('agent_id', '=', r.agentId).executeTakeFirst();
    if (old) await tx.updateTable('wfm_contracts').set(values).where('agent_id', '=', r.agentId).execute();
    else
      await tx
        .insertInto('wfm_contracts')
        .values({ agent_id: r.agentId, ...values })
        .execute();
    await audit(tx, { at: now, userId, action: 'wfm.contract.put', entity: 'agent', entityId: r.agentId, detail: r });
  });
}

export async function listContracts(db: Db, agentIds?: number[]): Promise<ContractRecord[]> {
  let q = db.selectFrom('wfm_contracts').selectAll().orderBy('agent_id');
  if (agentIds) q = q.where('agent_id', 'in', agentIds.length ? agentIds : [-1]);
  return (await q.execute()).map((r) => ({
    agentId: r.agent_id,
    contract: JSON.parse(r.spec),
    skills: JSON.parse(r.skills),
    skillLevels: JSON.parse(r.skill_levels) as Record<string, number>,
    preferences: JSON.parse(r.preferences),
  }));
}

export async function addLeave(db: Db, agentId: number, date: string, kind: string, userId: number | null, now: number) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw validationError('date', 'must be YYYY-MM-DD', { reason: 'input.badDate', params: { field: 'date', value: date } });
  return withTx(db, async (tx) => {
    const row = await uniqueAs('date', `agent ${agentId} already has leave on ${date}`, () =>
      tx.insertInto('wfm_leave').values({ agent_id: agentId, date, kind, created_at: now }).returning('id').executeTakeFirstOrThrow(),
    );
    await audit(tx, { at: now, userId, action: 'wfm.leave.approve', entity: 'agent', entityId: agentId, detail: { date, kind } });
    return row.id;
  });
}

export const listLeave = (db: Db, fromDate: string, toDate: string) =>
  db.selectFrom('wfm_leave').selectAll().where('date', '>=', fromDate).where('date', '<=', toDate).orderBy('date').execute();

/** Leave with the agent's name, newest date first (the planner's leave list). */
export const listLeaveWithNames = (db: Db, f: { centerId: number; fromDate?: string }) => {
  let q = db
    .selectFrom('wfm_leave')
    .innerJoin('agents', 'agents.id', 'wfm_leave.agent_id')
    .selectAll('wfm_leave')
    .select('agents.name')
    .where('agents.center_id', '=', f.centerId)
    .orderBy('wfm_leave.date', 'desc')
    .orderBy('wfm_leave.id', 'desc')
    .limit(500);
  if (f.fromDate) q = q.where('wfm_leave.date', '>=', f.fromDate);
  return q.execute();
};

// ---------- requirement curves ----------

export async function createRequirement(
  db: Db,
  r: {
    centerId: number;
    weekStart: string;
    intervalMin: number;
    required: number[];
    source: string;
    byQueue?: Record<string, number[]>;
    /** a multi-skill plan fills it when it ends (migration 054): until then no run may start on it */
    pending?: boolean;
    /**
     * the shrinkage it was computed with (migration 059): the sum and the leave category's share; the
     * planned-activity share (migration 060); omitted or null: not known
     */
    shrinkage?: { total: number | null; leave: number | null; activity?: number | null } | null;
  },
  userId: number | null,
  now: number,
) {
  const n = (7 * 1440) / r.intervalMin;
  if (r.required.length !== n)
    throw validationError('required', `needs ${n} values (7 days × ${1440 / r.intervalMin} intervals), got ${r.required.length}`, {
      reason: 'wfm.requirementLength',
      params: { expected: n, perDay: 1440 / r.intervalMin, got: r.required.length },
    });
  r.required.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) throw validationError(`required[${i}]`, 'must be a number >= 0', { reason: 'input.tooSmall', params: { minimum: 0 } });
  });
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('wfm_requirements')
      .values({
        center_id: r.centerId,
        week_start: r.weekStart,
        interval_min: r.intervalMin,
        required: JSON.stringify(r.required),
        by_queue: r.byQueue ? JSON.stringify(r.byQueue) : null,
        source: r.source,
        created_by: userId,
        created_at: now,
        pending: r.pending ? 1 : 0,
        shrinkage_total: r.shrinkage?.total ?? null,
        shrinkage_leave: r.shrinkage?.total == null ? null : (r.shrinkage.leave ?? null),
        shrinkage_activity: r.shrinkage?.total == null ? null : (r.shrinkage.activity ?? null),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: now,
      userId,
      action: 'wfm.requirement.create',
      entity: 'wfm_requirement',
      entityId: row.id,
      detail: { weekStart: r.weekStart, source: r.source },
    });
    return row.id;
  });
}

export async function getRequirement(db: Db, id: number) {
  const r = await db.selectFrom('wfm_requirements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('requirement', id);
  return {
    ...r,
    pending: Number(r.pending) === 1,
    required: JSON.parse(r.required) as number[],
    byQueue: r.by_queue ? (JSON.parse(r.by_queue) as Record<string, number[]>) : null,
    shrinkage: shrinkageOf(r),
  };
}

/** A requirement row's stored shrinkage (migrations 059, 060), numbers as numbers (PostgreSQL's double precision included). */
export const shrinkageOf = (r: { shrinkage_total: number | null; shrinkage_leave: number | null; shrinkage_activity: number | null }) => ({
  total: r.shrinkage_total == null ? null : Number(r.shrinkage_total),
  leave: r.shrinkage_leave == null ? null : Number(r.shrinkage_leave),
  activity: r.shrinkage_activity == null ? null : Number(r.shrinkage_activity),
});

export const listRequirements = async (db: Db, f: { centerId: number; weekStart?: string }) => {
  let q = db
    .selectFrom('wfm_requirements')
    .select(['id', 'week_start', 'interval_min', 'source', 'created_at', 'by_queue', 'pending', 'shrinkage_total', 'shrinkage_leave', 'shrinkage_activity'])
    .where('center_id', '=', f.centerId)
    .orderBy('id', 'desc')
    .limit(50);
  if (f.weekStart) q = q.where('week_start', '=', f.weekStart);
  return (await q.execute()).map(({ by_queue, pending, shrinkage_total, shrinkage_leave, shrinkage_activity, ...r }) => ({
    ...r,
    queues: by_queue ? Object.keys(JSON.parse(by_queue) as object) : [],
    pending: Number(pending) === 1,
    shrinkage: shrinkageOf({ shrinkage_total, shrinkage_leave, shrinkage_activity }),
  }));
};

// ---------- schedule runs and shifts ----------

type NewRun = { centerId: number; weekStart: string; requirementId: number; timeLimitS: number };

async function insertRun(tx: Db, r: NewRun, plan: { id: number | null; week: number; weeks: number } | null, userId: number | null, now: number) {
  const row = await tx
    .insertInto('wfm_schedule_runs')
    .values({
      center_id: r.centerId,
      week_start: r.weekStart,
      requirement_id: r.requirementId,
      status: 'running',
      progress: JSON.stringify({ phase: 'queued', startedAt: now }),
      time_limit_s: r.timeLimitS,
      created_by: userId,
      created_at: now,
      ...(plan ? { plan_id: plan.id, plan_week: plan.week, plan_weeks: plan.weeks } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, {
    at: now,
    userId,
    action: 'wfm.schedule.run',
    entity: 'wfm_schedule_run',
    entityId: row.id,
    detail: plan ? { ...r, planWeek: plan.week } : r,
  });
  return row.id;
}

/** A run refused when its requirement is still being computed (a multi-skill plan's, migration 054). */
export async function assertRequirementReady(tx: Db, requirementId: number) {
  const q = await tx.selectFrom('wfm_requirements').select(['pending', 'week_start']).where('id', '=', requirementId).executeTakeFirst();
  if (!q || Number(q.pending) !== 1) return;
  const by = await tx
    .selectFrom('wfm_schedule_runs')
    .select(['id', 'status'])
    .where('requirement_id', '=', requirementId)
    .orderBy('id', 'asc')
    .executeTakeFirst();
  throw conflict(`requirement ${requirementId} is still being computed by multi-skill plan run ${by?.id ?? '?'} (${by?.status ?? 'gone'})`, 'requirementId', {
    reason: 'wfm.requirementPending',
    params: { requirementId, runId: by?.id ?? 0, weekStart: q.week_start },
  });
}

/** A run for a week's requirement (refused while the requirement is pending). `pendingOk`: the multi-skill plan that fills it. */
export async function createRun(db: Db, r: NewRun, userId: number | null, now: number, opts: { pendingOk?: boolean } = {}) {
  return withTx(db, async (tx) => {
    if (!opts.pendingOk) await assertRequirementReady(tx, r.requirementId);
    return insertRun(tx, r, null, userId, now);
  });
}

/**
 * The runs of an N-week plan (issue 15), one per week in week order, in one transaction: each holds the plan's id
 * (its week-1 run's), its week 1..N and N (migration 054). A week whose requirement is pending is refused.
 */
export async function createPlanRuns(db: Db, weeks: NewRun[], userId: number | null, now: number): Promise<number[]> {
  return withTx(db, async (tx) => {
    for (const w of weeks) await assertRequirementReady(tx, w.requirementId);
    const ids: number[] = [];
    for (const [k, w] of weeks.entries()) {
      const id = await insertRun(tx, w, { id: ids[0] ?? null, week: k + 1, weeks: weeks.length }, userId, now);
      if (k === 0) await tx.updateTable('wfm_schedule_runs').set({ plan_id: id }).where('id', '=', id).execute();
      ids.push(id);
    }
    return ids;
  });
}

export const setRunProgress = (db: Db, id: number, progress: unknown) =>
  db
    .updateTable('wfm_schedule_runs')
    .set({ progress: JSON.stringify(progress) })
    .where('id', '=', id)
    .execute();

/** A run that failed: its message, and the refusal's reason and params when it has one (kept in its progress, for the page's words). */
export const failRun = (db: Db, id: number, error: string, now: number, detail?: { reason: string; params: Record<string, unknown> }) =>
  db
    .updateTable('wfm_schedule_runs')
    .set({ status: 'failed', error, finished_at: now, ...(detail ? { progress: JSON.stringify({ phase: 'failed', ...detail }) } : {}) })
    .where('id', '=', id)
    .execute();

/** What a multi-skill plan (issue 15) stores beside its shifts. */
export interface MultiSkillFinish {
  /** the queues each agent (by input key) answers: the skills of their skill group */
  queuesOf: Map<string, string[]>;
  /** the plan's figures, kept in the run's summary as `multiSkill` */
  summary: Record<string, unknown>;
  /** the run's requirement (created empty when the run started) gets the curve the plan asked for */
  requirement: { id: number; required: number[] };
}

/** Stores the optimiser's shifts (absolute times) and summary in one transaction. */
export async function finishRun(
  db: Db,
  id: number,
  weekStartTs: number,
  agentIdByKey: Map<string, number>,
  result: ScheduleResult,
  now: number,
  multi?: MultiSkillFinish,
) {
  await withTx(db, async (tx) => {
    const rows = [];
    for (const a of result.agents) {
      const agentId = agentIdByKey.get(a.agentId);
      if (agentId === undefined) continue;
      for (const s of a.days) {
        if (!s) continue;
        rows.push({
          run_id: id,
          agent_id: agentId,
          day: s.day,
          kind: 'shift',
          template_code: s.templateId,
          start_ts: weekStartTs + s.startMin * MIN,
          end_ts: weekStartTs + s.endMin * MIN,
          paid_hours: s.paidHours,
          activities: JSON.stringify(
            s.activities.map((x) => ({ kind: x.kind, start: weekStartTs + x.startMin * MIN, end: weekStartTs + x.endMin * MIN, paid: x.paid })),
          ),
          updated_at: now,
          ...(multi ? { queues: JSON.stringify(multi.queuesOf.get(a.agentId) ?? []) } : {}),
        });
      }
    }
    for (let i = 0; i < rows.length; i += 200)
      await tx
        .insertInto('wfm_shifts')
        .values(rows.slice(i, i + 200))
        .execute();
    const summary = {
      objective: result.objective,
      lpBound: result.lpBound,
      gap: result.gap,
      stage1: result.stage1,
      unassignedPatternShifts: result.unassignedPatternShifts,
      warnings: result.warnings.slice(0, 50),
      shifts: rows.length,
      ...(multi ? { multiSkill: multi.summary } : {}),
    };
    if (multi)
      await tx
        .updateTable('wfm_requirements')
        .set({ required: JSON.stringify(multi.requirement.required), pending: 0 })
        .where('id', '=', multi.requirement.id)
        .execute();
    await tx
      .updateTable('wfm_schedule_runs')
      .set({ status: 'done', summary: JSON.stringify(summary), finished_at: now })
      .where('id', '=', id)
      .execute();
  });
}

export async function getRun(db: Db, id: number) {
  const r = await db.selectFrom('wfm_schedule_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('scheduleRun', id);
  return { ...r, progress: JSON.parse(r.progress), summary: r.summary ? JSON.parse(r.summary) : null };
}

/** Week `week` (1..N) of a plan (migration 054), or undefined. */
export const planRun = (db: Db, planId: number, week: number) =>
  db.selectFrom('wfm_schedule_runs').select(['id', 'status', 'week_start']).where('plan_id', '=', planId).where('plan_week', '=', week).executeTakeFirst();

/** The agents with a shift in a run. */
export async function agentsOfRun(db: Db, runId: number): Promise<number[]> {
  const rows = await db.selectFrom('wfm_shifts').select('agent_id').distinct().where('run_id', '=', runId).execute();
  return rows.map((r) => r.agent_id);
}

export const listRuns = (db: Db, centerId: number) =>
  db
    .selectFrom('wfm_schedule_runs')
    .select(['id', 'week_start', 'status', 'created_at', 'finished_at', 'published_at', 'requirement_id', 'plan_id', 'plan_week', 'plan_weeks'])
    .where('center_id', '=', centerId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

/**
 * Publishes a finished run (the week's published one before it is superseded). Week k of an N-week plan was planned
 * on the plan's week k−1 (its carry: days in a row, rest, Sunday-night shifts), so it is published only when that
 * week is the published schedule of its week: refused (`wfm.planWeekUnpublished`) while it is a draft, or when
 * another run has replaced it (then the plan's later weeks are dead: plan them again). `withEarlier`: publish the
 * plan's earlier draft weeks first, in week order, in the same transaction ("publish every week").
 * Answers the runs published, in week order.
 */
export async function publishRun(db: Db, id: number, userId: number | null, now: number, opts: { withEarlier?: boolean } = {}) {
  return withTx(db, async (tx) => {
    const r = await tx.selectFrom('wfm_schedule_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('scheduleRun', id);
    const notDone = (x: { id: number; status: string }) =>
      conflict(`schedule run ${x.id} is ${x.status}; only a finished run can be published`, 'status', { reason: 'wfm.runNotDone', params: { id: x.id } });
    if (r.status !== 'done') throw notDone(r);
    const drafts: { id: number; week_start: string }[] = [];
    if (r.plan_id !== null && (r.plan_week ?? 1) > 1) {
      const before = await tx
        .selectFrom('wfm_schedule_runs')
        .select(['id', 'status', 'week_start', 'plan_week'])
        .where('plan_id', '=', r.plan_id)
        .where('plan_week', '<', r.plan_week!)
        .orderBy('plan_week', 'desc')
        .execute();
      // walk back from week k−1 while a week is not published yet
      for (const b of before) {
        if (b.status === 'published') break;
        if (!opts.withEarlier || b.status !== 'done')
          throw conflict(
            `week ${b.plan_week} of this plan (${b.week_start}, run ${b.id}) is ${b.status === 'done' ? 'an unpublished draft' : b.status}: publish it first, or publish every week of the plan`,
            'status',
            { reason: 'wfm.planWeekUnpublished', params: { n: b.plan_week ?? 0, week: b.week_start, runId: b.id, k: r.plan_week ?? 0 } },
          );
        drafts.unshift(b);
      }
    }
    const order = [...drafts, { id: r.id, week_start: r.week_start }];
    for (const x of order) {
      // one published schedule per week: the earlier one is superseded
      await tx
        .updateTable('wfm_schedule_runs')
        .set({ status: 'superseded' })
        .where('center_id', '=', r.center_id)
        .where('week_start', '=', x.week_start)
        .where('status', '=', 'published')
        .execute();
      await tx.updateTable('wfm_schedule_runs').set({ status: 'published', published_at: now, published_by: userId }).where('id', '=', x.id).execute();
      await audit(tx, { at: now, userId, action: 'wfm.schedule.publish', entity: 'wfm_schedule_run', entityId: x.id, detail: { weekStart: x.week_start } });
    }
    return order.map((x) => ({ id: x.id, weekStart: x.week_start }));
  });
}

export interface ShiftRow {
  id: number;
  runId: number;
  agentId: number;
  day: number;
  kind: string;
  templateCode: string;
  start: number;
  end: number;
  paidHours: number;
  activities: { kind: string; start: number; end: number; paid: boolean }[];
  /** Last change (epoch ms, strictly increasing per change): the version a hand edit is based on. */
  updatedAt: number;
  /** the queues the shift answers (a multi-skill plan's shift); absent: single-skill */
  queues?: string[];
}

const toShift = (r: DB['wfm_shifts'] & { id: number }): ShiftRow => ({
  id: r.id,
  runId: r.run_id,
  agentId: r.agent_id,
  day: r.day,
  kind: r.kind,
  templateCode: r.template_code,
  start: Number(r.start_ts),
  end: Number(r.end_ts),
  paidHours: r.paid_hours,
  activities: JSON.parse(r.activities),
  updatedAt: Number(r.updated_at),
  ...(r.queues ? { queues: JSON.parse(r.queues) as string[] } : {}),
});

/** The stamp of a shift's next change: now, but always after the previous one so it works as a version. */
const nextStamp = (s: ShiftRow, now: number) => Math.max(now, s.updatedAt + 1);

function staleShift(s: { id: number; updatedAt: number }, base: number) {
  return conflict(
    `baseUpdatedAt: shift ${s.id} was changed by someone else since this edit started (${base} → ${s.updatedAt}); reload and try again`,
    'baseUpdatedAt',
    {
      reason: 'wfm.staleShift',
      params: { field: 'baseUpdatedAt', shiftId: s.id },
    },
  );
}

export async function listShifts(
  db: Db,
  f: { runId?: number; agentIds?: number[]; from?: number; to?: number; publishedOnly?: boolean; centerId?: number },
): Promise<ShiftRow[]> {
  let q = db
    .selectFrom('wfm_shifts')
    .innerJoin('wfm_schedule_runs as r', 'r.id', 'wfm_shifts.run_id')
    .selectAll('wfm_shifts')
    .orderBy('wfm_shifts.start_ts')
    .orderBy('wfm_shifts.agent_id');
  if (f.runId !== undefined) q = q.where('wfm_shifts.run_id', '=', f.runId);
  if (f.agentIds) q = q.where('wfm_shifts.agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  if (f.from !== undefined) q = q.where('wfm_shifts.end_ts', '>', f.from);
  if (f.to !== undefined) q = q.where('wfm_shifts.start_ts', '<', f.to);
  if (f.publishedOnly) q = q.where('r.status', '=', 'published');
  if (f.centerId !== undefined) q = q.where('r.center_id', '=', f.centerId);
  return (await q.execute()).map((r) => toShift(r as DB['wfm_shifts'] & { id: number }));
}

export async function getShift(db: Db, id: number): Promise<ShiftRow> {
  const r = await db.selectFrom('wfm_shifts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('shift', id);
  return toShift(r as DB['wfm_shifts'] & { id: number });
}

/** Checks an agent's week in a run after a change; throws a validation error naming the first broken rule (also for an accepted intraday offer). */
export async function assertWeekOk(tx: Db, runId: number, agentId: number, shifts: ShiftRow[], opts: { checkMinHours: boolean; tzOffsetMin: number }) {
  const run = await tx.selectFrom('wfm_schedule_runs').select(['week_start']).where('id', '=', runId).executeTakeFirstOrThrow();
  const [c] = await listContracts(tx, [agentId]);
  if (!c) throw validationError('agentId', `agent ${agentId} has no contract`, { reason: 'wfm.noContract', params: { agentId } });
  const ws = Date.parse(`${run.week_start}T00:00:00Z`) - opts.tzOffsetMin * MIN;
  const weekEnd = ws + 7 * DAY;
  const leave = await tx.selectFrom('wfm_leave').select('date').where('agent_id', '=', agentId).execute();
  const leaveDays = leave.map((l) => (Date.parse(`${l.date}T00:00:00Z`) - opts.tzOffsetMin * MIN - ws) / DAY).filter((d) => d >= 0 && d < 7);
  const week = shifts
    .filter((s) => s.kind === 'shift' && s.start >= ws && s.start < weekEnd)
    .map((s) => ({ startMin: (s.start - ws) / MIN, endMin: (s.end - ws) / MIN, paidHours: s.paidHours }));
  const v = checkAgentWeek(c.contract, week, leaveDays, { checkMinHours: opts.checkMinHours });
  if (v.length) {
    // the web names the rule and, for a rule about one day, that day's date
    const { rule, message, params } = v[0]!;
    const named: Record<string, string | number> = { ...params, agentId };
    if (typeof params.day === 'number') named.date = addDays(run.week_start, params.day);
    throw validationError(`contract.${rule}`, message, { reason: `wfm.contract.${rule}`, params: named });
  }
}

/**
 * Planner's hand edit: move a shift to another start (same length, breaks move with it); contract rules re-checked.
 * Optimistic concurrency (issue 10): `baseUpdatedAt` is the shift's `updatedAt` the edit started from; when the
 * shift changed since (another move, an approved swap), 409 `wfm.staleShift` and nothing is written.
 */
export async function moveShift(db: Db, id: number, newStart: number, userId: number | null, now: number, tzOffsetMin: number, baseUpdatedAt?: number) {
  await withTx(db, async (tx) => {
    const s = await getShift(tx, id);
    if (baseUpdatedAt !== undefined && s.updatedAt !== baseUpdatedAt) throw staleShift(s, baseUpdatedAt);
    const delta = newStart - s.start;
    const moved: ShiftRow = {
      ...s,
      start: s.start + delta,
      end: s.end + delta,
      activities: s.activities.map((a) => ({ ...a, start: a.start + delta, end: a.end + delta })),
    };
    const others = (await listShifts(tx, { runId: s.runId, agentIds: [s.agentId] })).filter((x) => x.id !== id);
    await assertWeekOk(tx, s.runId, s.agentId, [...others, moved], { checkMinHours: false, tzOffsetMin });
    const run = await tx.selectFrom('wfm_schedule_runs').select('week_start').where('id', '=', s.runId).executeTakeFirstOrThrow();
    const ws = Date.parse(`${run.week_start}T00:00:00Z`) - tzOffsetMin * MIN;
    // conditional on the version read above: a concurrent edit that committed first makes this one stale
    const r = await tx
      .updateTable('wfm_shifts')
      .set({
        start_ts: moved.start,
        end_ts: moved.end,
        day: Math.floor((moved.start - ws) / DAY),
        activities: JSON.stringify(moved.activities),
        updated_at: nextStamp(s, now),
      })
      .where('id', '=', id)
      .where('updated_at', '=', s.updatedAt)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleShift(await getShift(tx, id), baseUpdatedAt ?? s.updatedAt);
    await audit(tx, {
      at: now,
      userId,
      action: 'wfm.shift.edit',
      entity: 'wfm_shift',
      entityId: id,
      detail: { from: s.start, to: moved.start, agentId: s.agentId },
    });
  });
}

// ---------- swaps (team-lead approval) ----------

export async function requestSwap(db: Db, shiftId: number, fromAgentId: number, toAgentId: number, note: string | null, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const s = await getShift(tx, shiftId);
    if (s.agentId !== fromAgentId) throw validationError('shiftId', 'the shift is not yours', { reason: 'wfm.shiftNotYours', params: {} });
    if (toAgentId === fromAgentId) throw validationError('toAgentId', 'must be another agent', { reason: 'wfm.swapSameAgent', params: {} });
    const to = await tx.selectFrom('agents').select('id').where('id', '=', toAgentId).executeTakeFirst();
    if (!to) throw agentMissing('toAgentId', toAgentId);
    const pending = await tx.selectFrom('wfm_swaps').select('id').where('shift_id', '=', shiftId).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw conflict(`shift ${shiftId} already has a pending swap request`, 'shiftId', { reason: 'wfm.swapPending', params: { id: shiftId } });
    const row = await tx
      .insertInto('wfm_swaps')
      .values({ shift_id: shiftId, from_agent_id: fromAgentId, to_agent_id: toAgentId, status: 'pending', note, requested_by: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'wfm.swap.request', entity: 'wfm_swap', entityId: row.id, detail: { shiftId, fromAgentId, toAgentId } });
    return row.id;
  });
}

export async function getSwap(db: Db, id: number) {
  const r = await db.selectFrom('wfm_swaps').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('swap', id);
  return r;
}

/** Swaps the scope sees: a center's, its teams' (by the giving agent's team), or one agent's (either side). */
export async function listSwaps(db: Db, f: { scope: Scope; status?: string }) {
  let q = db
    .selectFrom('wfm_swaps')
    .innerJoin('wfm_shifts as s', 's.id', 'wfm_swaps.shift_id')
    .innerJoin('agents as fa', 'fa.id', 'wfm_swaps.from_agent_id')
    .innerJoin('agents as ta', 'ta.id', 'wfm_swaps.to_agent_id')
    .select([
      'wfm_swaps.id',
      'wfm_swaps.shift_id',
      'wfm_swaps.from_agent_id',
      'wfm_swaps.to_agent_id',
      'wfm_swaps.status',
      'wfm_swaps.note',
      'wfm_swaps.created_at',
      's.start_ts',
      's.end_ts',
      'fa.name as from_name',
      'ta.name as to_name',
      'fa.team_id as team_id',
    ])
    .orderBy('wfm_swaps.id', 'desc');
  const scope = f.scope;
  if (scope.kind === 'self')
    q = q
      .where('fa.center_id', '=', scope.centerId)
      .where((eb) => eb.or([inScope(scope, { agent: 'wfm_swaps.from_agent_id' })(eb), inScope(scope, { agent: 'wfm_swaps.to_agent_id' })(eb)]));
  else q = q.where(inScope(scope, { center: 'fa.center_id', team: 'fa.team_id' }));
  if (f.status) q = q.where('wfm_swaps.status', '=', f.status);
  return q.execute();
}

/** Team lead's decision. Approving moves the shift to the other agent after re-checking both contracts. */
export async function decideSwap(db: Db, id: number, approve: boolean, userId: number | null, now: number, tzOffsetMin: number) {
  await withTx(db, async (tx) => {
    const sw = await getSwap(tx, id);
    if (sw.status !== 'pending') throw conflict(`swap ${id} is already ${sw.status}`, 'status', { reason: 'wfm.swapDecided', params: { id } });
    if (approve) {
      const s = await getShift(tx, sw.shift_id);
      if (s.agentId !== sw.from_agent_id)
        throw conflict('the shift has changed hands since the request', 'shiftId', { reason: 'wfm.swapShiftMoved', params: { id: sw.shift_id } });
      const receiver = await listShifts(tx, { runId: s.runId, agentIds: [sw.to_agent_id] });
      await assertWeekOk(tx, s.runId, sw.to_agent_id, [...receiver, { ...s, agentId: sw.to_agent_id }], { checkMinHours: false, tzOffsetMin });
      await tx
        .updateTable('wfm_shifts')
        .set({ agent_id: sw.to_agent_id, updated_at: nextStamp(s, now) })
        .where('id', '=', s.id)
        .execute();
    }
    await tx
      .updateTable('wfm_swaps')
      .set({ status: approve ? 'approved' : 'rejected', decided_by: userId, decided_at: now })
      .where('id', '=', id)
      .execute();
    await audit(tx, {
      at: now,
      userId,
      action: approve ? 'wfm.swap.approve' : 'wfm.swap.reject',
      entity: 'wfm_swap',
      entityId: id,
      detail: { shiftId: sw.shift_id, from: sw.from_agent_id, to: sw.to_agent_id },
    });
  });
}

/** Everything the optimiser needs for a week, keyed by agent id as a string. */
export async function scheduleInputFor(db: Db, centerId: number, weekStart: string) {
  const templates = await listTemplates(db, centerId);
  const contracts = await listContracts(db);
  const active = await db.selectFrom('agents').select(['id']).where('center_id', '=', centerId).where('status', '=', 'active').execute();
  const activeIds = new Set(active.map((a) => a.id));
  const ws = Date.parse(`${weekStart}T00:00:00Z`);
  const end = new Date(ws + 6 * DAY).toISOString().slice(0, 10);
  const leave = await listLeave(db, weekStart, end);
  const agents: AgentInput[] = contracts
    .filter((c) => activeIds.has(c.agentId))
    .map((c) => ({
      id: String(c.agentId),
      contract: c.contract,
      skills: c.skills,
      leaveDays: leave.filter((l) => l.agent_id === c.agentId).map((l) => (Date.parse(`${l.date}T00:00:00Z`) - ws) / DAY),
      preferences: c.preferences,
    }));
  return { templates, agents };
}

// ---------- shrinkage by category (migration 048) ----------

/** A center's planned shrinkage, one row a category. */
export async function listShrinkage(db: Db, centerId: number): Promise<{ category: string; fraction: number }[]> {
  const rows = await db.selectFrom('wfm_shrinkage').select(['category', 'fraction']).where('center_id', '=', centerId).orderBy('category').execute();
  return rows.map((r) => ({ category: r.category, fraction: Number(r.fraction) }));
}

/** Replaces a center's categories (checked by the caller), in one transaction. */
export async function putShrinkage(db: Db, centerId: number, items: { category: string; fraction: number }[], userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    await tx.deleteFrom('wfm_shrinkage').where('center_id', '=', centerId).execute();
    if (items.length)
      await tx
        .insertInto('wfm_shrinkage')
        .values(items.map((i) => ({ center_id: centerId, category: i.category, fraction: i.fraction, updated_by: userId, updated_at: now })))
        .execute();
    await audit(tx, { at: now, userId, action: 'wfm.shrinkage.put', entity: 'center', entityId: centerId, detail: { categories: items } });
  });
}
