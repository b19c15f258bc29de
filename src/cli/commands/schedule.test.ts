import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/callfloor.mjs', import.meta.url));

/** A week from Monday 2027-01-04, hourly: one agent Sunday 20–24 and Monday 00–04. */
function nightWeek(): string {
  const rows = ['start,queue,required'];
  for (let i = 0; i < 7 * 24; i++) {
    const d = new Date(Date.UTC(2027, 0, 4, i)).toISOString().slice(0, 16);
    rows.push(`${d},,${i < 4 || i >= 7 * 24 - 4 ? 1 : 0}`);
  }
  return rows.join('\n');
}

function files(csv: string, shifts: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-design-'));
  writeFileSync(join(dir, 'req.csv'), csv);
  writeFileSync(join(dir, 'shifts.json'), JSON.stringify(shifts));
  return { dir, req: join(dir, 'req.csv'), shifts: join(dir, 'shifts.json') };
}

const cli = (args: string[]) => spawnSync(process.execPath, [BIN, 'schedule', 'solve', ...args], { encoding: 'utf8', timeout: 120_000 });
const night = [{ name: 'night', earliestStart: '20:00', latestStart: '20:00', minLengthMin: 480, maxLengthMin: 480, stepMin: 60 }];

test('callfloor schedule solve --wrap --json prints the design the issue names', () => {
  const f = files(nightWeek(), night);
  try {
    const r = cli(['--requirements', f.req, '--shifts', f.shifts, '--wrap', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      Object.keys(out).sort(),
      ['distinctShifts', 'gap', 'lpBound', 'objective', 'overcoverAgentMinutes', 'shifts', 'shortfallAgentMinutes'].sort(),
    );
    assert.deepEqual(out.shifts, [{ start: '2027-01-10T20:00', lengthMin: 480, count: 1 }]);
    assert.equal(out.objective, 0);
    // two weeks of the same requirement, cyclic: the second Sunday's shift covers the first Monday
    const two = JSON.parse(cli(['--requirements', f.req, '--shifts', f.shifts, '--wrap', '--weeks', '2', '--json']).stdout);
    assert.deepEqual(
      two.shifts.map((s: { start: string }) => s.start),
      ['2027-01-10T20:00', '2027-01-17T20:00'],
    );
    assert.equal(two.objective, 0);
    // without --wrap Monday 00–04 stays short: 4 h = 240 agent-minutes, at under-weight 3: 720
    const open = JSON.parse(cli(['--requirements', f.req, '--shifts', f.shifts, '--under-weight', '3', '--json']).stdout);
    assert.equal(open.shortfallAgentMinutes, 240);
    assert.equal(open.objective, 720);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('bad files and flags are refused naming the row, the field or the flag, and exit 1', () => {
  const bad = nightWeek().split('\n');
  bad.splice(10, 1); // drop 2027-01-04T09:00 (file row 11): 10:00 is now row 11, 60 min after 08:00
  const f = files(bad.join('\n'), [{ ...night[0], stepMin: 25 }]);
  try {
    const gap = cli(['--requirements', f.req, '--shifts', f.shifts]);
    assert.equal(gap.status, 1);
    assert.match(gap.stderr, /row 11\.start: leaves a gap of 60 min after row 10/);
    writeFileSync(f.req, nightWeek());
    const step = cli(['--requirements', f.req, '--shifts', f.shifts]);
    assert.equal(step.status, 1);
    assert.match(step.stderr, /shifts\[0\]\.stepMin: must be a multiple of the 60-minute interval/);
    const flag = cli(['--requirements', f.req, '--shifts', f.shifts, '--distinct-cost', '-5']);
    assert.equal(flag.status, 1);
    assert.match(flag.stderr, /--distinct-cost: must be a number ≥ 0/);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

/** Two weeks from Monday 2027-01-04, hourly: one agent Monday 09–17 of week 1 and Tuesday 10–18 of week 2. */
function twoWeeks(): string {
  const rows = ['start,queue,required'];
  for (let i = 0; i < 14 * 24; i++) {
    const d = new Date(Date.UTC(2027, 0, 4, i)).toISOString().slice(0, 16);
    const mon1 = i >= 9 && i < 17;
    const tue2 = i >= 8 * 24 + 10 && i < 8 * 24 + 18;
    rows.push(`${d},,${mon1 || tue2 ? 1 : 0}`);
  }
  return rows.join('\n');
}

test('--weeks 2 with a two-week file: each week its own curve; a one-week file is repeated; another length names --weeks', () => {
  const day = [{ name: 'day', earliestStart: '08:00', latestStart: '12:00', minLengthMin: 480, maxLengthMin: 480, stepMin: 60 }];
  const f = files(twoWeeks(), day);
  try {
    const run = (extra: string[]) => {
      const r = cli(['--requirements', f.req, '--shifts', f.shifts, '--weeks', '2', ...extra, '--json']);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    // each need is met exactly by one 8-hour shift starting when it starts: nothing short or over, two shift types
    const exact = run([]);
    assert.deepEqual(exact.shifts, [
      { start: '2027-01-04T09:00', lengthMin: 480, count: 1 },
      { start: '2027-01-12T10:00', lengthMin: 480, count: 1 },
    ]);
    assert.equal(exact.objective, 0);
    assert.equal(exact.distinctShifts, 2);
    // a shift type costs 150: two types 300; one type (both at 09:00 or both at 10:00) is 60 min over and
    // 60 min short on one of the days: 150 + 60 + 60 = 270, so one type
    const one = run(['--distinct-cost', '150']);
    assert.equal(one.distinctShifts, 1);
    assert.equal(one.objective, 270);
    assert.equal(one.shortfallAgentMinutes, 60);
    assert.equal(one.overcoverAgentMinutes, 60);
    assert.equal(new Set(one.shifts.map((s: { start: string }) => s.start.slice(11))).size, 1);
    // three weeks from a two-week file: neither one week nor three
    const three = cli(['--requirements', f.req, '--shifts', f.shifts, '--weeks', '3', '--json']);
    assert.equal(three.status, 1);
    assert.match(three.stderr, /--weeks: the file covers 14 days: give one week \(repeated 3 times\) or all 3 weeks \(21 days\)/);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});
