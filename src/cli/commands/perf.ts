import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseFiguresCsv, payrollCsv } from '../../core/performance/index';
import { listCenters } from '../../store/org';
import { getPublication, publishedCards, upsertFigures } from '../../store/performance/figures';
import { computeLiveFigures } from '../../store/performance/liveFigures';
import { agentIdsByEmployeeNo } from '../../store/quality/lookup';
import { openMigratedStore } from '../options';

/** `callfloor perf …`: load KPI figures from CSV, write the payroll CSV of a published month. */
export function registerPerf(program: Command) {
  const perf = program.command('perf').description('performance (绩效): KPI figures and payroll export');
  perf
    .command('import-figures <file>')
    .description('load KPI figures from CSV: employeeNo,month,kpi,value[,numerator,denominator] (all or nothing)')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (file: string, o) => {
      const parsed = parseFiguresCsv(readFileSync(file, 'utf8'));
      if (!parsed.ok)
        throw new Error(
          `${file}: ${parsed.errors
            .slice(0, 20)
            .map((e) => `${e.path}: ${e.message}`)
            .join('; ')}`,
        );
      const store = await openMigratedStore(o.db);
      try {
        const [center] = await listCenters(store.db);
        if (!center) throw new Error('no center in this database');
        const byNo = await agentIdsByEmployeeNo(store.db, center.id);
        const unknown = parsed.rows.filter((r) => !byNo.has(r.employeeNo));
        if (unknown.length)
          throw new Error(
            `${file}: ${unknown
              .slice(0, 20)
              .map((r) => `line ${r.line}, employeeNo: no agent "${r.employeeNo}"`)
              .join('; ')}`,
          );
        const n = await upsertFigures(
          store.db,
          center.id,
          parsed.rows.map((r) => ({ ...r, agentId: byNo.get(r.employeeNo)! })),
          'cli',
          null,
          Date.now(),
        );
        console.log(`loaded ${n} figures`);
      } finally {
        await store.close();
      }
    });
  perf
    .command('compute-figures')
    .description(
      "compute a month's agent figures (aht, transferRate, occupancy, notReadyShare, idleShare) from the live floor's stored aggregates; hand-loaded figures are kept unless --overwrite",
    )
    .requiredOption('--month <YYYY-MM>', 'month (center time zone)')
    .option('--overwrite', 'replace figures loaded by hand (api / csv / cli) too')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const store = await openMigratedStore(o.db);
      try {
        const [center] = await listCenters(store.db);
        if (!center) throw new Error('no center in this database');
        const r = await computeLiveFigures(store.db, center.id, o.month, { overwrite: !!o.overwrite, userId: null, now: Date.now() });
        console.log(`${r.month}: ${r.stored} figures of ${r.agents} agents stored, ${r.removed} removed (now missing), ${r.kept.length} hand-loaded kept`);
      } finally {
        await store.close();
      }
    });
  perf
    .command('export')
    .description('write the payroll CSV of a published month (missing figures as "missing")')
    .requiredOption('--month <YYYY-MM>', 'month')
    .option('--out <file>', 'output file (default stdout)')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const store = await openMigratedStore(o.db);
      try {
        const [center] = await listCenters(store.db);
        if (!center) throw new Error('no center in this database');
        const pub = await getPublication(store.db, center.id, o.month);
        if (!pub) throw new Error(`--month: ${o.month} is not published`);
        const cards = (await publishedCards(store.db, center.id, o.month)).map((c) => ({ ...c, agentId: c.employeeNo }));
        const csv = payrollCsv(cards, pub.kpis);
        if (o.out) writeFileSync(o.out, csv);
        else process.stdout.write(csv);
      } finally {
        await store.close();
      }
    });
}
