/**
 * The daily rollups: each day row equals the sum of that local day's 15-minute rows (summed here,
 * independently, with the zone's day from Intl), after in-order batches, late events, a flush and a
 * change of the center's zone; and reports read from them equal the same reports from 15-minute rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../testing';
import { simulateEvents, DEFAULT_DEMO_CONFIG, type SimConfig } from '../../core/sim';
import type { CallFloorEvent } from '../../core/events';
import { createCenter } from '../org';
import type { Store } from '../db';
import { flushAgentStates, rebuildDayRollups, storeEvents } from './ingest';
import { kpiReport, planPeriod, rollupZone, type KpiReport } from './reports';
import { zoneOffsetMin } from '../../core/timezone';

const MEASURES = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'timed_out',
  'answered_within_sl',
  'handled',
  'transferred',
  'not_ready_count',
  'wait_answered',
  'wait_abandoned',
  'talk',
  'hold',
  'acw',
  'ring',
  'staffed',
  'idle',
  'not_ready',
];

/** YYYY-MM-DD of an instant in an IANA zone, straight from Intl (not from the code under test). */
function dayIn(zone: string): (ts: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (ts) => f.format(new Date(ts));
}

type Sums = Map<string, number[]>;
function add(map: Sums, key: string, v: number[]) {
  const t = map.get(key);
  if (!t) map.set(key, [...v]);
  else v.forEach((x, i) => (t[i]! += x));
}

/** Interval rows summed per local day here, and the rollup rows as stored, keyed alike. */
async function bothSides(store: Store, zone: string) {
  const day = dayIn(zone);
  const rows = async (t: string) =>
    (await store.db
      .selectFrom(t as any)
      .selectAll()
      .execute()) as Record<string, any>[];
  const vec = (r: Record<string, any>, cols: string[]) => cols.map((c) => Number(r[c]));
  const fromIntervals = { q: new Map() as Sums, a: new Map() as Sums, r: new Map() as Sums };
  const fromRollups = { q: new Map() as Sums, a: new Map() as Sums, r: new Map() as Sums };
  for (const r of await rows('live_queue_intervals')) add(fromIntervals.q, `${day(Number(r.interval_start))}|${r.queue}`, vec(r, MEASURES));
  for (const r of await rows('live_agent_intervals')) add(fromIntervals.a, `${day(Number(r.interval_start))}|${r.agent_code}`, vec(r, MEASURES));
  for (const r of await rows('live_agent_reasons')) add(fromIntervals.r, `${day(Number(r.interval_start))}|${r.agent_code}|${r.reason}`, [Number(r.seconds)]);
  const starts: number[] = [];
  for (const r of await rows('live_day_queues')) {
    starts.push(Number(r.day_start));
    add(fromRollups.q, `${day(Number(r.day_start))}|${r.queue}`, vec(r, MEASURES));
  }
  for (const r of await rows('live_day_agents')) {
    starts.push(Number(r.day_start));
    add(fromRollups.a, `${day(Number(r.day_start))}|${r.agent_code}`, vec(r, MEASURES));
  }
  for (const r of await rows('live_day_agent_reasons')) add(fromRollups.r, `${day(Number(r.day_start))}|${r.agent_code}|${r.reason}`, [Number(r.seconds)]);
  // a day row is keyed by its local midnight
  for (const s of starts)
    assert.equal(new Date(s + zoneOffsetMin(zone, s) * 60_000).toISOString().slice(11, 16), '00:00', `day_start ${s} is a local midnight in ${zone}`);
  return { fromIntervals, fromRollups };
}

function sameSums(actual: Sums, expected: Sums, what: string) {
  const nz = (m: Sums) => new Map([...m].filter(([, v]) => v.some((x) => Math.abs(x) > 1e-6)));
  const a = nz(actual);
  const e = nz(expected);
  assert.deepEqual([...a.keys()].sort(), [...e.keys()].sort(), `${what}: same days and keys`);
  for (const [k, v] of e) a.get(k)!.forEach((x, i) => assert.ok(Math.abs(x - v[i]!) < 1e-6, `${what} ${k} [${MEASURES[i] ?? 'seconds'}]: ${x} vs ${v[i]}`));
}

/** zone: an IANA name for Intl; stored: the name the store keeps (default the same). */
async function assertRollupsMatch(store: Store, zone: string, stored = zone) {
  assert.equal(await rollupZone(store.db), stored);
  const { fromIntervals, fromRollups } = await bothSides(store, zone);
  assert.ok(fromIntervals.q.size > 0 && fromIntervals.a.size > 0 && fromIntervals.r.size > 0);
  sameSums(fromRollups.q, fromIntervals.q, 'day × queue');
  sameSums(fromRollups.a, fromIntervals.a, 'day × agent');
  sameSums(fromRollups.r, fromIntervals.r, 'day × agent × reason');
}

/** Rows and totals with numbers rounded: reports from rollups and from 15-minute rows sum in other orders. */
function rounded(r: KpiReport) {
  const round = (x: unknown): unknown =>
    typeof x === 'number' ? Math.round(x * 1e6) / 1e6 : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)])) : x;
  return round({ rows: r.rows, total: r.total, unknown: r.unknownAgentCodes });
}

const team = (name: string, agents: number, queues: string[], shiftStartH: number, shiftHours: number) => ({ name, agents, queues, shiftStartH, shiftHours });

/** Hold back every 7th event (not one sharing its time with its call's/agent's other events) for a late batch. */
function withLateOnes(events: CallFloorEvent[]) {
  const tieKey = (e: CallFloorEvent) => `${e.ts}|${e.type.startsWith('agent.') ? `a${e.agent}` : `c${e.callId}`}`;
  const ties = new Map<string, number>();
  for (const e of events) ties.set(tieKey(e), (ties.get(tieKey(e)) ?? 0) + 1);
  const held = (e: CallFloorEvent, i: number) => i % 7 === 3 && ties.get(tieKey(e)) === 1;
  return { late: events.filter(held), rest: events.filter((e, i) => !held(e, i)) };
}

const shanghai: SimConfig = {
  ...DEFAULT_DEMO_CONFIG,
  seed: 11,
  startTs: Date.UTC(2026, 0, 5) - 8 * 3600_000,
  days: 2,
  teams: [team('A', 4, ['general', 'billing'], 8, 9), team('B', 3, ['general', 'vip'], 18, 9), team('N', 2, ['general'], 0, 24)],
  callsPerDay: 500,
};

forEachDatabase('rollups: day rows equal the sum of their 15-minute rows, in order and after late events', async (_t, store) => {
  await createCenter(store.db, 'Center', 'Asia/Shanghai', 0);
  const { events } = simulateEvents(shanghai);
  const lastTs = events.reduce((m, e) => Math.max(m, e.ts), 0);
  const { late, rest } = withLateOnes(events);
  for (let i = 0; i < rest.length; i += 800) await storeEvents(store, rest.slice(i, i + 800));
  await assertRollupsMatch(store, 'Asia/Shanghai');
  // the late ones: re-aggregated calls and replayed agents change intervals of earlier days too
  for (let i = 0; i < late.length; i += 60) await storeEvents(store, late.slice(i, i + 60));
  await flushAgentStates(store, lastTs);
  await assertRollupsMatch(store, 'Asia/Shanghai');

  // reports from rollups = the same reports from the 15-minute rows only
  const day = (d: number, h = 0) => Date.UTC(2026, 0, 5 + d, h) - 8 * 3600_000; // local midnight + h
  const viaIntervals = { tzOffsetMin: (ts: number) => zoneOffsetMin('Asia/Shanghai', ts) }; // an offset function: no zone name
  const viaRollups = { tz: 'Asia/Shanghai' };
  for (const by of ['day', 'month'] as const) {
    for (const [from, to] of [
      [undefined, undefined],
      [day(0), day(2)],
      [day(0, 9), day(1, 15)],
      [day(1, 3), day(1, 4)],
    ] as const) {
      const a = await kpiReport(store.db, { by, from, to, ...viaRollups });
      const b = await kpiReport(store.db, { by, from, to, ...viaIntervals });
      assert.deepEqual(rounded(a), rounded(b), `${by} ${from}–${to}`);
    }
  }
  // by agent / team / queue always use whole days from rollups: compare with sums of interval rows here
  for (const [from, to] of [
    [day(0, 9), day(1, 15)],
    [day(0), day(2)],
    [undefined, day(1, 7)],
  ] as const) {
    const rep = await kpiReport(store.db, { by: 'agent', from, to, tz: 'Asia/Shanghai' });
    const rows = await store.db.selectFrom('live_agent_intervals').selectAll().execute();
    const inRange = rows.filter((r) => (from === undefined || Number(r.interval_start) >= from) && Number(r.interval_start) < to);
    const expected = new Map<string, number[]>();
    for (const r of inRange) add(expected, r.agent_code, [r.staffed, r.idle, r.talk, r.handled].map(Number));
    const got = new Map(rep.rows.map((r) => [r.agentCode!, [r.staffed!, r.idle!, r.talk!, r.handled!]]));
    sameSums(got, expected, `by agent ${from}–${to}`);
    const q = await kpiReport(store.db, { by: 'queue', from, to, tz: 'UTC' });
    const qrows = (await store.db.selectFrom('live_queue_intervals').selectAll().execute()).filter(
      (r) => (from === undefined || Number(r.interval_start) >= from) && Number(r.interval_start) < to,
    );
    assert.equal(
      q.total.offered,
      qrows.reduce((s, r) => s + Number(r.offered), 0),
    );
    assert.equal(
      q.total.answered,
      qrows.reduce((s, r) => s + Number(r.answered), 0),
    );
  }
});

forEachDatabase('rollups: follow the center’s zone (UTC before there is a center), and days across a DST change', async (_t, store) => {
  // New York: 2026-03-08 has 23 hours
  const cfg: SimConfig = {
    ...DEFAULT_DEMO_CONFIG,
    seed: 5,
    tzOffsetMin: -300,
    startTs: Date.UTC(2026, 2, 7, 5),
    days: 3,
    teams: [team('A', 3, ['general', 'billing'], 0, 24), team('B', 2, ['general'], 6, 12)],
    callsPerDay: 300,
    intraday: undefined,
  };
  const { events } = simulateEvents(cfg);
  const half = Math.floor(events.length / 2);
  await storeEvents(store, events.slice(0, half));
  await assertRollupsMatch(store, 'UTC'); // no center yet
  await createCenter(store.db, 'NY', 'America/New_York', 0);
  await storeEvents(store, events.slice(half)); // rebuilt in the center's zone, then this batch added
  await flushAgentStates(store, events[events.length - 1]!.ts);
  await assertRollupsMatch(store, 'America/New_York');
  const days = await store.db.selectFrom('live_day_agents').select('day_start').distinct().orderBy('day_start').execute();
  const lengths = days.slice(1).map((d, i) => (Number(d.day_start) - Number(days[i]!.day_start)) / 3600_000);
  assert.ok(lengths.includes(23), `a 23-hour day: ${lengths}`);
  const a = await kpiReport(store.db, { by: 'day', tz: 'America/New_York' });
  const b = await kpiReport(store.db, { by: 'day', tzOffsetMin: (ts) => zoneOffsetMin('America/New_York', ts) });
  assert.deepEqual(rounded(a), rounded(b));
  // an explicit rebuild in another zone, and back
  await rebuildDayRollups(store, '+480'); // minutes east of UTC: Shanghai's days
  await assertRollupsMatch(store, 'Asia/Shanghai', '+480');
  await rebuildDayRollups(store, 'America/New_York');
  await assertRollupsMatch(store, 'America/New_York');
});

test('planPeriod: whole local days from rollups, the edges from 15-minute rows', () => {
  const H = 3600_000;
  const mid = (d: number) => Date.UTC(2026, 0, d) - 8 * H; // Shanghai midnights
  assert.deepEqual(planPeriod(mid(5), mid(7), '480'), { days: { from: mid(5), to: mid(7) }, parts: [] });
  assert.deepEqual(planPeriod(mid(5) + 9 * H, mid(7) + 15 * H, '480'), {
    days: { from: mid(6), to: mid(7) },
    parts: [
      { from: mid(5) + 9 * H, to: mid(6) },
      { from: mid(7), to: mid(7) + 15 * H },
    ],
  });
  assert.deepEqual(planPeriod(mid(5) + 9 * H, mid(6) + 3 * H, '480'), { days: null, parts: [{ from: mid(5) + 9 * H, to: mid(6) + 3 * H }] });
  assert.deepEqual(planPeriod(undefined, undefined, 'Asia/Shanghai'), { days: { from: undefined, to: undefined }, parts: [] });
  assert.deepEqual(planPeriod(undefined, mid(6) + H, 'Asia/Shanghai'), { days: { from: undefined, to: mid(6) }, parts: [{ from: mid(6), to: mid(6) + H }] });
  assert.deepEqual(planPeriod(mid(5), mid(6), null), { days: null, parts: [{ from: mid(5), to: mid(6) }] });
});
