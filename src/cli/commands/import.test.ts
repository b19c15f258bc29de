/**
 * Issue 10, finding 1 (CLI half): a queue_log whose epoch column is in milliseconds used to be read
 * as seconds, walking every interval up to the year 58 000 until V8 aborted (exit 134). Now the CLI
 * names the line and the unit problem, exits non-zero, and stores nothing of those lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../store/db';
import { countStoredEvents } from '../../store/live/ingest';

const BIN = fileURLToPath(new URL('../../../bin/callfloor.mjs', import.meta.url));

test('callfloor import: a queue_log with a millisecond time column is refused by line, saying so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-import-'));
  try {
    const db = join(dir, 'cf.sqlite');
    const log = join(dir, 'queue_log');
    // 2026-11-30 16:00:00 and 16:01:00 UTC, in milliseconds instead of seconds
    writeFileSync(log, ['1796054400000|NONE|NONE|Agent/501|AGENTLOGIN|', '1796054460000|NONE|NONE|Agent/501|AGENTLOGOFF|Agent/501|60'].join('\n') + '\n');
    const r = spawnSync(process.execPath, [BIN, 'import', log, '--format', 'queue_log', '--db', db], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.signal, null, `the CLI was killed: ${r.stderr}`);
    assert.notEqual(r.status, 0);
    assert.equal(r.status, 2); // the documented "some lines were rejected" code, not a crash (134)
    const out = r.stdout;
    assert.match(out, /2 rejected lines/);
    assert.match(out, /line 1: time: '1796054400000' has 13 digits and looks like epoch milliseconds/);
    assert.match(out, /line 2: time: '1796054460000' .*milliseconds/);
    assert.match(out, /must be epoch seconds \(10 digits\): divide it by 1000/);
    assert.match(out, /time unit problem: 2 line\(s\).*first line 1/);
    const store = await openStore({ file: db });
    try {
      assert.equal(await countStoredEvents(store.db), 0);
    } finally {
      await store.close();
    }

    // the same file in seconds imports cleanly (exit 0): 60 s staffed
    writeFileSync(log, ['1796054400|NONE|NONE|Agent/501|AGENTLOGIN|', '1796054460|NONE|NONE|Agent/501|AGENTLOGOFF|Agent/501|60'].join('\n') + '\n');
    const ok = spawnSync(process.execPath, [BIN, 'import', log, '--format', 'queue_log', '--db', db], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const s2 = await openStore({ file: db });
    try {
      const row = await s2.db
        .selectFrom('live_agent_intervals')
        .select((eb) => eb.fn.sum<number>('staffed').as('s'))
        .where('agent_code', '=', '501')
        .executeTakeFirst();
      assert.equal(Number(row?.s), 60);
    } finally {
      await s2.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
