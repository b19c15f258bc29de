/**
 * Uploaded forecast history is a center's (issue 12, migration 032): two centers upload the same queue
 * name and intervals with different volumes; each reads, lists and replaces only its own rows.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { createCenter } from '../org';
import { historyFor, historyQueues, putHistory } from './forecasts';

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
