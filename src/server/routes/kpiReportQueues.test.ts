/**
 * GET /api/reports/kpi?by=queue for a team lead (issue 11, one source of numbers): the same queues as
 * their briefing — the queues their led teams' active agents serve — and nothing else. Expected
 * figures are worked out by hand from the calls stored below.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../../core/events';
import { storeEvents } from '../../store/live/ingest';
import { createAgent } from '../../store/org';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

const D = '2026-11-02';
const T = Date.UTC(2026, 10, 2, 1, 0); // 09:00 Shanghai on D
const at = (min: number, s = 0) => T + min * 60_000 + s * 1000;

/** One call: enqueued at `min`, then answered after `waitS` by `agent`, or abandoned after `waitS`. */
function call(id: string, queue: string, min: number, waitS: number, agent?: string): CallFloorEvent[] {
  const e = (n: number, ts: number, type: CallFloorEvent['type'], x: Partial<CallFloorEvent> = {}) => ({ id: `${id}-${n}`, ts, type, callId: id, queue, ...x });
  if (!agent) return [e(1, at(min), 'call.enqueued'), e(2, at(min, waitS), 'call.abandoned', { waitS })] as CallFloorEvent[];
  return [e(1, at(min), 'call.enqueued'), e(2, at(min, waitS), 'call.connected', { agent, waitS }), e(3, at(min + 2), 'call.ended')] as CallFloorEvent[];
}

forEachDatabase('KPI report by queue: a team lead reads the queues their teams’ agents serve, not another queue', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const db = store.db;
    // team A (the lead's): a1, a2 serve general (seeded), a2 also billing; team B's b1 also serves vip;
    // a team A agent who has left served 'retired' — no longer the team's queue
    await db.insertInto('agent_queues').values({ agent_id: org.agents.a2, queue: 'billing' }).execute();
    await db.insertInto('agent_queues').values({ agent_id: org.agents.b1, queue: 'vip' }).execute();
    const left = await createAgent(
      db,
      {
        centerId: org.centerId,
        teamId: org.teamA,
        employeeNo: 'A009',
        name: '赵磊',
        hireDate: '2025-01-01',
        skillLevel: 'junior',
        extCode: 'A009',
        queues: ['retired'],
      },
      T,
    );
    await db.updateTable('agents').set({ status: 'left' }).where('id', '=', left).execute();
    await storeEvents(
      store,
      [
        ...call('g1', 'general', 1, 10, 'A001'), // answered within 20 s
        ...call('g2', 'general', 2, 30), // abandoned after 30 s (not short: ≥ 5 s)
        ...call('b1', 'billing', 5, 30, 'A002'), // answered after 30 s: outside the service level
        ...call('v1', 'vip', 6, 5, 'B001'),
        ...call('r1', 'retired', 7, 8, 'A001'),
      ],
      { centerId: org.centerId },
    );
    const url = (extra = '') => `/api/reports/kpi?by=queue&from=${D}&to=${D}${extra}`;
    const pick = (r: any) => [r.queue ?? r.key, r.offered, r.answered, r.abandoned, r.answerRate, r.serviceLevel, r.asa];

    // center-wide: every queue; offered 2 + 1 + 1 + 1
    const duty = await (await as('duty_manager')).req('GET', url());
    assert.equal(duty.status, 200, JSON.stringify(duty.body));
    assert.deepEqual(
      duty.body.rows.map((r: any) => r.queue),
      ['billing', 'general', 'retired', 'vip'],
    );
    assert.equal(duty.body.total.offered, 5);

    // the lead: billing and general only. general: 2 offered, 1 answered (10 s), 1 abandoned → answerRate 1/2,
    // service level 1 / (2 − 0), asa 10; billing: 1 answered after 30 s → SL 0, asa 30.
    // total: offered 3, answered 2, answerRate 2/3, SL 1/3, asa (10 + 30) / 2 = 20
    const lead = await as('team_lead');
    const mine = await lead.req('GET', url());
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(mine.body.rows.map(pick), [
      ['billing', 1, 1, 0, 1, 0, 30],
      ['general', 2, 1, 1, 1 / 2, 1 / 2, 10],
    ]);
    assert.deepEqual(pick(mine.body.total), ['total', 3, 2, 1, 2 / 3, 1 / 3, 20]);
    assert.deepEqual(mine.body.unknownAgentCodes, []);

    // one of their queues by name: that row; a queue outside (another team's, or only a leaver's) is refused by name
    const billing = await lead.req('GET', url('&queue=billing'));
    assert.deepEqual(billing.body.rows.map(pick), [['billing', 1, 1, 0, 1, 0, 30]]);
    for (const q of ['vip', 'retired']) {
      const r = await lead.req('GET', url(`&queue=${q}`));
      assert.equal(r.status, 403, q);
      assert.equal(r.body.reason, 'report.queueNotYours');
      assert.deepEqual(r.body.params, { queue: q });
    }
    // queue figures in other reports stay center-wide; an agent reads no queue figures
    const byDay = await lead.req('GET', `/api/reports/kpi?by=day&queue=general&from=${D}&to=${D}`);
    assert.equal(byDay.status, 403);
    assert.equal(byDay.body.reason, 'report.queueCenterWide');
    const agent = await (await as('a2')).req('GET', url());
    assert.equal(agent.status, 403);
    assert.equal(agent.body.reason, 'report.queueCenterWide');

    // the same queues and sums as the lead's briefing of the next day (yesterday = D)
    const brief = await lead.req('GET', `/api/people/briefing?teamId=${org.teamA}&date=2026-11-03`);
    assert.equal(brief.status, 200, JSON.stringify(brief.body));
    assert.deepEqual(brief.body.queues.yesterday.queues, ['billing', 'general']);
    assert.deepEqual(
      [brief.body.queues.yesterday.total.offered, brief.body.queues.yesterday.total.answered, brief.body.queues.yesterday.total.asa],
      [3, 2, 20],
    );
  } finally {
    await app.close();
  }
});
