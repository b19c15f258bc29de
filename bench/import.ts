/**
 * Streaming import (issue 16): peak RSS of `callfloor import` on a generated queue_log of two sizes
 * (flat memory: the big file should not cost more than the small one; the CLI's own start-up alone
 * is the baseline), and `/api/health` latency while a big file is uploaded to a running server
 * (against the same server idle, in the same run).
 *
 * BENCH_IMPORT_PART=cli or upload runs one half. Sizes (MB) by environment: BENCH_IMPORT_MB (default 200; the issue's aim is 2048 — about 40 min on
 * a loaded 2-core machine), BENCH_IMPORT_SMALL_MB (default 25), BENCH_UPLOAD_MB (default 50; aim 500); or BENCH_IMPORT_SIZES, a
 * comma-separated list of CLI sizes in MB (the peak RSS by size: flat or not).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { benchApp } from './lib/app';
import { startServices, stopServices } from '../src/server/services';
import { seedTestOrg, signIn } from '../src/server/testing';
import { migrate, openStore } from '../src/store/db';

const BIN = fileURLToPath(new URL('../bin/callfloor.mjs', import.meta.url));
const MB = 1024 * 1024;
/**
 * The first line's time. A call a second: a 2 GB file spans about 93 days, all of it before the clock — lines
 * later than the import's event window (24 h ahead of the clock) are refused, not stored: a start in November
 * 2026 had 72 % of a 2 GB file refused as future-dated when run in December 2026. From January 2025 files up to
 * about 15 GB lie wholly in the past.
 */
const T0 = Math.floor(Date.UTC(2025, 0, 6, 0, 0) / 1000);

/** A queue_log of about `mb` MB: 400 agents in 3 queues; a call a second, answered (3 lines) or abandoned (2). */
async function generate(file: string, mb: number): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(file);
  let bytes = 0;
  let lines = 0;
  const agents = 400;
  let buf: string[] = [];
  const push = (l: string) => {
    buf.push(l);
    bytes += l.length + 1;
    lines++;
  };
  for (let a = 0; a < agents; a++) push(`${T0}|NONE|q${a % 3}|Agent/${1000 + a}|ADDMEMBER|`);
  for (let i = 0; bytes < mb * MB; i++) {
    const t = T0 + 60 + i;
    const q = `q${i % 3}`;
    const id = `${t}.${i}`;
    push(`${t}|${id}|${q}|NONE|ENTERQUEUE||1380${i % 10000}|1`);
    if (i % 10 === 9) push(`${t + 20}|${id}|${q}|NONE|ABANDON|1|1|20`);
    else {
      const agent = `Agent/${1000 + (i % agents)}`;
      push(`${t + 8}|${id}|${q}|${agent}|CONNECT|8|${id}|3`);
      push(`${t + 8 + 150}|${id}|${q}|${agent}|COMPLETECALLER|8|150|1`);
    }
    if (buf.length >= 10_000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.write(buf.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  return { lines, bytes: statSync(file).size };
}

/** A module that prints the process's peak RSS when it exits (loaded with --import into the CLI). */
function rssHook(dir: string): string {
  const rss = join(dir, 'rss.mjs');
  writeFileSync(
    rss,
    "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\npeak-rss-kb=${u.maxRSS} cpu-us=${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
  );
  return rss;
}

/** `callfloor import` in a child: its peak RSS (MB), wall and CPU time, and the last lines it printed. */
function cliImport(dir: string, file: string, db: string): { peakMb: number; seconds: number; cpuS: number; out: string } {
  const rss = rssHook(dir);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', rss, BIN, 'import', file, '--format', 'queue_log', '--db', db], {
    encoding: 'utf8',
    maxBuffer: 64 * MB,
  });
  const seconds = (Date.now() - started) / 1000;
  const kb = Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0 && r.status !== 2) throw new Error(`import failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const cpuS = Number(/cpu-us=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1e6;
  return { peakMb: kb / 1024, seconds, cpuS, out: r.stdout.trim().split('\n')[0] ?? '' };
}

/** The same command on an empty file (refused at once, after opening the store): start-up alone. */
function cliBaseline(dir: string): number {
  const rss = rssHook(dir);
  const empty = join(dir, 'empty');
  writeFileSync(empty, '');
  const r = spawnSync(process.execPath, ['--import', rss, BIN, 'import', empty, '--format', 'queue_log', '--db', join(dir, 'base.sqlite')], {
    encoding: 'utf8',
  });
  return Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
}

/**
 * A probe in another process: it runs `body` (which pushes to `out`) until `stop()` closes its stdin, then
 * answers what it gathered. Started once per phase: spawning a child blocks the spawning event loop — the
 * server's, in this process — for 50–110 ms on the loaded machine, which a probe started every 5 s put into the figures.
 */
function probe<T>(body: string): { stop: () => Promise<T> } {
  const code = `
    let stopped = false; process.stdin.on('data', () => {}); process.stdin.on('end', () => (stopped = true));
    ${body}`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  const exited = once(child, 'exit');
  return {
    stop: async () => {
      child.stdin.end();
      await exited;
      return JSON.parse(text) as T;
    },
  };
}

/** Sequential GET /api/health from another process until stopped: latencies (ms). */
function healthProbe(url: string) {
  return probe<number[]>(`
    const out = [];
    (async () => {
      while (!stopped) {
        const t = performance.now();
        try { await (await fetch(${JSON.stringify(url)})).text(); } catch {}
        out.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      process.stdout.write(JSON.stringify(out));
    })();`);
}

/** A live push (POST /api/events, one agent event) every 250 ms from another process until stopped: latencies (ms) and failures. */
function pushProbe(url: string, cookie: string, csrf: string, tag: string) {
  return probe<{ ms: number[]; failed: number }>(`
    const out = []; let failed = 0; let n = 0;
    (async () => {
      while (!stopped) {
        const t = performance.now();
        const body = JSON.stringify({ events: [{ id: ${JSON.stringify(tag)} + '-' + n++, ts: Date.now(), type: 'agent.login', agent: 'PROBE' + (n % 50) }] });
        try {
          const r = await fetch(${JSON.stringify(url)}, { method: 'POST', body, headers: { cookie: ${JSON.stringify(cookie)}, 'x-csrf-token': ${JSON.stringify(csrf)}, 'content-type': 'application/json' } });
          await r.text();
          if (r.status !== 200) failed++;
        } catch { failed++; }
        out.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 250));
      }
      process.stdout.write(JSON.stringify({ ms: out, failed }));
    })();`);
}

/** An event-loop delay histogram's p50 / p99 / max (ms). */
const histogramRow = (h: IntervalHistogram) =>
  `p50 ${(h.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`;

const pctl = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/** Upload `file` to POST /api/import as a raw streamed body; resolves with the answer. */
function uploadFile(base: string, file: string, cookie: string, csrf: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/import?format=queue_log`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream', 'content-length': statSync(file).size },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-import-'));
  try {
    const bigMb = Number(process.env.BENCH_IMPORT_MB ?? 200);
    const smallMb = Number(process.env.BENCH_IMPORT_SMALL_MB ?? 25);
    const uploadMb = Number(process.env.BENCH_UPLOAD_MB ?? 50);

    const part = process.env.BENCH_IMPORT_PART; // cli | upload: one half only
    const sizes = process.env.BENCH_IMPORT_SIZES ? process.env.BENCH_IMPORT_SIZES.split(',').map(Number) : [smallMb, bigMb];
    if (part !== 'upload') await cliHalf(dir, sizes);
    if (part !== 'cli') await uploadHalf(dir, uploadMb);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CLI: peak RSS flat with the file size, against the command's start-up alone. */
async function cliHalf(dir: string, sizes: number[]) {
  const base = cliBaseline(dir);
  console.log(`cli start-up alone (import of an empty file): peak RSS ${base.toFixed(0)} MB`);
  for (const mb of sizes) {
    const file = join(dir, `queue_log-${mb}`);
    const g = await generate(file, mb);
    const load = loadavg()[0]!.toFixed(1);
    const r = cliImport(dir, file, join(dir, `cli-${mb}.sqlite`));
    console.log(
      `cli import ${(g.bytes / MB).toFixed(0)} MB queue_log (${g.lines} lines): peak RSS ${r.peakMb.toFixed(0)} MB, ${r.seconds.toFixed(1)} s, ${Math.round(g.lines / r.seconds)} lines/s; CPU ${r.cpuS.toFixed(1)} s (${Math.round(g.lines / r.cpuS)} lines per CPU-second); load ${load} → ${loadavg()[0]!.toFixed(1)} — ${r.out}`,
    );
    // a figure for a file partly refused is not one for the whole file stored: say so beside it
    const refused = Number(/(\d+) rejected/.exec(r.out)?.[1] ?? 0);
    if (refused > 0) console.log(`  warning: ${refused} lines refused (${((100 * refused) / g.lines).toFixed(0)} % of the file): not a fully stored import`);
    rmSync(file, { force: true });
    rmSync(join(dir, `cli-${mb}.sqlite`), { force: true });
    for (const x of ['-wal', '-shm']) rmSync(join(dir, `cli-${mb}.sqlite${x}`), { force: true });
  }
}

/**
 * The API upload against the CLI import of the same file, in the same run: events/s of each (wall and per
 * CPU-second of the process), and `/api/health` p50/p99 during the upload against the same server idle.
 * BENCH_UPLOAD_FILE imports that queue_log (read in place) instead of a generated one; BENCH_UPLOAD_CLI=0 skips the CLI half.
 */
async function uploadHalf(dir: string, uploadMb: number) {
  const given = process.env.BENCH_UPLOAD_FILE;
  const file = given ?? join(dir, 'upload');
  const g = given ? { lines: NaN, bytes: statSync(given).size } : await generate(file, uploadMb);
  const what = `${(g.bytes / MB).toFixed(1)} MB queue_log${given ? ` (${given})` : ` (${g.lines} lines, generated)`}`;

  // the CLI on the same file, into a database of its own (BENCH_UPLOAD_CLI=0 leaves it out: at 500 MB it doubles the run)
  let load = loadavg()[0]!.toFixed(1);
  const cli = process.env.BENCH_UPLOAD_CLI === '0' ? null : cliImport(dir, file, join(dir, 'cli.sqlite'));
  const cliStored = cli ? Number(/(\d+) stored/.exec(cli.out)?.[1] ?? NaN) : NaN;
  const cliRate = cli ? cliStored / cli.seconds : NaN;
  if (cli)
    console.log(
      `cli import ${what}: ${cliStored} events stored in ${cli.seconds.toFixed(1)} s = ${Math.round(cliRate)} events/s (CPU ${cli.cpuS.toFixed(1)} s: ${Math.round(cliStored / cli.cpuS)} events per CPU-second); load ${load} → ${loadavg()[0]!.toFixed(1)}`,
    );

  const store = await openStore({ file: join(dir, 'server.sqlite') });
  await migrate(store);
  await seedTestOrg(store);
  const { app, ctx } = await benchApp({ store, webRoot: null, loginAttemptsPerMinute: 1000 });
  // as `callfloor serve` runs: the live floor (the import's listener), the facts warmer and the other services
  await startServices(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const wfm = await signIn(app, 'wfm');
  const admin = await signIn(app, 'admin');
  const probes = (tag: string) => {
    const h = healthProbe(`${url}/api/health`);
    const p = pushProbe(`${url}/api/events`, admin.cookie, admin.csrf, tag);
    return () => Promise.all([h.stop(), p.stop()]);
  };
  // the server's own event loop (this process): how long a timer fired late, idle and during the upload
  // (from after the probes' spawn, which blocks this loop)
  const eld = monitorEventLoopDelay({ resolution: 10 });
  const stopIdle = probes('idle');
  eld.enable();
  await new Promise((r) => setTimeout(r, 5000));
  const eldIdle = histogramRow(eld);
  const [idle, idlePush] = await stopIdle();
  load = loadavg()[0]!.toFixed(1);
  const stopDuring = probes('during');
  eld.reset();
  const cpu0 = process.cpuUsage();
  const started = Date.now();
  const up = await uploadFile(url, file, wfm.cookie, wfm.csrf);
  const seconds = (Date.now() - started) / 1000;
  const eldDuring = histogramRow(eld);
  eld.disable();
  const [during, duringPush] = await stopDuring();
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const rep = JSON.parse(up.body) as { eventsStored?: number; linesRead?: number };
  const stored = rep.eventsStored ?? 0;
  const rate = stored / seconds;
  console.log(
    `upload ${what} → ${up.status}, ${stored} events stored in ${seconds.toFixed(1)} s = ${Math.round(rate)} events/s (server process CPU ${cpuS.toFixed(1)} s: ${Math.round(stored / cpuS)} events per CPU-second); load ${load} → ${loadavg()[0]!.toFixed(1)}`,
  );
  if (cli) console.log(`upload / cli events/s: ${(rate / cliRate).toFixed(2)} (per CPU-second: ${(stored / cpuS / (cliStored / cli.cpuS)).toFixed(2)})`);
  const row = (xs: number[]) =>
    `p50 ${pctl(xs, 50).toFixed(1)} ms, p99 ${pctl(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} requests)`;
  console.log(`/api/health idle (baseline): ${row(idle)}`);
  console.log(`/api/health during the upload: ${row(during)}; p99 ${(pctl(during, 99) / pctl(idle, 99)).toFixed(2)}× the idle p99 (aim < 100 ms)`);
  console.log(`server event-loop delay idle: ${eldIdle}`);
  console.log(`server event-loop delay during the upload: ${eldDuring}`);
  console.log(`live push (POST /api/events) idle: ${row(idlePush.ms)}, ${idlePush.failed} failed`);
  console.log(`live push during the upload: ${row(duringPush.ms)}, ${duringPush.failed} failed`);
  await stopServices(ctx);
  await app.close();
  await store.close();
}

await main();
