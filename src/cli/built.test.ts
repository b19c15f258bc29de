/**
 * The built command line (scripts/build-cli.mjs, issue 16) does what the TypeScript does: built into a
 * folder of its own, it lists the same commands and gives the same Erlang answer as the sources run through tsx.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the built CLI answers as the sources do; its server imports an upload in its thread', async () => {
  const out = join('.tmp', `cli-built-${process.pid}`);
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), out], { cwd: root, stdio: 'pipe' });
    const main = join(root, out, 'cli', 'main.js');
    assert.ok(existsSync(main));
    assert.ok(Number(readFileSync(join(root, out, '.stamp'), 'utf8')) > 0);
    const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const help = run([main, '--help']);
    for (const c of ['serve', 'demo', 'import', 'report', 'erlang', 'forecast', 'facts']) assert.match(help, new RegExp(`^  ${c}\\b`, 'm'), c);
    const args = ['erlang', '--calls', '120', '--aht-s', '300', '--period-s', '1800', '--target-sl', '0.8', '--threshold-s', '20', '--json'];
    const built = JSON.parse(run([main, ...args]));
    const tsx = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8' }));
    assert.deepEqual(built, tsx);
    // 120 calls of 300 s in 30 min is 20 Erlang: more than 20 agents are needed
    assert.ok(built.agents > 20, JSON.stringify(built));
    await builtServerImports(main, join(root, out));
  } finally {
    rmSync(join(root, out), { recursive: true, force: true });
  }
});

/**
 * The built server (bundled packages, its import thread compiled beside it): migrated twice (the second
 * start finds nothing to do), answers /api/health, signs in and imports a queue_log upload into its SQLite
 * file through the thread, with the same counts as the sources.
 */
async function builtServerImports(main: string, dir: string) {
  const db = join(dir, 'db.sqlite');
  const run = (args: string[]) => execFileSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8' });
  run(['users', 'create', '--db', db, '--username', 'boss', '--password', 'Built-pass-4471-calm', '--roles', 'admin']);
  const server = spawn(process.execPath, [main, 'serve', '--db', db, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let out = '';
    server.stdout.setEncoding('utf8');
    const base = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (d: string) => {
        out += d;
        const m = /CallFloor on (http:\/\/[^\s]+)/.exec(out);
        if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    assert.equal((await fetch(`${base}/api/health`)).status, 200);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'boss', password: 'Built-pass-4471-calm' }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrf } = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as { csrf: string };
    // 1,500 callers every 2 s from 2026-11-02 09:00 Shanghai, each entering and abandoning (2 lines, 2 events)
    const t0 = Math.floor(Date.UTC(2026, 10, 2, 1, 0) / 1000);
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) lines.push(`${t0 + 2 * i}|c${i}|general|NONE|ENTERQUEUE||1`, `${t0 + 2 * i + 5}|c${i}|general|NONE|ABANDON|1|1|5`);
    const up = await fetch(`${base}/api/import?format=queue_log`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' },
      body: lines.join('\n'),
    });
    const rep = (await up.json()) as { eventsStored: number; linesRead: number; duplicates: number };
    assert.equal(up.status, 200, JSON.stringify(rep));
    assert.deepEqual([rep.linesRead, rep.eventsStored, rep.duplicates], [3000, 3000, 0]);
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null) await once(server, 'exit');
  }
}
