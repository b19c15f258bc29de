/**
 * An uploaded requirement declares the shrinkage it was computed with (migration 059's columns): the total and
 * its leave share, both optional, checked (errors name the field), kept with the curve.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { getRequirement } from '../../store/wfm/schedules';

const H = 3_600_000;
const WEEK = '2026-11-02';
// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC
const WS = Date.UTC(2026, 10, 1, 16);
// 15-min intervals from Monday 00:00: 09:00 = 36, 17:00 = 68
const required = Array.from({ length: 672 }, (_, k) => (k >= 36 && k < 68 ? 3 : 0));

forEachDatabase('an uploaded requirement keeps the shrinkage it declares; a leave share without a total is refused, naming the field', async (t, store) => {
  const clock = WS - 24 * H; // the Sunday before
  const { app, as } = await testApp(store, { now: () => clock });
  try {
    const wfm = await as('wfm');
    const count = async () => (await wfm.req('GET', '/api/wfm/requirements')).body.length as number;
    const post = (extra: object) => wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, required, ...extra });
    // refused, naming the field; nothing stored
    const orphan = await post({ shrinkageLeave: 0.1 });
    assert.deepEqual([orphan.status, orphan.body.field, orphan.body.reason], [400, 'shrinkageLeave', 'wfm.shrinkageLeaveWithoutTotal']);
    const over = await post({ shrinkage: 0.1, shrinkageLeave: 0.2 });
    assert.deepEqual(
      [over.status, over.body.field, over.body.reason, over.body.params],
      [400, 'shrinkageLeave', 'wfm.shrinkageLeaveOverTotal', { leave: 20, total: 10 }],
    );
    const whole = await post({ shrinkage: 1 });
    assert.deepEqual([whole.status, whole.body.field], [400, 'body.shrinkage']);
    assert.equal(await count(), 0);
    // one number: its total, the leave share not known; both: both
    const one = await post({ shrinkage: 0.15 });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual((await getRequirement(store.db, one.body.id)).shrinkage, { total: 0.15, leave: null });
    const up = await post({ shrinkage: 0.4, shrinkageLeave: 0.1 });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const stored = await getRequirement(store.db, up.body.id);
    assert.deepEqual([stored.source, stored.shrinkage, stored.required[40]], ['upload', { total: 0.4, leave: 0.1 }, 3]);
    const listed = (await wfm.req('GET', '/api/wfm/requirements')).body.find((r: { id: number }) => r.id === up.body.id);
    assert.deepEqual(listed.shrinkage, { total: 0.4, leave: 0.1 });
  } finally {
    await app.close();
  }
});
