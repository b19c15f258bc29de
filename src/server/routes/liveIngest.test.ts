import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp, signIn } from '../testing';
import type { CallFloorEvent } from '../../core/events';

const T = Date.UTC(2026, 10, 2, 1, 0); // 09:00 Shanghai
const ev = (id: string, min: number, type: CallFloorEvent['type'], x: Partial<CallFloorEvent> = {}) => ({ id, ts: T + min * 60_000, type, ...x });

// a1 (ext A001, team A) takes call c1; b1 (ext B001, team B) takes c2; X999 is not a platform agent
const batch = [
  ev('l1', 0, 'agent.login', { agent: 'A001' }),
  ev('l2', 0, 'agent.login', { agent: 'B001' }),
  ev('l3', 0, 'agent.login', { agent: 'X999' }),
  ev('q1', 1, 'call.enqueued', { callId: 'c1', queue: 'general' }),
  ev('q2', 1.5, 'call.connected', { callId: 'c1', queue: 'general', agent: 'A001', waitS: 30 }),
  ev('s1', 1.5, 'agent.talking', { agent: 'A001', queue: 'general' }),
  ev('q3', 4.5, 'call.ended', { callId: 'c1', queue: 'general' }),
  ev('s2', 4.5, 'agent.ready', { agent: 'A001' }),
  ev('q4', 2, 'call.enqueued', { callId: 'c2', queue: 'general' }),
  ev('q5', 2.1, 'call.abandoned', { callId: 'c2', queue: 'general', waitS: 6 }),
  ev('o1', 10, 'agent.logout', { agent: 'A001' }),
  ev('o2', 10, 'agent.logout', { agent: 'B001' }),
  ev('o3', 10, 'agent.logout', { agent: 'X999' }),
];

forEachDatabase('live API: push events, upload a file, reports scoped by role', async (_t, store) => {
  const { app } = await testApp(store);
  const duty = await signIn(app, 'duty_manager');
  // a bad event rejects the batch (nothing saved), naming index and field
  const bad = await duty.req('POST', '/api/events', { events: [batch[0], { ...batch[1], ts: 'x' }] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'events.1');
  let r = await duty.req('POST', '/api/events', { events: batch });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { received: batch.length, accepted: batch.length, duplicates: 0 });
  r = await duty.req('POST', '/api/events', batch); // a bare array; all re-sent
  assert.deepEqual(r.body, { received: batch.length, accepted: 0, duplicates: batch.length });
  const qa = await signIn(app, 'qa');
  assert.equal((await qa.req('POST', '/api/events', batch)).status, 403);

  // reports: staff see everything
  r = await duty.req('GET', '/api/reports/kpi?by=day&tz=Asia/Shanghai');
  assert.equal(r.status, 200);
  assert.equal(r.body.rows[0].day, '2026-11-02');
  assert.equal(r.body.total.offered, 2);
  assert.equal(r.body.total.answered, 1);
  assert.equal(r.body.total.abandoned, 1);
  assert.equal(r.body.total.asa, 30);
  assert.equal(r.body.total.staffed, 30 * 60);
  assert.equal(r.body.total.occupancy, 180 / (30 * 60));
  assert.deepEqual(r.body.unknownAgentCodes, ['X999']);
  r = await duty.req('GET', '/api/reports/kpi?by=team');
  const teams = Object.fromEntries(r.body.rows.map((x: any) => [x.key, x]));
  assert.equal(teams['A组'].handled, 1);
  assert.equal(teams['A组'].aht, 180);
  assert.equal(teams['B组'].handled, 0);
  assert.equal(teams['B组'].aht, null); // nothing handled: null, not 0
  assert.equal(teams['(unmapped)'].staffed, 600);
  // agent: own rows only
  const a1 = await signIn(app, 'a1');
  r = await a1.req('GET', '/api/reports/kpi?by=agent');
  assert.deepEqual(
    r.body.rows.map((x: any) => x.agentCode),
    ['A001'],
  );
  assert.equal(r.body.rows[0].talk, 180);
  r = await a1.req('GET', '/api/reports/kpi?by=interval&interval=60');
  assert.equal(r.body.total.offered, null);
  assert.equal(r.body.total.staffed, 600);
  assert.equal((await a1.req('GET', '/api/reports/kpi?by=queue')).status, 403);
  // team lead (team A): A001 only
  const lead = await signIn(app, 'team_lead');
  r = await lead.req('GET', '/api/reports/kpi?by=agent');
  assert.deepEqual(
    r.body.rows.map((x: any) => x.agentCode),
    ['A001'],
  );
  assert.equal((await lead.req('GET', '/api/reports/kpi?by=nope')).status, 400);

  // upload: a jsonl file with a bad line; good lines land, the report names the line
  const wfm = await signIn(app, 'wfm');
  const file = [JSON.stringify(ev('u1', 20, 'call.enqueued', { callId: 'c9', queue: 'billing' })), '{"id":"u2"}', ''].join('\n');
  const up = await app.inject({
    method: 'POST',
    url: '/api/import?format=jsonl',
    headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': 'text/plain' },
    payload: file,
  });
  assert.equal(up.statusCode, 200);
  const rep = up.json();
  assert.equal(rep.eventsStored, 1);
  assert.equal(rep.rejected[0].line, 2);
  assert.match(rep.rejected[0].reason, /ts/);
  // multipart upload of the same file: nothing new
  const boundary = 'XyZ';
  const mp = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n${file}\r\n--${boundary}--\r\n`;
  const up2 = await app.inject({
    method: 'POST',
    url: '/api/import?format=jsonl',
    headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: mp,
  });
  assert.equal(up2.statusCode, 200);
  assert.equal(up2.json().eventsStored, 0);
  assert.equal(up2.json().duplicates, 1);
  const badFmt = await app.inject({
    method: 'POST',
    url: '/api/import?format=cdr',
    headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': 'text/plain' },
    payload: 'x',
  });
  assert.equal(badFmt.statusCode, 400);
  r = await duty.req('GET', '/api/reports/kpi?by=queue');
  assert.deepEqual(
    r.body.rows.map((x: any) => [x.queue, x.offered]),
    [
      ['billing', 1],
      ['general', 2],
    ],
  );
  await app.close();
});
