/** Adherence from the live floor's agent events (read in place) against a published shift, computed by hand. */
import assert from 'node:assert/strict';
import { forEachDatabase, publishedTestRun, testShiftRow } from '../../store/testing';
import { storeEvents } from '../../store/live/ingest';
import type { CallFloorEvent } from '../../core/events';
import { testApp } from '../testing';

const H = 3600_000;
// Asia/Shanghai (UTC+8)
const at = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`) - 8 * H;
const D = '2026-11-02';

forEachDatabase('wfm adherence from live agent events', async (_t, store) => {
  const { org, as, app } = await testApp(store, { now: () => at(D, '21:00') });
  try {
    const db = store.db;
    const runId = await publishedTestRun(db, org.centerId, D);
    const shift = (agentId: number, acts: [string, string, string][]) =>
      db
        .insertInto('wfm_shifts')
        .values(
          testShiftRow(
            runId,
            agentId,
            acts.map(([kind, s, e]) => [kind, at(D, s), at(D, e)] as const),
            4,
          ),
        )
        .execute();
    // a1: phone 09:00–11:00, break 11:00–11:15, phone 11:15–13:00 (14,400 s)
    await shift(org.agents.a1, [
      ['phone', '09:00', '11:00'],
      ['break', '11:00', '11:15'],
      ['phone', '11:15', '13:00'],
    ]);
    // a2: phone 09:00–10:00; the live events say break, an uploaded correction says available (the upload wins)
    await shift(org.agents.a2, [['phone', '09:00', '10:00']]);
    let n = 0;
    const ev = (d: string, hm: string, type: CallFloorEvent['type'], agent = 'A001', reason?: string): CallFloorEvent => ({
      id: `x${++n}`,
      ts: at(d, hm),
      type,
      agent,
      ...(reason ? { reason } : {}),
    });
    await storeEvents(store, [
      ev('2026-11-01', '20:00', 'agent.login'), // the day before: logged out at 21:00, so logged out at midnight
      ev('2026-11-01', '21:00', 'agent.logout'),
      ev(D, '09:05', 'agent.login'), // 09:00–09:05 logged out: 300 s out
      ev(D, '09:05', 'agent.ready'),
      ev(D, '10:00', 'agent.talking'),
      ev(D, '10:05', 'agent.acw'),
      ev(D, '10:07', 'agent.ready'),
      ev(D, '10:50', 'agent.notReady', 'A001', 'break'), // 10:50–11:00 on break during phone: 600 s out
      ev(D, '11:20', 'agent.ready'), // 11:15–11:20 still on break during phone: 300 s out
      ev(D, '12:40', 'agent.logout'), // 12:40–13:00 logged out: 1,200 s out
      ev(D, '09:00', 'agent.login', 'A002'),
      ev(D, '09:00', 'agent.notReady', 'A002', 'break'),
    ]);
    const wfm = await as('wfm');
    assert.equal(
      (
        await wfm.req('POST', '/api/wfm/state-segments', {
          segments: [{ agentId: org.agents.a2, start: at(D, '09:00'), end: at(D, '10:00'), state: 'available' }],
        })
      ).status,
      200,
    );
    const adh = await wfm.req('GET', `/api/wfm/adherence?date=${D}&graceS=0`);
    assert.equal(adh.status, 200, JSON.stringify(adh.body));
    const a1 = adh.body.agents.find((r: any) => Number(r.agentId) === org.agents.a1);
    assert.equal(a1.scheduledS, 14_400);
    assert.equal(a1.inAdherenceS, 14_400 - 300 - 600 - 300 - 1200);
    assert.ok(Math.abs(a1.adherence - 12_000 / 14_400) < 1e-12);
    const ooa = adh.body.outOfAdherence.filter((o: any) => Number(o.agentId) === org.agents.a1).map((o: any) => [o.start, o.end, o.states.join('+')]);
    assert.deepEqual(ooa, [
      [at(D, '09:00'), at(D, '09:05'), 'loggedOut'],
      [at(D, '10:50'), at(D, '11:00'), 'notReady:break'],
      [at(D, '11:15'), at(D, '11:20'), 'notReady:break'],
      [at(D, '12:40'), at(D, '13:00'), 'loggedOut'],
    ]);
    const a2 = adh.body.agents.find((r: any) => Number(r.agentId) === org.agents.a2);
    assert.equal(a2.inAdherenceS, 3600);
  } finally {
    await app.close();
  }
});
