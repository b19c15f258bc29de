import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { backtest, forecast, ForecastInputError, type ForecastModel, type IntervalObservation } from '../../core/wfm/forecast';
import { intervalHistory } from '../../core/wfm/history';
import { parseAnonymousBank } from '../../ingest/anonymousBank';
import { historyFor, saveForecast } from '../../store/wfm/forecasts';
import { cliActor, openMigratedStore } from '../options';

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
  json?: boolean;
  center?: string;
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

/** Interval history from the bank data file (read in place) or from the store. */
async function loadHistory(o: ForecastFlags, intervalMin: 15 | 30 | 60, tz: number): Promise<IntervalObservation[]> {
  if (o.bankFile) {
    const res = parseAnonymousBank(readFileSync(o.bankFile, 'utf8'));
    return intervalHistory(res.events, o.queue, intervalMin, tz);
  }
  const store = await openMigratedStore(o.db);
  try {
    const { scope } = await cliActor(store, o.center);
    return await historyFor(store.db, { centerId: scope.centerId, queue: o.queue, intervalMin, tzOffsetMin: tz });
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
    .option('--tz-offset <min>', 'local time = UTC + this many minutes (store history: 480 for China)', '0')
    .option('--bank-file <path>', 'read history from the Anonymous Bank (Feb 1999) file instead of the store')
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--center <id>', 'the center (required when the database has several)')
    .option('--json', 'print JSON')
    .action(async (o: ForecastFlags) => {
      const intervalMin = Number(o.interval);
      if (![15, 30, 60].includes(intervalMin)) fail('--interval', `must be 15, 30 or 60, got '${o.interval}'`);
      const tz = Number(o.tzOffset ?? 0);
      if (!Number.isInteger(tz)) fail('--tz-offset', `must be whole minutes, got '${o.tzOffset}'`);
      if (!o.backtest && !o.weeksAhead) fail('--backtest', 'give --backtest or --weeks-ahead N');
      const model = o.model as ForecastModel;
      if (model !== 'seasonalNaive' && model !== 'holtWinters') fail('--model', `must be seasonalNaive or holtWinters, got '${o.model}'`);
      const history = await loadHistory(o, intervalMin as 15 | 30 | 60, tz);
      if (!history.length) fail('--queue', `no interval history for queue '${o.queue}' at ${intervalMin} min`);
      try {
        if (o.backtest) {
          const weeks = whole('--weeks', o.weeks, 1)!;
          const res = backtest(history, weeks, { intervalMin, tzOffsetMin: tz });
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
          const points = forecast(history, model, weeks * 7, { intervalMin, tzOffsetMin: tz });
          const store = await openMigratedStore(o.db);
          try {
            const { scope } = await cliActor(store, o.center);
            if (!scope.centerId) fail('--db', 'has no center yet: create one (callfloor users create) first');
            const id = await saveForecast(
              store.db,
              { centerId: scope.centerId, queue: o.queue, model, intervalMin, params: { weeks, tzOffsetMin: tz, via: 'cli' } },
              points,
              null,
              Date.now(),
            );
            const total = points.reduce((s, p) => s + p.offered, 0);
            if (o.json) console.log(JSON.stringify({ forecastId: id, queue: o.queue, model, intervals: points.length, from: points[0]!.ts, offered: total }));
            else console.log(`stored forecast ${id}: ${points.length} intervals, ${total.toFixed(0)} calls`);
          } finally {
            await store.close();
          }
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
