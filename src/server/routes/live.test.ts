import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../../core/events';
import { forEachDatabase } from '../../store/testing';
import { listAudit } from '../../store/audit';
import { acceptEvents } from '../eventFeed';
import { startLiveFloor } from '../liveFloor';
import { testApp } from '../testing';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02
const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h - 8, m, s);
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `lt${++n}`, ts, type, ...f });

forEachDatabase('live floor: states, scoped snapshot, pushes, alerts raised once and handled, emergency plan, prompts', async (_t, store) => {
  let clock = T(8, 0);
  const { app, ctx, org, as } = await testApp(store, { now: () => clock });
  const svc = await startLiveFloor(ctx, { timers: false, queuesEveryMs: 60_000 });
  const pushed: Record<string, any[]> = {};
  for (const topic of [
    'floor:agents',
    `floor:team:${org.teamA}`,
    `floor:team:${org.teamB}`,
    'floor:queues',
    'alerts',
    `alerts:team:${org.teamB}`,
    `user:${org.users.team_lead}`,
  ])
    // the floor publishes on its center's hub topics (sockets subscribe by the plain names, see liveCenters.test.ts)
    ctx.hub.subscribe(topic.startsWith('user:') ? topic : svc.topic(topic), (_t, d) => (pushed[topic] ??= []).push(d));

  // 08:00 a1 (A001) and b1 (B001) log in; 08:01 a call is answered by a1 after 10 s; 08:02 a call waits
  await acceptEvents(ctx, [
    ev(T(8, 0), 'agent.login', { agent: 'A001' }),
    ev(T(8, 0), 'agent.login', { agent: 'B001' }),
    ev(T(8, 1), 'call.enqueued', { callId: 'c1', queue: 'general' }),
    ev(T(8, 1, 10), 'call.connected', { callId: 'c1', queue: 'general', agent: 'A001' }),
    ev(T(8, 1, 10), 'agent.talking', { agent: 'A001', queue: 'general' }),
    ev(T(8, 2), 'call.enqueued', { callId: 'c2', queue: 'general' }),
    ev(T(8, 3), 'agent.notReady', { agent: 'B001', reason: 'meal' }),
  ]);
  clock = T(8, 4);
  svc.tick(clock);
  // one push per tick: both changed tiles center-wide, one per team topic
  assert.equal(pushed['floor:agents'].length, 1);
  assert.deepEqual(pushed['floor:agents'][0].agents.map((a: any) => a.code).sort(), ['A001', 'B001']);
  assert.deepEqual(
    pushed[`floor:team:${org.teamA}`][0].agents.map((a: any) => [a.code, a.state, a.callsToday]),
    [['A001', 'talking', 1]],
  );
  assert.deepEqual(
    pushed[`floor:team:${org.teamB}`][0].agents.map((a: any) => [a.code, a.state, a.reason]),
    [['B001', 'notReady', 'meal']],
  );
  svc.tick(clock);
  assert.equal(pushed['floor:agents'].length, 1, 'nothing changed: nothing pushed');

  const duty = await as('duty_manager');
  const now = await duty.req('GET', '/api/floor/now');
  assert.equal(now.status, 200);
  assert.equal(now.body.agents.length, 2);
  const a1 = now.body.agents.find((a: any) => a.code === 'A001');
  assert.deepEqual([a1.agentId, a1.name, a1.teamId, a1.since, a1.callId], [org.agents.a1, '李娜', org.teamA, T(8, 1, 10), 'c1']);
  const [q] = now.body.queues;
  // c2 waits since 08:02 → 120 s at 08:04; offered 2, answered 1 (wait 10 s ≤ 20 s) → rate 1/2, SL 1/2
  // agents serving general (both have the skill): one talking, one not ready
  assert.deepEqual([q.queue, q.waiting, q.longestWaitS, q.offered, q.answered, q.answerRate, q.serviceLevel], ['general', 1, 120, 2, 1, 0.5, 0.5]);
  assert.deepEqual(q.agents, { talking: 1, notReady: 1 });
  // team lead (team A): only team A's agents; an agent: own tile only; expert: nothing
  assert.deepEqual(
    (await (await as('team_lead')).req('GET', '/api/floor/now')).body.agents.map((a: any) => a.code),
    ['A001'],
  );
  const own = (await (await as('a1')).req('GET', '/api/floor/now')).body;
  assert.deepEqual([own.agents.map((a: any) => a.code), own.queues.length], [['A001'], 0]);
  assert.deepEqual(
    (await (await as('b1')).req('GET', '/api/floor/now')).body.agents.map((a: any) => a.code),
    ['B001'],
  );
  assert.equal((await (await as('expert')).req('GET', '/api/floor/now')).body.agents.length, 0);

  // thresholds: duty manager may change them (audited); a bad value names the field; team lead may not
  const bad = await duty.req('PUT', '/api/floor/thresholds', { idleShareMax: 1.5 });
  assert.deepEqual([bad.status, bad.body.field], [400, 'body.idleShareMax']);
  assert.equal((await (await as('team_lead')).req('PUT', '/api/floor/thresholds', { idleShareMax: 0.3 })).status, 403);
  const put = await duty.req('PUT', '/api/floor/thresholds', { idleShareMax: 0.3 });
  assert.equal(put.body.thresholds.idleShareMax, 0.3);
  assert.equal(put.body.thresholds.longCallS, 1200);
  assert.equal((await listAudit(store.db, { entity: 'setting' }))[0].action, 'setting.update');

  // 08:30–09:00: a1 talks on one call the whole time, 11 more calls wait from 08:31 → understaffed
  await acceptEvents(ctx, [
    ev(T(8, 6), 'call.ended', { callId: 'c1', queue: 'general', agent: 'A001' }),
    ev(T(8, 6), 'call.abandoned', { callId: 'c2', queue: 'general' }),
    ev(T(8, 6), 'agent.ready', { agent: 'A001' }),
    ev(T(8, 6), 'agent.logout', { agent: 'B001' }),
    ev(T(8, 30), 'call.enqueued', { callId: 'k0', queue: 'general' }),
    ev(T(8, 30), 'call.connected', { callId: 'k0', queue: 'general', agent: 'A001' }),
    ev(T(8, 30), 'agent.talking', { agent: 'A001', queue: 'general' }),
    ...Array.from({ length: 11 }, (_, i) => ev(T(8, 31), 'call.enqueued', { callId: `k${i + 1}`, queue: 'general' })),
  ]);
  clock = T(9, 0);
  await svc.diagnose(clock);
  // window = intervals 08:30 and 08:45: 12 offered, 1 answered → 1/12 < 0.85; a1 staffed 1800 s all
  // talking → occupancy 1 > 0.85: understaffed (center and queue); a1 talking 1800 s > 1200: long call;
  // 11 calls waiting 1740 s > 120: one long-wait alert for the queue
  const alerts = (await duty.req('GET', '/api/alerts?status=active')).body;
  const keys = alerts.map((a: any) => `${a.kind}:${a.scope}:${a.subject}`).sort();
  assert.deepEqual(keys, ['longCall:agent:A001', 'longWait:queue:general', 'understaffed:center:*', 'understaffed:queue:general']);
  const lw = alerts.find((a: any) => a.kind === 'longWait');
  assert.deepEqual(lw.figures, { longestWaitS: 1740, callsOverThreshold: 11 });
  assert.equal(pushed.alerts.length, 4);
  // floor-wide alerts also reach team leads of other teams; the long call only team A's
  assert.deepEqual(pushed[`alerts:team:${org.teamB}`].map((m: any) => m.alert.kind).sort(), ['longWait', 'understaffed', 'understaffed']);
  // the long call raised a gentle prompt to team A's lead
  assert.equal(pushed[`user:${org.users.team_lead}`].length, 1);
  const prompts = (await (await as('team_lead')).req('GET', '/api/prompts?open=1')).body;
  assert.deepEqual(
    prompts.map((p: any) => [p.kind, p.agent_code, p.detail.talkS]),
    [['longCall', 'A001', 1800]],
  );

  // the condition persists: no second alert
  clock = T(9, 0, 10);
  await svc.diagnose(clock);
  assert.equal((await duty.req('GET', '/api/alerts')).body.length, 4);
  assert.equal(pushed.alerts.length, 4);

  const under = alerts.find((a: any) => a.kind === 'understaffed' && a.scope === 'center');
  // team leads see alerts but do not handle them; an empty note is refused naming the field
  assert.equal((await (await as('team_lead')).req('POST', `/api/alerts/${under.id}/acknowledge`, { note: 'x' })).status, 403);
  const empty = await duty.req('POST', `/api/alerts/${under.id}/acknowledge`, { note: ' ' });
  assert.deepEqual([empty.status, empty.body.field], [400, 'body.note']);
  const ack = await duty.req('POST', `/api/alerts/${under.id}/acknowledge`, { note: '已通知质检和培训师上线' });
  assert.deepEqual([ack.status, ack.body.status, ack.body.ack_by], [200, 'acknowledged', org.users.duty_manager]);

  // emergency plan: a QA person is pulled in from the alert; the calls they end are counted
  const staff = await duty.req('POST', '/api/emergency/staff', { name: '质检 林老师', position: 'qa', extCode: '9001' });
  assert.equal(staff.status, 200);
  const dup = await duty.req('POST', '/api/emergency/staff', { name: '重复', position: 'qa', extCode: '9001' });
  assert.deepEqual([dup.status, dup.body.field], [409, 'extCode']);
  const callin = await duty.req('POST', '/api/emergency/callins', { staffId: staff.body.id, alertId: under.id });
  assert.equal(callin.status, 200);
  await acceptEvents(ctx, [
    ev(T(9, 1), 'agent.login', { agent: '9001' }),
    ev(T(9, 1), 'call.connected', { callId: 'k1', queue: 'general', agent: '9001' }),
    ev(T(9, 3), 'call.ended', { callId: 'k1', queue: 'general', agent: '9001' }),
    ev(T(9, 3), 'call.connected', { callId: 'k2', queue: 'general', agent: '9001' }),
    ev(T(9, 6), 'call.ended', { callId: 'k2', queue: 'general', agent: '9001' }),
    // a call ended by someone else is not theirs
    ev(T(9, 6), 'call.ended', { callId: 'k0', queue: 'general', agent: 'A001' }),
  ]);
  clock = T(9, 7);
  const board = (await duty.req('GET', '/api/floor/now')).body;
  const pulled = board.agents.find((a: any) => a.code === '9001');
  assert.deepEqual([pulled.pulledIn, pulled.name, pulled.callsToday], [true, '质检 林老师', 2]);
  assert.deepEqual(
    board.callins.map((c: any) => [c.extCode, c.calls]),
    [['9001', 2]],
  );
  await duty.req('POST', `/api/emergency/callins/${callin.body.id}/end`);
  // after the call-in ended, their calls no longer count
  await acceptEvents(ctx, [
    ev(T(9, 8), 'call.connected', { callId: 'k3', queue: 'general', agent: '9001' }),
    ev(T(9, 9), 'call.ended', { callId: 'k3', queue: 'general', agent: '9001' }),
  ]);
  assert.equal((await (await as('center_manager')).req('PUT', '/api/emergency/rate', { rate: 2.5 })).status, 200);
  const report = (await duty.req('GET', '/api/emergency/report?from=2026-11-02&to=2026-11-02')).body;
  // 2 calls × 2.5 = 5
  assert.deepEqual(
    report.people.map((p: any) => [p.name, p.callins, p.calls, p.pay]),
    [['质检 林老师', 1, 2, 5]],
  );

  // close with a note: audited; the condition still holds, yet it is not raised again until it clears
  const closed = await duty.req('POST', `/api/alerts/${under.id}/close`, { note: '高峰已过' });
  assert.deepEqual([closed.status, closed.body.status, closed.body.close_note], [200, 'closed', '高峰已过']);
  assert.equal((await duty.req('POST', `/api/alerts/${under.id}/close`, { note: 'again' })).status, 409);
  const trail = (await listAudit(store.db, { entity: 'alert', entityId: String(under.id) })).map((a) => a.action).sort();
  assert.deepEqual(trail, ['alert.acknowledge', 'alert.close']);
  assert.ok((await listAudit(store.db, { entity: 'emergency_callin' })).length >= 2);

  // complaint flag: the agent's own, or a team lead's team; not another agent's
  assert.equal((await (await as('a1')).req('POST', '/api/floor/complaints', { agentId: org.agents.a2 })).status, 403);
  assert.equal((await (await as('team_lead')).req('POST', '/api/floor/complaints', { agentId: org.agents.b1 })).status, 403);
  const flag = await (await as('team_lead')).req('POST', '/api/floor/complaints', { agentId: org.agents.a2, note: '客户投诉语气' });
  assert.deepEqual([flag.status, flag.body.kind, flag.body.agent_code, flag.body.lead_user_id], [200, 'complaint', 'A002', org.users.team_lead]);
  const done = await (await as('team_lead')).req('POST', `/api/prompts/${flag.body.id}/done`, { note: '已让她休息十分钟' });
  assert.equal(done.status, 200);

  await app.close();
});
