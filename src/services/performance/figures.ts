/**
 * Performance figures (issue 13): the month a center is in, the stored figures a reader may see,
 * and overrides loaded by hand (API, CSV, command line) or computed from the live floor.
 */
import { validationError } from '../../core/errors';
import { dateOfInstant, parseFiguresCsv, shiftMonth, type KpiKey } from '../../core/performance/index';
import { agentFacts, upsertFigures, type FigureInput } from '../../store/performance/figures';
import { computeLiveFigures } from '../../store/performance/liveFigures';
import { agentIdsByEmployeeNo, centerTimezone } from '../../store/quality/lookup';
import { fieldErrors } from '../../store/quality/templates';
import type { Actor, ServiceDeps } from '../context';
import { assertSeesAgent } from '../platform/org';

/** The month the actor's center is in now (its time zone). */
export async function centerMonth(deps: ServiceDeps, actor: Actor): Promise<string> {
  return dateOfInstant(deps.now(), await centerTimezone(deps.store.db, actor.scope.centerId)).slice(0, 7);
}

/** The month shown by default: the last closed month. */
export const lastClosedMonth = async (deps: ServiceDeps, actor: Actor) => shiftMonth(await centerMonth(deps, actor), -1);

/** Stored figures of a month per agent the actor sees (missing figures are absent, never 0). */
export async function monthFigures(deps: ServiceDeps, actor: Actor, q: { month?: string; agentId?: number }) {
  const month = q.month ?? (await lastClosedMonth(deps, actor));
  if (q.agentId) await assertSeesAgent(deps, actor, q.agentId);
  const facts = await agentFacts(deps.store.db, actor.scope.centerId, [month], {
    agentIds: q.agentId ? [q.agentId] : undefined,
    scope: actor.scope,
    now: deps.now(),
  });
  return { month, agents: facts.map(({ components: _c, ...f }) => f) };
}

/** Where a batch of overrides came from, for the audit log. */
export type FigureSource = 'api' | 'csv' | 'cli';

export interface FigureOverride {
  agentId?: number;
  employeeNo?: string;
  month: string;
  kpi: KpiKey;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** Loads overrides (by agent id or employee number), all or nothing; returns how many were stored. */
export async function loadFigures(deps: ServiceDeps, actor: Actor, figures: readonly FigureOverride[], source: FigureSource = 'api') {
  const centerId = actor.scope.centerId;
  const byNo = await agentIdsByEmployeeNo(deps.store.db, centerId);
  const rows: FigureInput[] = figures.map((f, i) => {
    const agentId = f.agentId ?? byNo.get(f.employeeNo!);
    if (agentId === undefined)
      throw validationError(`body.figures[${i}].employeeNo`, `no agent with employee number "${f.employeeNo}"`, {
        reason: 'perf.unknownEmployeeNo',
        params: { employeeNo: f.employeeNo ?? null },
      });
    return { agentId, month: f.month, kpi: f.kpi, value: f.value ?? null, numerator: f.numerator ?? null, denominator: f.denominator ?? null };
  });
  return { stored: await upsertFigures(deps.store.db, centerId, rows, source, actor.userId, deps.now()) };
}

/** Loads overrides from CSV text (employeeNo,month,kpi,value[,numerator,denominator]); a bad line is named and nothing is stored. */
export async function loadFiguresCsv(deps: ServiceDeps, actor: Actor, csv: string, source: FigureSource = 'csv') {
  const centerId = actor.scope.centerId;
  const parsed = parseFiguresCsv(csv);
  if (!parsed.ok) throw fieldErrors('csv', parsed.errors.slice(0, 20));
  const byNo = await agentIdsByEmployeeNo(deps.store.db, centerId);
  const unknown = parsed.rows.filter((r) => !byNo.has(r.employeeNo));
  if (unknown.length)
    throw fieldErrors(
      'csv',
      unknown.slice(0, 20).map((r) => ({ path: `line ${r.line}, employeeNo`, message: `no agent with employee number "${r.employeeNo}"` })),
    );
  const rows = parsed.rows.map((r) => ({
    agentId: byNo.get(r.employeeNo)!,
    month: r.month,
    kpi: r.kpi,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
  }));
  return { stored: await upsertFigures(deps.store.db, centerId, rows, source, actor.userId, deps.now()) };
}

/** Computes a month's agent figures from the live floor's stored aggregates; hand-loaded ones are kept unless `overwrite`. */
export const computeFigures = (deps: ServiceDeps, actor: Actor, input: { month: string; overwrite?: boolean }) =>
  computeLiveFigures(deps.store.db, actor.scope.centerId, input.month, { overwrite: input.overwrite ?? false, userId: actor.userId, now: deps.now() });
