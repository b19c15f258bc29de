import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { notFound, validationError } from '../../core/errors';
import {
  addComponents,
  AGGREGATIONS,
  contestLeaderboard,
  DEFAULT_CAMP_RULES,
  DEFAULT_KPIS,
  figureComponents,
  figureRangeError,
  buildScorecard,
  KPI_KEYS,
  markChangesAfterPublication,
  monthRange,
  parseKpiDefinitions,
  rankScorecards,
  storedAggregation,
  validateContest,
  type AgentPeriodRow,
  type CampRules,
  type Contest,
  type ContestKpi,
  type KpiDefinition,
  type KpiKey,
  type RankedScorecard,
} from '../../core/performance/index';
import type { Fact, FactSource } from '../../core/facts/index';
import { agentPeriodFacts, factsPeriod, type AgentFactsRow } from '../facts/index';
import { gatherFacts } from '../facts/gather';
import { withTx } from '../db';
import { audit } from '../audit';
import { getSetting, putSetting } from '../org';
import { fieldErrors } from '../quality/templates';
import { agentMissing } from '../people/common';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;

export const KPI_SETTING = 'performance.kpis';
export const CAMP_SETTING = 'performance.camp';
/** Figures computed from stored evaluations, not from perf_figures. */
export const QA_KPIS: readonly KpiKey[] = ['qaScore', 'fatalRate', 'nonFatalRate'];

/** The center's KPI plan (a center setting; defaults from the core, i.e. the seeds). */
export async function getKpiDefinitions(db: Db, centerId: number): Promise<KpiDefinition[]> {
  return (await getSetting<KpiDefinition[]>(db, centerId, KPI_SETTING)) ?? DEFAULT_KPIS;
}

export async function saveKpiDefinitions(db: Db, centerId: number, input: unknown, userId: number, now: number): Promise<KpiDefinition[]> {
  const parsed = parseKpiDefinitions(input);
  if (!parsed.ok) throw fieldErrors('kpis', parsed.errors);
  await withTx(db, async (tx) => {
    const before = await getSetting(tx, centerId, KPI_SETTING);
    await putSetting(tx, centerId, KPI_SETTING, parsed.value, now);
    await audit(tx, { at: now, userId, action: 'perf.kpis.update', entity: 'setting', entityId: KPI_SETTING, detail: { before, after: parsed.value } });
  });
  return parsed.value;
}

export async function getCampRules(db: Db, centerId: number): Promise<CampRules> {
  return (await getSetting<CampRules>(db, centerId, CAMP_SETTING)) ?? DEFAULT_CAMP_RULES;
}

export interface FigureInput {
  agentId: number;
  month: string;
  kpi: KpiKey;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** Stores figures (idempotent per agent, month and KPI: a re-sent figure replaces the old one). */
export async function upsertFigures(db: Db, centerId: number, rows: readonly FigureInput[], source: string, userId: number | null, now: number) {
  if (!rows.length) return 0;
  return withTx(db, async (tx) => {
    const ids = [...new Set(rows.map((r) => r.agentId))];
    const known = new Set((await tx.selectFrom('agents').select('id').where('id', 'in', ids).where('center_id', '=', centerId).execute()).map((r) => r.id));
    rows.forEach((r, i) => {
      if (!known.has(r.agentId)) throw agentMissing(`figures[${i}].agentId`, r.agentId);
      if (!(KPI_KEYS as readonly string[]).includes(r.kpi))
        throw validationError(`figures[${i}].kpi`, `"${r.kpi}" is not a KPI key`, { reason: 'perf.unknownKpi', params: { kpi: r.kpi } });
      if (QA_KPIS.includes(r.kpi))
        throw validationError(`figures[${i}].kpi`, `"${r.kpi}" is computed from QA evaluations, not uploaded`, {
          reason: 'perf.kpiFromQa',
          params: { kpi: r.kpi },
        });
      if (r.value == null && (r.numerator == null || r.denominator == null))
        throw validationError(`figures[${i}].value`, 'give a value, or both numerator and denominator', { reason: 'perf.valueRequired', params: {} });
      // an override outside the figure's range (core FIGURE_RANGES) is refused, naming the field
      if (source !== 'live') {
        const bad = figureRangeError(r.kpi, r);
        if (bad)
          throw validationError(`figures[${i}].${bad.field}`, bad.message, {
            reason: 'perf.figureOutOfRange',
            params: { ...bad.params, field: `figures[${i}].${bad.field}` },
          });
      }
    });
    // what each override replaces, for the audit log (every override is audited with its before and after)
    const before = new Map<string, { value: number | null; numerator: number | null; denominator: number | null; source: string }>();
    if (source !== 'live') {
      const months = [...new Set(rows.map((r) => r.month))];
      for (let i = 0; i < ids.length; i += 500)
        for (const b of await tx
          .selectFrom('perf_figures')
          .select(['agent_id', 'month', 'kpi_key', 'value', 'numerator', 'denominator', 'source'])
          .where('center_id', '=', centerId)
          .where('month', 'in', months)
          .where('agent_id', 'in', ids.slice(i, i + 500))
          .execute())
          before.set(`${b.agent_id}|${b.month}|${b.kpi_key}`, { value: b.value, numerator: b.numerator, denominator: b.denominator, source: b.source });
    }
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200).map((r) => ({
        center_id: centerId,
        agent_id: r.agentId,
        month: r.month,
        kpi_key: r.kpi,
        value: r.value,
        numerator: r.numerator ?? null,
        denominator: r.denominator ?? null,
        source,
        updated_at: now,
      }));
      await tx
        .insertInto('perf_figures')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['agent_id', 'month', 'kpi_key']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            numerator: eb.ref('excluded.numerator'),
            denominator: eb.ref('excluded.denominator'),
            source: eb.ref('excluded.source'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const overrides =
      source === 'live'
        ? undefined
        : rows.map((r) => ({
            agentId: r.agentId,
            month: r.month,
            kpi: r.kpi,
            value: r.value,
            numerator: r.numerator ?? null,
            denominator: r.denominator ?? null,
            before: before.get(`${r.agentId}|${r.month}|${r.kpi}`) ?? null,
          }));
    await audit(tx, {
      at: now,
      userId,
      action: 'perf.figures.upsert',
      entity: 'perf_figures',
      entityId: months.join(','),
      detail: { rows: rows.length, source, ...(overrides ? { overrides } : {}) },
    });
    return rows.length;
  });
}

export interface AgentFacts {
  agentId: number;
  teamId: number | null;
  employeeNo: string;
  name: string;
  hireDate: string;
  figures: Partial<Record<KpiKey, number | null>>;
  /** where each figure comes from (facts' source; 'manual' = a hand-loaded override) */
  sources: Partial<Record<KpiKey, FactSource>>;
  components: Record<string, number>;
}

/**
 * Every agent's figures of the given months, read from the facts (store/facts: telephony, schedule,
 * QA, work orders, survey, people — one definition each). A figure loaded by hand (perf_figures with
 * a source other than 'live': api, csv, cli) is an audited override and says `source: 'manual'`;
 * 'live' rows are snapshots of the facts written by `perf compute-figures` and are not read back.
 * Several months: ratio KPIs are Σnum / Σden of the months (a month without parts leaves it
 * missing), sums add, means average. A figure nobody can compute stays absent or null, never 0.
 */
export async function agentFacts(
  db: Db,
  centerId: number,
  months: readonly string[],
  opts: { agentIds?: number[]; scope?: Scope; now?: number } = {},
): Promise<AgentFacts[]> {
  const now = opts.now ?? Date.now();
  const kpis = await getKpiDefinitions(db, centerId);
  const perMonth: AgentFactsRow[][] = [];
  for (const m of months) {
    const period = factsPeriod({ month: m });
    const g = await gatherFacts(db, centerId, period.from, period.to, { agentIds: opts.agentIds, scope: opts.scope, now, sums: true });
    perMonth.push(await agentPeriodFacts(db, g, period, now, kpis));
  }
  const byAgent = new Map<number, AgentFactsRow[]>();
  for (const rows of perMonth) for (const r of rows) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r]);
  const first = perMonth.flat();
  const seen = new Set<number>();
  const out: AgentFacts[] = [];
  for (const a of first) {
    if (seen.has(a.agentId)) continue;
    seen.add(a.agentId);
    const rows = byAgent.get(a.agentId)!;
    const figures: Partial<Record<KpiKey, number | null>> = {};
    const sources: Partial<Record<KpiKey, FactSource>> = {};
    const parts: Record<string, number>[] = [];
    for (const r of rows) {
      const c: Record<string, number> = {};
      for (const k of KPI_KEYS) {
        const f = (r as unknown as Record<string, Fact | undefined>)[k];
        if (!f || typeof f !== 'object' || !('source' in f)) continue;
        if (f.num !== undefined && f.den !== undefined)
          Object.assign(c, figureComponents(k, { value: typeof f.value === 'number' ? f.value : null, numerator: f.num, denominator: f.den }));
        else if (typeof f.value === 'number') c[k] = f.value;
      }
      parts.push(c);
    }
    const components = addComponents(parts);
    for (const k of KPI_KEYS) {
      const fs = rows.map((r) => (r as unknown as Record<string, Fact | undefined>)[k]).filter((f): f is Fact => !!f && typeof f === 'object' && 'source' in f);
      if (!fs.length) continue;
      sources[k] = fs.some((f) => f.source === 'manual') ? 'manual' : fs[0]!.source;
      if (fs.length === 1 && rows.length === 1) {
        figures[k] = typeof fs[0]!.value === 'number' ? fs[0]!.value : null;
        continue;
      }
      const agg = AGGREGATIONS[k];
      const vals = fs.map((f) => f.value).filter((v): v is number => typeof v === 'number');
      if (agg.kind === 'ratio') {
        const num = components[`${k}#num`];
        const den = components[`${k}#den`];
        figures[k] =
          fs.length === rows.length && fs.every((f) => f.num !== undefined && f.den !== undefined) && den !== undefined && den > 0 ? num! / den : null;
      } else figures[k] = vals.length ? (agg.kind === 'sum' ? vals.reduce((x, y) => x + y, 0) : vals.reduce((x, y) => x + y, 0) / vals.length) : null;
    }
    if (typeof figures.skillLevel === 'number') components.skillLevel = figures.skillLevel;
    out.push({ agentId: a.agentId, teamId: a.teamId, employeeNo: a.employeeNo, name: a.name, hireDate: a.hireDate, figures, sources, components });
  }
  return out;
}

export interface MonthScorecards {
  month: string;
  kpis: KpiDefinition[];
  /** each card with where its figures come from (the facts' sources; 'manual' = an override) and when they were computed */
  cards: (RankedScorecard & { employeeNo: string; name: string; sources: Partial<Record<KpiKey, FactSource>>; computedAt: number })[];
  /** the facts the cards were built from (every figure, not only the plan's) */
  facts: AgentFacts[];
}

/** Monthly scorecards computed now from stored facts, ranked per team and center (pay KPIs). */
export async function computeScorecards(db: Db, centerId: number, month: string, now?: number): Promise<MonthScorecards> {
  const kpis = await getKpiDefinitions(db, centerId);
  const facts = await agentFacts(db, centerId, [month], { now });
  const byId = new Map(facts.map((f) => [String(f.agentId), f]));
  const cards = rankScorecards(
    facts.map((f) =>
      buildScorecard({ agentId: String(f.agentId), teamId: String(f.teamId ?? ''), hireDate: f.hireDate, month, figures: f.figures }, kpis, 'pay'),
    ),
  );
  const at = now ?? Date.now();
  return {
    month,
    kpis,
    cards: cards.map((c) => ({
      ...c,
      employeeNo: byId.get(c.agentId)!.employeeNo,
      name: byId.get(c.agentId)!.name,
      sources: byId.get(c.agentId)!.sources,
      computedAt: at,
    })),
    facts,
  };
}

type Figures = Partial<Record<KpiKey, number | null>>;

/**
 * The figures of a published month as they were published, per agent id: the snapshot kept with
 * each published card (older publications without it: the card lines' actual figures).
 */
export async function publishedFigures(db: Db, centerId: number, month: string, agentIds?: number[]): Promise<Map<string, Figures>> {
  let q = db.selectFrom('perf_published_cards').select(['agent_id', 'card']).where('center_id', '=', centerId).where('month', '=', month);
  if (agentIds) q = q.where('agent_id', 'in', agentIds.length ? agentIds : [-1]);
  const out = new Map<string, Figures>();
  for (const r of await q.execute()) {
    const c = JSON.parse(r.card) as RankedScorecard & { figures?: Figures };
    out.set(String(r.agent_id), c.figures ?? Object.fromEntries(c.lines.map((l) => [l.key, l.actual])));
  }
  return out;
}

/**
 * Late data re-flows: marks every figure of the given cards that differs now from what the month's
 * publication showed (`changedAfterPublication` {published, current} on the line, the keys on the
 * card). `current` defaults to the cards' own figures (live cards); for published cards pass the
 * month's current facts. A month not published leaves the cards unmarked.
 */
export async function markPublicationChanges<C extends RankedScorecard>(
  db: Db,
  centerId: number,
  month: string,
  cards: readonly C[],
  current?: Map<string, Figures>,
): Promise<(C & { changedAfterPublication: KpiKey[] })[]> {
  const pub = await db.selectFrom('perf_publications').select('month').where('center_id', '=', centerId).where('month', '=', month).executeTakeFirst();
  if (!pub) return cards.map((c) => ({ ...c, changedAfterPublication: [] }));
  const published = await publishedFigures(
    db,
    centerId,
    month,
    cards.map((c) => Number(c.agentId)),
  );
  return cards.map((c) =>
    markChangesAfterPublication(c, published.get(c.agentId) ?? null, current?.get(c.agentId) ?? Object.fromEntries(c.lines.map((l) => [l.key, l.actual]))),
  );
}

/** The month's figures now, per agent id (for published cards shown beside what changed). */
export async function currentFigures(db: Db, centerId: number, month: string, agentIds: number[], now: number): Promise<Map<string, Figures>> {
  const facts = await agentFacts(db, centerId, [month], { agentIds, now });
  return new Map(facts.map((f) => [String(f.agentId), f.figures]));
}

/**
 * Publishes a month: freezes the ranked scorecards agents then see. A month with a missing figure
 * may be published only with a note (a figure is late); re-publishing replaces the snapshot.
 */
export async function publishMonth(db: Db, centerId: number, month: string, note: string, userId: number, now: number) {
  const sc = await computeScorecards(db, centerId, month, now);
  const figuresById = new Map(sc.facts.map((f) => [String(f.agentId), f.figures]));
  const scored = sc.cards.filter((c) => c.total !== null);
  if (!scored.length)
    throw validationError('month', `no agent has any figure for ${month}; nothing to publish`, { reason: 'perf.nothingToPublish', params: { month } });
  const incomplete = sc.cards.filter((c) => !c.complete);
  if (incomplete.length && !note.trim())
    throw validationError(
      'note',
      `${incomplete.length} scorecard(s) miss a figure (e.g. ${incomplete[0]!.missing.join(', ')} of ${incomplete[0]!.employeeNo}); publish with a note saying which figure is late`,
      {
        reason: 'perf.publishNoteRequired',
        params: { count: incomplete.length, kpis: incomplete[0]!.missing.join(', '), employeeNo: incomplete[0]!.employeeNo },
      },
    );
  await withTx(db, async (tx) => {
    await tx.deleteFrom('perf_published_cards').where('center_id', '=', centerId).where('month', '=', month).execute();
    await tx.deleteFrom('perf_publications').where('center_id', '=', centerId).where('month', '=', month).execute();
    await tx
      .insertInto('perf_publications')
      .values({ center_id: centerId, month, published_at: now, published_by: userId, note: note.trim(), kpis: JSON.stringify(sc.kpis) })
      .execute();
    for (let i = 0; i < sc.cards.length; i += 100)
      await tx
        .insertInto('perf_published_cards')
        .values(
          sc.cards.slice(i, i + 100).map((c) => ({
            center_id: centerId,
            month,
            agent_id: Number(c.agentId),
            team_id: c.teamId ? Number(c.teamId) : null,
            total: c.total,
            center_rank: c.centerRank,
            team_rank: c.teamRank,
            // the card as published, with every figure of the month as it was (to tell later changes)
            card: JSON.stringify({ ...c, figures: figuresById.get(c.agentId) ?? {} }),
          })),
        )
        .execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'perf.month.publish',
      entity: 'perf_month',
      entityId: month,
      detail: { note, cards: sc.cards.length, incomplete: incomplete.length },
    });
  });
  return { month, cards: sc.cards.length, incomplete: incomplete.length };
}

export async function getPublication(db: Db, centerId: number, month: string) {
  const p = await db.selectFrom('perf_publications').selectAll().where('center_id', '=', centerId).where('month', '=', month).executeTakeFirst();
  return p ? { month: p.month, publishedAt: p.published_at, publishedBy: p.published_by, note: p.note, kpis: JSON.parse(p.kpis) as KpiDefinition[] } : null;
}

export async function listPublications(db: Db, centerId: number) {
  const rows = await db
    .selectFrom('perf_publications')
    .select(['month', 'published_at', 'note'])
    .where('center_id', '=', centerId)
    .orderBy('month', 'desc')
    .execute();
  return rows;
}

/** The published (frozen) scorecards of a month; optionally one agent's, or some teams'. */
export async function publishedCards(db: Db, centerId: number, month: string, f: { agentIds?: number[]; teamIds?: number[]; scope?: Scope } = {}) {
  let q = db
    .selectFrom('perf_published_cards')
    .innerJoin('agents', 'agents.id', 'perf_published_cards.agent_id')
    .select(['perf_published_cards.card', 'agents.employee_no', 'agents.name'])
    .where('perf_published_cards.center_id', '=', centerId)
    .where('perf_published_cards.month', '=', month);
  if (f.agentIds) q = q.where('perf_published_cards.agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  if (f.teamIds) q = q.where('perf_published_cards.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  if (f.scope)
    q = q.where(inScope(f.scope, { center: 'perf_published_cards.center_id', team: 'perf_published_cards.team_id', agent: 'perf_published_cards.agent_id' }));
  const rows = await q.execute();
  return rows
    .map((r) => ({ ...(JSON.parse(r.card) as RankedScorecard), employeeNo: r.employee_no, name: r.name }))
    .sort((a, b) => (a.centerRank ?? Infinity) - (b.centerRank ?? Infinity) || a.employeeNo.localeCompare(b.employeeNo));
}

// ---- contests ----

export interface ContestInput {
  name: string;
  from: string;
  to: string;
  teamIds: number[];
  kpis: ContestKpi[];
}

export async function createContest(db: Db, centerId: number, input: ContestInput, userId: number, now: number) {
  const kpis = await getKpiDefinitions(db, centerId);
  const errors = validateContest({ id: 'new', name: input.name, from: input.from, to: input.to, teamIds: input.teamIds.map(String), kpis: input.kpis }, kpis);
  if (errors.length) throw fieldErrors('', errors);
  const teams = await db.selectFrom('teams').select('id').where('center_id', '=', centerId).where('id', 'in', input.teamIds).execute();
  const missing = input.teamIds.filter((t) => !teams.some((x) => x.id === t));
  if (missing.length)
    throw validationError('teamIds', `team ${missing.join(', ')} does not exist`, { reason: 'people.teamMissing', params: { teamId: missing.join(', ') } });
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('perf_contests')
      .values({
        center_id: centerId,
        name: input.name,
        date_from: input.from,
        date_to: input.to,
        team_ids: JSON.stringify(input.teamIds),
        kpis: JSON.stringify(input.kpis),
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'perf.contest.create', entity: 'perf_contest', entityId: row.id, detail: input });
    return row.id;
  });
}

export async function listContests(db: Db, centerId: number) {
  const rows = await db.selectFrom('perf_contests').selectAll().where('center_id', '=', centerId).orderBy('date_from', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    from: r.date_from,
    to: r.date_to,
    teamIds: JSON.parse(r.team_ids) as number[],
    kpis: JSON.parse(r.kpis) as ContestKpi[],
  }));
}

/**
 * A contest's leaderboard: team figures sum-based over the agents' facts of every month the period
 * touches (figures are monthly), scored against the contest's targets.
 */
export async function contestBoard(db: Db, centerId: number, id: number, now?: number) {
  const c = (await listContests(db, centerId)).find((x) => x.id === id);
  if (!c) throw notFound('contest', id);
  const defs = (await getKpiDefinitions(db, centerId)).map((d) => ({ ...d, aggregation: storedAggregation(d) }));
  const facts = await agentFacts(db, centerId, monthRange(c.from.slice(0, 7), c.to.slice(0, 7)), { now });
  const rows: AgentPeriodRow[] = facts
    .filter((f) => f.teamId != null && c.teamIds.includes(f.teamId))
    .map((f) => ({ agentId: String(f.agentId), teamId: String(f.teamId), components: f.components }));
  const contest: Contest = { id: String(c.id), name: c.name, from: c.from, to: c.to, teamIds: c.teamIds.map(String), kpis: c.kpis };
  const teams = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', c.teamIds).execute();
  const board = contestLeaderboard(contest, rows, defs).map((b) => ({ ...b, teamName: teams.find((t) => String(t.id) === b.teamId)?.name ?? b.teamId }));
  return { contest: c, board };
}

export async function deleteContest(db: Db, centerId: number, id: number, userId: number, now: number) {
  await withTx(db, async (tx) => {
    const r = await tx.deleteFrom('perf_contests').where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('contest', id);
    await audit(tx, { at: now, userId, action: 'perf.contest.delete', entity: 'perf_contest', entityId: id });
  });
}
