/**
 * The report stamp (issue 16): live ingest of the current day leaves it alone (cached reports of past
 * periods stay warm all day), a change to an earlier day or a rollup rebuild changes it.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../../core/events';
import { createCenter } from '../org';
import { forEachDatabase } from '../testing';
import { rebuildDayRollups, storeEvents } from './ingest';
import { reportStampOf } from './reportStamp';

const HOUR = 3600_000;
const login = (id: string, ts: number): CallFloorEvent => ({ id, ts, type: 'agent.login', agent: 'A001' });
const call = (id: string, ts: number): CallFloorEvent[] => [
  { id: `${id}-1`, ts, type: 'call.enqueued', callId: id, queue: 'general' },
  { id: `${id}-2`, ts: ts + 30_000, type: 'call.abandoned', callId: id, queue: 'general', waitS: 30 },
];

forEachDatabase('report stamp: today’s events leave it, an earlier day’s event and a rollup rebuild change it', async (_t, store) => {
  const centerId = await createCenter(store.db, '中心', 'UTC', 0);
  const stamp = async () => (await reportStampOf(store.db, centerId)).stamp;
  // the center's day in UTC: a call a minute ago is today's unless the test runs in the first minutes after midnight
  const now = Date.now();
  const dayStart = now - (now % (24 * HOUR));
  const todayTs = now - 60_000 >= dayStart ? now - 60_000 : now;

  await storeEvents(store, call('c0', dayStart - 48 * HOUR), { centerId }); // the first ingest builds the rollups: changed
  const s0 = await stamp();
  assert.notEqual(s0, '');

  await storeEvents(store, [login('l1', todayTs), ...call('c1', todayTs)], { centerId });
  assert.equal(await stamp(), s0, 'today only: unchanged');

  await storeEvents(store, call('c2', dayStart - 30 * HOUR), { centerId }); // yesterday (or the day before)
  const s1 = await stamp();
  assert.notEqual(s1, s0, 'a past day: changed');

  await rebuildDayRollups(store, 'Asia/Shanghai', centerId);
  assert.notEqual(await stamp(), s1, 'rollups rebuilt: changed');
});
