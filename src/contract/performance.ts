/**
 * Performance (績效; src/server/routes/performance.ts over src/services/performance): the KPI plan,
 * figures and their overrides, monthly scorecards and ranking, publication, the agent's own card,
 * payroll export, team contests and the newcomer camp.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { KPI_KEYS, kpiDefinitionSchema } from '../core/performance/kpi';
import { idParams, isoDate, isoMonth, okResponse } from './atoms';
import { endpoint } from './endpoint';
import { FACT_SOURCES } from './facts';

const tags = ['performance'] as const;

export const PERF_MANAGERS: Role[] = ['admin', 'center_manager'];
/** Who loads figures until the live-floor feed does: managers and the WFM planner. */
export const FIGURE_LOADERS: Role[] = ['admin', 'center_manager', 'wfm'];
/** Who sees the live (unpublished) scorecards: managers, duty managers, team leads (their teams). */
export const SCORECARD_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead'];

const kpiKey = z.enum(KPI_KEYS);
/** Figures by KPI key; a missing figure is absent or null, never 0. */
const figures = z.record(z.string(), z.number().nullable());
const sources = z.record(z.string(), z.enum(FACT_SOURCES));

// ---- wire types ----

export const kpiDefinition = kpiDefinitionSchema;
export type KpiDefinitionWire = z.infer<typeof kpiDefinition>;

export const kpiLine = z.object({
  key: kpiKey,
  label: z.string(),
  weight: z.number(),
  direction: z.enum(['higher', 'lower']),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  status: z.enum(['met', 'below', 'missing', 'notAssessed']),
  achievement: z.number().nullable(),
  points: z.number().nullable(),
  /** set when the month is published and the figure now differs from the published one (late data) */
  changedAfterPublication: z.object({ published: z.number().nullable(), current: z.number().nullable() }).optional(),
});
export type KpiLineWire = z.infer<typeof kpiLine>;

/** A ranked monthly scorecard (agent and team ids as text, as the core ranks them). */
export const scorecard = z.object({
  agentId: z.string(),
  teamId: z.string(),
  month: z.string(),
  tenureMonths: z.number(),
  lines: z.array(kpiLine),
  total: z.number().nullable(),
  complete: z.boolean(),
  coverage: z.number(),
  missing: z.array(kpiKey),
  belowTarget: z.array(kpiKey),
  centerRank: z.number().nullable(),
  teamRank: z.number().nullable(),
  employeeNo: z.string(),
  name: z.string(),
  /** KPIs whose figure changed since the month was published */
  changedAfterPublication: z.array(kpiKey),
});
export type ScorecardWire = z.infer<typeof scorecard>;

export const publication = z.object({
  month: z.string(),
  publishedAt: z.number(),
  publishedBy: z.number(),
  note: z.string(),
  kpis: z.array(kpiDefinition),
});

export const contest = z.object({
  id: z.number(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  teamIds: z.array(z.number()),
  kpis: z.array(z.object({ key: kpiKey, weight: z.number(), target: z.number() })),
});
export type ContestWire = z.infer<typeof contest>;

export const campRules = z.object({
  maxWeeks: z.number(),
  titles: z.array(
    z.object({
      title: z.string(),
      minWeeks: z.number(),
      conditions: z.array(z.object({ key: kpiKey, min: z.number().optional(), max: z.number().optional() })),
    }),
  ),
});

export const campAgent = z.object({
  agentId: z.number(),
  employeeNo: z.string(),
  name: z.string(),
  teamId: z.number().nullable(),
  hireDate: z.string(),
  weeks: z.number(),
  inCamp: z.boolean(),
  title: z.string().nullable(),
  next: z
    .object({
      title: z.string(),
      unmet: z.array(z.string()),
      gaps: z.array(z.object({ key: z.string(), actual: z.number().nullable(), op: z.enum(['min', 'max']), bound: z.number() })),
    })
    .nullable(),
});
export type CampAgent = z.infer<typeof campAgent>;

export const belowTargetItem = z.object({ key: kpiKey, label: z.string(), actual: z.number(), target: z.number(), gap: z.number() });

const figureInput = z
  .object({
    agentId: z.number().int().positive().optional(),
    employeeNo: z.string().min(1).max(40).optional(),
    month: isoMonth,
    kpi: kpiKey,
    value: z.number().nullable().optional(),
    numerator: z.number().nullable().optional(),
    denominator: z.number().min(0).nullable().optional(),
  })
  .refine((f) => f.agentId !== undefined || f.employeeNo !== undefined, { message: 'agentId or employeeNo is required', path: ['agentId'] });

export const performance = {
  kpis: endpoint({
    method: 'GET',
    path: '/api/performance/kpis',
    access: 'any',
    summary: 'The center’s KPI plan: weights, targets (by tenure), direction, pay / contest use',
    tags,
    response: z.array(kpiDefinition),
  }),
  saveKpis: endpoint({
    method: 'PUT',
    path: '/api/performance/kpis',
    access: PERF_MANAGERS,
    summary: 'Replace the KPI plan (validated; audited)',
    tags,
    // checked by the core's parser, which names the definition and field of each problem
    body: z.object({ kpis: z.unknown() }),
    response: z.array(kpiDefinition),
  }),
  figures: endpoint({
    method: 'GET',
    path: '/api/performance/figures',
    access: [...SCORECARD_READERS, 'wfm'],
    summary: 'Stored figures of a month per agent (missing figures are absent, never 0)',
    tags,
    query: z.object({ month: isoMonth.optional(), agentId: z.coerce.number().int().optional() }),
    response: z.object({
      month: z.string(),
      agents: z.array(
        z.object({
          agentId: z.number(),
          teamId: z.number().nullable(),
          employeeNo: z.string(),
          name: z.string(),
          hireDate: z.string(),
          figures,
          sources,
        }),
      ),
    }),
  }),
  loadFigures: endpoint({
    method: 'POST',
    path: '/api/performance/figures',
    access: FIGURE_LOADERS,
    summary: 'Load KPI figures (value, or numerator and denominator for ratios) per agent and month',
    tags,
    body: z.object({ figures: z.array(figureInput).min(1).max(20_000) }),
    response: z.object({ stored: z.number() }),
  }),
  computeFigures: endpoint({
    method: 'POST',
    path: '/api/performance/figures/compute',
    access: FIGURE_LOADERS,
    summary:
      "Compute a month's agent figures (aht, transferRate, occupancy, notReadyShare, idleShare, with their parts) from the live floor's stored aggregates; hand-loaded figures are kept unless overwrite",
    tags,
    body: z.object({ month: isoMonth, overwrite: z.boolean().default(false) }),
    response: z.object({
      month: z.string(),
      agents: z.number(),
      stored: z.number(),
      removed: z.number(),
      kept: z.array(z.object({ agentId: z.number(), kpi: z.string(), source: z.string() })),
    }),
  }),
  figuresCsv: endpoint({
    method: 'POST',
    path: '/api/performance/figures/csv',
    access: FIGURE_LOADERS,
    summary: 'Load KPI figures from CSV text: employeeNo,month,kpi,value[,numerator,denominator]; a bad line is named and nothing is stored',
    tags,
    body: z.object({ csv: z.string().min(1).max(8_000_000) }),
    response: z.object({ stored: z.number() }),
  }),
  scorecards: endpoint({
    method: 'GET',
    path: '/api/performance/scorecards',
    access: SCORECARD_READERS,
    summary: 'Monthly scorecards computed now from stored facts, with the weighted total and ranks (team leads: their teams)',
    tags,
    query: z.object({ month: isoMonth.optional() }),
    response: z.object({
      month: z.string(),
      kpis: z.array(kpiDefinition),
      cards: z.array(scorecard.extend({ sources, computedAt: z.number() })),
      publication: publication.nullable(),
    }),
  }),
  publish: endpoint({
    method: 'POST',
    path: '/api/performance/months/:month/publish',
    access: PERF_MANAGERS,
    summary: 'Publish a month’s ranking to agents (a note is required when a figure is missing)',
    tags,
    params: z.object({ month: isoMonth }),
    body: z.object({ note: z.string().max(2000).default('') }),
    response: z.object({ month: z.string(), cards: z.number(), incomplete: z.number() }),
  }),
  publications: endpoint({
    method: 'GET',
    path: '/api/performance/publications',
    access: 'any',
    summary: 'Published months',
    tags,
    response: z.array(z.object({ month: z.string(), published_at: z.number(), note: z.string() })),
  }),
  published: endpoint({
    method: 'GET',
    path: '/api/performance/published',
    access: 'any',
    summary: 'A published month’s ranking (agents: only their own card; team leads: their teams)',
    tags,
    query: z.object({ month: isoMonth }),
    response: z.object({ publication, cards: z.array(scorecard) }),
  }),
  myScorecard: endpoint({
    method: 'GET',
    path: '/api/performance/my-scorecard',
    access: 'any',
    summary: 'The signed-in agent’s scorecard, rank and items below target for a published month',
    tags,
    query: z.object({ month: isoMonth.optional() }),
    response: z.discriminatedUnion('published', [
      z.object({ published: z.literal(false), month: z.string().nullable(), months: z.array(z.string()) }),
      z.object({
        published: z.literal(true),
        month: z.string(),
        months: z.array(z.string()),
        publication: z.object({ publishedAt: z.number(), note: z.string() }),
        card: scorecard.nullable(),
        belowTarget: z.array(belowTargetItem),
        teamSize: z.number(),
        centerSize: z.number(),
      }),
    ]),
  }),
  exportPayroll: endpoint({
    method: 'GET',
    path: '/api/performance/export',
    access: PERF_MANAGERS,
    summary: 'Payroll export of a published month as CSV or XLSX (missing figures written as "missing", never 0)',
    tags,
    query: z.object({ month: isoMonth, format: z.enum(['csv', 'xlsx']).default('csv') }),
    response: z.string(),
    download: 'text/csv',
  }),
  contests: endpoint({
    method: 'GET',
    path: '/api/performance/contests',
    access: 'any',
    summary: 'Team contests',
    tags,
    response: z.array(contest),
  }),
  createContest: endpoint({
    method: 'POST',
    path: '/api/performance/contests',
    access: PERF_MANAGERS,
    summary: 'Create a team contest on chosen KPIs (only KPIs the plan lets feed contests)',
    tags,
    body: z.object({
      name: z.string().trim().min(1).max(200),
      from: isoDate,
      to: isoDate,
      teamIds: z.array(z.number().int().positive()).max(100),
      kpis: z.array(z.object({ key: kpiKey, weight: z.number(), target: z.number() })).max(30),
    }),
    response: z.object({ id: z.number() }),
  }),
  contest: endpoint({
    method: 'GET',
    path: '/api/performance/contests/:id',
    access: 'any',
    summary: 'A contest’s leaderboard (team figures sum-based)',
    tags,
    params: idParams,
    response: z.object({
      contest,
      board: z.array(
        z.object({
          teamId: z.string(),
          teamName: z.string(),
          rank: z.number().nullable(),
          total: z.number().nullable(),
          complete: z.boolean(),
          kpis: z.array(
            z.object({ key: kpiKey, value: z.number().nullable(), target: z.number(), achievement: z.number().nullable(), met: z.boolean().nullable() }),
          ),
        }),
      ),
    }),
  }),
  deleteContest: endpoint({
    method: 'DELETE',
    path: '/api/performance/contests/:id',
    access: PERF_MANAGERS,
    summary: 'Delete a contest',
    tags,
    params: idParams,
    response: okResponse,
  }),
  camp: endpoint({
    method: 'GET',
    path: '/api/performance/camp',
    access: 'any',
    summary: 'Newcomer camp (新兵營): titles of agents still in camp, by the camp rules (agents: their own; team leads: their teams)',
    tags,
    query: z.object({ month: isoMonth.optional() }),
    response: z.object({ month: z.string(), rules: campRules, agents: z.array(campAgent) }),
  }),
};
