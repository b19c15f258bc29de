import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { toCsv } from '../../core/performance/index';
import { computeFigures, loadFiguresCsv } from '../../services/performance/figures';
import { payroll } from '../../services/performance/scorecards';
import { cliActor, cliDeps, openMigratedStore } from '../options';

const CENTER_HELP = 'center id (required when the database has several centers)';

/** `callfloor perf …`: load KPI figures from CSV, compute them from the floor, write the payroll CSV of a published month — the same use cases as the API. */
export function registerPerf(program: Command) {
  const perf = program.command('perf').description('performance (绩效): KPI figures and payroll export');
  perf
    .command('import-figures <file>')
    .description('load KPI figures from CSV: employeeNo,month,kpi,value[,numerator,denominator] (all or nothing)')
    .option('--center <id>', CENTER_HELP)
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (file: string, o) => {
      const csv = readFileSync(file, 'utf8');
      const store = await openMigratedStore(o.db);
      try {
        const r = await loadFiguresCsv(cliDeps(store), await cliActor(store, o.center), csv, 'cli').catch((e: Error) => {
          throw new Error(`${file}: ${e.message}`);
        });
        console.log(`loaded ${r.stored} figures`);
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
    .option('--center <id>', CENTER_HELP)
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const store = await openMigratedStore(o.db);
      try {
        const r = await computeFigures(cliDeps(store), await cliActor(store, o.center), { month: o.month, overwrite: !!o.overwrite });
        console.log(`${r.month}: ${r.stored} figures of ${r.agents} agents stored, ${r.removed} removed (now missing), ${r.kept.length} hand-loaded kept`);
      } finally {
        await store.close();
      }
    });
  perf
    .command('export')
    .description('write the payroll CSV of a published month (the same table as the API export; missing figures as "missing")')
    .requiredOption('--month <YYYY-MM>', 'month')
    .option('--out <file>', 'output file (default stdout)')
    .option('--center <id>', CENTER_HELP)
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .action(async (o) => {
      const store = await openMigratedStore(o.db);
      try {
        const csv = toCsv(await payroll(cliDeps(store), await cliActor(store, o.center), o.month, '--month'));
        if (o.out) writeFileSync(o.out, csv);
        else process.stdout.write(csv);
      } finally {
        await store.close();
      }
    });
}
