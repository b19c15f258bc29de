/**
 * Issue 10, finding 1: one event with an impossible time must never take the floor down. Through the
 * real API (testApp, POST /api/events): the poison pair of the security probe, and the window's bounds.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { countStoredEvents } from '../../store/live/ingest';
import { putSetting } from '../../store/org';
import { testApp, signIn } from '../testing';
import { pushEventsMessage } from './liveIngest';
import type { Caller } from '../route';
import { DomainError } from '../../core/errors';
import './liveIngest'; // registers the socket handler `events`

const C1 = 1796054400000; // 2026-11-30T16:00:00Z, epoch ms
const NOW = C1 + 3_600_000; // the server clock, an hour later
const HOUR = 3_600_000;

forEachDatabase('event window: the microsecond poison event is refused by id and field, the floor stays up', async (_t, store) => {
  const { app, org } = await testApp(store, { now: () => NOW });
  const duty = await signIn(app, 'duty_manager');
  let r = await duty.req('POST', '/api/events', [{ id: 'c1', ts: C1, type: 'agent.login', agent: '501' }]);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { received: 1, accepted: 1, duplicates: 0 });

  const poison = [{ id: 'c2', ts: 1796054400000000, type: 'agent.logout', agent: '501' }];
  r = await duty.req('POST', '/api/events', poison);
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'events.0.ts');
  assert.equal(r.body.reason, 'event.tsUnit');
  assert.equal(r.body.params.id, 'c2');
  assert.equal(r.body.params.unit, 'microseconds');
  assert.match(r.body.message, /'c2'/);
  assert.match(r.body.message, /\bts\b/);
  assert.equal(await countStoredEvents(store.db), 1); // c1 stays, c2 never stored

  // the server answers right after (no blocked event loop)
  const health = await app.inject({ method: 'GET', url: '/api/health' });
  assert.equal(health.statusCode, 200);

  // a client retrying changes nothing
  r = await duty.req('POST', '/api/events', poison);
  assert.equal(r.status, 400);
  assert.equal(await countStoredEvents(store.db), 1);
  r = await duty.req('POST', '/api/events', [{ id: 'c1', ts: C1, type: 'agent.login', agent: '501' }]);
  assert.deepEqual(r.body, { received: 1, accepted: 0, duplicates: 1 });

  // the agent's time is what it was: logged in 1 h ago, nothing counted beyond the clock
  const staffed = await store.db
    .selectFrom('live_agent_intervals')
    .select((eb) => eb.fn.sum<number>('staffed').as('s'))
    .where('agent_code', '=', '501')
    .executeTakeFirst();
  assert.equal(Number(staffed?.s ?? 0), 0); // no state change yet: nothing counted

  // a batch with one bad event is refused as a whole, naming that event; the good one is not stored
  r = await duty.req('POST', '/api/events', [
    { id: 'ok1', ts: C1 + 60_000, type: 'agent.ready', agent: '501' },
    { id: 'far', ts: NOW + 25 * HOUR, type: 'agent.logout', agent: '501' },
  ]);
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'events.1.ts');
  assert.equal(r.body.reason, 'event.tsInFuture');
  assert.equal(r.body.params.id, 'far');
  assert.equal(r.body.params.latest, new Date(NOW + 24 * HOUR).toISOString());
  assert.equal(await countStoredEvents(store.db), 1);

  // 23 h ahead is inside the default window (24 h)
  r = await duty.req('POST', '/api/events', [{ id: 'soon', ts: NOW + 23 * HOUR, type: 'call.enqueued', callId: 'k1', queue: 'general' }]);
  assert.equal(r.status, 200);

  // beyond JS Date (≥ 8.64e15): refused, never stored
  r = await duty.req('POST', '/api/events', [{ id: 'huge', ts: 9e15, type: 'agent.logout', agent: '501' }]);
  assert.equal(r.status, 400);
  assert.equal(r.body.reason, 'event.tsInFuture');
  assert.equal(r.body.params.id, 'huge');

  // seconds sent as milliseconds: a unit problem, before the history starts
  r = await duty.req('POST', '/api/events', [{ id: 'sec', ts: C1 / 1000, type: 'agent.logout', agent: '501' }]);
  assert.equal(r.status, 400);
  assert.equal(r.body.reason, 'event.tsUnit');
  assert.equal(r.body.params.unit, 'seconds');
  r = await duty.req('POST', '/api/events', [{ id: 'old', ts: Date.UTC(1985, 0, 1), type: 'agent.logout', agent: '501' }]);
  assert.equal(r.body.reason, 'event.tsBeforeHistory');
  assert.equal(r.body.params.earliest, '1990-01-01T00:00:00.000Z');

  // the window is the center's setting: history from 2026-06-01, at most 2 h ahead
  await putSetting(store.db, org.centerId, 'live.eventWindow', { earliest: '2026-06-01', maxAheadHours: 2 }, NOW);
  r = await duty.req('POST', '/api/events', [{ id: 'may', ts: Date.UTC(2026, 4, 31, 23), type: 'agent.logout', agent: '501' }]);
  assert.equal(r.status, 400);
  assert.equal(r.body.reason, 'event.tsBeforeHistory');
  assert.equal(r.body.params.earliest, '2026-06-01T00:00:00.000Z');
  r = await duty.req('POST', '/api/events', [{ id: 'in3h', ts: NOW + 3 * HOUR, type: 'agent.logout', agent: '501' }]);
  assert.equal(r.body.reason, 'event.tsInFuture');
  r = await duty.req('POST', '/api/events', [{ id: 'in1h', ts: NOW + HOUR, type: 'agent.logout', agent: '501' }]);
  assert.equal(r.status, 200);
  assert.equal(await countStoredEvents(store.db), 3); // c1, soon, in1h
  await app.close();
});

forEachDatabase('event window: an import names the lines outside the window and stores the rest', async (_t, store) => {
  const { app } = await testApp(store, { now: () => NOW });
  const wfm = await signIn(app, 'wfm');
  const lines = [
    JSON.stringify({ id: 'j1', ts: C1, type: 'agent.login', agent: '501' }),
    JSON.stringify({ id: 'j2', ts: C1 * 1000, type: 'agent.logout', agent: '501' }),
    JSON.stringify({ id: 'j3', ts: C1 + 600_000, type: 'agent.logout', agent: '501' }),
  ].join('\n');
  const up = await app.inject({
    method: 'POST',
    url: '/api/import?format=jsonl',
    headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': 'text/plain' },
    payload: lines,
  });
  assert.equal(up.statusCode, 200);
  const rep = up.json();
  assert.equal(rep.eventsStored, 2);
  assert.equal(rep.rejected.length, 1);
  assert.equal(rep.rejected[0].line, 2);
  assert.match(rep.rejected[0].reason, /event 'j2': ts: .*microseconds/);
  // j1 → j3: 10 minutes staffed (600 s), counted by hand
  const s = await store.db
    .selectFrom('live_agent_intervals')
    .select((eb) => eb.fn.sum<number>('staffed').as('s'))
    .where('agent_code', '=', '501')
    .executeTakeFirst();
  assert.equal(Number(s?.s), 600);
  await app.close();
});

forEachDatabase('event window: the WebSocket `events` message refuses the poison event the same way', async (_t, store) => {
  const { app, ctx, org } = await testApp(store, { now: () => NOW });
  const caller = {
    userId: org.users.duty_manager,
    username: 'duty_manager',
    displayName: 'd',
    roles: ['duty_manager'],
    agentId: null,
    centerId: org.centerId,
    ledTeamIds: [],
    csrf: '',
    locale: 'en',
  } as unknown as Caller;
  const ok = await pushEventsMessage(ctx, caller, { type: 'events', events: [{ id: 'c1', ts: C1, type: 'agent.login', agent: '501' }] });
  assert.deepEqual(ok, { received: 1, accepted: 1, duplicates: 0 });
  await assert.rejects(
    async () => pushEventsMessage(ctx, caller, { type: 'events', events: [{ id: 'c2', ts: 1796054400000000, type: 'agent.logout', agent: '501' }] }),
    (e: unknown) => e instanceof DomainError && e.field === 'events.0.ts' && e.reason === 'event.tsUnit' && e.params?.id === 'c2',
  );
  assert.equal(await countStoredEvents(store.db), 1);
  await app.close();
});
