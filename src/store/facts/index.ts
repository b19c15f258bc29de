/**
 * Facts per agent or team for a day, a week or a month (center time zone): the one source of the
 * floor's per-agent numbers (issue 11). Gathering in ./gather.ts, definitions in core/facts.
 * A month's hand-loaded figure (perf_figures with a source other than 'live') is an audited override:
 * it replaces the computed figure and says `source: 'manual'`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { validationError } from '../../core/errors';
import { addParts, checkTargets, deriveFacts, type Fact, type FactParts, type Facts, type PersonFacts, type TargetCheck } from '../../core/facts/index';
import { monthEnd, monthsBetween, type KpiDefinition, type KpiKey } from '../../core/performance/kpi';
import { getKpiDefinitions } from '../performance/figures';
import { addDays, gatherFacts, periodParts, type GatheredFacts } from './gather';
import type { Scope } from '../scope';

type Db = Kysely<DB>;
export type FactsBy = 'agent' | 'team';
export const FACTS_BYS: readonly FactsBy[] = ['agent', 'team'];

export interface FactsPeriod {
  kind: 'day' | 'week' | 'month';
  /** the day, the week's first day, or the month */
  value: string;
  from: string;
  to: string;
}

/** The period of `--day`, `--week` (its first day, 7 days) or `--month`: exactly one. */
export function factsPeriod(q: { day?: string; week?: string; month?: string }): FactsPeriod {
  const given = (['day', 'week', 'month'] as const).filter((k) => q[k] !== undefined && q[k] !== '');
  if (given.length !== 1)
    throw validationError('day', 'give exactly one of day (YYYY-MM-DD), week (its first day, YYYY-MM-DD) or month (YYYY-MM)', {
      reason: 'facts.onePeriod',
      params: {},
    });
  const kind = given[0]!;
  const value = q[kind]!;
  if (kind === 'month') {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw validationError('month', `"${value}" is not YYYY-MM`, { reason: 'facts.badMonth', params: { value } });
    return { kind, value, from: `${value}-01`, to: monthEnd(value) };
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw validationError(kind, `"${value}" is not YYYY-MM-DD`, { reason: 'facts.badDate', params: { value } });
  return { kind, value, from: value, to: kind === 'day' ? value : addDays(value, 6) };
}

/** Figures of a row: every Facts key, flat. */
export type FactFigures = Facts;

export interface AgentFactsRow extends FactFigures {
  key: string;
  agentId: number;
  agentCode: string | null;
  employeeNo: string;
  name: string;
  hireDate: string;
  teamId: number | null;
  teamName: string | null;
  tenureMonths: number;
  /** the KPI plan's targets at the agent's tenure, met or missed */
  targets: TargetCheck[];
  /** KPIs whose target was missed */
  missed: KpiKey[];
}

export interface TeamFactsRow extends FactFigures {
  key: string;
  teamId: number | null;
  teamName: string | null;
  agents: number;
}

export interface FactsResult {
  by: FactsBy;
  period: FactsPeriod;
  tz: string;
  computedAt: number;
  rows: (AgentFactsRow | TeamFactsRow)[];
  /** all rows' agents together, labelled 'total' */
  total: TeamFactsRow;
}

function teamPerson(people: (PersonFacts | undefined)[]): PersonFacts {
  const levels = people.map((p) => p?.skillLevel).filter((x): x is number => typeof x === 'number');
  return {
    skillLevel: levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : null,
    certifiedQueues: [...new Set(people.flatMap((p) => p?.certifiedQueues ?? []))],
  };
}

/** Manual overrides of a month (perf_figures not written by the facts): kpi → fact. */
async function manualOverrides(db: Db, centerId: number, month: string, agentIds: number[], at: number): Promise<Map<number, Map<string, Fact>>> {
  const rows = agentIds.length
    ? await db
        .selectFrom('perf_figures')
        .selectAll()
        .where('center_id', '=', centerId)
        .where('month', '=', month)
        .where('source', '!=', 'live')
        .where('agent_id', 'in', agentIds)
        .execute()
    : [];
  const out = new Map<number, Map<string, Fact>>();
  for (const r of rows) {
    const value = r.value ?? (r.numerator !== null && r.denominator !== null && r.denominator > 0 ? r.numerator / r.denominator : null);
    const f: Fact = {
      value,
      source: 'manual',
      computedAt: Number(r.updated_at) || at,
      ...(r.numerator !== null && r.denominator !== null ? { num: r.numerator, den: r.denominator } : {}),
    };
    const m = out.get(r.agent_id) ?? new Map<string, Fact>();
    m.set(r.kpi_key, f);
    out.set(r.agent_id, m);
  }
  return out;
}

export interface FactsQuery {
  by: FactsBy;
  day?: string;
  week?: string;
  month?: string;
  agentIds?: number[];
  teamIds?: number[];
  /** what the caller sees of the center, applied in SQL (src/store/scope.ts) */
  scope?: Scope;
  now: number;
}

/**
 * Each agent's parts of the period, summed once per gathered range: the agent rows, the team rows and the
 * total all start from these (a team is the sum of its agents' sums — the parts are additive), instead of
 * summing every agent-day again per team and again for the total.
 */
const sumsOf = new WeakMap<GatheredFacts, Map<number, FactParts>>();
function periodSums(g: GatheredFacts): Map<number, FactParts> {
  let m = sumsOf.get(g);
  if (!m) {
    m = new Map(g.agents.map((a) => [a.agentId, periodParts(g, a.agentId)]));
    sumsOf.set(g, m);
  }
  return m;
}

/** Agent facts of a period from gathered days (exported for the scorecard and the briefing). */
export async function agentPeriodFacts(
  db: Db,
  g: GatheredFacts,
  period: FactsPeriod,
  at: number,
  kpis: readonly KpiDefinition[],
  opts: { overrides?: boolean } = {},
): Promise<AgentFactsRow[]> {
  const teams = new Map((await db.selectFrom('teams').select(['id', 'name']).where('center_id', '=', g.centerId).execute()).map((t) => [t.id, t.name]));
  const overrides =
    period.kind === 'month' && opts.overrides !== false
      ? await manualOverrides(
          db,
          g.centerId,
          period.value,
          g.agents.map((a) => a.agentId),
          at,
        )
      : new Map<number, Map<string, Fact>>();
  return g.agents.map((a) => {
    const parts = periodSums(g).get(a.agentId)!;
    const facts = deriveFacts(parts, g.person.get(a.agentId) ?? null, at) as unknown as Record<string, Fact<unknown>>;
    // a hand-loaded figure of the month overrides the computed one (also KPIs the facts do not compute, e.g. answerRate)
    for (const [k, f] of overrides.get(a.agentId) ?? []) facts[k] = f;
    const tenure = a.hireDate <= period.to ? monthsBetween(a.hireDate, period.to) : 0;
    const targets = checkTargets(kpis, facts as Record<string, Fact>, tenure);
    return {
      key: a.extCode ?? a.employeeNo,
      agentId: a.agentId,
      agentCode: a.extCode,
      employeeNo: a.employeeNo,
      name: a.name,
      hireDate: a.hireDate,
      teamId: a.teamId,
      teamName: a.teamId != null ? (teams.get(a.teamId) ?? null) : null,
      tenureMonths: tenure,
      ...(facts as unknown as Facts),
      targets,
      missed: targets.filter((t) => !t.met).map((t) => t.kpi),
    };
  });
}

/** Team rows: the sum of the team's agent-days (ratios re-weighted), mean skill level. */
export function teamRows(g: GatheredFacts, teamNames: Map<number, string>, at: number): { rows: TeamFactsRow[]; total: TeamFactsRow } {
  const byTeam = new Map<number | null, number[]>();
  for (const a of g.agents) byTeam.set(a.teamId, [...(byTeam.get(a.teamId) ?? []), a.agentId]);
  const row = (teamId: number | null, ids: number[], key?: string): TeamFactsRow => {
    const sums = periodSums(g);
    const parts: FactParts = addParts(ids.map((id) => sums.get(id)!));
    const name = teamId != null ? (teamNames.get(teamId) ?? null) : null;
    return {
      key: key ?? name ?? '(no team)',
      teamId,
      teamName: name,
      agents: ids.length,
      ...deriveFacts(parts, teamPerson(ids.map((id) => g.person.get(id))), at),
    };
  };
  const rows = [...byTeam.entries()].sort((a, b) => (a[0] ?? Infinity) - (b[0] ?? Infinity)).map(([t, ids]) => row(t, ids));
  return {
    rows,
    total: row(
      null,
      g.agents.map((a) => a.agentId),
      'total',
    ),
  };
}

export async function computeFacts(db: Db, centerId: number, q: FactsQuery): Promise<FactsResult> {
  const period = factsPeriod(q);
  const g = await gatherFacts(db, centerId, period.from, period.to, { agentIds: q.agentIds, teamIds: q.teamIds, scope: q.scope, now: q.now, sums: true });
  const at = q.now;
  const teamNames = new Map((await db.selectFrom('teams').select(['id', 'name']).where('center_id', '=', centerId).execute()).map((t) => [t.id, t.name]));
  const { rows: tRows, total } = teamRows(g, teamNames, at);
  const rows = q.by === 'agent' ? await agentPeriodFacts(db, g, period, at, await getKpiDefinitions(db, centerId)) : tRows;
  return { by: q.by, period, tz: g.tz, computedAt: at, rows, total };
}
