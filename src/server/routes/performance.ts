/** Performance API (src/contract/performance.ts): thin routes over src/services/performance — parse, call the use case, answer. */
import { performance as api } from '../../contract/performance';
import { toCsv } from '../../core/performance/index';
import { computeFigures, loadFigures, loadFiguresCsv, monthFigures } from '../../services/performance/figures';
import { liveScorecards, myScorecard, payroll, publicationsOf, publish, publishedRanking } from '../../services/performance/scorecards';
import { addContest, campOf, contestLeaderboardOf, contestsOf, kpiPlan, removeContest, saveKpiPlan } from '../../services/performance/contests';
import { actorOf, depsOf, implement, type RouteDef } from '../route';

export const performanceRoutes: RouteDef[] = [
  implement(api.kpis, async ({ caller, ctx }) => kpiPlan(depsOf(ctx), actorOf(caller))),
  implement(api.saveKpis, async ({ body, caller, ctx }) => saveKpiPlan(depsOf(ctx), actorOf(caller), body.kpis)),
  implement(api.figures, async ({ query, caller, ctx }) => monthFigures(depsOf(ctx), actorOf(caller), query)),
  implement(api.loadFigures, async ({ body, caller, ctx }) => loadFigures(depsOf(ctx), actorOf(caller), body.figures, 'api')),
  implement(api.computeFigures, async ({ body, caller, ctx }) => computeFigures(depsOf(ctx), actorOf(caller), body)),
  implement(api.figuresCsv, async ({ body, caller, ctx }) => loadFiguresCsv(depsOf(ctx), actorOf(caller), body.csv, 'csv'), { bodyLimit: 8 * 1024 * 1024 }),
  implement(api.scorecards, async ({ query, caller, ctx }) => liveScorecards(depsOf(ctx), actorOf(caller), query)),
  implement(api.publish, async ({ params, body, caller, ctx }) => publish(depsOf(ctx), actorOf(caller), params.month, body.note)),
  implement(api.publications, async ({ caller, ctx }) => publicationsOf(depsOf(ctx), actorOf(caller))),
  implement(api.published, async ({ query, caller, ctx }) => publishedRanking(depsOf(ctx), actorOf(caller), query.month)),
  implement(api.myScorecard, async ({ query, caller, ctx }) => myScorecard(depsOf(ctx), actorOf(caller), query)),
  implement(api.exportPayroll, async ({ query, caller, ctx, reply }) => {
    const rows = await payroll(depsOf(ctx), actorOf(caller), query.month);
    const name = `payroll-${query.month}`;
    if (query.format === 'csv')
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows));
    // loaded on the first export, not at start-up (issue 16: the workbook library is the largest the server loads)
    const { default: ExcelJS } = await import('exceljs');
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
  }),
  implement(api.contests, async ({ caller, ctx }) => contestsOf(depsOf(ctx), actorOf(caller))),
  implement(api.createContest, async ({ body, caller, ctx }) => addContest(depsOf(ctx), actorOf(caller), body)),
  implement(api.contest, async ({ params, caller, ctx }) => contestLeaderboardOf(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.deleteContest, async ({ params, caller, ctx }) => {
    await removeContest(depsOf(ctx), actorOf(caller), params.id);
    return { ok: true as const };
  }),
  implement(api.camp, async ({ query, caller, ctx }) => campOf(depsOf(ctx), actorOf(caller), query)),
];
