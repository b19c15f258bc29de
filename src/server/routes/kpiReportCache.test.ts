/**
 * GET /api/reports/kpi of a finished period is served from the cache (issue 16): the cached answer is
 * the uncached one, a late event or a renamed agent makes it stale, the caller's scope is part of the key
 * (a team lead never gets another lead's rows), and a client holding the ETag gets a 304.
 * Figures are worked out by hand from the calls stored below.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../../core/events';
import { kpiReportFor } from '../../services/live/reports';
import { cachedReportCount } from '../../services/live/reportCache';
import { storeEvents } from '../../store/live/ingest';
import { createUser, updateAgent, updateTeam } from '../../store/org';
import { forEachDatabase } from '../../store/testing';
import { actorOf, depsOf } from '../route';
import { callerOf } from '../session';
import { signIn, testApp, testPasswordHash } from '../testing';

const D = '2026-11-02'; // a finished day: the test runs after it (the cache reads the real clock)
const T = Date.UTC(2026, 10, 2, 1, 0); // 09:00 Shanghai on D
const at = (min: number, s = 0) => T + min * 60_000 + s * 1000;

/** One answered call: enqueued at `min`, connected after `waitS` to `agent`, ended at `min + 2`. */
function call(id: string, min: number, waitS: number, agent: string): CallFloorEvent[] {
  const e = (n: number, ts: number, type: CallFloorEvent['type'], x: Partial<CallFloorEvent> = {}) =>
    ({ id: `${id}-${n}`, ts, type, callId: id, queue: 'general', ...x }) as CallFloorEvent;
  return [e(1, at(min), 'call.enqueued'), e(2, at(min, waitS), 'call.connected', { agent, waitS }), e(3, at(min + 2), 'call.ended')];
}

const URL_D = `/api/reports/kpi?by=agent&from=${D}&to=${D}`;
// by agent the figures are the agent side's: handled counts the agent's answered calls (talk comes from agent states, none here)
const pick = (r: any) => [r.agentCode, r.agentName, r.handled];

forEachDatabase(
  'KPI report cache: cached equals uncached, a late event and a rename make it stale, scope is in the key, 304 on the ETag',
  async (_t, store) => {
    const { app, ctx, org, as } = await testApp(store);
    try {
      // a second lead, of team B
      const lead2 = await createUser(
        store.db,
        { username: 'lead2', displayName: 'lead2', passwordHash: await testPasswordHash(), roles: ['team_lead'], centerId: org.centerId },
        T,
      );
      await updateTeam(store.db, org.teamB, { leadUserId: lead2 });
      // one answered call each: A001, A002 (team A), B001 (team B)
      await storeEvents(store, [...call('g1', 1, 10, 'A001'), ...call('g2', 5, 20, 'A002'), ...call('g3', 8, 5, 'B001')], { centerId: org.centerId });

      const duty = await as('duty_manager');
      const get = (c: { cookie: string }, headers: Record<string, string> = {}) =>
        app.inject({ method: 'GET', url: URL_D, headers: { cookie: c.cookie, ...headers } });
      const first = await get(duty);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json().rows.map(pick), [
        ['A001', '李娜', 1],
        ['A002', '王芳', 1],
        ['B001', '张伟', 1],
      ]);
      assert.equal(cachedReportCount(store), 1);
      const second = await get(duty);
      assert.equal(second.body, first.body, 'served again as the same text');
      assert.equal(second.headers.etag, first.headers.etag);
      assert.equal(cachedReportCount(store), 1, 'from the cache, not a second entry');

      // cached equals uncached: the service's uncached path for the same caller and request
      const dutyCaller = await callerOf(ctx, { cookies: parseCookie(duty.cookie) } as never);
      const uncached = await kpiReportFor(depsOf(ctx), actorOf(dutyCaller), { by: 'agent', from: D, to: D });
      assert.deepEqual(second.json(), JSON.parse(JSON.stringify(uncached)));

      // 304 with the ETag; compressed answers carry the same ETag
      const etag = first.headers.etag as string;
      assert.match(etag, /^W\/"/);
      const notModified = await get(duty, { 'if-none-match': etag });
      assert.equal(notModified.statusCode, 304);
      assert.equal(notModified.body, '');
      const br = await get(duty, { 'accept-encoding': 'br, gzip' });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.etag, etag);

      // a late call on D answered by A001 → A001 handled 1 + 1 = 2; the old ETag no longer matches
      await storeEvents(store, call('g4', 30, 5, 'A001'), { centerId: org.centerId });
      const afterLate = await get(duty, { 'if-none-match': etag });
      assert.equal(afterLate.statusCode, 200);
      assert.deepEqual(afterLate.json().rows.map(pick)[0], ['A001', '李娜', 2]);
      assert.notEqual(afterLate.headers.etag, etag);

      // an agent renamed: the cached report names them anew
      await updateAgent(store.db, org.agents.a2, { name: '王芳芳' });
      assert.deepEqual((await get(duty)).json().rows.map(pick)[1], ['A002', '王芳芳', 1]);

      // scope is part of the key: each lead, asked the same URL after the other, gets their own team only
      const lead1 = await as('team_lead');
      const lead2c = await signIn(app, 'lead2');
      for (let round = 0; round < 2; round++) {
        assert.deepEqual(
          (await get(lead1)).json().rows.map((r: any) => r.agentCode),
          ['A001', 'A002'],
        );
        assert.deepEqual(
          (await get(lead2c)).json().rows.map((r: any) => r.agentCode),
          ['B001'],
        );
        assert.deepEqual(
          (await get(await as('a1'))).json().rows.map((r: any) => r.agentCode),
          ['A001'],
        );
      }
      // another lead's ETag is not this lead's answer: a 200 with their own rows
      const l1 = await get(lead1);
      const l2 = await get(lead2c, { 'if-none-match': l1.headers.etag as string });
      assert.equal(l2.statusCode, 200);
      assert.deepEqual(
        l2.json().rows.map((r: any) => r.agentCode),
        ['B001'],
      );
      // an agent asking for another's rows is still refused, cached or not
      const other = await app.inject({ method: 'GET', url: `${URL_D}&agent=B001`, headers: { cookie: (await as('a1')).cookie } });
      assert.equal(other.statusCode, 403);
      assert.equal(other.json().reason, 'report.agentNotYours');

      // a period reaching into today is computed each time, never kept
      const n = cachedReportCount(store);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the center's day (Shanghai, UTC+8)
      const live = await app.inject({ method: 'GET', url: `/api/reports/kpi?by=agent&from=${D}&to=${today}`, headers: { cookie: duty.cookie } });
      assert.equal(live.statusCode, 200, live.body);
      assert.equal(cachedReportCount(store), n);
      assert.ok(live.headers.etag, 'an ETag on a one-off answer too');
    } finally {
      await app.close();
    }
  },
);

function parseCookie(cookie: string): Record<string, string> {
  const i = cookie.indexOf('=');
  return { [cookie.slice(0, i)]: cookie.slice(i + 1) };
}
