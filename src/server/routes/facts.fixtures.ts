/**
 * The small world of the facts tests (API and browser): day D of team A's a1 and a2 — events, a
 * published schedule, QA evaluations, complaint work orders and survey answers — and the hand sums
 * the tests expect (A1, A2). Not a test file: imported by src/server/routes/facts.test.ts and e2e/facts.test.ts.
 */
import assert from 'node:assert/strict';
import type { Store } from '../../store/db';
import { storeEvents } from '../../store/live/ingest';
import { publishedTestRun, testShiftRow } from '../../store/testing';
import { upsertCalls } from '../../store/quality/calls';
import { evaluate, qaActor, saveTemplate } from '../../services/quality/index';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import type { CallFloorEvent } from '../../core/events';
import type { TestOrg } from '../testing';

export const H = 3600_000;
// Asia/Shanghai (UTC+8, no DST)
export const at = (d: string, hms: string) => Date.parse(`${d}T${hms.length === 5 ? `${hms}:00` : hms}Z`) - 8 * H;
export const D = '2026-11-02';

/** Event builders at local (Shanghai) times, ids e1, e2, … in call order: agent events of A001 and queue-side call events on 'general'. */
export function eventMakers() {
  let n = 0;
  const ev = (d: string, hms: string, type: CallFloorEvent['type'], extra: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
    id: `e${++n}`,
    ts: at(d, hms),
    type,
    agent: 'A001',
    ...extra,
  });
  const call = (d: string, hms: string, type: CallFloorEvent['type'], callId: string, agent?: string): CallFloorEvent => ({
    id: `e${++n}`,
    ts: at(d, hms),
    type,
    queue: 'general',
    callId,
    ...(agent ? { agent } : {}),
  });
  return { ev, call };
}
export const D2 = '2026-11-03';

/**
 * A1's one-call session of a day (the stored-days and routine tests): logged in and ready 09:00–10:00, a
 * call `id` enqueued 09:29:50, ringing 09:30:00, talking 09:30:10–`talkEnd`, after-call work to `acwEnd`.
 */
export function oneCallSession(m: ReturnType<typeof eventMakers>) {
  const { ev, call } = m;
  return (d: string, id: string, talkEnd: string, acwEnd: string) => [
    ev(d, '09:00', 'agent.login'),
    ev(d, '09:00', 'agent.ready'),
    call(d, '09:29:50', 'call.enqueued', id),
    ev(d, '09:30:00', 'agent.ringing', { queue: 'general' }),
    call(d, '09:30:10', 'call.connected', id, 'A001'),
    ev(d, '09:30:10', 'agent.talking', { queue: 'general' }),
    call(d, talkEnd, 'call.ended', id),
    ev(d, talkEnd, 'agent.acw', { queue: 'general' }),
    ev(d, acwEnd, 'agent.ready'),
    ev(d, '10:00', 'agent.logout'),
  ];
}

/** A published phone shift of an agent on a day (one activity), as a wfm_shifts row. */
export const phoneShift = (runId: number, agentId: number, d: string, s: string, e: string) => testShiftRow(runId, agentId, [['phone', at(d, s), at(d, e)]]);
export const close = (a: number | null | undefined, b: number, what: string) =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

/** Day D for a1 (A001) and a2 (A002); see the hand sums in the test. */
export async function seedDay(store: Store, org: TestOrg) {
  const db = store.db;
  // published schedule: a1 09:00–13:00 (phone, break 11:00–11:15, phone) = 14,400 s scheduled
  const runId = await publishedTestRun(db, org.centerId, D);
  const acts: [string, string, string][] = [
    ['phone', '09:00', '11:00'],
    ['break', '11:00', '11:15'],
    ['phone', '11:15', '13:00'],
  ];
  await db
    .insertInto('wfm_shifts')
    .values(
      testShiftRow(
        runId,
        org.agents.a1,
        acts.map(([kind, s, e]) => [kind, at(D, s), at(D, e)] as const),
      ),
    )
    .execute();
  const { ev, call } = eventMakers();
  await storeEvents(store, [
    ev(D, '09:05', 'agent.login'), // 5 min late
    ev(D, '09:05', 'agent.ready'),
    // call c1: ring 10 s, talk 180 s, acw 50 s
    call(D, '09:59:50', 'call.enqueued', 'c1'),
    ev(D, '10:00:00', 'agent.ringing', { queue: 'general' }),
    call(D, '10:00:10', 'call.connected', 'c1', 'A001'),
    ev(D, '10:00:10', 'agent.talking', { queue: 'general' }),
    call(D, '10:03:10', 'call.ended', 'c1'),
    ev(D, '10:03:10', 'agent.acw', { queue: 'general' }),
    ev(D, '10:04:00', 'agent.ready'),
    // call c2: ring 5 s, talk 120 + 120 s, hold 60 s, acw 30 s, transferred
    call(D, '10:30:00', 'call.enqueued', 'c2'),
    ev(D, '10:30:00', 'agent.ringing', { queue: 'general' }),
    call(D, '10:30:05', 'call.connected', 'c2', 'A001'),
    ev(D, '10:30:05', 'agent.talking', { queue: 'general' }),
    ev(D, '10:32:05', 'agent.hold', { queue: 'general' }),
    ev(D, '10:33:05', 'agent.talking', { queue: 'general' }),
    call(D, '10:35:05', 'call.transferred', 'c2'),
    ev(D, '10:35:05', 'agent.acw', { queue: 'general' }),
    ev(D, '10:35:35', 'agent.ready'),
    ev(D, '10:50', 'agent.notReady', { reason: 'break' }), // 10:50–11:00 break during phone: 600 s out
    ev(D, '11:20', 'agent.ready'), // 11:15–11:20 still on break: 300 s out
    ev(D, '12:40', 'agent.logout'), // 12:40–13:00: 1,200 s out; early leave by 20 min
    // a2: call c3: ring 20 s, talk 600 s, acw 40 s; logged in 09:00–12:00
    ev(D, '09:00', 'agent.login', { agent: 'A002' }),
    call(D, '11:00:00', 'call.enqueued', 'c3'),
    ev(D, '11:00:00', 'agent.ringing', { agent: 'A002', queue: 'general' }),
    call(D, '11:00:20', 'call.connected', 'c3', 'A002'),
    ev(D, '11:00:20', 'agent.talking', { agent: 'A002', queue: 'general' }),
    call(D, '11:10:20', 'call.ended', 'c3'),
    ev(D, '11:10:20', 'agent.acw', { agent: 'A002', queue: 'general' }),
    ev(D, '11:11:00', 'agent.ready', { agent: 'A002' }),
    ev(D, '12:00', 'agent.logout', { agent: 'A002' }),
  ]);

  // QA: two evaluations of a1's calls of day D (fixture template: open 40 % = greet 50 / verify 50; biz 60 % = accuracy 70 / privacy 30, fatal)
  const qa = qaActor(org.centerId, org.users.qa!);
  const deps = (ms: number) => ({ store, now: () => ms });
  const tpl = await saveTemplate(deps(0), qa, { template: fixtureTemplate('zero') });
  await upsertCalls(
    db,
    org.centerId,
    [
      { id: 'q1', agentId: org.agents.a1, queue: 'general', startedAt: at(D, '10:00'), durationS: 180 },
      { id: 'q2', agentId: org.agents.a1, queue: 'general', startedAt: at(D, '10:30'), durationS: 300 },
    ],
    0,
  );
  // q1: greet 2/2, verify 1/1 → open 100; accuracy 2/4 = 50, privacy 1/1 = 100 → biz 65; 0.4·100 + 0.6·65 = 79; non-fatal scored 3, failed 1 (accuracy)
  await evaluate(deps(at(D, '15:00')), qa, { callId: 'q1', templateId: tpl.id, answers: answers(2, 1, 2, 1), timeSpentS: 60 });
  // q2: privacy failed (fatal) → score 0; non-fatal scored 2 (verify N/A), failed 1 (greet 1 < 2)
  await evaluate(deps(at(D, '15:10')), qa, { callId: 'q2', templateId: tpl.id, answers: answers(1, null, 4, 0), timeSpentS: 60 });

  // complaints about a1: one upheld on D, one rejected on D, one upheld on D2 (next day); one upheld about a2 on D
  const wo = (agentId: number, verdict: string, verdictAt: number) => ({
    center_id: org.centerId,
    type: 'complaint',
    state: 'closed',
    priority: 'normal',
    category: 'service',
    title: 't',
    description: 'd',
    raised_by: org.users.agent!,
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
    created_at: verdictAt - H,
    updated_at: verdictAt,
    closed_at: verdictAt,
    sla_warn_at: verdictAt,
    sla_due_at: verdictAt,
    sla_alerted: '',
    agent_id: agentId,
    verdict,
    verdict_by: org.users.duty_manager!,
    verdict_at: verdictAt,
  });
  await db
    .insertInto('wo_orders')
    .values([
      wo(org.agents.a1, 'upheld', at(D, '16:00')),
      wo(org.agents.a1, 'rejected', at(D, '16:30')),
      wo(org.agents.a1, 'upheld', at(D2, '16:00')),
      wo(org.agents.a2, 'upheld', at(D, '17:00')),
    ])
    .execute();

  // survey answers for a1 on D: scale 5: 5 ✓ 4 ✓ 3 ✗; scale 10: 8 ✓ 7 ✗; scale 2: 2 ✓ 1 ✗ → 4 / 7
  const answersIn: [number, number][] = [
    [5, 5],
    [4, 5],
    [3, 5],
    [8, 10],
    [7, 10],
    [2, 2],
    [1, 2],
  ];
  await db
    .insertInto('survey_answers')
    .values(
      answersIn.map(([score, scale], i) => ({
        center_id: org.centerId,
        event_id: `s${i}`,
        ts: at(D, '12:00') + i * 1000,
        call_id: null,
        agent_id: org.agents.a1,
        queue: 'general',
        score,
        scale_max: scale,
        created_at: 0,
      })),
    )
    .execute();
}

// hand sums, a1 on D
export const A1 = {
  handled: 2,
  talk: 180 + 240,
  hold: 60,
  acw: 50 + 30,
  ring: 10 + 5,
  staffed: 12_900, // 09:05–12:40
  notReady: 1800, // 10:50–11:20
  aht: (420 + 60 + 80) / 2, // 280
  adherence: (14_400 - 300 - 600 - 300 - 1200) / 14_400,
  qaScore: (79 + 0) / 2,
  fatalRate: 1 / 2,
  nonFatalRate: 2 / 5,
  csat: 4 / 7,
};
export const A2 = { handled: 1, talk: 600, hold: 0, acw: 40, ring: 20, staffed: 10_800, notReady: 0 };
