/**
 * Late data re-flows into a published month (issue 11): November is published, then a late
 * telephony event, a re-scored evaluation (dispute upheld) and a complaint upheld later change
 * a1's figures; the live scorecards, the published ranking and the agent's own card mark each
 * changed figure with the published and the current value. Every number is worked out by hand.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { storeEvents } from '../../store/live/ingest';
import { upsertCalls } from '../../store/quality/calls';
import { decideDispute, evaluate, openDispute, qaActor, saveTemplate } from '../../services/quality/index';
import { coreActor, setComplaintVerdict } from '../../store/workorders/orders';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import { testApp } from '../testing';
import { at, eventMakers } from './facts.fixtures';

forEachDatabase('a published month marks the figures that changed after publication, with both values', async (_t, store) => {
  let clock = at('2026-11-20', '10:00');
  const { as, org } = await testApp(store, { now: () => clock });
  const db = store.db;
  const { ev, call } = eventMakers();
  // a1 on 2026-11-02: call c1, ring 10 s, talk 180 s, acw 50 s → handled 1, aht 230 s
  const callEvents = (d: string, id: string, talkEnd: string, acwEnd: string) => [
    ev(d, '09:00', 'agent.login'),
    ev(d, '09:00', 'agent.ready'),
    call(d, '09:59:50', 'call.enqueued', id),
    ev(d, '10:00:00', 'agent.ringing', { queue: 'general' }),
    call(d, '10:00:10', 'call.connected', id, 'A001'),
    ev(d, '10:00:10', 'agent.talking', { queue: 'general' }),
    call(d, talkEnd, 'call.ended', id),
    ev(d, talkEnd, 'agent.acw', { queue: 'general' }),
    ev(d, acwEnd, 'agent.ready'),
    ev(d, '12:00', 'agent.logout'),
  ];
  await storeEvents(store, callEvents('2026-11-02', 'c1', '10:03:10', '10:04:00'));
  // QA: one evaluation of a1's call of 11-02 (fixture: open 40 % greet/verify, biz 60 % accuracy 70 / privacy 30):
  // greet 2/2, verify 1/1 → 100; accuracy 2/4 → 50, privacy 1/1 → 100, biz 65 → 0.4·100 + 0.6·65 = 79
  const deps = (ms: number) => ({ store, now: () => ms });
  const tpl = await saveTemplate(deps(0), qaActor(org.centerId, org.users.qa!), { template: fixtureTemplate('zero') });
  await upsertCalls(db, org.centerId, [{ id: 'q1', agentId: org.agents.a1, queue: 'general', startedAt: at('2026-11-02', '10:00'), durationS: 180 }], 0);
  const evaluation = await evaluate(deps(at('2026-11-20', '09:00')), qaActor(org.centerId, org.users.qa!), {
    callId: 'q1',
    templateId: tpl.id,
    answers: answers(2, 1, 2, 1),
    timeSpentS: 60,
  });
  // a complaint about a1, not judged yet: not counted (complaints 0)
  const complaint = await db
    .insertInto('wo_orders')
    .values({
      center_id: org.centerId,
      type: 'complaint',
      state: 'in_progress',
      priority: 'normal',
      category: 'service',
      title: 't',
      description: 'd',
      raised_by: org.users.duty_manager!,
      assignee: null,
      customer_id: null,
      customer_phone: null,
      call_id: null,
      parent_id: null,
      address: null,
      appointment_from: null,
      appointment_to: null,
      repeat_complainer: 0,
      qa_review: 0,
      qa_review_by: null,
      qa_review_at: null,
      created_at: at('2026-11-19', '10:00'),
      updated_at: at('2026-11-19', '10:00'),
      closed_at: null,
      sla_warn_at: at('2026-11-25', '10:00'),
      sla_due_at: at('2026-11-26', '10:00'),
      sla_alerted: '',
      agent_id: org.agents.a1,
      verdict: null,
      verdict_by: null,
      verdict_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // published on 11-20 (early, with a note: figures are missing)
  const mgr = await as('center_manager');
  const pub = await mgr.req('POST', '/api/performance/months/2026-11/publish', { note: '满意率、出勤数据未到' });
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  const line = (card: any, k: string) => card.lines.find((l: any) => l.key === k);
  const before = (await mgr.req('GET', '/api/performance/scorecards?month=2026-11')).body;
  const a1Before = before.cards.find((c: any) => c.employeeNo === 'A001');
  assert.deepEqual([line(a1Before, 'aht').actual, line(a1Before, 'qaScore').actual, line(a1Before, 'complaints').actual], [230, 79, 0]);
  assert.deepEqual(a1Before.changedAfterPublication, []); // nothing changed yet
  assert.equal(line(a1Before, 'aht').changedAfterPublication, undefined);

  // after publication: a late telephony event batch of 11-03 (call c4: ring 10 s, talk 100 s, acw 20 s)
  clock = at('2026-11-20', '11:00');
  await storeEvents(store, callEvents('2026-11-03', 'c4', '10:01:50', '10:02:10'));
  // the evaluation re-scored: accuracy disputed, upheld at 4/4 → biz 100 → score 100
  const d = await openDispute(
    deps(at('2026-11-20', '11:10')),
    { ...qaActor(org.centerId, org.users.a1!, ['agent']), agentId: org.agents.a1 },
    { evaluationId: evaluation.id, itemId: 'accuracy', reason: '已按知识库完整解答' },
  );
  await decideDispute(deps(at('2026-11-20', '11:30')), qaActor(org.centerId, org.users.center_manager!, ['center_manager']), {
    disputeId: d.id,
    decision: 'upheld',
    note: '复听确认',
    newValue: 4,
  });
  // the complaint upheld later the same day (a complaint counts on its verdict day, so this one in November)
  const duty = await coreActor(db, org.users.duty_manager!, ['duty_manager']);
  await setComplaintVerdict(db, org.centerId, complaint.id, { verdict: 'upheld', note: '核实属实' }, duty.actor, at('2026-11-20', '12:00'));
  clock = at('2026-11-20', '14:00');

  // aht now (180 + 50 + 100 + 20) / 2 = 175; qaScore 100; complaints 1
  const expected = { qaScore: { published: 79, current: 100 }, aht: { published: 230, current: 175 }, complaints: { published: 0, current: 1 } };
  const check = (card: any, what: string) => {
    assert.deepEqual(card.changedAfterPublication, ['qaScore', 'aht', 'complaints'], what);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(line(card, k).changedAfterPublication, v, `${what} ${k}`);
    for (const k of ['csat', 'attendance', 'adherence', 'skillLevel']) assert.equal(line(card, k).changedAfterPublication, undefined, `${what} ${k}`);
  };
  // live scorecards: current actual figures, each changed one marked
  const liveRes = await mgr.req('GET', '/api/performance/scorecards?month=2026-11');
  assert.equal(liveRes.status, 200, JSON.stringify(liveRes.body));
  const live = liveRes.body;
  const a1Live = live.cards.find((c: any) => c.employeeNo === 'A001');
  check(a1Live, 'live');
  assert.equal(line(a1Live, 'aht').actual, 175);
  assert.deepEqual(live.cards.find((c: any) => c.employeeNo === 'A002').changedAfterPublication, []);
  // the published ranking keeps what was published and shows what changed
  const published = (await mgr.req('GET', '/api/performance/published?month=2026-11')).body;
  const a1Pub = published.cards.find((c: any) => c.employeeNo === 'A001');
  check(a1Pub, 'published');
  assert.equal(line(a1Pub, 'aht').actual, 230);
  // the agent's own card says the same
  const mine = (await (await as('a1')).req('GET', '/api/performance/my-scorecard?month=2026-11')).body;
  check(mine.card, 'my-scorecard');
});
