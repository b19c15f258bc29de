// Interval forecasting of offered calls and AHT for one queue.
//
// Models:
//  - seasonalNaive: each interval = the same interval on the same weekday one week earlier
//    (the last non-holiday one); repeats the last week for longer horizons. The baseline.
//  - holtWinters: Holt-Winters (additive damped trend, multiplicative weekly seasonality) on
//    daily totals, parameters by grid search on one-step errors, spread over the day by an
//    intraday profile per weekday (share of the day in each interval, recent non-holiday weeks).
// Holidays (Chinese public holidays, centre events) are data: their days are left out of
// training, and a holiday in the horizon is scaled by its factor (given, or learnt from past
// holidays in the history). Planner adjustments (percent or absolute, per interval range) come
// last. Pure: local time comes from a fixed tz offset passed in; nothing reads a clock.

import { InputError as ForecastInputError } from '../errors';

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { ForecastInputError };

export interface IntervalObservation {
  /** interval start, epoch ms */
  ts: number;
  offered: number;
  /** either aht (s) or ahtSum (s, over handled calls; divided by offered) */
  aht?: number;
  ahtSum?: number;
}

export interface Holiday {
  /** local date YYYY-MM-DD */
  date: string;
  name?: string;
  /** volume multiplier for the day when forecast; absent → learnt from past holidays, else 1 */
  factor?: number;
}

export interface Adjustment {
  /** [fromTs, toTs) epoch ms */
  fromTs: number;
  toTs: number;
  /** +10 = ten percent more */
  percent?: number;
  /** calls added per interval (after percent) */
  absolute?: number;
}

export type ForecastModel = 'seasonalNaive' | 'holtWinters';

export interface ForecastOptions {
  /** 15, 30 or 60 (default 15) */
  intervalMin?: number;
  /** local time = UTC + tzOffsetMin (China: 480) */
  tzOffsetMin?: number;
  holidays?: Holiday[];
  adjustments?: Adjustment[];
  /** weeks of history for the intraday profile and AHT (default 4) */
  profileWeeks?: number;
}

export interface ForecastPoint {
  ts: number;
  offered: number;
  aht: number;
}

const DAY_MS = 86_400_000;

interface Grid {
  im: number;
  spd: number;
  tz: number;
  firstDay: number;
  days: number;
  offered: Float64Array; // days × spd
  ahtSum: Float64Array;
  holiday: Set<number>; // local day numbers
}

function parseDate(s: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new ForecastInputError(field, `must be YYYY-MM-DD, got ${s}`);
  return Math.floor(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday for a local day number (days since 1970-01-01, a Thursday). */
export const weekdayOf = (localDay: number) => (((localDay + 3) % 7) + 7) % 7;

function buildGrid(history: IntervalObservation[], o: ForecastOptions): Grid {
  const im = o.intervalMin ?? 15;
  if (![15, 30, 60].includes(im)) throw new ForecastInputError('intervalMin', `must be 15, 30 or 60, got ${im}`);
  const tz = o.tzOffsetMin ?? 0;
  if (!Number.isInteger(tz) || Math.abs(tz) > 14 * 60) throw new ForecastInputError('tzOffsetMin', `must be whole minutes within ±840, got ${tz}`);
  if (!Array.isArray(history) || history.length === 0)
    throw new ForecastInputError('history', 'is empty: a forecast needs at least two weeks of interval history');
  const spd = 1440 / im;
  const ims = im * 60_000;
  let minDay = Infinity;
  let maxDay = -Infinity;
  history.forEach((h, i) => {
    if (!Number.isFinite(h.ts)) throw new ForecastInputError(`history[${i}].ts`, 'must be epoch ms');
    if (!Number.isFinite(h.offered) || h.offered < 0) throw new ForecastInputError(`history[${i}].offered`, `must be >= 0, got ${h.offered}`);
    const local = h.ts + tz * 60_000;
    if (local % ims !== 0) throw new ForecastInputError(`history[${i}].ts`, `is not on a ${im}-minute interval boundary`);
    const d = Math.floor(local / DAY_MS);
    minDay = Math.min(minDay, d);
    maxDay = Math.max(maxDay, d);
  });
  const days = maxDay - minDay + 1;
  const offered = new Float64Array(days * spd);
  const ahtSum = new Float64Array(days * spd);
  history.forEach((h, i) => {
    const local = h.ts + tz * 60_000;
    const d = Math.floor(local / DAY_MS) - minDay;
    const s = Math.floor((local - (d + minDay) * DAY_MS) / ims);
    offered[d * spd + s]! += h.offered;
    const a = h.ahtSum ?? (h.aht !== undefined ? h.aht * h.offered : 0);
    if (!Number.isFinite(a) || a < 0) throw new ForecastInputError(`history[${i}].aht`, 'must be >= 0');
    ahtSum[d * spd + s]! += a;
  });
  const holiday = new Set<number>();
  (o.holidays ?? []).forEach((hd, i) => {
    holiday.add(parseDate(hd.date, `holidays[${i}].date`));
    if (hd.factor !== undefined && !(hd.factor >= 0)) throw new ForecastInputError(`holidays[${i}].factor`, 'must be >= 0');
  });
  return { im, spd, tz, firstDay: minDay, days, offered, ahtSum, holiday };
}

const dayTotal = (g: Grid, d: number) => {
  let s = 0;
  for (let k = 0; k < g.spd; k++) s += g.offered[d * g.spd + k]!;
  return s;
};
const isHol = (g: Grid, d: number) => g.holiday.has(g.firstDay + d);

/** Holt-Winters, additive damped trend, multiplicative season of 7, on daily totals. */
function holtWintersDaily(y: (number | null)[], horizon: number): number[] {
  const m = 7;
  const n = y.length;
  // initial level/season from the first two weeks (nulls filled by the weekday mean)
  const first = y.slice(0, 2 * m).map((v, i) => v ?? y[(i + m) % (2 * m)] ?? 0);
  const l0 = first.reduce((a, b) => a + b, 0) / (2 * m) || 1;
  const s0 = Array.from({ length: m }, (_, i) => ((first[i]! + first[i + m]!) / 2 || l0) / l0);
  const w1 = first.slice(0, m).reduce((a, b) => a + b, 0);
  const w2 = first.slice(m).reduce((a, b) => a + b, 0);
  const b0 = (w2 - w1) / (m * m);
  const run = (alpha: number, beta: number, gamma: number, phi: number, out?: number[]) => {
    let l = l0;
    let b = b0;
    const s = [...s0];
    let sse = 0;
    for (let t = 0; t < n; t++) {
      const si = s[t % m]!;
      const f = (l + phi * b) * si;
      const obs = y[t];
      const v = obs === null || obs === undefined ? f : obs;
      if (t >= m) sse += (v - f) ** 2;
      const lPrev = l;
      l = alpha * (v / (si || 1e-9)) + (1 - alpha) * (l + phi * b);
      b = beta * (l - lPrev) + (1 - beta) * phi * b;
      s[t % m] = gamma * (v / (l || 1e-9)) + (1 - gamma) * si;
    }
    if (out) {
      let damp = 0;
      for (let h = 1; h <= horizon; h++) {
        damp += phi ** h;
        out.push(Math.max(0, (l + damp * b) * s[(n + h - 1) % m]!));
      }
    }
    return sse;
  };
  let best = { sse: Infinity, a: 0.3, b: 0.05, g: 0.1, p: 0.98 };
  for (const a of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7])
    for (const b of [0, 0.01, 0.05, 0.1, 0.2])
      for (const g of [0.05, 0.1, 0.2, 0.4])
        for (const p of [0.9, 0.98, 1]) {
          const sse = run(a, b, g, p);
          if (sse < best.sse) best = { sse, a, b, g, p };
        }
  const out: number[] = [];
  run(best.a, best.b, best.g, best.p, out);
  return out;
}

function holidayFactors(g: Grid, holidays: Holiday[]): Map<number, number> {
  // learnt factor: holiday day total / mean of the same weekday in the 4 weeks before, over past holidays
  const ratios: number[] = [];
  for (let d = 0; d < g.days; d++) {
    if (!isHol(g, d)) continue;
    const refs: number[] = [];
    for (let w = 1; w <= 4 && d - 7 * w >= 0; w++) if (!isHol(g, d - 7 * w)) refs.push(dayTotal(g, d - 7 * w));
    const mean = refs.reduce((a, b) => a + b, 0) / (refs.length || 1);
    if (refs.length && mean > 0) ratios.push(dayTotal(g, d) / mean);
  }
  const learnt = ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : 1;
  const out = new Map<number, number>();
  holidays.forEach((h, i) => out.set(parseDate(h.date, `holidays[${i}].date`), h.factor ?? learnt));
  return out;
}

/** Forecast the `horizonDays` local days after the last day of history. */
export function forecast(history: IntervalObservation[], model: ForecastModel, horizonDays: number, opts: ForecastOptions = {}): ForecastPoint[] {
  if (!Number.isInteger(horizonDays) || horizonDays <= 0) throw new ForecastInputError('horizonDays', `must be a whole number > 0, got ${horizonDays}`);
  if (model !== 'seasonalNaive' && model !== 'holtWinters') throw new ForecastInputError('model', `unknown model ${model}`);
  const g = buildGrid(history, opts);
  const need = model === 'holtWinters' ? 14 : 7;
  if (g.days < need) throw new ForecastInputError('history', `too short: ${g.days} days; ${model} needs at least ${need}`);
  const { spd } = g;
  const factors = holidayFactors(g, opts.holidays ?? []);
  const pw = opts.profileWeeks ?? 4;
  // same weekday, most recent non-holiday day in history (for naive and profiles)
  const recentSameWeekday = (targetDay: number, count: number) => {
    const out: number[] = [];
    for (let d = targetDay - 7; d >= 0 && out.length < count; d -= 7) if (d < g.days && !isHol(g, d)) out.push(d);
    if (out.length === 0) for (let d = targetDay - 7; d >= 0 && out.length < count; d -= 7) if (d < g.days) out.push(d);
    return out;
  };
  // AHT per weekday × slot: offered-weighted over recent weeks, fallback to the overall mean
  let totO = 0;
  let totA = 0;
  for (let i = 0; i < g.offered.length; i++) {
    totO += g.offered[i]!;
    totA += g.ahtSum[i]!;
  }
  const overallAht = totO > 0 ? totA / totO : 0;
  const ahtFor = (srcDays: number[], k: number) => {
    let o = 0;
    let a = 0;
    for (const d of srcDays) {
      o += g.offered[d * spd + k]!;
      a += g.ahtSum[d * spd + k]!;
    }
    return o > 0 ? a / o : overallAht;
  };
  let daily: number[] = [];
  if (model === 'holtWinters') {
    const y: (number | null)[] = [];
    for (let d = 0; d < g.days; d++) y.push(isHol(g, d) ? null : dayTotal(g, d));
    daily = holtWintersDaily(y, horizonDays);
  }
  const out: ForecastPoint[] = [];
  for (let h = 0; h < horizonDays; h++) {
    const d = g.days + h; // relative day
    // the same weekday in the last weeks of history
    const src = recentSameWeekday(d, model === 'seasonalNaive' ? 1 : pw);
    const factor = factors.get(g.firstDay + d) ?? 1;
    let shares: number[] | null = null;
    if (model === 'holtWinters') {
      const tot = src.reduce((s, x) => s + dayTotal(g, x), 0);
      shares = Array.from({ length: spd }, (_, k) => (tot > 0 ? src.reduce((s, x) => s + g.offered[x * spd + k]!, 0) / tot : 1 / spd));
    }
    for (let k = 0; k < spd; k++) {
      const v = model === 'seasonalNaive' ? g.offered[src[0]! * spd + k]! : daily[h]! * shares![k]!;
      const ts = (g.firstDay + d) * DAY_MS + k * g.im * 60_000 - g.tz * 60_000;
      out.push({ ts, offered: v * factor, aht: ahtFor(src, k) });
    }
  }
  return applyAdjustments(out, opts.adjustments ?? []);
}

/** Planner adjustments: percent first, then absolute, never below zero. */
export function applyAdjustments(points: ForecastPoint[], adjustments: Adjustment[]): ForecastPoint[] {
  adjustments.forEach((a, i) => {
    if (!(a.toTs > a.fromTs)) throw new ForecastInputError(`adjustments[${i}].toTs`, 'must be after fromTs');
    if (a.percent === undefined && a.absolute === undefined) throw new ForecastInputError(`adjustments[${i}]`, 'give percent or absolute');
    if (a.percent !== undefined && !(a.percent >= -100)) throw new ForecastInputError(`adjustments[${i}].percent`, 'must be >= -100');
  });
  return points.map((p) => {
    let v = p.offered;
    for (const a of adjustments) {
      if (p.ts < a.fromTs || p.ts >= a.toTs) continue;
      if (a.percent !== undefined) v *= 1 + a.percent / 100;
      if (a.absolute !== undefined) v += a.absolute;
    }
    return { ...p, offered: Math.max(0, v) };
  });
}

export interface BacktestResult {
  model: ForecastModel;
  /** Σ|actual − forecast| / Σ actual */
  wape: number;
  /** mean of |actual − forecast| / actual over intervals with actual > 0 */
  mape: number;
  intervals: number;
}

/** Hold out the last `weeks` whole weeks, train on the rest, score each model. */
export function backtest(
  history: IntervalObservation[],
  weeks: number,
  opts: ForecastOptions = {},
  models: ForecastModel[] = ['seasonalNaive', 'holtWinters'],
): BacktestResult[] {
  if (!Number.isInteger(weeks) || weeks <= 0) throw new ForecastInputError('weeks', `must be a whole number > 0, got ${weeks}`);
  const g = buildGrid(history, opts);
  const trainDays = g.days - 7 * weeks;
  if (trainDays < 14) throw new ForecastInputError('history', `too short for a ${weeks}-week backtest: ${g.days} days, needs ${7 * weeks + 14}`);
  const cut = (g.firstDay + trainDays) * DAY_MS - g.tz * 60_000;
  const train = history.filter((h) => h.ts < cut);
  // actuals on the grid of held-out days (missing intervals count as 0)
  const actual = new Map<number, number>();
  for (let d = trainDays; d < g.days; d++)
    for (let k = 0; k < g.spd; k++) actual.set((g.firstDay + d) * DAY_MS + k * g.im * 60_000 - g.tz * 60_000, g.offered[d * g.spd + k]!);
  return models.map((model) => {
    const f = forecast(train, model, 7 * weeks, { ...opts, adjustments: [] });
    let absErr = 0;
    let sumA = 0;
    let ape = 0;
    let nApe = 0;
    for (const p of f) {
      const a = actual.get(p.ts) ?? 0;
      absErr += Math.abs(a - p.offered);
      sumA += a;
      if (a > 0) {
        ape += Math.abs(a - p.offered) / a;
        nApe++;
      }
    }
    return { model, wape: sumA > 0 ? absErr / sumA : 0, mape: nApe ? ape / nApe : 0, intervals: f.length };
  });
}
