/**
 * The built command line (scripts/build-cli.mjs, issue 16) does what the TypeScript does: built into a
 * folder of its own, it lists the same commands and gives the same Erlang answer as the sources run through tsx.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the built CLI answers as the sources do', () => {
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
  } finally {
    rmSync(join(root, out), { recursive: true, force: true });
  }
});
