/**
 * Uploaded forecast history is a center's (issue 12, migration 032): two centers upload the same queue
 * name and intervals with different volumes; each reads, lists and replaces only its own rows. The forecast
 * page's queue choices also list the floor's own history (the live rollups), per center.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { createCenter } from '../org';
import { historyFor, historyQueues, putHistory } from './forecasts';
import { storeEvents } from '../live/ingest';
import type { CallFloorEvent } from '../../core/events';

const T0 = Date.UTC(2026, 0, 5); // a Monday, 00:00 UTC
const HALF = 1_800_000;

forEachDatabase('forecast history: two centers with the same queue and intervals keep their own rows', async (_t, store) => {
  const db = store.db;
  const a = await createCenter(db, 'A', 'Asia/Shanghai', T0);
  const b = await createCenter(db, 'B', 'Asia/Shanghai', T0);
  // A: 4 half hours of 10 calls at 100 s; B: 2 half hours (the same first two) of 3 calls at 200 s
  await putHistory(
    db,
    a,
    'general',
    30,
    [0, 1, 2, 3].map((k) => ({ ts: T0 + k * HALF, offered: 10, aht: 100 })),
  );
  await putHistory(
    db,
    b,
    'general',
    30,
    [0, 1].map((k) => ({ ts: T0 + k * HALF, offered: 3, aht: 200 })),
  );

  const read = async (centerId: number) => (await historyFor(db, { centerId, queue: 'general', intervalMin: 30 })).map((r) => [r.ts - T0, r.offered, r.ahtSum]);
  assert.deepEqual(await read(a), [
    [0, 10, 1000],
    [HALF, 10, 1000],
    [2 * HALF, 10, 1000],
    [3 * HALF, 10, 1000],
  ]);
  assert.deepEqual(await read(b), [
    [0, 3, 600],
    [HALF, 3, 600],
  ]);
  const queues = async (centerId: number) => (await historyQueues(db, centerId)).map((q) => [q.queue, q.interval_min, Number(q.rows)]);
  assert.deepEqual(await queues(a), [['general', 30, 4]]);
  assert.deepEqual(await queues(b), [['general', 30, 2]]);

  // B re-uploads its first half hour: A's row at the same time stays as it was
  await putHistory(db, b, 'general', 30, [{ ts: T0, offered: 5, aht: 60 }]);
  assert.deepEqual(await read(b), [
    [0, 5, 300],
    [HALF, 3, 600],
  ]);
  assert.deepEqual((await read(a))[0], [0, 10, 1000]);
  // a third center sees nothing
  const c = await createCenter(db, 'C', 'Asia/Shanghai', T0);
  assert.deepEqual(await read(c), []);
  assert.deepEqual(await queues(c), []);
});

forEachDatabase("forecast history: the queues with the floor's own history are choices too, per center, beside the uploaded ones", async (_t, store) => {
  const db = store.db;
  const a = await createCenter(db, 'A', 'Asia/Shanghai', T0);
  const b = await createCenter(db, 'B', 'Asia/Shanghai', T0);
  await putHistory(db, a, 'general', 30, [{ ts: T0, offered: 10, aht: 100 }]);
  // center A's floor: a call in 'billing' at 09:00 and one at 09:20 (two 15-minute rows); center B: nothing
  let n = 0;
  const call = (ts: number): CallFloorEvent[] => {
    const id = `h${++n}`;
    return [
      { id: `${id}e`, ts, type: 'call.enqueued', queue: 'billing', callId: id },
      { id: `${id}c`, ts: ts + 10_000, type: 'call.connected', queue: 'billing', callId: id, agent: 'X1', waitS: 10 },
      { id: `${id}x`, ts: ts + 70_000, type: 'call.ended', queue: 'billing', callId: id, agent: 'X1' },
    ];
  };
  const nine = T0 + HALF * 2; // 01:00 UTC
  await storeEvents(store, [...call(nine), ...call(nine + 20 * 60_000)], { centerId: a });
  const listed = await historyQueues(db, a);
  assert.deepEqual(
    listed.map((q) => [q.queue, q.interval_min, q.rows]),
    [
      ['billing', 15, 2],
      ['general', 30, 1],
    ],
  );
  assert.equal(listed[0]!.from_ts, nine);
  assert.equal(listed[0]!.to_ts, nine + 15 * 60_000);
  assert.deepEqual(await historyQueues(db, b), []);
});
