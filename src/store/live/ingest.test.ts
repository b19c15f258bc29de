import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { aggregateEvents, DEFAULT_KPI_OPTIONS, type IntervalAggregates } from '../../core/kpi';
import { simulateEvents, DEFAULT_DEMO_CONFIG, type SimConfig } from '../../core/sim';
import type { CallFloorEvent } from '../../core/events';
import { flushAgentStates, storeEvents, countStoredEvents } from './ingest';
import { kpiReport } from './reports';
import { importText } from '../../ingest/import';
import type { Store } from '../db';

const cfg: SimConfig = {
  ...DEFAULT_DEMO_CONFIG,
  seed: 7,
  startTs: Date.UTC(2026, 0, 5) - 8 * 3600_000,
  days: 1,
  teams: [
    { name: 'A', agents: 4, queues: ['general', 'billing'], shiftStartH: 8, shiftHours: 9 },
    { name: 'B', agents: 3, queues: ['general', 'vip'], shiftStartH: 12, shiftHours: 9 },
  ],
  callsPerDay: 600,
};
const { events } = simulateEvents(cfg);

/** Every stored row, keyed, with measures rounded (sums of seconds split over intervals). */
async function tables(store: Store) {
  const q = await store.db.selectFrom('live_queue_intervals').selectAll().execute();
  const a = await store.db.selectFrom('live_agent_intervals').selectAll().execute();
  const r = await store.db.selectFrom('live_agent_reasons').selectAll().execute();
  const norm = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]));
  const drop0 = (row: Record<string, unknown>) => Object.values(row).some((v, i) => typeof v === 'number' && i > 2 && v !== 0);
  const sortBy = (rows: Record<string, unknown>[], ...k: string[]) =>
    rows
      .map(({ center_id: _center, ...row }) => norm(row))
      .filter(drop0)
      .sort((x, y) => k.map((c) => String(x[c]).localeCompare(String(y[c]))).find((d) => d !== 0) ?? 0);
  return {
    q: sortBy(q as any, 'interval_start', 'queue'),
    a: sortBy(a as any, 'interval_start', 'agent_code'),
    r: sortBy(r as any, 'interval_start', 'agent_code', 'reason').filter((x) => x.seconds !== 0),
  };
}

/** What core's one-shot aggregation gives for the same events, in the stored column names. */
function expectedTables(agg: IntervalAggregates) {
  const cols = (m: any) => ({
    interval_min: 15,
    offered: m.offered,
    answered: m.answered,
    abandoned: m.abandoned,
    short_abandoned: m.shortAbandoned,
    timed_out: m.timedOut,
    answered_within_sl: m.answeredWithinSl,
    handled: m.handled,
    transferred: m.transferred,
    not_ready_count: m.notReadyCount,
    wait_answered: m.waitAnswered,
    wait_abandoned: m.waitAbandoned,
    talk: m.talk,
    hold: m.hold,
    acw: m.acw,
    ring: m.ring,
    staffed: m.staffed,
    idle: m.idle,
    not_ready: m.notReady,
  });
  const r3 = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]));
  return {
    q: agg.queues.map((x) => r3({ interval_start: x.intervalStart, queue: x.queue, ...cols(x) })),
    a: agg.agents.map((x) => r3({ interval_start: x.intervalStart, agent_code: x.agent, ...cols(x) })),
    r: agg.agents.flatMap((x) =>
      Object.entries(x.notReadyByReason).map(([reason, s]) => r3({ interval_start: x.intervalStart, agent_code: x.agent, reason, seconds: s })),
    ),
  };
}

const lastTs = events.reduce((m, e) => Math.max(m, e.ts), 0);

function sameRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[], what: string) {
  const key = (r: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k]]),
    );
  const act = new Set(actual.map(key));
  const exp = expected.filter((r) => Object.entries(r).some(([k, v]) => typeof v === 'number' && k !== 'interval_start' && k !== 'interval_min' && v !== 0));
  assert.equal(actual.length, exp.length, `${what}: row count`);
  for (const r of exp) assert.ok(act.has(key(r)), `${what}: missing ${key(r)}`);
}

forEachDatabase('live store: batches in order give core’s one-shot aggregates; a re-sent batch changes nothing', async (_t, store) => {
  const expected = expectedTables(aggregateEvents(events, { intervalMin: 15, untilTs: lastTs }));
  let accepted = 0;
  for (let i = 0; i < events.length; i += 700) accepted += (await storeEvents(store, events.slice(i, i + 700))).accepted.length;
  await flushAgentStates(store, lastTs);
  assert.equal(accepted, events.length);
  assert.equal(await countStoredEvents(store.db), events.length);
  const t1 = await tables(store);
  sameRows(t1.q, expected.q, 'queue rows');
  sameRows(t1.a, expected.a, 'agent rows');
  sameRows(t1.r, expected.r, 'reason rows');
  // re-send everything (in other batches): nothing changes
  const again = await storeEvents(store, events.slice(100));
  assert.equal(again.accepted.length, 0);
  assert.equal(again.duplicates, events.length - 100);
  await flushAgentStates(store, lastTs);
  assert.deepEqual(await tables(store), t1);
  assert.equal(await countStoredEvents(store.db), events.length);
});

forEachDatabase('live store: late and out-of-order events re-aggregate the intervals they touch', async (_t, store) => {
  const expected = expectedTables(aggregateEvents(events, { intervalMin: 15, untilTs: lastTs }));
  // every 7th event held back and sent at the end, the rest in reverse-ordered batches
  // (an event that shares its time with another event of the same call or agent is not held back:
  // for equal times the store keeps arrival order, which for a late one is not the source order)
  const tieKey = (e: CallFloorEvent) => `${e.ts}|${e.type.startsWith('agent.') ? `a${e.agent}` : `c${e.callId}`}`;
  const ties = new Map<string, number>();
  for (const e of events) ties.set(tieKey(e), (ties.get(tieKey(e)) ?? 0) + 1);
  const held = (e: CallFloorEvent, i: number) => i % 7 === 3 && ties.get(tieKey(e)) === 1;
  const late = events.filter(held);
  const rest = events.filter((e, i) => !held(e, i));
  assert.ok(late.length > events.length / 10);
  const batches: CallFloorEvent[][] = [];
  for (let i = 0; i < rest.length; i += 900) batches.push(rest.slice(i, i + 900));
  batches.reverse();
  for (const b of batches) await storeEvents(store, b);
  for (let i = 0; i < late.length; i += 50) await storeEvents(store, late.slice(i, i + 50));
  await flushAgentStates(store, lastTs);
  const t = await tables(store);
  sameRows(t.q, expected.q, 'queue rows');
  sameRows(t.a, expected.a, 'agent rows');
  sameRows(t.r, expected.r, 'reason rows');
});

forEachDatabase('live store: a hand-made late connect moves the answer into the interval of queue entry', async (_t, store) => {
  const t0 = Date.UTC(2026, 0, 5, 1, 10); // 09:10 Shanghai
  const ev = (id: string, min: number, type: CallFloorEvent['type'], x: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
    id,
    ts: t0 + min * 60_000,
    type,
    ...x,
  });
  await storeEvents(store, [
    ev('e1', 0, 'call.enqueued', { callId: 'c1', queue: 'general' }),
    ev('l1', -10, 'agent.login', { agent: '1001' }),
    ev('e3', 6, 'call.ended', { callId: 'c1', queue: 'general' }),
    ev('t2', 6, 'agent.acw', { agent: '1001', queue: 'general' }),
    ev('r1', 7, 'agent.ready', { agent: '1001' }),
  ]);
  let r = await kpiReport(store.db, { by: 'interval' });
  assert.equal(r.total.offered, 1);
  assert.equal(r.total.answered, 0); // the connect has not arrived: ended without connect is nothing
  // the late connect (09:10 + 30 s, waited 30 s) and the late talking state
  await storeEvents(store, [
    ev('e2', 0.5, 'call.connected', { callId: 'c1', queue: 'general', agent: '1001', waitS: 30 }),
    ev('t1', 0.5, 'agent.talking', { agent: '1001', queue: 'general' }),
  ]);
  r = await kpiReport(store.db, { by: 'interval' });
  const row = r.rows.find((x) => x.intervalStart === Date.UTC(2026, 0, 5, 1, 0))!;
  assert.equal(row.offered, 1);
  assert.equal(row.answered, 1);
  assert.equal(row.asa, 30);
  assert.equal(r.total.talk, 5.5 * 60);
  assert.equal(r.total.acw, 60);
  assert.equal(r.total.staffed, 17 * 60);
  assert.equal(r.total.idle, 10.5 * 60);
  assert.equal(r.total.aht, 6.5 * 60);
});

forEachDatabase('import: a file with a bad line stores the good lines, names the bad one; re-import adds nothing', async (_t, store) => {
  const lines = [
    JSON.stringify({ id: 'a', ts: Date.UTC(2026, 0, 5, 1), type: 'call.enqueued', callId: 'c1', queue: 'general' }),
    '{"id":"b","ts":"soon","type":"call.enqueued","callId":"c2","queue":"general"}',
    JSON.stringify({ id: 'c', ts: Date.UTC(2026, 0, 5, 1, 1), type: 'call.enqueued', callId: 'c3', queue: 'general' }),
    JSON.stringify({ id: 'd', ts: Date.UTC(2026, 0, 5, 1, 1), type: 'call.parked', callId: 'c3', queue: 'general' }),
  ].join('\n');
  const sink = {
    store: async (e: CallFloorEvent[]) => {
      const r = await storeEvents(store, e);
      return { accepted: r.accepted.length, duplicates: r.duplicates };
    },
  };
  const rep = await importText('jsonl', lines, sink);
  assert.equal(rep.linesRead, 4);
  assert.equal(rep.eventsStored, 2);
  // the reject names the line and the field, with a stable reason code the web translates
  assert.deepEqual(
    rep.rejected.map((r) => [r.line, r.field, r.code, r.reason]),
    [[2, 'ts', 'import.invalidEvent', 'ts must be a number (epoch milliseconds)']],
  );
  assert.deepEqual(rep.unknownEvents, { 'call.parked': 1 });
  const again = await importText('jsonl', lines, sink);
  assert.equal(again.eventsStored, 0);
  assert.equal(again.duplicates, 2);
  const r = await kpiReport(store.db, { by: 'queue' });
  assert.equal(r.rows[0]!.offered, 2);
  assert.equal(DEFAULT_KPI_OPTIONS.intervalMin, 15);
});

forEachDatabase('live store: a batch part new, part already stored, adds exactly the new part', async (_t, store) => {
  const part = events.slice(0, 3000);
  const last = part[part.length - 1]!.ts;
  const expected = expectedTables(aggregateEvents(part, { intervalMin: 15, untilTs: last }));
  await storeEvents(store, part.slice(0, 1250));
  // duplicates interleaved with new events inside the same statements
  const mixed = part.slice(1000, 3000).concat(part.slice(0, 1000).filter((_, i) => i % 3 === 0));
  const r = await storeEvents(store, mixed);
  assert.equal(r.accepted.length, 1750);
  assert.equal(r.duplicates, mixed.length - 1750);
  assert.deepEqual(new Set(r.accepted.map((e) => e.id)), new Set(part.slice(1250).map((e) => e.id)));
  await flushAgentStates(store, last);
  assert.equal(await countStoredEvents(store.db), 3000);
  const t = await tables(store);
  sameRows(t.q, expected.q, 'queue rows');
  sameRows(t.a, expected.a, 'agent rows');
  sameRows(t.r, expected.r, 'reason rows');
});
