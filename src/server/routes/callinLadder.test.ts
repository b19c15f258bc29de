import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { moveCallins } from '../../services/duty/callinLadder';
import { depsOf } from '../route';
import { testAppWithClock } from '../testing';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02
const T = (h: number, m: number) => Date.UTC(2026, 10, 2, h - 8, m);

forEachDatabase(
  'the call-in moves down its list: a time-out or a decline asks the next, an unreachable person is skipped; only the one asked answers',
  async (_t, store) => {
    const { app, ctx, org, as, setClock } = await testAppWithClock(store, T(8, 0));
    const cm = await as('center_manager');
    const staff = async (name: string, position: string, extCode: string, userId: number | null) =>
      (await cm.req('POST', '/api/emergency/staff', { name, position, extCode, userId })).body.id as number;
    const lead = await staff('班长李', 'team_lead', '9002', org.users.team_lead!);
    const back = await staff('后台赵', 'back_office', '9003', null);
    const trainer = await staff('培训师王', 'trainer', '9001', org.users.trainer!);
    const agent = await staff('坐席甲', 'team_lead', '9004', org.users.a1!);
    const saved = await cm.req('PUT', '/api/emergency/levels', {
      levels: [{ level: 1, name: '一级', minWaiting: 3, slBelow: null, slMinutes: null, actions: '上线接听', callinOrder: [lead, back, trainer, agent] }],
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    // the center's answer time: 5 minutes (default 10)
    assert.equal((await cm.req('PUT', '/api/settings/emergency.callinAnswerMin', { value: 5 })).status, 200);
    const tick = () => moveCallins(depsOf(ctx));

    // 09:00 raised: only the first of the order is asked, due 09:05
    setClock(T(9, 0));
    const up = await (await as('duty_manager')).req('POST', '/api/emergency/activations', { level: 1 });
    assert.equal(up.status, 200);
    const leadAsks = (await (await as('team_lead')).req('GET', '/api/emergency/asks')).body;
    assert.deepEqual(
      leadAsks.map((a: any) => [a.levelName, a.order, a.answer, a.dueAt]),
      [['一级', 1, 'pending', T(9, 5)]],
    );
    const bell = (await (await as('team_lead')).req('GET', '/api/notifications')).body.items;
    assert.deepEqual([bell[0].kind, bell[0].data.askId, bell[0].link], ['live.callinRequest', leadAsks[0].id, '#/me/callin']);
    assert.deepEqual((await (await as('trainer')).req('GET', '/api/emergency/asks')).body, []);
    // another person cannot answer the team lead's ask (404), nor see it
    const foreign = await (await as('a1')).req('POST', `/api/emergency/asks/${leadAsks[0].id}/answer`, { answer: 'accept' });
    assert.deepEqual([foreign.status, foreign.body.reason], [404, 'common.notFound']);
    const bad = await (await as('team_lead')).req('POST', `/api/emergency/asks/${leadAsks[0].id}/answer`, { answer: 'maybe' });
    assert.deepEqual([bad.status, bad.body.field], [400, 'body.answer']);

    // 09:04: still within the team lead's 5 minutes, nobody new
    setClock(T(9, 4));
    await tick();
    assert.deepEqual((await (await as('trainer')).req('GET', '/api/emergency/asks')).body, []);

    // 09:05: the time is up: the team lead timed out, the back-office person (no user) skipped, the trainer asked, due 09:10
    setClock(T(9, 5));
    await tick();
    await tick(); // a second instance's tick changes nothing
    const trainerAsks = (await (await as('trainer')).req('GET', '/api/emergency/asks')).body;
    assert.deepEqual(
      trainerAsks.map((a: any) => [a.order, a.answer, a.askedAt, a.dueAt]),
      [[3, 'pending', T(9, 5), T(9, 10)]],
    );
    const late = await (await as('team_lead')).req('POST', `/api/emergency/asks/${leadAsks[0].id}/answer`, { answer: 'accept' });
    assert.deepEqual([late.status, late.body.reason], [409, 'emergency.askAnswered']);

    // 09:06: the trainer declines: the agent (fourth) is asked at once, due 09:11
    setClock(T(9, 6));
    const no = await (await as('trainer')).req('POST', `/api/emergency/asks/${trainerAsks[0].id}/answer`, { answer: 'decline' });
    assert.deepEqual([no.status, no.body.answer, no.body.answeredAt], [200, 'declined', T(9, 6)]);
    const agentAsks = (await (await as('a1')).req('GET', '/api/emergency/asks')).body;
    assert.deepEqual(
      agentAsks.map((a: any) => [a.order, a.answer, a.dueAt]),
      [[4, 'pending', T(9, 11)]],
    );

    // 09:07: the agent accepts; the list is done, later ticks ask nobody
    setClock(T(9, 7));
    assert.equal((await (await as('a1')).req('POST', `/api/emergency/asks/${agentAsks[0].id}/answer`, { answer: 'accept' })).body.answer, 'accepted');
    setClock(T(9, 30));
    await tick();

    const detail = (await (await as('duty_manager')).req('GET', `/api/emergency/activations/${up.body.id}`)).body;
    assert.deepEqual(
      detail.asks.map((a: any) => [a.name, a.order, a.answer, a.answeredAt]),
      [
        ['班长李', 1, 'timedOut', T(9, 5)],
        ['培训师王', 3, 'declined', T(9, 6)],
        ['坐席甲', 4, 'accepted', T(9, 7)],
      ],
    );
    assert.deepEqual(
      detail.log.map((l: any) => [l.action, l.detail.name ?? null, l.at]),
      [
        ['raised', null, T(9, 0)],
        ['callinAsked', '班长李', T(9, 0)],
        ['callinTimedOut', '班长李', T(9, 5)],
        ['callinSkipped', '后台赵', T(9, 5)],
        ['callinAsked', '培训师王', T(9, 5)],
        ['callinDeclined', '培训师王', T(9, 6)],
        ['callinAsked', '坐席甲', T(9, 6)],
        ['callinAccepted', '坐席甲', T(9, 7)],
      ],
    );
    await app.close();
  },
);
