import type { Command } from 'commander';
import { buildApp } from '../../server/app';
import { describeTarget, dbTarget, openMigratedStore } from '../options';
import { startServices, stopServices } from '../../server/services';
import { sharedSqliteFile } from '../../server/importWorker';
import { REPORT_POOL, ReportPool } from '../../server/reportPool';

export async function serve(opts: { db?: string; port: string; host: string; quiet?: boolean; reportThreads?: string }) {
  const store = await openMigratedStore(opts.db);
  const { app, ctx } = await buildApp({
    store,
    logger: !opts.quiet,
    secureCookies: process.env.CALLFLOOR_SECURE_COOKIES === '1',
    trustProxy: trustProxyFromEnv(process.env.CALLFLOOR_TRUST_PROXY),
  });
  // KPI reports not in the cache computed in threads of their own (a SQLite file only: see src/server/reportPool.ts)
  const threads = Number(opts.reportThreads ?? 0);
  const file = sharedSqliteFile(store);
  const pool = threads > 0 && file ? new ReportPool(file, threads) : null;
  if (pool) ctx.services[REPORT_POOL] = pool;
  await startServices(ctx);
  await app.listen({ port: Number(opts.port), host: opts.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  console.log(`CallFloor on http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port} (database: ${describeTarget(dbTarget(opts.db))})`);
  const stop = async () => {
    await stopServices(ctx);
    await app.close();
    await pool?.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, ctx, store };
}

/** CALLFLOOR_TRUST_PROXY: unset/0 = trust no proxy, 1/true = trust any, else the proxy addresses/CIDRs (comma-separated). */
export function trustProxyFromEnv(v: string | undefined): boolean | string {
  if (!v || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  return v;
}

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('start the HTTP server and web app')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DATABASE_URL or ./data/callfloor.sqlite)')
    .option('--port <port>', 'port', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--report-threads <n>',
      'compute KPI reports that are not cached in N worker threads (SQLite file only)',
      process.env.CALLFLOOR_REPORT_THREADS ?? '0',
    )
    .action(async (o) => {
      await serve(o);
    });
}
