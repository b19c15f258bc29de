/**
 * `callfloor report --by queue --per day` and `--agent` (issue 14): the same rows as the API, per
 * queue per local day; figures by hand from src/server/routes/history.fixtures.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMigratedStore } from '../options';
import { seedTestOrg } from '../../server/testing';
import { seedHistory } from '../../server/routes/history.fixtures';

const BIN = fileURLToPath(new URL('../../../bin/callfloor.mjs', import.meta.url));

test('callfloor report --per day splits the queue rows per day; --per is checked; --agent picks one agent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-report-'));
  try {
    const db = join(dir, 'cf.sqlite');
    const store = await openMigratedStore(db);
    try {
      await seedHistory(store, (await seedTestOrg(store)).centerId);
    } finally {
      await store.close();
    }
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'report', '--db', db, '--from', '2026-11-01', '--to', '2026-11-30', ...args], { encoding: 'utf8', timeout: 120_000 });
    const q = run('--by', 'queue', '--per', 'day', '--json');
    assert.equal(q.status, 0, q.stderr);
    assert.deepEqual(
      JSON.parse(q.stdout).rows.map((r: { queue: string; day: string; offered: number }) => [r.queue, r.day, r.offered]),
      [
        ['general', '2026-11-02', 3],
        ['general', '2026-11-04', 2],
        ['general', '2026-11-09', 1],
      ],
    );
    const text = run('--by', 'agent', '--per', 'week', '--agent', 'A002');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^A002 2026-11-02 /m);
    assert.doesNotMatch(text.stdout, /A001/);
    const bad = run('--by', 'queue', '--per', 'year');
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr + bad.stdout, /--per.*expected one of interval, day, week, month/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
