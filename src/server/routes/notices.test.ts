import assert from 'node:assert/strict';
import { forEachDatabase, publishedTestRun } from '../../store/testing';
import { testApp } from '../testing';

forEachDatabase(
  'notice channels: own only, refusals by field, secrets never read back; robots for managers; a published schedule reaches its agents',
  async (_t, store) => {
    const now = Date.UTC(2026, 11, 6, 2);
    const { org, as } = await testApp(store, { now: () => now });
    const a1 = await as('a1');
    const a2 = await as('a2');

    // a bad address is refused next to its field, in a stable reason; nothing is stored
    const bad = await a1.req('PUT', '/api/notices/channels', { email: 'not-an-address', wecomUrl: null, dingtalkUrl: null });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'body.email');
    assert.equal(bad.body.reason, 'input.invalidFormat');
    const ftp = await a1.req('PUT', '/api/notices/channels', { email: null, wecomUrl: 'ftp://robot.example.test/x', dingtalkUrl: null });
    assert.equal(ftp.status, 400);
    assert.equal(ftp.body.field, 'body.wecomUrl');
    assert.equal(ftp.body.reason, 'notices.webhookScheme');
    assert.deepEqual((await a1.req('GET', '/api/notices/channels')).body, { email: null, wecomUrl: null, dingtalkUrl: null, hasDingtalkSecret: false });

    // set, with a DingTalk secret that is never sent back; an empty field turns a channel off
    const set = await a1.req('PUT', '/api/notices/channels', {
      email: 'li.na@example.test',
      wecomUrl: '',
      dingtalkUrl: 'https://oapi.dingtalk.com/robot/send?access_token=T',
      dingtalkSecret: 'SECabc',
    });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body, {
      email: 'li.na@example.test',
      wecomUrl: null,
      dingtalkUrl: 'https://oapi.dingtalk.com/robot/send?access_token=T',
      hasDingtalkSecret: true,
    });
    assert.ok(!JSON.stringify(set.body).includes('SECabc'));

    // a test notice: the bell and one delivery per channel (e-mail and DingTalk), seen by a1 only
    assert.equal((await a1.req('POST', '/api/notices/test')).status, 200);
    const mine = (await a1.req('GET', '/api/notices/deliveries')).body;
    assert.deepEqual(mine.map((d: { channel: string; status: string }) => [d.channel, d.status]).sort(), [
      ['dingtalk', 'pending'],
      ['email', 'pending'],
    ]);
    assert.equal(mine[0].subject, '[CallFloor 现场管理] 这是一条测试通知，收到即表示渠道可用');
    assert.deepEqual((await a2.req('GET', '/api/notices/deliveries')).body, []);
    assert.equal((await a1.req('GET', '/api/notices/center-deliveries')).status, 403);
    assert.equal((await a1.req('GET', '/api/notices/robots')).status, 403);

    // a center robot: the address comes back without its key; a duty manager reads, may not change
    const manager = await as('center_manager');
    const made = await manager.req('POST', '/api/notices/robots', {
      channel: 'wecom',
      name: '值班群',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234-secret-9876',
      kinds: ['live.alert', 'wfm.schedulePublished'],
      locale: 'zh-CN',
      active: true,
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.equal(made.body.url, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…9876');
    const duty = await as('duty_manager');
    assert.equal((await duty.req('GET', '/api/notices/robots')).body.length, 1);
    assert.equal((await duty.req('POST', '/api/notices/robots', { ...made.body, url: undefined, hasSecret: undefined })).status, 403);
    const noName = await manager.req('POST', '/api/notices/robots', { channel: 'wecom', name: '', kinds: ['*'], locale: 'zh-CN', active: true });
    assert.equal(noName.body.field, 'body.name');
    assert.equal(noName.body.reason, 'input.tooSmallLength');

    // publishing a week: a1 (with a shift in it) hears of it; the center's robot too; a2 (no shift) does not
    const runId = await publishedTestRun(store.db, org.centerId, '2026-12-07');
    await store.db.updateTable('wfm_schedule_runs').set({ status: 'done', published_at: null }).where('id', '=', runId).execute();
    await store.db
      .insertInto('wfm_shifts')
      .values({
        run_id: runId,
        agent_id: org.agents.a1,
        day: 0,
        kind: 'work',
        template_code: 'D',
        start_ts: now,
        end_ts: now + 8 * 3600_000,
        paid_hours: 8,
        activities: '[]',
        updated_at: now,
      })
      .execute();
    const wfm = await as('wfm');
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${runId}/publish`)).status, 200);
    const bell = (await a1.req('GET', '/api/notifications')).body.items.map((n: { kind: string }) => n.kind);
    assert.ok(bell.includes('wfm.schedulePublished'));
    assert.ok(!(await a2.req('GET', '/api/notifications')).body.items.some((n: { kind: string }) => n.kind === 'wfm.schedulePublished'));
    const center = (await manager.req('GET', '/api/notices/center-deliveries')).body as {
      kind: string;
      channel: string;
      robotId: number | null;
      subject: string;
    }[];
    const published = center.filter((d) => d.kind === 'wfm.schedulePublished');
    assert.deepEqual(published.map((d) => [d.channel, d.robotId !== null]).sort(), [
      ['dingtalk', false],
      ['email', false],
      ['wecom', true],
    ]);
    assert.equal(published.find((d) => d.robotId)!.subject, '[CallFloor 现场管理] 2026-12-07 起一周的排班已发布');
  },
);
