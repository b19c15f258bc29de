/** Monthly figures computed from the live store: hand-computed numbers, kept uploads, missing stays missing. */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { flushAgentStates, storeEvents } from '../../store/live/ingest';
import type { CallFloorEvent } from '../../core/events';
import { testApp } from '../testing';

const NOW = Date.UTC(2026, 3, 2);
const H = 3600_000;
// center time zone Asia/Shanghai (UTC+8): local time t → UTC t - 8 h
const local = (d: string, hm: string, s = 0) => Date.parse(`${d}T${hm}:00Z`) - 8 * H + s * 1000;

function events(): CallFloorEvent[] {
  let n = 0;
  const ev = (ts: number, type: CallFloorEvent['type'], x: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `e${++n}`, ts, type, ...x });
  const a = { agent: 'A001' };
  const d = '2026-03-10';
  return [
    // 1 March 07:00–07:30 local = 28 Feb 23:00–23:30 UTC: March in the center's month
    ev(local('2026-03-01', '07:00'), 'agent.login', a),
    ev(local('2026-03-01', '07:00'), 'agent.ready', a),
    ev(local('2026-03-01', '07:30'), 'agent.logout', a),
    // 1 April 00:30–01:30 local = 31 March 16:30–17:30 UTC: April in the center's month, left out
    ev(local('2026-04-01', '00:30'), 'agent.login', a),
    ev(local('2026-04-01', '00:30'), 'agent.ready', a),
    ev(local('2026-04-01', '01:30'), 'agent.logout', a),
    // 10 March 09:00–12:00
    ev(local(d, '09:00'), 'agent.login', a),
    ev(local(d, '09:00'), 'agent.ready', a),
    ev(local(d, '09:10'), 'call.enqueued', { queue: 'general', callId: 'c1' }),
    ev(local(d, '09:10'), 'agent.ringing', a),
    ev(local(d, '09:10', 10), 'agent.talking', a),
    ev(local(d, '09:10', 10), 'call.connected', { queue: 'general', callId: 'c1', agent: 'A001', waitS: 10 }),
    ev(local(d, '09:15', 10), 'agent.hold', a),
    ev(local(d, '09:16', 10), 'agent.talking', a),
    ev(local(d, '09:20', 10), 'call.ended', { queue: 'general', callId: 'c1', agent: 'A001' }),
    ev(local(d, '09:20', 10), 'agent.acw', a),
    ev(local(d, '09:21', 10), 'agent.ready', a),
    ev(local(d, '10:00'), 'agent.notReady', { agent: 'A001', reason: 'break' }),
    ev(local(d, '10:15'), 'agent.ready', a),
    ev(local(d, '11:00'), 'call.enqueued', { queue: 'general', callId: 'c2' }),
    ev(local(d, '11:00'), 'call.connected', { queue: 'general', callId: 'c2', agent: 'A001', waitS: 0 }),
    ev(local(d, '11:00'), 'agent.talking', a),
    ev(local(d, '11:05'), 'call.transferred', { queue: 'general', callId: 'c2', agent: 'A001', target: '2000' }),
    ev(local(d, '11:05'), 'agent.ready', a),
    ev(local(d, '12:00'), 'agent.logout', a),
    // A002: logged in 1 h, 15 min of it on a break, no call; an unknown code
    ev(local(d, '13:00'), 'agent.login', { agent: 'A002' }),
    ev(local(d, '13:00'), 'agent.ready', { agent: 'A002' }),
    ev(local(d, '13:30'), 'agent.notReady', { agent: 'A002', reason: 'break' }),
    ev(local(d, '13:45'), 'agent.ready', { agent: 'A002' }),
    ev(local(d, '14:00'), 'agent.logout', { agent: 'A002' }),
    ev(local(d, '13:00'), 'agent.login', { agent: 'X9' }),
    ev(local(d, '14:00'), 'agent.logout', { agent: 'X9' }),
  ];
}

forEachDatabase('performance figures from the live store', async (_t, store) => {
  const { org, as } = await testApp(store, { now: () => NOW });
  await storeEvents(store, events());
  await flushAgentStates(store, NOW);
  const wfm = await as('wfm');
  // a hand-loaded aht of a1, and an old live transferRate of a2 that the live data no longer gives
  assert.equal(
    (await wfm.req('POST', '/api/performance/figures', { figures: [{ agentId: org.agents.a1, month: '2026-03', kpi: 'aht', value: 999 }] })).status,
    200,
  );
  await store.db
    .insertInto('perf_figures')
    .values({
      center_id: org.centerId,
      agent_id: org.agents.a2,
      month: '2026-03',
      kpi_key: 'transferRate',
      value: 0.5,
      numerator: 1,
      denominator: 2,
      source: 'live',
      updated_at: 0,
    })
    .execute();

  assert.equal((await wfm.req('POST', '/api/performance/figures/compute', { month: '2026-13' })).status, 400);
  assert.equal((await (await as('a1')).req('POST', '/api/performance/figures/compute', { month: '2026-03' })).status, 403);
  const r = await wfm.req('POST', '/api/performance/figures/compute', { month: '2026-03' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.kept, [{ agentId: org.agents.a1, kpi: 'aht', source: 'api' }]);
  assert.equal(r.body.removed, 1);

  const figs = async () => {
    const rows = await store.db.selectFrom('perf_figures').selectAll().where('month', '=', '2026-03').execute();
    return Object.fromEntries(
      rows.map((x) => [
        `${x.agent_id === org.agents.a1 ? 'a1' : x.agent_id === org.agents.a2 ? 'a2' : x.agent_id}.${x.kpi_key}`,
        [x.value, x.numerator, x.denominator, x.source],
      ]),
    );
  };
  // a1 in March (local): 1 Mar 1800 s ready; 10 Mar 09:00–12:00 = 10800 s staffed:
  // ring 10, talk 300 + 240 + 300 = 840, hold 60, acw 60, notReady 900,
  // idle 600 + 2330 + 2700 + 3300 = 8930 (+1800 on 1 Mar = 10730); staffed 12600; handled 2, transferred 1
  // a2: staffed 3600, notReady 900, idle 2700; no call → aht and transferRate missing; occupancy 0 / (3600 − 900) is a real 0
  const f = await figs();
  const close = (k: string, v: number, num: number, den: number, src = 'live') => {
    const x = f[k];
    assert.ok(x, `${k} stored`);
    assert.ok(Math.abs(Number(x[0]) - v) < 1e-9, `${k}: ${x[0]} ≈ ${v}`);
    assert.deepEqual([Number(x[1]), Number(x[2]), x[3]], [num, den, src], k);
  };
  assert.deepEqual(f['a1.aht'], [999, null, null, 'api']);
  close('a1.transferRate', 0.5, 1, 2);
  close('a1.occupancy', 970 / 11700, 970, 11700);
  close('a1.notReadyShare', 900 / 12600, 900, 12600);
  close('a1.idleShare', 10730 / 12600, 10730, 12600);
  close('a2.occupancy', 0, 0, 2700);
  close('a2.notReadyShare', 0.25, 900, 3600);
  close('a2.idleShare', 0.75, 2700, 3600);
  assert.equal(f['a2.aht'], undefined, 'no call handled: aht missing, not 0');
  assert.equal(f['a2.transferRate'], undefined, 'the stale live figure is gone');
  // the five telephony ratios as before; compute-figures now stores every fact figure (docs/facts.md)
  assert.equal(Object.keys(f).filter((k) => /\.(aht|transferRate|occupancy|notReadyShare|idleShare)$/.test(k)).length, 8);
  assert.deepEqual([Number(f['a1.handled']![0]), f['a1.handled']![3]], [2, 'live']);
  assert.equal(Number(f['a1.complaints']![0]), 0, 'no upheld complaint: a real 0');
  assert.equal(f['a1.adherence'], undefined, 'no schedule: adherence missing, not stored');
  assert.equal(f['a1.qaScore'], undefined, 'no evaluation: qaScore missing');

  // asked to overwrite: a1's aht = (840 + 60 + 60) / 2
  const o = await wfm.req('POST', '/api/performance/figures/compute', { month: '2026-03', overwrite: true });
  assert.deepEqual(o.body.kept, []);
  const g = await figs();
  assert.deepEqual(
    [g['a1.aht']![0], g['a1.aht']![1], g['a1.aht']![2], g['a1.aht']![3]].map((v) => (typeof v === 'string' ? v : Number(v))),
    [480, 960, 2, 'live'],
  );
  const audits = await store.db.selectFrom('audit_log').select('action').where('action', '=', 'perf.figures.compute').execute();
  assert.equal(audits.length, 2);
});
