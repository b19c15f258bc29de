import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, DEFAULT_KPIS } from './kpi';
import {
  addComponents,
  dateOfInstant,
  startOfDayMs,
  figureComponents,
  figureValue,
  monthOfInstant,
  monthRange,
  parseFiguresCsv,
  shiftMonth,
  storedAggregation,
} from './facts';

test('a stored figure: value first, else its parts, else missing (never 0)', () => {
  assert.equal(figureValue({ value: 0.9, numerator: null, denominator: null }), 0.9);
  assert.equal(figureValue({ value: null, numerator: 3, denominator: 4 }), 0.75);
  assert.equal(figureValue({ value: null, numerator: 3, denominator: 0 }), null);
  assert.equal(figureValue({ value: null, numerator: null, denominator: null }), null);
});

test('team aggregation of stored parts is sum-based, a row without parts is left out', () => {
  const csat = DEFAULT_KPIS.find((d) => d.key === 'csat')!;
  const agg = storedAggregation(csat);
  // agent 1: 99/100, agent 2: 1/2 → team (99 + 1) / (100 + 2) = 100/102, not the mean (0.99 + 0.5)/2
  const rows = [
    figureComponents('csat', { value: null, numerator: 99, denominator: 100 }),
    figureComponents('csat', { value: null, numerator: 1, denominator: 2 }),
    figureComponents('csat', { value: 0.1, numerator: null, denominator: null }),
  ];
  assert.equal(aggregate(agg, rows), 100 / 102);
  // two months of one agent add up: (10 + 30) / (20 + 40)
  const sum = addComponents([
    figureComponents('csat', { value: null, numerator: 10, denominator: 20 }),
    figureComponents('csat', { value: null, numerator: 30, denominator: 40 }),
  ]);
  assert.equal(aggregate(agg, [sum]), 40 / 60);
  const complaints = DEFAULT_KPIS.find((d) => d.key === 'complaints')!;
  assert.equal(aggregate(storedAggregation(complaints), [{ complaints: 1 }, { complaints: 2 }]), 3);
});

test('figures CSV: parses, and a bad line is named with its column', () => {
  const ok = parseFiguresCsv('\uFEFFemployeeNo,month,kpi,value,numerator,denominator\r\nE1,2026-09,aht,160,,\r\nE1,2026-09,csat,,99,100\r\n');
  assert.ok(ok.ok);
  if (ok.ok)
    assert.deepEqual(
      ok.rows.map((r) => [r.line, r.kpi, r.value, r.numerator, r.denominator]),
      [
        [2, 'aht', 160, null, null],
        [3, 'csat', null, 99, 100],
      ],
    );
  const bad = parseFiguresCsv(
    'employeeNo,month,kpi,value\nE1,2026-13,aht,1\nE1,2026-09,speed,1\nE1,2026-09,aht,\nE1,2026-09,csat,abc\nE2,2026-09,aht,1\nE2,2026-09,aht,2',
  );
  assert.equal(bad.ok, false);
  if (!bad.ok)
    assert.deepEqual(
      bad.errors.map((e) => e.path),
      ['line 2, month', 'line 3, kpi', 'line 4, value', 'line 5, value', 'line 7, kpi'],
    );
  const noCol = parseFiguresCsv('employeeNo,kpi,value\n');
  assert.ok(!noCol.ok && noCol.errors[0]!.message.includes('"month"'));
});

test('months in the center time zone', () => {
  // 2026-09-30 17:00 UTC is 2026-10-01 01:00 in Shanghai (UTC+8)
  const ms = Date.UTC(2026, 8, 30, 17);
  assert.equal(monthOfInstant(ms, 'Asia/Shanghai'), '2026-10');
  assert.equal(monthOfInstant(ms, 'UTC'), '2026-09');
  assert.equal(dateOfInstant(ms, 'Asia/Shanghai'), '2026-10-01');
  assert.deepEqual(monthRange('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  assert.equal(shiftMonth('2026-01', -1), '2025-12');
  assert.equal(shiftMonth('2026-12', 1), '2027-01');
});

test('start of a day in a time zone', () => {
  // Shanghai is UTC+8 all year: 2026-10-01 00:00 local = 2026-09-30 16:00 UTC
  assert.equal(startOfDayMs('2026-10-01', 'Asia/Shanghai'), Date.UTC(2026, 8, 30, 16));
  assert.equal(startOfDayMs('2026-10-01', 'UTC'), Date.UTC(2026, 9, 1));
});
