/**
 * Peak subscription rules (issue 15): no bid on a slot that has begun, nor on a peak slot overlapping
 * the agent's own published shift or a day of their leave; each refusal says why (a reason code and
 * its params, translated in src/web/i18n/wfm.ts). A VTO slot inside one's own shift stays biddable.
 */
import assert from 'node:assert/strict';
import { forEachDatabase, publishedTestRun, testShiftRow } from '../../store/testing';
import { signIn, testApp } from '../testing';

const H = 3600_000;
// Asia/Shanghai (UTC+8)
const at = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`) - 8 * H;
const WEEK = '2026-11-02';

forEachDatabase('peak bids: past slots, slots overlapping one’s own shift or leave are refused with their reason', async (_t, store) => {
  let clock = at('2026-11-02', '12:00'); // Monday noon: the slots are published, all still to come
  const { org, as, app } = await testApp(store, { now: () => clock });
  try {
    const db = store.db;
    // a1 works Wednesday 09:00–18:00 (published)
    const runId = await publishedTestRun(db, org.centerId, WEEK);
    await db
      .insertInto('wfm_shifts')
      .values({ ...testShiftRow(runId, org.agents.a1, [['phone', at('2026-11-04', '09:00'), at('2026-11-04', '18:00')]]), day: 2, template_code: 'D9' })
      .execute();
    const wfm = await as('wfm');
    const slot = async (kind: 'peak' | 'vto', d: string, from: string, to: string) => {
      const r = await wfm.req('POST', '/api/wfm/peak-slots', {
        kind,
        title: `${kind} ${d} ${from}`,
        start: at(d, from),
        end: at(d, to),
        capacity: 3,
        bonus: 5,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.id as number;
    };

    // Tuesday 10:00–12:00 began (and ended) before noon: refused, saying when it began
    const past = await slot('peak', '2026-11-03', '10:00', '12:00');
    // one that began a minute ago: refused as well
    const begun = await slot('peak', '2026-11-03', '11:59', '13:00');
    // Wednesday 17:00–19:00 overlaps a1's 09:00–18:00 shift by an hour
    const overlap = await slot('peak', '2026-11-04', '17:00', '19:00');
    // Wednesday 18:00–20:00 starts when the shift ends: no overlap
    const after = await slot('peak', '2026-11-04', '18:00', '20:00');
    // Thursday 19:00–21:00: a1 is on leave that day
    const onLeave = await slot('peak', '2026-11-05', '19:00', '21:00');
    // a VTO slot inside a1's shift is time off from it: allowed
    const vto = await slot('vto', '2026-11-04', '14:00', '15:00');
    assert.equal((await wfm.req('POST', '/api/wfm/leave', { agentId: org.agents.a1, date: '2026-11-05', kind: 'annual' })).status, 200);

    clock = at('2026-11-03', '12:00'); // Tuesday noon (a new day: everyone signs in again)
    const a1 = await as('a1');
    const a2 = await as('a2');
    const bid = (c: typeof a1, id: number) => c.req('POST', `/api/wfm/peak-slots/${id}/subscribe`);
    // a slot that has already begun is not published: refused at its start, saying when (center time)
    const stale = await (
      await signIn(app, 'wfm')
    ).req('POST', '/api/wfm/peak-slots', {
      kind: 'peak',
      title: '迟了',
      start: at('2026-11-03', '11:00'),
      end: at('2026-11-03', '14:00'),
      capacity: 1,
      bonus: 1,
    });
    assert.equal(stale.status, 400, JSON.stringify(stale.body));
    assert.deepEqual([stale.body.field, stale.body.reason, stale.body.params], ['start', 'wfm.slotStartsInPast', { date: '2026-11-03', start: '11:00' }]);

    const refused = async (c: typeof a1, id: number) => {
      const r = await bid(c, id);
      assert.equal(r.status, 409, JSON.stringify(r.body));
      return { reason: r.body.reason, params: r.body.params };
    };
    assert.deepEqual(await refused(a1, past), { reason: 'wfm.slotPast', params: { date: '2026-11-03', start: '10:00' } });
    assert.deepEqual(await refused(a2, begun), { reason: 'wfm.slotPast', params: { date: '2026-11-03', start: '11:59' } });
    assert.deepEqual(await refused(a1, overlap), {
      reason: 'wfm.slotOverlapsShift',
      params: { date: '2026-11-04', shiftStart: '09:00', shiftEnd: '18:00' },
    });
    assert.deepEqual(await refused(a1, onLeave), { reason: 'wfm.slotOverlapsLeave', params: { date: '2026-11-05' } });

    // what the rules allow still goes through: a1 after the shift, a2 (no shift, no leave) on the overlapping and leave-day slots, a1 on the VTO
    for (const [c, id] of [
      [a1, after],
      [a2, overlap],
      [a2, onLeave],
      [a1, vto],
    ] as const)
      assert.equal((await bid(c, id)).status, 200);

    // nothing of a refused bid is stored: the slots list a2's request only
    const reqs = await db.selectFrom('wfm_peak_requests').select(['slot_id', 'agent_id']).orderBy('slot_id').orderBy('agent_id').execute();
    assert.deepEqual(
      reqs.map((r) => [r.slot_id, r.agent_id]),
      [
        [overlap, org.agents.a2],
        [after, org.agents.a1],
        [onLeave, org.agents.a2],
        [vto, org.agents.a1],
      ].sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!),
    );
    // once the clock passes a slot's start, the same agent is refused there too
    clock = at('2026-11-04', '18:30');
    const late = await as('b1');
    assert.equal((await refused(late, after)).reason, 'wfm.slotPast');
  } finally {
    await app.close();
  }
});
