import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../../core/events';
import { forEachDatabase } from '../../store/testing';
import { createUser } from '../../store/org';
import { handleAlert, raiseAlert } from '../../store/live/repo';
import { acceptEvents } from '../eventFeed';
import { startLiveFloor } from '../liveFloor';
import { testAppWithClock, testPasswordHash } from '../testing';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02 (d = 0) and the days after
const T = (h: number, m: number, s = 0, d = 0) => Date.UTC(2026, 10, 2 + d, h - 8, m, s);
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `dt${++n}`, ts, type, ...f });
/** A call that waits `waitS` and is answered by A001, or abandoned (`answered` false). */
const call = (id: string, at: number, waitS: number, answered = true): CallFloorEvent[] =>
  answered
    ? [
        ev(at, 'call.enqueued', { callId: id, queue: 'general' }),
        ev(at + waitS * 1000, 'call.connected', { callId: id, queue: 'general', agent: 'A001' }),
        ev(at + waitS * 1000 + 60_000, 'call.ended', { callId: id, queue: 'general', agent: 'A001' }),
      ]
    : [ev(at, 'call.enqueued', { callId: id, queue: 'general' }), ev(at + waitS * 1000, 'call.abandoned', { callId: id, queue: 'general' })];

forEachDatabase('duty roster, handover written and acknowledged by the next duty, figures per duty from the KPI report, scorecard', async (_t, store) => {
  const { app, ctx, org, as, setClock } = await testAppWithClock(store, T(7, 0));
  const db = store.db;
  const duty2 = await createUser(
    db,
    { username: 'duty2', displayName: '值班二', passwordHash: await testPasswordHash(), roles: ['duty_manager'], centerId: org.centerId },
    T(7, 0),
  );
  const duty1 = org.users.duty_manager!;

  // ---- the roster: the center manager edits it; a duty manager reads it, an agent does not ----
  const cm = await as('center_manager');
  const day = await cm.req('POST', '/api/duty/shifts', { date: '2026-11-02', start: '08:00', end: '20:00', managerUserId: duty1 });
  assert.equal(day.status, 200, JSON.stringify(day.body));
  // 08:00 local = 00:00 UTC; 20:00 = 12:00 UTC
  assert.deepEqual([day.body.startsAt, day.body.endsAt, day.body.managerName], [Date.UTC(2026, 10, 2, 0), Date.UTC(2026, 10, 2, 12), 'duty_manager 用户']);
  const night = await cm.req('POST', '/api/duty/shifts', { date: '2026-11-02', start: '20:00', end: '08:00', managerUserId: duty2 });
  assert.equal(night.status, 200);
  assert.deepEqual([night.body.startsAt, night.body.endsAt], [T(20, 0), T(8, 0, 0, 1)]);
  const overlap = await cm.req('POST', '/api/duty/shifts', { date: '2026-11-02', start: '19:00', end: '21:00', managerUserId: duty2 });
  assert.deepEqual([overlap.status, overlap.body.reason], [409, 'duty.overlap']);
  const notDuty = await cm.req('POST', '/api/duty/shifts', { date: '2026-11-03', start: '08:00', end: '20:00', managerUserId: org.users.team_lead });
  assert.deepEqual([notDuty.status, notDuty.body.reason, notDuty.body.field], [400, 'duty.notDutyManager', 'managerUserId']);
  const badTime = await cm.req('POST', '/api/duty/shifts', { date: '2026-11-03', start: '8:00', end: '20:00', managerUserId: duty1 });
  assert.deepEqual([badTime.status, badTime.body.field], [400, 'body.start']);
  const dm = await as('duty_manager');
  assert.equal((await dm.req('POST', '/api/duty/shifts', { date: '2026-11-03', start: '08:00', end: '20:00', managerUserId: duty1 })).status, 403);
  assert.equal((await dm.req('DELETE', `/api/duty/shifts/${day.body.id}`)).status, 403);
  assert.equal((await (await as('a1')).req('GET', '/api/duty/shifts?from=2026-11-02&to=2026-11-02')).status, 403);
  const roster = await dm.req('GET', '/api/duty/shifts?from=2026-11-02&to=2026-11-02');
  assert.deepEqual(
    roster.body.shifts.map((s: any) => s.managerName),
    ['duty_manager 用户', '值班二'],
  );
  assert.deepEqual(roster.body.managers.map((m: any) => m.id).sort(), [duty1, duty2].sort());

  // ---- the day's calls and alerts ----
  // 08:50 answered after 5 s; 09:00 after 10 s; 09:01 after 30 s (over the 20 s threshold); 09:02 abandoned after 40 s;
  // 21:00 (the night duty) answered after 5 s
  await acceptEvents(ctx, [...call('c0', T(8, 50), 5), ...call('c1', T(9, 0), 10), ...call('c2', T(9, 1), 30), ...call('c3', T(9, 2), 40, false)]);
  const raised = await raiseAlert(db, {
    centerId: org.centerId,
    dedupeKey: 'understaffed|queue|general',
    kind: 'understaffed',
    scope: 'queue',
    subject: 'general',
    teamId: null,
    agentId: null,
    figures: { answerRate: 0.5 },
    action: 'add people',
    at: T(9, 5),
  });
  // acknowledged 2 minutes after it was raised; left open for the next duty
  await handleAlert(db, { id: raised.id, centerId: org.centerId, action: 'acknowledge', userId: duty1, note: '已加人', now: T(9, 7) });
  await db
    .insertInto('wo_orders')
    .values({
      center_id: org.centerId,
      type: 'escalation',
      state: 'expert',
      priority: 'normal',
      category: 'billing',
      title: '账单疑问',
      description: '',
      raised_by: org.users.a1!,
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
      created_at: T(8, 0),
      updated_at: T(8, 0),
      closed_at: null,
      sla_warn_at: T(9, 0),
      sla_due_at: T(10, 0),
      sla_alerted: '',
      agent_id: null,
      verdict: null,
      verdict_by: null,
      verdict_at: null,
    })
    .execute();

  // ---- the duty now, as the floor shows it ----
  setClock(T(19, 50));
  const cur = await (await as('team_lead')).req('GET', '/api/duty/current');
  assert.deepEqual([cur.status, cur.body.shift.managerName], [200, 'duty_manager 用户']);

  // ---- the handover: the store fills alerts, call-ins and work orders; the duty manager adds notes ----
  const d1 = await as('duty_manager');
  const draft = await d1.req('GET', `/api/duty/shifts/${day.body.id}/handover-draft`);
  assert.equal(draft.status, 200);
  assert.deepEqual(
    draft.body.alerts.map((a: any) => [a.id, a.status]),
    [[raised.id, 'acknowledged']],
  );
  // overdue since 10:00
  assert.deepEqual(
    draft.body.workOrders.map((o: any) => [o.title, o.overdue]),
    [['账单疑问', true]],
  );
  assert.deepEqual(draft.body.callins, []);
  const d2 = await as('duty2');
  const notMine = await d2.req('POST', `/api/duty/shifts/${day.body.id}/handover`, { notes: 'x' });
  assert.deepEqual([notMine.status, notMine.body.reason], [403, 'duty.notYourDuty']);
  assert.equal((await (await as('a1')).req('POST', `/api/duty/shifts/${day.body.id}/handover`, { notes: 'x' })).status, 403);
  assert.equal((await (await as('a1')).req('GET', '/api/duty/handovers')).status, 403);
  const written = await d1.req('POST', `/api/duty/shifts/${day.body.id}/handover`, { notes: '<b>19点后话务回落</b>' });
  assert.equal(written.status, 200, JSON.stringify(written.body));
  assert.deepEqual([written.body.notes, written.body.items.workOrders.length, written.body.ackAt], ['<b>19点后话务回落</b>', 1, null]);
  assert.equal((await d1.req('POST', `/api/duty/shifts/${day.body.id}/handover`, { notes: 'again' })).body.reason, 'duty.handoverWritten');
  assert.equal((await (await as('center_manager')).req('DELETE', `/api/duty/shifts/${day.body.id}`)).body.reason, 'duty.handoverWritten');
  // the next duty manager is told; the handover shows as unacknowledged
  const bell = await d2.req('GET', '/api/notifications');
  assert.deepEqual(
    bell.body.items.map((x: any) => x.kind),
    ['duty.handover'],
  );
  assert.equal((await d1.req('GET', '/api/duty/handovers?unacknowledged=1')).body.length, 1);
  const own = await d1.req('POST', `/api/duty/handovers/${written.body.id}/acknowledge`);
  assert.deepEqual([own.status, own.body.reason], [403, 'duty.ownHandover']);
  setClock(T(20, 5));
  const ack = await (await as('duty2')).req('POST', `/api/duty/handovers/${written.body.id}/acknowledge`);
  assert.equal(ack.status, 200);
  assert.deepEqual([ack.body.ackBy, ack.body.ackName, ack.body.ackAt], [duty2, '值班二', T(20, 5)]);
  assert.deepEqual((await (await as('duty_manager')).req('GET', '/api/duty/handovers?unacknowledged=1')).body, []);
  assert.equal((await (await as('duty2')).req('POST', `/api/duty/handovers/${written.body.id}/acknowledge`)).body.reason, 'duty.handoverAcknowledged');

  // ---- figures per duty (the KPI report for the duty's hours) and the month's scorecard ----
  await acceptEvents(ctx, call('c4', T(21, 0), 5));
  setClock(T(9, 0, 0, 1));
  const fig = await (await as('duty_manager')).req('GET', `/api/duty/shifts/${day.body.id}/figures`);
  assert.equal(fig.status, 200);
  // day duty: 4 offered (c0–c3), 3 answered → 0.75; within 20 s: c0, c1 → 2 / 4 = 0.5
  // one alert raised, acknowledged after 120 s, not closed
  assert.deepEqual(
    [fig.body.offered, fig.body.answered, fig.body.answerRate, fig.body.serviceLevel, fig.body.alerts],
    [4, 3, 0.75, 0.5, { raised: 1, acknowledged: 1, closed: 0, meanActS: 120 }],
  );
  assert.equal((await (await as('duty_manager')).req('GET', `/api/duty/shifts/${night.body.id}/figures`)).body.reason, 'duty.notYourDuty');
  const card = await (await as('center_manager')).req('GET', '/api/duty/scorecard?month=2026-11');
  assert.equal(card.status, 200);
  const rows = Object.fromEntries(card.body.managers.map((m: any) => [m.userId, [m.duties, m.hours, m.offered, m.answered, m.answerRate, m.serviceLevel]]));
  assert.deepEqual(rows, { [duty1]: [1, 12, 4, 3, 0.75, 0.5], [duty2]: [1, 12, 1, 1, 1, 1] });
  // a duty manager sees their own row only
  const mine = await (await as('duty2')).req('GET', '/api/duty/scorecard?month=2026-11');
  assert.deepEqual(
    mine.body.managers.map((m: any) => m.userId),
    [duty2],
  );
  await app.close();
});

forEachDatabase(
  'graded emergency plan: levels by the center manager, raise asks the first of the call-in order, log to stand-down, effect, proposal from the floor',
  async (_t, store) => {
    const { app, ctx, org, as, setClock } = await testAppWithClock(store, T(8, 0));
    const svc = await startLiveFloor(ctx, { timers: false });
    const cm = await as('center_manager');
    // the plan's people: the trainer and the team lead have users (they are told), a back-office person has none
    const staff = async (name: string, position: string, extCode: string, userId: number | null) =>
      (await cm.req('POST', '/api/emergency/staff', { name, position, extCode, userId })).body.id as number;
    const trainer = await staff('培训师王', 'trainer', '9001', org.users.trainer!);
    const lead = await staff('班长李', 'team_lead', '9002', org.users.team_lead!);
    const back = await staff('后台赵', 'back_office', '9003', null);
    const levels = [
      { level: 1, name: '一级', minWaiting: 3, slBelow: null, slMinutes: null, actions: '班长上线', callinOrder: [lead, back, trainer] },
      { level: 2, name: '二级', minWaiting: 6, slBelow: null, slMinutes: null, actions: '培训师、后台上线', callinOrder: [trainer] },
    ];
    const dm = await as('duty_manager');
    assert.equal((await dm.req('PUT', '/api/emergency/levels', { levels })).status, 403);
    assert.equal((await (await as('a1')).req('GET', '/api/emergency/levels')).status, 403);
    const twice = await cm.req('PUT', '/api/emergency/levels', { levels: [levels[0], { ...levels[1], level: 1 }] });
    assert.deepEqual([twice.status, twice.body.reason, twice.body.field], [400, 'emergency.levelTwice', 'levels.1.level']);
    const stranger = await cm.req('PUT', '/api/emergency/levels', { levels: [{ ...levels[0], callinOrder: [999] }] });
    assert.deepEqual([stranger.status, stranger.body.reason], [400, 'emergency.unknownStaff']);
    const saved = await cm.req('PUT', '/api/emergency/levels', { levels: [levels[1], levels[0]] });
    assert.equal(saved.status, 200);
    assert.deepEqual(
      (await dm.req('GET', '/api/emergency/levels')).body.map((l: any) => [l.level, l.callinOrder]),
      [
        [1, [lead, back, trainer]],
        [2, [trainer]],
      ],
    );

    // c0 08:50 before the raise, answered after 5 s; during: c1 answered after 10 s, c2 after 30 s, c3 abandoned
    await acceptEvents(ctx, [...call('c0', T(8, 50), 5), ...call('c1', T(9, 0), 10), ...call('c2', T(9, 1), 30), ...call('c3', T(9, 2), 40, false)]);

    // ---- a level raised by hand: the call-in order is told in order ----
    setClock(T(9, 0));
    assert.equal((await (await as('team_lead')).req('POST', '/api/emergency/activations', { level: 1 })).status, 403);
    const unknown = await (await as('duty_manager')).req('POST', '/api/emergency/activations', { level: 5 });
    assert.deepEqual([unknown.status, unknown.body.reason], [400, 'emergency.unknownLevel']);
    const up = await (await as('duty_manager')).req('POST', '/api/emergency/activations', { level: 1, note: '排队上升' });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.deepEqual([up.body.status, up.body.source, up.body.levelName, up.body.raisedAt], ['active', 'manual', '一级', T(9, 0)]);
    const again = await (await as('duty_manager')).req('POST', '/api/emergency/activations', { level: 1 });
    assert.deepEqual([again.status, again.body.reason], [409, 'emergency.alreadyRaised']);
    const leadBell = (await (await as('team_lead')).req('GET', '/api/notifications')).body.items;
    assert.deepEqual(
      leadBell.map((x: any) => [x.kind, x.data.order, x.data.level]),
      [['live.callinRequest', 1, 1]],
    );
    // one person is asked at a time (the call-in moving down its list is callinLadder.test.ts): the trainer, third, not yet
    assert.deepEqual((await (await as('trainer')).req('GET', '/api/notifications')).body.items, []);
    // the team lead is called onto the phones: told, and written into the raised level's log
    setClock(T(9, 3));
    const callin = await (await as('duty_manager')).req('POST', '/api/emergency/callins', { staffId: lead });
    assert.equal(callin.status, 200);
    assert.equal((await (await as('team_lead')).req('GET', '/api/notifications')).body.items[0].kind, 'live.callin');
    setClock(T(9, 15));
    const down = await (await as('duty_manager')).req('POST', `/api/emergency/activations/${up.body.id}/stand-down`, { note: '恢复' });
    assert.deepEqual([down.status, down.body.status, down.body.endedAt], [200, 'ended', T(9, 15)]);
    assert.equal(
      (await (await as('duty_manager')).req('POST', `/api/emergency/activations/${up.body.id}/stand-down`, {})).body.reason,
      'emergency.activationState',
    );

    setClock(T(9, 30));
    const detail = await (await as('center_manager')).req('GET', `/api/emergency/activations/${up.body.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.body.log.map((l: any) => [l.action, l.userName]),
      [
        ['raised', 'duty_manager 用户'],
        ['callinAsked', null],
        ['callin', 'duty_manager 用户'],
        ['stoodDown', 'duty_manager 用户'],
      ],
    );
    assert.deepEqual([detail.body.log[1].detail.name, detail.body.log[1].detail.order], ['班长李', 1]);
    // stood down while the team lead had not answered: nobody is waited for any more
    assert.deepEqual(
      detail.body.asks.map((a: any) => [a.name, a.order, a.answer]),
      [['班长李', 1, 'stopped']],
    );
    // 15 minutes raised: before = 08:45–09:00 (c0: 1 of 1, within 20 s), during = 09:00–09:15 (c1–c3: 2 of 3, 1 within), after = 09:15–09:30 (none)
    const e = detail.body.effect;
    assert.deepEqual([e.before.from, e.before.offered, e.before.answerRate, e.before.serviceLevel], [T(8, 45), 1, 1, 1]);
    assert.deepEqual([e.during.offered, e.during.answered, e.during.answerRate, e.during.serviceLevel], [3, 2, 2 / 3, 1 / 3]);
    assert.deepEqual([e.after.from, e.after.to, e.after.offered, e.after.answerRate], [T(9, 15), T(9, 30), 0, null]);

    // ---- a level proposed by the floor's diagnosis, confirmed by the duty manager ----
    await cm.req('POST', '/api/duty/shifts', { date: '2026-11-02', start: '08:00', end: '20:00', managerUserId: org.users.duty_manager });
    const waiting = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((id, i) => ev(T(10, 0, i), 'call.enqueued', { callId: id, queue: 'general' }));
    await acceptEvents(ctx, waiting.slice(0, 3));
    setClock(T(10, 1));
    await svc.diagnose(T(10, 1));
    let list = (await (await as('duty_manager')).req('GET', '/api/emergency/activations')).body;
    assert.deepEqual([list[0].status, list[0].source, list[0].level, list[0].figures.waiting], ['proposed', 'auto', 1, 3]);
    // still 3 waiting: no second proposal; 6 waiting: level 2 proposed
    await svc.diagnose(T(10, 2));
    assert.equal((await (await as('duty_manager')).req('GET', '/api/emergency/activations')).body.length, 2);
    await acceptEvents(ctx, waiting.slice(3));
    setClock(T(10, 3));
    await svc.diagnose(T(10, 3));
    list = (await (await as('duty_manager')).req('GET', '/api/emergency/activations')).body;
    assert.deepEqual(
      list.map((a: any) => [a.level, a.status]),
      [
        [2, 'proposed'],
        [1, 'proposed'],
        [1, 'ended'],
      ],
    );
    const dutyBell = (await (await as('duty_manager')).req('GET', '/api/notifications')).body.items.map((x: any) => [x.kind, x.data.level]);
    assert.deepEqual(dutyBell, [
      ['live.emergencyProposed', 2],
      ['live.emergencyProposed', 1],
    ]);
    const confirmed = await (await as('duty_manager')).req('POST', `/api/emergency/activations/${list[0].id}/confirm`, {});
    assert.deepEqual([confirmed.body.status, confirmed.body.raisedAt], ['active', T(10, 3)]);
    assert.equal((await (await as('trainer')).req('GET', '/api/notifications')).body.items[0].data.level, 2);
    const dismissed = await (await as('duty_manager')).req('POST', `/api/emergency/activations/${list[1].id}/dismiss`, { note: '已升二级' });
    assert.equal(dismissed.body.status, 'dismissed');
    // still 6 waiting: level 2 is raised, nothing new; stood down, it is not proposed again for 30 minutes
    await svc.diagnose(T(10, 4));
    setClock(T(10, 5));
    await (await as('duty_manager')).req('POST', `/api/emergency/activations/${list[0].id}/stand-down`, {});
    await svc.diagnose(T(10, 6));
    await svc.diagnose(T(10, 34));
    assert.equal((await (await as('duty_manager')).req('GET', '/api/emergency/activations')).body.length, 3);
    setClock(T(10, 36));
    await svc.diagnose(T(10, 36));
    const reproposed = (await (await as('duty_manager')).req('GET', '/api/emergency/activations')).body;
    assert.deepEqual([reproposed.length, reproposed[0].level, reproposed[0].status], [4, 2, 'proposed']);
    await app.close();
  },
);
