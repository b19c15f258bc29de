/**
 * The KPI report (GET /api/reports/kpi, `callfloor report`): one home for who reads which rows.
 * Center-wide roles read everything. A team lead reads their led teams' agents, and queue rows
 * (by=queue) only of the queues those agents serve — the same queues as their briefing — so a
 * queue outside is refused by name and the rest are filtered out in SQL. An agent reads their own
 * rows and no queue figures.
 */
import { forbidden } from '../../core/errors';
import type { Kysely } from 'kysely';
import type { Tz } from '../../core/timezone';
import { parseTimeArg, parseTz } from '../../ingest/time';
import { agentCodesOf, kpiReport, servedQueues, type KpiReport, type KpiReportQuery, type ReportBy, type ReportPer } from '../../store/live/reports';
import type { DB } from '../../store/schema';
import { getCenter } from '../../store/org';
import type { Actor, ServiceDeps } from '../context';

export interface KpiReportInput {
  by: ReportBy;
  /** a date (local, included), a local time or an ISO time */
  from?: string;
  to?: string;
  intervalMin?: 15 | 30 | 60;
  queue?: string;
  /** with by queue / team / agent: one row per group per period */
  per?: ReportPer;
  /** one agent (telephony code): refused unless in the actor's scope */
  agent?: string;
  /** a zone name or minutes east of UTC; default the center's zone */
  tz?: string;
}

/** A report request checked against the actor's scope: what kpiReport is asked, in plain data (a worker thread can take it). */
export interface ResolvedKpiReport {
  /** the zone of the report (given, else the center's) */
  tz: Tz;
  /** kpiReport's query; the zone is given by `tz` (no offset function: plain data) */
  query: Omit<KpiReportQuery, 'tzOffsetMin'> & { centerId: number };
  /** scoped callers do not learn which other codes exist */
  hideUnknownCodes: boolean;
}

/**
 * Check the request against the actor's scope and resolve it to kpiReport's query. `centerZone`: the
 * center's zone when the caller has read it already (undefined: read here).
 */
export async function resolveKpiReport(
  deps: ServiceDeps,
  actor: Actor,
  q: KpiReportInput,
  fieldPrefix = '',
  centerZone?: string | null,
): Promise<ResolvedKpiReport> {
  const { scope } = actor;
  const db = deps.store.db;
  let agentCodes: string[] | null = null;
  let queues: string[] | null = null;
  if (scope.kind === 'teams' && q.by === 'queue') {
    queues = await servedQueues(db, scope);
    if (q.queue !== undefined && !queues.includes(q.queue))
      throw forbidden(`queue '${q.queue}' is served by none of your teams' agents`, { reason: 'report.queueNotYours', params: { queue: q.queue } });
  } else if (scope.kind !== 'all') {
    // queue-side figures of other reports mix every agent's calls: center-wide roles only
    if (q.by === 'queue' || q.queue !== undefined)
      throw forbidden('queue figures are for center-wide roles (a team lead: by queue, their teams’ queues)', { reason: 'report.queueCenterWide' });
    agentCodes = await agentCodesOf(db, scope);
  }
  if (q.agent !== undefined) {
    // a scoped caller asking for someone outside is refused (not answered with an empty report)
    if (agentCodes !== null && !agentCodes.includes(q.agent))
      throw forbidden(`agent '${q.agent}' is not in your scope`, { reason: 'report.agentNotYours', params: { agent: q.agent } });
    agentCodes = [q.agent];
  }
  const tzArg = parseTz(q.tz, `${fieldPrefix}tz`);
  const zone = centerZone !== undefined ? centerZone : (await getCenter(db, scope.centerId))?.timezone;
  const tz = tzArg ?? zone ?? 'UTC';
  return {
    tz,
    query: {
      centerId: scope.centerId,
      by: q.by,
      from: parseTimeArg(q.from, tz, `${fieldPrefix}from`),
      to: parseTimeArg(q.to, tz, `${fieldPrefix}to`, true),
      intervalMin: q.intervalMin ?? 15,
      queue: q.queue,
      per: q.per,
      tz,
      agentCodes,
      queues,
    },
    hideUnknownCodes: scope.kind !== 'all',
  };
}

/** The report of a resolved request, as the actor may read it. */
export async function runKpiReport(db: Kysely<DB>, r: ResolvedKpiReport) {
  return shapeKpiReport(r, await kpiReport(db, r.query));
}

/** The answer: the report with its zone, unknown codes left out for scoped callers. */
export function shapeKpiReport(r: ResolvedKpiReport, report: KpiReport) {
  return { tz: r.tz, ...report, unknownAgentCodes: r.hideUnknownCodes ? [] : report.unknownAgentCodes };
}
export type KpiReportAnswer = ReturnType<typeof shapeKpiReport>;

/** The report the actor may read; `fieldPrefix` names the input fields in errors ('--' on the command line). */
export async function kpiReportFor(deps: ServiceDeps, actor: Actor, q: KpiReportInput, fieldPrefix = '') {
  return runKpiReport(deps.store.db, await resolveKpiReport(deps, actor, q, fieldPrefix));
}
