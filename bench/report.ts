/**
 * The KPI report by agent for a month at 20 connections (issue 16: ≥ 500 requests/s on SQLite).
 * A demo-sized center (the demo's organisation: 10 teams of 20 agents; its simulator's history for the
 * previous calendar month, calls scaled by BENCH_CALL_SCALE, default 0.1 — the month's report by agent
 * reads the 200 agents' day rollups, whose count does not depend on the call volume) on a SQLite file,
 * served by the real app on 127.0.0.1:41080, signed in as the center manager. A keep-alive load loop
 * in a child process (bench/lib/httpLoad.mjs) runs each case for BENCH_SECONDS (default 10).
 *
 * Cases, same run, same server: GET /api/health (public, no session: the floor of this server) and
 * GET /api/auth/me (a signed-in request: session lookup) as baselines; the month's report with the cache
 * off (every answer computed, as before issue 16; on the main thread, then in 2 report threads), cached (body sent, brotli as a browser asks), and
 * cached with If-None-Match (304); and the cached report at 100 connections. Writes bench/RESULTS-report.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchApp } from './lib/app';
import { signIn } from '../src/server/testing';
import { migrate, openStore } from '../src/store/db';
import { seedDemoOrg, DEMO_PASSWORD } from '../src/cli/commands/demo';
import { storeHistory } from '../src/cli/demo/live-history';
import { setReportCaching } from '../src/services/live/reportCache';
import { REPORT_POOL, ReportPool } from '../src/server/reportPool';

const PORT = Number(process.env.BENCH_PORT ?? 41080);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CALL_SCALE = Number(process.env.BENCH_CALL_SCALE ?? 0.1);
const LOAD = fileURLToPath(new URL('./lib/httpLoad.mjs', import.meta.url));

interface Load {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
}

/** The load loop in a child process (asynchronously: the measured server runs in this process's event loop). */
function load(path: string, headers: Record<string, string>, connections = 20): Promise<Load> {
  const child = spawn(process.execPath, [LOAD, JSON.stringify({ port: PORT, path, headers, connections, seconds: SECONDS })]);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Load) : reject(new Error(`load loop failed: ${err}`)))),
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  const store = await openStore({ file: join(dir, 'bench.sqlite') });
  try {
    await migrate(store);
    const now = Date.now();
    const { ids } = await seedDemoOrg(store, now);
    const { app, ctx } = await benchApp({ store, webRoot: null });
    // the previous calendar month in the demo's zone (UTC+8)
    const local = new Date(now + 8 * 3600_000);
    const y = local.getUTCFullYear();
    const m = local.getUTCMonth(); // this month, 0-based
    const start = Date.UTC(y, m - 1, 1) - 8 * 3600_000;
    const end = Date.UTC(y, m, 1) - 8 * 3600_000;
    const month = new Date(start + 8 * 3600_000).toISOString().slice(0, 7);
    const lastDay = new Date(end + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const t0 = Date.now();
    const seeded = await storeHistory(ctx, { start, end }, { callScale: CALL_SCALE });
    const seedS = (Date.now() - t0) / 1000;
    console.log(`seeded ${month}: ${seeded.events} events over ${seeded.days} days for ${ids.agentIds.size} agents in ${seedS.toFixed(1)} s`);
    await app.listen({ port: PORT, host: '127.0.0.1' });
    const manager = await signIn(app, 'manager', DEMO_PASSWORD);
    const cookie = { cookie: manager.cookie };
    const url = `/api/reports/kpi?by=agent&from=${month}-01&to=${lastDay}`;

    // one answer, to check what is served and to know the ETag
    const probe = await app.inject({ method: 'GET', url, headers: cookie });
    if (probe.statusCode !== 200) throw new Error(`report: ${probe.statusCode} ${probe.body}`);
    const rows = probe.json().rows.length as number;
    const jsonKb = probe.body.length / 1024;
    const etag = probe.headers.etag as string;
    const brKb = (await app.inject({ method: 'GET', url, headers: { ...cookie, 'accept-encoding': 'br' } })).rawPayload.length / 1024;

    const cases: [string, Load][] = [];
    const run = async (name: string, path: string, headers: Record<string, string>, connections = 20) => {
      const r = await load(path, headers, connections);
      console.log(
        `${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.requests} requests, statuses ${JSON.stringify(r.statuses)}, errors ${r.errors}`,
      );
      cases.push([name, r]);
    };
    await run('baseline: GET /api/health (public)', '/api/health', {});
    await run('baseline: GET /api/auth/me (signed in)', '/api/auth/me', cookie);
    setReportCaching(store, false);
    await run('month by agent, cache off (computed each time)', url, { ...cookie, 'accept-encoding': 'br, gzip' });
    // the same, computed in 2 report threads (serve --report-threads 2): the event loop is free meanwhile
    const pool = new ReportPool(join(dir, 'bench.sqlite'), 2);
    ctx.services[REPORT_POOL] = pool;
    await run('month by agent, cache off, 2 report threads', url, { ...cookie, 'accept-encoding': 'br, gzip' });
    delete ctx.services[REPORT_POOL];
    await pool.close();
    setReportCaching(store, true);
    await run('month by agent, cached (br body)', url, { ...cookie, 'accept-encoding': 'br, gzip' });
    await run('month by agent, cached, If-None-Match (304)', url, { ...cookie, 'accept-encoding': 'br, gzip', 'if-none-match': etag });
    await run('month by agent, cached (br body), 100 connections', url, { ...cookie, 'accept-encoding': 'br, gzip' }, 100);

    const health = cases[0]![1].rps;
    const cached = cases.find(([n]) => n === 'month by agent, cached (br body)')![1];
    const met = cached.rps >= 500;
    const lines = [
      `# KPI report by agent for a month (issue 16, \`npm run bench report\`)`,
      ``,
      `Measured ${new Date().toISOString().slice(0, 16)}Z on this machine (${process.platform}, ${cpus().length} cores, node ${process.version}):`,
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} at the end of the run; the load loop runs on the same ${cpus().length} cores as the server.`,
      `Compare the cases within this run, not with other runs.`,
      ``,
      `**Data**: the demo organisation (${ids.agentIds.size} agents in 10 teams), the simulator's history of ${month} (${seeded.days} days,`,
      `${seeded.events.toLocaleString('en')} events, calls × ${CALL_SCALE}; stored in ${seedS.toFixed(0)} s) on SQLite. The report: \`GET ${url}\` as the center`,
      `manager: ${rows} rows, ${jsonKb.toFixed(0)} KB of JSON, ${brKb.toFixed(1)} KB brotli. 20 keep-alive connections, ${SECONDS} s per case.`,
      ``,
      `| case | requests/s | × health | p50 ms | p99 ms | requests | statuses | errors |`,
      `|---|---|---|---|---|---|---|---|`,
      ...cases.map(
        ([n, r]) =>
          `| ${n} | ${r.rps.toFixed(0)} | ${(r.rps / health).toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.requests} | ${Object.entries(
            r.statuses,
          )
            .map(([s, c]) => `${s}: ${c}`)
            .join(', ')} | ${r.errors} |`,
      ),
      ``,
      `**Aim** (≥ 500 requests/s at 20 connections on SQLite): **${met ? 'met' : 'missed'}** — cached ${cached.rps.toFixed(0)} req/s, p99 ${cached.p99.toFixed(1)} ms.`,
      ``,
    ];
    writeFileSync(new URL('./RESULTS-report.md', import.meta.url), lines.join('\n'));
    console.log(lines.join('\n'));
    await app.close();
    void ctx;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
