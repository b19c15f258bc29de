/**
 * `npm run bench startup` (issue 16): how long the command line and the server take to start, against
 * baselines measured in the same run (`node -e 0`, a bare node http server), and how much JavaScript the
 * wallboard needs before its first tiles (gzip bytes of the entry and its static imports; the chart
 * library is loaded lazily and reported apart).
 *
 * Aims: `callfloor --help` < 0.5 s, server answering /api/health < 1 s (migrated SQLite, no demo), wallboard
 * critical-path JS < 400 KB gzip.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'callfloor.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeCommand(args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t;
}

/** CPU ms (user + system) a process has used so far (Linux /proc; NaN elsewhere): on a shared machine, what the start itself costs. */
function cpuMs(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

const cpuOfReady: number[] = [];
/** Milliseconds from spawn until GET url answers 200 (the process's CPU ms by then into cpuOfReady). */
async function timeReady(args: string[], url: string, env: Record<string, string> = {}): Promise<number> {
  const t = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const r = await fetch(url);
        if (r.ok) {
          const wall = performance.now() - t;
          cpuOfReady.push(cpuMs(child.pid));
          return wall;
        }
      } catch {
        // not listening yet
      }
      if (child.exitCode != null) throw new Error(`${args.join(' ')} exited ${child.exitCode}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
  }
}

function wallboardCriticalPath() {
  const web = join(root, 'dist', 'web');
  if (!existsSync(join(web, 'index.html'))) return null;
  const assets = join(web, 'assets');
  const gz = (file: string) => gzipSync(readFileSync(join(assets, file))).length;
  const importsOf = (file: string) => [...readFileSync(join(assets, file), 'utf8').matchAll(/(?:import|from)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]!);
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/\/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!);
  const wallboard = readdirSync(assets).find((f) => /^Wallboard-[\w-]+\.js$/.test(f));
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of importsOf(f)) walk(i);
  };
  for (const f of [...entry, ...(wallboard ? [wallboard] : [])]) walk(f);
  const critical = [...seen].reduce((s, f) => s + gz(f), 0);
  const charts = readdirSync(assets).filter((f) => /^EChart-[\w-]+\.js$/.test(f));
  return { critical, files: seen.size, charts: charts.reduce((s, f) => s + gz(f), 0) };
}

async function main() {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model}; load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; ${RUNS} runs, medians`,
  );
  spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });

  const bare = median(Array.from({ length: RUNS }, () => timeCommand(['-e', '0'])));
  const helpBuilt = median(Array.from({ length: RUNS }, () => timeCommand([bin, '--help'])));
  const helpTsx = median(Array.from({ length: RUNS }, () => timeCommand([bin, '--help'], { CALLFLOOR_TSX: '1' })));
  console.log(`node -e 0 (baseline)        ${bare.toFixed(0)} ms`);
  console.log(`callfloor --help (lib/)      ${helpBuilt.toFixed(0)} ms  = ${(helpBuilt / bare).toFixed(2)}× baseline (aim < 500 ms)`);
  console.log(`callfloor --help (tsx, old)  ${helpTsx.toFixed(0)} ms  = ${(helpTsx / bare).toFixed(2)}× baseline`);

  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-start-'));
  try {
    const db = join(dir, 'callfloor.sqlite');
    // migrate once, so the runs measure a start, not a first install
    timeCommand([bin, 'users', 'create', '--db', db, '--username', 'bench', '--password', 'Bench-pass-7731-quiet', '--roles', 'admin']);
    const port = Number(process.env.BENCH_PORT ?? 3470);
    const bareHttp = median(
      await sequence(RUNS, () =>
        timeReady(['-e', `require('http').createServer((q,r)=>r.end('ok')).listen(${port}, '127.0.0.1')`], `http://127.0.0.1:${port}/`),
      ),
    );
    const bareCpu = median(cpuOfReady.splice(0));
    const server = median(await sequence(RUNS, () => timeReady([bin, 'serve', '--db', db, '--port', String(port)], `http://127.0.0.1:${port}/api/health`)));
    const serverCpu = median(cpuOfReady.splice(0));
    console.log(`bare http server ready (baseline) ${bareHttp.toFixed(0)} ms (CPU ${bareCpu} ms)`);
    console.log(
      `callfloor serve ready (lib/)      ${server.toFixed(0)} ms  = ${(server / bareHttp).toFixed(2)}× baseline (aim < 1000 ms); CPU ${serverCpu} ms = ${(serverCpu / bareCpu).toFixed(1)}× baseline`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const wb = wallboardCriticalPath();
  if (!wb) console.log('wallboard: dist/web not built (npm run build:web), skipped');
  else
    console.log(
      `wallboard critical-path JS: ${(wb.critical / 1024).toFixed(0)} KB gzip in ${wb.files} files (aim < 400 KB); charts loaded lazily: ${(wb.charts / 1024).toFixed(0)} KB gzip`,
    );
}

async function sequence<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

await main();
