import { z } from 'zod';
import ExcelJS from 'exceljs';
import { forbidden, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import {
  campProgress,
  itemsBelowTarget,
  KPI_KEYS,
  parseFiguresCsv,
  payrollRows,
  shiftMonth,
  toCsv,
  type CsvCell,
  type RankedScorecard,
} from '../../core/performance/index';
import { listTeams } from '../../store/org';
import {
  agentFacts,
  computeScorecards,
  contestBoard,
  createContest,
  currentFigures,
  deleteContest,
  getCampRules,
  getKpiDefinitions,
  getPublication,
  listContests,
  listPublications,
  markPublicationChanges,
  publishedCards,
  publishMonth,
  saveKpiDefinitions,
  upsertFigures,
  type FigureInput,
} from '../../store/performance/figures';
import { computeLiveFigures } from '../../store/performance/liveFigures';
import { fieldErrors } from '../../store/quality/templates';
import { agentIdsByEmployeeNo } from '../../store/quality/lookup';
import { agentScope, route, type RouteDef } from '../route';
import { assertCanSeeAgent, callerCenterId, idParams } from './platform';
import { currentMonth, month } from './quality';
import { scopeFilter } from './scope';
import { isoDate } from '../schemas';

const MANAGERS: Role[] = ['admin', 'center_manager'];
/** Who loads figures until the live-floor feed does: managers and the WFM planner. */
const FIGURE_LOADERS: Role[] = ['admin', 'center_manager', 'wfm'];
/** Who sees the live (unpublished) scorecards: managers, duty managers, team leads (their teams). */
const SCORECARD_READERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead'];

const kpiKey = z.enum(KPI_KEYS);

/** The month to show by default: the last closed month. */
const lastMonth = async (ctx: Parameters<typeof currentMonth>[0], centerId: number) => shiftMonth(await currentMonth(ctx, centerId), -1);

/** Payroll rows with employee numbers, names and team names instead of ids; missing stays "missing". */
async function payrollTable(
  cards: (RankedScorecard & { employeeNo: string; name: string })[],
  kpis: Awaited<ReturnType<typeof getKpiDefinitions>>,
  teams: { id: number; name: string }[],
): Promise<CsvCell[][]> {
  const rows = payrollRows(cards, kpis);
  const team = (id: CsvCell) => teams.find((t) => String(t.id) === String(id))?.name ?? id;
  return rows.map((r, i) => {
    if (i === 0) return ['employeeNo', 'name', 'team', ...r.slice(2)];
    const c = cards[i - 1]!;
    return [c.employeeNo, c.name, team(r[1]), ...r.slice(2)];
  });
}

export const performanceRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/performance/kpis',
    access: 'any',
    summary: 'The center’s KPI plan: weights, targets (by tenure), direction, pay / contest use',
    handler: async ({ caller, ctx }) => getKpiDefinitions(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'PUT',
    url: '/api/performance/kpis',
    access: MANAGERS,
    summary: 'Replace the KPI plan (validated; audited)',
    body: z.object({ kpis: z.unknown() }),
    handler: async ({ body, caller, ctx }) => saveKpiDefinitions(ctx.store.db, await callerCenterId(ctx, caller), body.kpis, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/performance/figures',
    access: [...SCORECARD_READERS, 'wfm'],
    summary: 'Stored figures of a month per agent (missing figures are absent, never 0)',
    query: z.object({ month: month.optional(), agentId: z.coerce.number().int().optional() }),
    handler: async ({ query, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const m = query.month ?? (await lastMonth(ctx, centerId));
      if (query.agentId) await assertCanSeeAgent(ctx, caller, query.agentId);
      const sc = scopeFilter(caller);
      let facts = await agentFacts(ctx.store.db, centerId, [m], { agentIds: query.agentId ? [query.agentId] : undefined, now: ctx.now() });
      if (sc.teamIds) facts = facts.filter((f) => f.teamId != null && sc.teamIds!.includes(f.teamId));
      return { month: m, agents: facts.map(({ components: _c, ...f }) => f) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/performance/figures',
    access: FIGURE_LOADERS,
    summary: 'Load KPI figures (value, or numerator and denominator for ratios) per agent and month',
    body: z.object({
      figures: z
        .array(
          z
            .object({
              agentId: z.number().int().positive().optional(),
              employeeNo: z.string().min(1).max(40).optional(),
              month,
              kpi: kpiKey,
              value: z.number().nullable().optional(),
              numerator: z.number().nullable().optional(),
              denominator: z.number().min(0).nullable().optional(),
            })
            .refine((f) => f.agentId !== undefined || f.employeeNo !== undefined, { message: 'agentId or employeeNo is required', path: ['agentId'] }),
        )
        .min(1)
        .max(20_000),
    }),
    handler: async ({ body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const byNo = await agentIdsByEmployeeNo(ctx.store.db, centerId);
      const rows: FigureInput[] = body.figures.map((f, i) => {
        const agentId = f.agentId ?? byNo.get(f.employeeNo!);
        if (agentId === undefined) throw validationError(`body.figures[${i}].employeeNo`, `no agent with employee number "${f.employeeNo}"`);
        return { agentId, month: f.month, kpi: f.kpi, value: f.value ?? null, numerator: f.numerator ?? null, denominator: f.denominator ?? null };
      });
      return { stored: await upsertFigures(ctx.store.db, centerId, rows, 'api', caller.userId, ctx.now()) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/performance/figures/compute',
    access: FIGURE_LOADERS,
    summary:
      "Compute a month's agent figures (aht, transferRate, occupancy, notReadyShare, idleShare, with their parts) from the live floor's stored aggregates; hand-loaded figures are kept unless overwrite",
    body: z.object({ month, overwrite: z.boolean().default(false) }),
    handler: async ({ body, caller, ctx }) =>
      computeLiveFigures(ctx.store.db, await callerCenterId(ctx, caller), body.month, { overwrite: body.overwrite, userId: caller.userId, now: ctx.now() }),
  }),
  route({
    method: 'POST',
    url: '/api/performance/figures/csv',
    access: FIGURE_LOADERS,
    summary: 'Load KPI figures from CSV text: employeeNo,month,kpi,value[,numerator,denominator]; a bad line is named and nothing is stored',
    bodyLimit: 8 * 1024 * 1024,
    body: z.object({ csv: z.string().min(1).max(8_000_000) }),
    handler: async ({ body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const parsed = parseFiguresCsv(body.csv);
      if (!parsed.ok) throw fieldErrors('csv', parsed.errors.slice(0, 20));
      const byNo = await agentIdsByEmployeeNo(ctx.store.db, centerId);
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
      return { stored: await upsertFigures(ctx.store.db, centerId, rows, 'csv', caller.userId, ctx.now()) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/performance/scorecards',
    access: SCORECARD_READERS,
    summary: 'Monthly scorecards computed now from stored facts, with the weighted total and ranks (team leads: their teams)',
    query: z.object({ month: month.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const m = query.month ?? (await lastMonth(ctx, centerId));
      const { facts: _facts, ...sc } = await computeScorecards(ctx.store.db, centerId, m, ctx.now());
      const scope = scopeFilter(caller);
      const cards = scope.teamIds ? sc.cards.filter((c) => scope.teamIds!.includes(Number(c.teamId))) : sc.cards;
      // a published month: figures that changed since (late data) are marked with both values
      return { ...sc, cards: await markPublicationChanges(ctx.store.db, centerId, m, cards), publication: await getPublication(ctx.store.db, centerId, m) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/performance/months/:month/publish',
    access: MANAGERS,
    summary: 'Publish a month’s ranking to agents (a note is required when a figure is missing)',
    params: z.object({ month }),
    body: z.object({ note: z.string().max(2000).default('') }),
    handler: async ({ params, body, caller, ctx }) =>
      publishMonth(ctx.store.db, await callerCenterId(ctx, caller), params.month, body.note, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/performance/publications',
    access: 'any',
    summary: 'Published months',
    handler: async ({ caller, ctx }) => listPublications(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'GET',
    url: '/api/performance/published',
    access: 'any',
    summary: 'A published month’s ranking (agents: only their own card)',
    query: z.object({ month }),
    handler: async ({ query, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const pub = await getPublication(ctx.store.db, centerId, query.month);
      if (!pub) throw notFound(`published ranking of ${query.month}`);
      const cards = await publishedCards(ctx.store.db, centerId, query.month, scopeFilter(caller));
      const now = await currentFigures(
        ctx.store.db,
        centerId,
        query.month,
        cards.map((c) => Number(c.agentId)),
        ctx.now(),
      );
      return { publication: pub, cards: await markPublicationChanges(ctx.store.db, centerId, query.month, cards, now) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/performance/my-scorecard',
    access: 'any',
    summary: 'The signed-in agent’s scorecard, rank and items below target for a published month',
    query: z.object({ month: month.optional() }),
    handler: async ({ query, caller, ctx }) => {
      if (caller.agentId == null) throw forbidden('this page is for agents');
      const centerId = await callerCenterId(ctx, caller);
      const months = await listPublications(ctx.store.db, centerId);
      const m = query.month ?? months[0]?.month;
      if (!m) return { month: null, published: false, months: [] };
      const pub = await getPublication(ctx.store.db, centerId, m);
      if (!pub) return { month: m, published: false, months: months.map((x) => x.month) };
      const [published] = await publishedCards(ctx.store.db, centerId, m, { agentIds: [caller.agentId] });
      const [card] = published
        ? await markPublicationChanges(ctx.store.db, centerId, m, [published], await currentFigures(ctx.store.db, centerId, m, [caller.agentId], ctx.now()))
        : [];
      const teamSize = card ? (await publishedCards(ctx.store.db, centerId, m, { teamIds: card.teamId ? [Number(card.teamId)] : [] })).length : 0;
      const centerSize = (await publishedCards(ctx.store.db, centerId, m)).length;
      return {
        month: m,
        published: true,
        months: months.map((x) => x.month),
        publication: { publishedAt: pub.publishedAt, note: pub.note },
        card: card ?? null,
        belowTarget: card ? itemsBelowTarget(card) : [],
        teamSize,
        centerSize,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/performance/export',
    access: MANAGERS,
    summary: 'Payroll export of a published month as CSV or XLSX (missing figures written as "missing", never 0)',
    query: z.object({ month, format: z.enum(['csv', 'xlsx']).default('csv') }),
    handler: async ({ query, caller, ctx, reply }) => {
      const centerId = await callerCenterId(ctx, caller);
      const pub = await getPublication(ctx.store.db, centerId, query.month);
      if (!pub) throw validationError('query.month', `${query.month} is not published yet; payroll uses the published ranking`);
      const cards = await publishedCards(ctx.store.db, centerId, query.month);
      const rows = await payrollTable(cards, pub.kpis, await listTeams(ctx.store.db));
      const name = `payroll-${query.month}`;
      if (query.format === 'csv') {
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows));
      }
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(query.month);
      ws.addRows(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c))));
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(buf);
    },
  }),
  route({
    method: 'GET',
    url: '/api/performance/contests',
    access: 'any',
    summary: 'Team contests',
    handler: async ({ caller, ctx }) => listContests(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'POST',
    url: '/api/performance/contests',
    access: MANAGERS,
    summary: 'Create a team contest on chosen KPIs (only KPIs the plan lets feed contests)',
    body: z.object({
      name: z.string().trim().min(1).max(200),
      from: isoDate,
      to: isoDate,
      teamIds: z.array(z.number().int().positive()).max(100),
      kpis: z.array(z.object({ key: kpiKey, weight: z.number(), target: z.number() })).max(30),
    }),
    handler: async ({ body, caller, ctx }) => ({ id: await createContest(ctx.store.db, await callerCenterId(ctx, caller), body, caller.userId, ctx.now()) }),
  }),
  route({
    method: 'GET',
    url: '/api/performance/contests/:id',
    access: 'any',
    summary: 'A contest’s leaderboard (team figures sum-based)',
    params: idParams,
    handler: async ({ params, caller, ctx }) => contestBoard(ctx.store.db, await callerCenterId(ctx, caller), params.id, ctx.now()),
  }),
  route({
    method: 'DELETE',
    url: '/api/performance/contests/:id',
    access: MANAGERS,
    summary: 'Delete a contest',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await deleteContest(ctx.store.db, await callerCenterId(ctx, caller), params.id, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/performance/camp',
    access: 'any',
    summary: 'Newcomer camp (新兵營): titles of agents still in camp, by the camp rules (agents: their own)',
    query: z.object({ month: month.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const m = query.month ?? (await currentMonth(ctx, centerId));
      const rules = await getCampRules(ctx.store.db, centerId);
      const s = agentScope(caller);
      const sc = scopeFilter(caller);
      let facts = await agentFacts(ctx.store.db, centerId, [m], { agentIds: sc.agentIds, now: ctx.now() });
      if (s.kind === 'teams') facts = facts.filter((f) => f.teamId != null && s.teamIds.includes(f.teamId));
      const asOf = new Date(ctx.now()).toISOString().slice(0, 10);
      const rows = facts
        .filter((f) => f.hireDate <= asOf)
        .map((f) => ({
          agentId: f.agentId,
          employeeNo: f.employeeNo,
          name: f.name,
          teamId: f.teamId,
          hireDate: f.hireDate,
          ...campProgress({ hireDate: f.hireDate, asOf, figures: f.figures }, rules),
        }))
        .filter((r) => r.inCamp);
      return { month: m, rules, agents: rows };
    },
  }),
];
