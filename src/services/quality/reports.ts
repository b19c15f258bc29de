/** QA reports (質檢報表): rates per month with trend lines, per group, the most-failed items — over what the reader sees. */
import { validationError } from '../../core/errors';
import { linearTrend, mostFailedItems, qaRates, qaRatesBy, type ScoredEvaluation } from '../../core/quality/index';
import { monthRange, shiftMonth } from '../../core/performance/index';
import { loadScored } from '../../store/quality/evaluations';
import { groupNames, itemLabels, type ReportGroup } from '../../store/quality/work';
import type { Actor, ServiceDeps } from '../context';
import { currentMonth } from './common';

export interface ReportQuery {
  fromMonth?: string;
  toMonth?: string;
  groupBy: ReportGroup;
  teamId?: number;
  agentId?: number;
  evaluatorId?: number;
}

/**
 * The QA report over months (default: the six months up to the current one in the center's time
 * zone): per month average score, fatal rate, non-fatal rate with least-squares trend lines; per
 * group (agent, team, evaluator or month) the same rates; the most-failed items.
 */
export async function qaReport(deps: ServiceDeps, actor: Actor, q: ReportQuery) {
  const db = deps.store.db;
  const centerId = actor.scope.centerId;
  const toMonth = q.toMonth ?? (await currentMonth(deps, centerId));
  const fromMonth = q.fromMonth ?? shiftMonth(toMonth, -5);
  if (fromMonth > toMonth)
    throw validationError('query.fromMonth', 'the report starts after it ends', { reason: 'input.endBeforeStart', params: { from: fromMonth, to: toMonth } });
  const evals = await loadScored(db, {
    centerId,
    scope: actor.scope,
    fromMonth,
    toMonth,
    teamIds: q.teamId ? [q.teamId] : undefined,
    agentIds: q.agentId ? [q.agentId] : undefined,
    evaluatorId: q.evaluatorId,
    includeCalibration: false,
  });
  const months = monthRange(fromMonth, toMonth);
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
  const groups = qaRatesBy(evals, keyOf[q.groupBy]).sort((a, b) => (q.groupBy === 'month' ? 0 : Number(a.key) - Number(b.key)));
  const names = await groupNames(
    db,
    q.groupBy,
    groups.map((g) => g.key),
  );
  const labels = await itemLabels(db, centerId);
  return {
    months,
    series,
    trend: { averageScore: trend('averageScore'), fatalRate: trend('fatalRate'), nonFatalRate: trend('nonFatalRate') },
    total: qaRates(evals),
    groupBy: q.groupBy,
    groups: groups.map((g) => ({ key: g.key, name: names.get(g.key) ?? g.key, ...g.rates })),
    mostFailed: mostFailedItems(evals, 10).map((i) => ({ ...i, label: labels.get(i.itemId) ?? i.itemId })),
  };
}
