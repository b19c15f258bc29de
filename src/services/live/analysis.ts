/**
 * The four-indicator monthly analysis (seed 000, fourth article; DESIGN.md): answerRate, occupancy,
 * notReady and idle of a month in the actor's scope, read from the KPI report (one definition per
 * figure), and the diagnosis core/diagnosis.ts draws from them. "Usual" not-ready is the share over
 * the three months before, per team and per agent.
 */
import {
  abnormalNotReady,
  DEFAULT_DIAGNOSIS_THRESHOLDS,
  DIAGNOSIS_THRESHOLDS_KEY,
  diagnoseScope,
  type DiagnosisThresholds,
  type Finding,
} from '../../core/diagnosis';
import { forbidden, validationError } from '../../core/errors';
import { getSetting } from '../../store/org';
import type { KpiReportRow } from '../../store/live/reports';
import type { Actor, ServiceDeps } from '../context';
import { kpiReportFor } from './reports';

export interface MonthlyAnalysis {
  month: string;
  /** the four indicators of the month (null: no data) and what they rest on */
  figures: {
    offered: number | null;
    answerRate: number | null;
    occupancy: number | null;
    notReadyShare: number | null;
    idleShare: number | null;
    staffed: number | null;
    usualNotReadyShare: number | null;
  };
  findings: Finding[];
  thresholds: Record<string, number>;
}

/** First day of the month `delta` months from `month` (YYYY-MM), and its last day. */
export function monthRange(month: string, delta = 0): { month: string; from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 + delta, 1));
  const last = new Date(Date.UTC(y, m + delta, 0));
  return { month: first.toISOString().slice(0, 7), from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const share = (part: number | null, whole: number | null) => (part === null || whole === null || whole <= 0 ? null : part / whole);

export async function monthlyAnalysis(deps: ServiceDeps, actor: Actor, month: string, field = 'query.month'): Promise<MonthlyAnalysis> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw validationError(field, `expected YYYY-MM, got '${month}'`, { reason: 'input.badDate', params: { value: month } });
  if (actor.scope.kind === 'self') throw forbidden('the floor analysis is for leads and managers', { reason: 'report.analysisNotForAgents' });
  const th = {
    ...DEFAULT_DIAGNOSIS_THRESHOLDS,
    ...((await getSetting<Partial<DiagnosisThresholds>>(deps.store.db, actor.scope.centerId, DIAGNOSIS_THRESHOLDS_KEY)) ?? {}),
  };
  const cur = monthRange(month);
  const before = { from: monthRange(month, -3).from, to: monthRange(month, -1).to };
  // queue side: the whole center, or the queues a lead's teams serve (kpiReportFor's rule)
  const queues = await kpiReportFor(deps, actor, { by: 'queue', ...cur });
  const teams = await kpiReportFor(deps, actor, { by: 'team', ...cur });
  const teamsBefore = await kpiReportFor(deps, actor, { by: 'team', ...before });
  const agents = await kpiReportFor(deps, actor, { by: 'agent', ...cur });
  const agentsBefore = await kpiReportFor(deps, actor, { by: 'agent', ...before });

  const q = queues.total;
  const a = teams.total;
  const hasCalls = queues.rows.length > 0;
  const hasAgents = teams.rows.length > 0;
  const subject = actor.scope.kind === 'all' ? 'center' : 'team';
  const findings: Finding[] = diagnoseScope(
    {
      scope: subject === 'center' ? 'center' : 'team',
      subject: subject === 'center' ? '' : teams.rows.flatMap((r) => (r.teamName ? [r.teamName] : [])).join(' / '),
      offered: q.offered ?? 0,
      answerRate: hasCalls ? q.answerRate : null,
      occupancy: hasAgents ? a.occupancy : null,
      idleShare: hasAgents ? a.idleShare : null,
      staffed: a.staffed ?? 0,
    },
    th,
  );
  const usualOf = (rows: KpiReportRow[], key: (r: KpiReportRow) => string) => new Map(rows.map((r) => [key(r), r.notReadyShare]));
  const teamUsual = usualOf(teamsBefore.rows, (r) => r.key);
  const agentUsual = usualOf(agentsBefore.rows, (r) => r.agentCode ?? '');
  findings.push(
    ...abnormalNotReady(
      // agents with no team are judged one by one below, not as a team
      teams.rows
        .filter((r) => r.teamId !== null)
        .map((r) => ({
          scope: 'team' as const,
          subject: r.key,
          notReadyShare: r.notReadyShare,
          usualShare: teamUsual.get(r.key) ?? null,
          staffed: r.staffed ?? 0,
        })),
      th,
    ),
    ...abnormalNotReady(
      agents.rows.map((r) => ({
        scope: 'agent' as const,
        subject: r.agentName ? `${r.agentName} (${r.agentCode})` : (r.agentCode ?? ''),
        notReadyShare: r.notReadyShare,
        usualShare: agentUsual.get(r.agentCode ?? '') ?? null,
        staffed: r.staffed ?? 0,
      })),
      th,
    ),
  );
  return {
    month,
    figures: {
      offered: hasCalls ? q.offered : null,
      answerRate: hasCalls ? q.answerRate : null,
      occupancy: hasAgents ? a.occupancy : null,
      notReadyShare: hasAgents ? a.notReadyShare : null,
      idleShare: hasAgents ? a.idleShare : null,
      staffed: hasAgents ? a.staffed : null,
      usualNotReadyShare: teamsBefore.rows.length ? share(teamsBefore.total.notReady, teamsBefore.total.staffed) : null,
    },
    findings,
    thresholds: { ...th },
  };
}
