/**
 * Report threads (reportPool.ts, `serve --report-threads`): on a SQLite file a report not in the cache is
 * computed in a worker thread with its own connection — the same answer as on the main thread, a team
 * lead's scope kept, and events stored on the main thread afterwards seen by the thread.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CallFloorEvent } from '../core/events';
import { resolveKpiReport, runKpiReport } from '../services/live/reports';
import { migrate, openStore } from '../store/db';
import { storeEvents } from '../store/live/ingest';
import { REPORT_POOL, ReportPool } from './reportPool';
import { actorOf, depsOf } from './route';
import { callerOf } from './session';
import { sharedSqliteFile } from './importWorker';
import { testApp } from './testing';

const T = Date.UTC(2026, 10, 2, 1, 0); // 09:00 Shanghai on 2026-11-02
function call(id: string, min: number, agent: string): CallFloorEvent[] {
  const e = (n: number, ts: number, type: CallFloorEvent['type'], x: Partial<CallFloorEvent> = {}) =>
    ({ id: `${id}-${n}`, ts: T + min * 60_000 + ts, type, callId: id, queue: 'general', ...x }) as CallFloorEvent;
  return [e(1, 0, 'call.enqueued'), e(2, 10_000, 'call.connected', { agent, waitS: 10 }), e(3, 120_000, 'call.ended')];
}

test('report threads: the same report as the main thread, the caller’s scope kept, later writes seen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-report-pool-'));
  const store = await openStore({ file: join(dir, 'db.sqlite') });
  const pool = new ReportPool(sharedSqliteFile(store)!, 1);
  try {
    await migrate(store);
    const { app, ctx, org, as } = await testApp(store);
    ctx.services[REPORT_POOL] = pool;
    await storeEvents(store, [...call('c1', 1, 'A001'), ...call('c2', 5, 'B001')], { centerId: org.centerId });
    const url = '/api/reports/kpi?by=agent&from=2026-11-02&to=2026-11-02';

    // the lead's report through the route (computed in the thread) equals the main thread's
    const lead = await as('team_lead');
    const viaRoute = await app.inject({ method: 'GET', url, headers: { cookie: lead.cookie } });
    assert.equal(viaRoute.statusCode, 200, viaRoute.body);
    const leadCaller = await callerOf(ctx, { cookies: { [lead.cookie.split('=')[0]!]: lead.cookie.split('=')[1]! } } as never);
    const resolved = await resolveKpiReport(depsOf(ctx), actorOf(leadCaller), { by: 'agent', from: '2026-11-02', to: '2026-11-02' });
    const main = JSON.parse(JSON.stringify(await runKpiReport(store.db, resolved)));
    assert.deepEqual(viaRoute.json(), main);
    // team A only: A001 answered one call (A002 none, B001 is team B's)
    assert.deepEqual(
      viaRoute.json().rows.map((r: any) => [r.agentCode, r.handled]),
      [['A001', 1]],
    );

    // a write on the main thread is read by the thread: c3 for A001 → handled 2
    await storeEvents(store, call('c3', 30, 'A001'), { centerId: org.centerId });
    assert.deepEqual(
      JSON.parse(await pool.run(resolved)).rows.map((r: any) => [r.agentCode, r.handled]),
      [['A001', 2]],
    );
    await app.close();
  } finally {
    await pool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
