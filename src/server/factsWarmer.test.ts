/**
 * Closed days stored before anyone asks (issue 11): one pass of the warmer stores every closed agent-day of
 * the current and the previous month, so the next read of the month computes nothing from raw events; the
 * facts it leaves equal a cold read's.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../core/events';
import { forEachDatabase } from '../store/testing';
import { createAgent, createCenter, createTeam } from '../store/org';
import { storeEvents } from '../store/live/ingest';
import { computeFacts } from '../store/facts/index';
import { factsWarmerService, warmFacts } from './factsWarmer';

const H = 3_600_000;
const at = (d: string, hms: string) => Date.parse(`${d}T${hms}Z`) - 8 * H; // Asia/Shanghai

forEachDatabase('the facts warmer stores the closed days of this month and the last, as a cold read would compute them', async (_t, store) => {
  const db = store.db;
  const centerId = await createCenter(db, 'C', 'Asia/Shanghai', 0);
  const teamId = await createTeam(db, { centerId, name: 't', leadUserId: null }, 0);
  await createAgent(
    db,
    { centerId, teamId, employeeNo: 'E1', name: 'A001', hireDate: '2020-01-01', skillLevel: 'junior', extCode: 'A001', queues: ['general'] },
    0,
  );
  let n = 0;
  const ev = (d: string, hms: string, type: CallFloorEvent['type'], extra: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
    id: `e${++n}`,
    ts: at(d, hms),
    type,
    ...extra,
  });
  // one logged-in hour on 11-30 (last month) and on 12-02 (this month), one 120 s call each day
  const day = (d: string, callId: string) => [
    ev(d, '09:00:00', 'agent.login', { agent: 'A001' }),
    ev(d, '09:00:00', 'agent.ready', { agent: 'A001' }),
    ev(d, '09:10:00', 'call.enqueued', { queue: 'general', callId }),
    ev(d, '09:10:10', 'call.connected', { queue: 'general', callId, agent: 'A001', waitS: 10 }),
    ev(d, '09:10:10', 'agent.talking', { agent: 'A001', queue: 'general' }),
    ev(d, '09:12:10', 'call.ended', { queue: 'general', callId, agent: 'A001' }),
    ev(d, '09:12:10', 'agent.ready', { agent: 'A001' }),
    ev(d, '10:00:00', 'agent.logout', { agent: 'A001' }),
  ];
  await storeEvents(store, [...day('2026-11-30', 'c1'), ...day('2026-12-02', 'c2')], { centerId });
  const now = at('2026-12-05', '10:00:00');
  const stored = async () =>
    (await db.selectFrom('fact_agent_days').select(['day']).where('center_id', '=', centerId).where('claim', 'is', null).execute()).map((r) => r.day).sort();
  assert.deepEqual(await stored(), []);

  assert.deepEqual(await warmFacts({ store, now: () => now }), { months: 2 });
  // a day is closed one day after its end (store/facts/days.ts): at 12-05 10:00 the closed days are November's 30 and
  // 12-01..12-03; 12-04 ends 12-05 00:00 and closes at 12-06 00:00
  const days = await stored();
  assert.equal(days.length, 33);
  assert.ok(days.includes('2026-11-30') && days.includes('2026-12-03') && !days.includes('2026-12-04'));
  // the month read after it is the month a cold read gives: one call of 120 s talk
  const dec = await computeFacts(db, centerId, { by: 'agent', month: '2026-12', now });
  const row = dec.rows[0] as { handled: { value: number | null }; aht: { value: number | null } };
  assert.equal(row.handled.value, 1);
  assert.equal(row.aht.value, 120);
  // a second pass stores nothing new
  await warmFacts({ store, now: () => now });
  assert.equal((await stored()).length, 33);

  // as a service: off when its interval is 0; else started and stopped with the app's context
  const ctx = { store, now: () => now, services: {} as Record<string, unknown> } as never;
  const off = factsWarmerService({ everyMin: 0 });
  await off.start(ctx);
  assert.equal((ctx as { services: Record<string, unknown> }).services.factsWarmer, undefined);
  const svc = factsWarmerService({ everyMin: 10, firstAfterS: 3600 });
  await svc.start(ctx);
  assert.ok((ctx as { services: Record<string, unknown> }).services.factsWarmer);
  await svc.stop(ctx);
  assert.equal((ctx as { services: Record<string, unknown> }).services.factsWarmer, undefined);
});
