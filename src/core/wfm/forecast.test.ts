import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAdjustments, backtest, forecast, ForecastInputError, weekdayOf, type IntervalObservation } from './forecast';

const DAY = 86_400_000;
const MON = Date.UTC(2024, 0, 1) / DAY; // 2024-01-01 was a Monday
const TZ = 480; // China, UTC+8

/** `days` days of 30-min intervals from a local Monday; volume(d, slot) given. */
function series(days: number, volume: (d: number, slot: number) => number, aht = 200): IntervalObservation[] {
  const out: IntervalObservation[] = [];
  for (let d = 0; d < days; d++) for (let k = 0; k < 48; k++) out.push({ ts: (MON + d) * DAY + k * 1_800_000 - TZ * 60_000, offered: volume(d, k), aht });
  return out;
}
const intraday = (k: number) => (k >= 16 && k < 44 ? 10 + 8 * Math.sin(((k - 16) / 28) * Math.PI) : 0);
const weekly = [1.2, 1.1, 1.0, 1.0, 0.95, 0.7, 0.6];
const opts = { intervalMin: 30, tzOffsetMin: TZ };

test('weekday numbering: 2024-01-01 is a Monday (0)', () => {
  assert.equal(weekdayOf(MON), 0);
  assert.equal(weekdayOf(MON + 6), 6);
});

test('weekly-periodic series: seasonal naive is exact, Holt-Winters nearly so', () => {
  const h = series(8 * 7, (d, k) => intraday(k) * weekly[d % 7]!);
  const [naive, hw] = backtest(h, 2, opts);
  assert.equal(naive!.model, 'seasonalNaive');
  assert.ok(naive!.wape < 1e-12 && naive!.mape < 1e-12);
  assert.ok(hw!.wape < 0.02, `hw wape ${hw!.wape}`);
  // forecast timestamps are local interval starts after the history; local Monday 08:00 = 00:00 UTC
  const f = forecast(h, 'seasonalNaive', 7, opts);
  assert.equal(f.length, 7 * 48);
  assert.equal(f[16]!.ts, (MON + 56) * DAY + 8 * 3_600_000 - TZ * 60_000);
  assert.equal(f[16]!.offered, intraday(16) * weekly[0]!);
  assert.equal(f[16]!.aht, 200);
});

test('growing series: Holt-Winters beats seasonal naive', () => {
  // daily volume grows 1 % a day; naive lags a week behind (≈ 7 % low)
  const h = series(10 * 7, (d, k) => intraday(k) * weekly[d % 7]! * (1 + 0.01 * d));
  const [naive, hw] = backtest(h, 2, opts);
  assert.ok(naive!.wape > 0.06, `naive ${naive!.wape}`);
  assert.ok(hw!.wape < naive!.wape / 2, `hw ${hw!.wape} naive ${naive!.wape}`);
});

test('holidays: left out of training, scaled in the horizon', () => {
  // history with a holiday (volume × 0.3) on day 30 (a Wednesday); in the horizon, day 58 is a holiday
  const h = series(8 * 7, (d, k) => intraday(k) * weekly[d % 7]! * (d === 30 ? 0.3 : 1));
  const date = (d: number) => new Date((MON + d) * DAY).toISOString().slice(0, 10);
  const holidays = [{ date: date(30) }, { date: date(58), factor: 0.5 }];
  const f = forecast(h, 'holtWinters', 7, { ...opts, holidays });
  const day58 = f.filter((p) => Math.floor((p.ts + TZ * 60_000) / DAY) === MON + 58);
  const day57 = f.filter((p) => Math.floor((p.ts + TZ * 60_000) / DAY) === MON + 57);
  const tot = (a: typeof f) => a.reduce((s, p) => s + p.offered, 0);
  const expect57 = 28 * 10 * weekly[1]!; // Tuesday; Σ intraday over the day ≈ 28·10 + 8·Σsin
  assert.ok(Math.abs(tot(day58) / tot(day57) - (0.5 * weekly[2]!) / weekly[1]!) < 0.03, `ratio ${tot(day58) / tot(day57)}`);
  assert.ok(tot(day57) > expect57);
  // learnt factor: a holiday date without factor in the horizon gets ≈ 0.3 from the past holiday
  const f2 = forecast(h, 'seasonalNaive', 7, { ...opts, holidays: [{ date: date(30) }, { date: date(58) }] });
  const d58 = f2.filter((p) => Math.floor((p.ts + TZ * 60_000) / DAY) === MON + 58);
  const d51 = h.filter((p) => Math.floor((p.ts + TZ * 60_000) / DAY) === MON + 51);
  assert.ok(Math.abs(tot(d58) / d51.reduce((s, p) => s + p.offered, 0) - 0.3) < 1e-9);
});

test('planner adjustments: percent then absolute, within [from, to)', () => {
  const pts = [0, 1, 2, 3].map((i) => ({ ts: i * 1000, offered: 100, aht: 180 }));
  const out = applyAdjustments(pts, [
    { fromTs: 1000, toTs: 3000, percent: 10 },
    { fromTs: 2000, toTs: 4000, absolute: -5 },
  ]);
  assert.deepEqual(
    out.map((p) => Math.round(p.offered * 1e9) / 1e9),
    [100, 110, 105, 95],
  );
});

test('empty or short history and bad options: clear errors', () => {
  const is = (field: string) => (e: unknown) => e instanceof ForecastInputError && e.field === field;
  assert.throws(() => forecast([], 'seasonalNaive', 7, opts), is('history'));
  assert.throws(
    () =>
      forecast(
        series(10, () => 1),
        'holtWinters',
        7,
        opts,
      ),
    is('history'),
  );
  assert.throws(
    () =>
      backtest(
        series(20, () => 1),
        1,
        opts,
      ),
    is('history'),
  );
  assert.throws(
    () =>
      forecast(
        series(14, () => 1),
        'holtWinters',
        0,
        opts,
      ),
    is('horizonDays'),
  );
  assert.throws(
    () =>
      forecast(
        series(14, () => 1),
        'seasonalNaive',
        7,
        { intervalMin: 20 },
      ),
    is('intervalMin'),
  );
  assert.throws(() => forecast([{ ts: 0, offered: -1 }], 'seasonalNaive', 7), is('history[0].offered'));
});
