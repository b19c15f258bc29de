import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { backtest, ForecastInputError, type ForecastModel, type IntervalObservation } from '../../core/wfm/forecast';
import { intervalHistory } from '../../core/wfm/history';
import { parseAnonymousBank } from '../../ingest/anonymousBank';
import { backtestForecast, createForecast } from '../../services/wfm/forecasts';
import type { Actor, ServiceDeps } from '../../services/context';
import { cliActor, cliDeps, openMigratedStore } from '../options';

interface ForecastFlags {
  queue: string;
  backtest?: boolean;
  weeks?: string;
  weeksAhead?: string;
  interval?: string;
  model?: string;
  db?: string;
  bankFile?: string;
  tzOffset?: string;
  center?: string;
  json?: boolean;
}

const fail = (flag: string, msg: string) => {
  throw new Error(`${flag}: ${msg}`);
};

function whole(flag: string, v: string | undefined, dflt?: number): number | undefined {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) fail(flag, `must be a whole number > 0, got '${v}'`);
  return n;
}

/** Interval history from the bank data file (read in place); undefined = the store's, which the service reads. */
function fileHistory(o: ForecastFlags, intervalMin: 15 | 30 | 60, tz: number): IntervalObservation[] | undefined {
  if (!o.bankFile) return undefined;
  const res = parseAnonymousBank(readFileSync(o.bankFile, 'utf8'));
  const history = intervalHistory(res.events, o.queue, intervalMin, tz);
  if (!history.length) fail('--queue', `no interval history for queue '${o.queue}' at ${intervalMin} min`);
  return history;
}

/** Runs a use case against the --db store as the operator of the --center. */
async function withService<T>(o: ForecastFlags, fn: (deps: ServiceDeps, actor: Actor) => Promise<T>): Promise<T> {
  const store = await openMigratedStore(o.db);
  try {
    return await fn(cliDeps(store), await cliActor(store, o.center));
  } finally {
    await store.close();
  }
}

export function registerForecast(program: Command) {
  program
    .command('forecast')
    .description('backtest forecast models on held-out weeks, or store a forecast version for the coming weeks')
    .requiredOption('--queue <q>', "queue ('*' = all queues of a --bank-file)")
    .option('--backtest', 'score every model on the last --weeks whole weeks of history')
    .option('--weeks <n>', 'held-out weeks for --backtest', '1')
    .option('--weeks-ahead <n>', 'forecast this many weeks after the history and store it as a new version')
    .option('--model <m>', 'seasonalNaive | holtWinters (for --weeks-ahead)', 'holtWinters')
    .option('--interval <min>', 'interval length: 15, 30 or 60', '30')
    .option('--tz-offset <min>', "local time = UTC + this many minutes (default: a --bank-file 0, the store's history the center's time zone)")
    .option('--bank-file <path>', 'read history from the Anonymous Bank (Feb 1999) file instead of the store')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--center <id>', 'the center whose history, calendar and forecasts (needed when the database has several)')
    .option('--json', 'print JSON')
    .action(async (o: ForecastFlags) => {
      const intervalMin = Number(o.interval);
      if (![15, 30, 60].includes(intervalMin)) fail('--interval', `must be 15, 30 or 60, got '${o.interval}'`);
      const tz = o.tzOffset === undefined ? undefined : Number(o.tzOffset);
      if (tz !== undefined && !Number.isInteger(tz)) fail('--tz-offset', `must be whole minutes, got '${o.tzOffset}'`);
      if (!o.backtest && !o.weeksAhead) fail('--backtest', 'give --backtest or --weeks-ahead N');
      const model = o.model as ForecastModel;
      if (model !== 'seasonalNaive' && model !== 'holtWinters') fail('--model', `must be seasonalNaive or holtWinters, got '${o.model}'`);
      const iv = intervalMin as 15 | 30 | 60;
      const history = fileHistory(o, iv, tz ?? 0);
      try {
        if (o.backtest) {
          const weeks = whole('--weeks', o.weeks, 1)!;
          // a data file is scored as it is (no store involved); the store's history through the same use case as the API
          const res = history
            ? backtest(history, weeks, { intervalMin, tzOffsetMin: tz ?? 0 })
            : await withService(o, (deps, actor) => backtestForecast(deps, actor, { queue: o.queue, intervalMin: iv, weeks, tzOffsetMin: tz }));
          const naive = res.find((r) => r.model === 'seasonalNaive')!;
          const out = {
            queue: o.queue,
            intervalMin,
            heldOutWeeks: weeks,
            models: res.map((r) => ({ model: r.model, wape: r.wape, mape: r.mape, intervals: r.intervals })),
            best: [...res].sort((a, b) => a.wape - b.wape)[0]!.model,
            wapeVsNaive: Object.fromEntries(res.map((r) => [r.model, naive.wape > 0 ? r.wape / naive.wape : null])),
          };
          if (o.json) console.log(JSON.stringify(out));
          else
            for (const r of out.models)
              console.log(`${r.model.padEnd(14)} WAPE ${(r.wape * 100).toFixed(1)} %  MAPE ${(r.mape * 100).toFixed(1)} %  (${r.intervals} intervals)`);
        }
        if (o.weeksAhead) {
          const weeks = whole('--weeks-ahead', o.weeksAhead)!;
          // the same use case as POST /api/wfm/forecasts: the center's zone and holiday calendar, a stored version, audited
          const r = await withService(o, (deps, actor) =>
            createForecast(deps, actor, { queue: o.queue, intervalMin: iv, model, weeksAhead: weeks, adjustments: [], tzOffsetMin: tz, history, via: 'cli' }),
          );
          if (o.json) console.log(JSON.stringify({ forecastId: r.id, queue: o.queue, model, intervals: r.intervals, from: r.from, offered: r.offered }));
          else console.log(`stored forecast ${r.id}: ${r.intervals} intervals, ${r.offered.toFixed(0)} calls`);
        }
      } catch (e) {
        if (e instanceof ForecastInputError)
          fail(
            e.field === 'weeks' ? '--weeks' : e.field === 'horizonDays' ? '--weeks-ahead' : e.field === 'history' ? '--queue' : `--${e.field}`,
            e.message.replace(/^[^:]*:\s*/, ''),
          );
        throw e;
      }
    });
}
