/**
 * `callfloor forecast --weeks-ahead` is the same use case as POST /api/wfm/forecasts (src/services/wfm/forecasts):
 * the forecast is stored for the center named by --center (with several centers and none named it is refused
 * naming --center, never "the first center"), from the store's history, as an audited version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openStore } from '../../store/db';
import { createCenter } from '../../store/org';
import { putHistory } from '../../store/wfm/forecasts';

const BIN = fileURLToPath(new URL('../../../bin/callfloor.mjs', import.meta.url));
const HALF = 30 * 60_000;
const START = Date.UTC(2026, 9, 4, 16); // Monday 2026-10-05 00:00 in Asia/Shanghai

test('callfloor forecast --weeks-ahead stores the version for --center, and refuses to guess among several centers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-forecast-'));
  try {
    const file = join(dir, 'cf.sqlite');
    const store = await openStore({ file });
    let second: number;
    try {
      await migrate(store);
      await createCenter(store.db, '一中心', 'Asia/Shanghai', START);
      second = await createCenter(store.db, '二中心', 'Asia/Shanghai', START);
      // two weeks of 6 calls per half hour, the second center's
      await putHistory(
        store.db,
        second,
        'general',
        30,
        Array.from({ length: 2 * 7 * 48 }, (_, k) => ({ ts: START + k * HALF, offered: 6, aht: 180 })),
      );
    } finally {
      await store.close();
    }
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'forecast', '--queue', 'general', '--weeks-ahead', '1', '--model', 'seasonalNaive', '--db', file, '--json', ...args], {
        encoding: 'utf8',
        timeout: 120_000,
      });
    const guess = run();
    assert.notEqual(guess.status, 0);
    assert.match(guess.stdout + guess.stderr, /--center/);
    const ok = run('--center', String(second));
    assert.equal(ok.status, 0, ok.stderr);
    const out = JSON.parse(ok.stdout.trim().split('\n').pop()!);
    // seasonal naive of a flat history: 7 × 48 intervals of 6 calls = 2016 calls, starting where the history ends
    assert.equal(out.intervals, 7 * 48);
    assert.equal(out.offered, 2016);
    assert.equal(out.from, START + 2 * 7 * 48 * HALF);
    const check = await openStore({ file });
    try {
      const rows = await check.db.selectFrom('wfm_forecasts').select(['id', 'center_id', 'queue']).execute();
      assert.deepEqual(
        rows.map((r) => [r.id, r.center_id, r.queue]),
        [[out.forecastId, second, 'general']],
      );
      const audited = await check.db.selectFrom('audit_log').select(['action', 'user_id']).where('action', '=', 'wfm.forecast.create').execute();
      assert.deepEqual(audited, [{ action: 'wfm.forecast.create', user_id: null }]);
    } finally {
      await check.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
