import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testAppWithClock } from '../testing';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02
const T = (h: number, m: number) => Date.UTC(2026, 10, 2, h - 8, m);

forEachDatabase('a center robot can be set to carry visit notices: a visit announced reaches it, not a robot for alerts only', async (_t, store) => {
  const { app, as } = await testAppWithClock(store, T(9, 0));
  const manager = await as('center_manager');
  const robot = (name: string, kinds: string[], key: string) =>
    manager.req('POST', '/api/notices/robots', {
      channel: 'wecom',
      name,
      url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
      kinds,
      locale: 'zh-CN',
      active: true,
    });
  const visits = await robot('接待群', ['floor.visitNotice'], 'visit-0001');
  assert.equal(visits.status, 200, JSON.stringify(visits.body));
  assert.deepEqual(visits.body.kinds, ['floor.visitNotice']);
  assert.equal((await robot('告警群', ['live.alert'], 'alert-0002')).status, 200);
  // a kind no robot carries is still refused, by field
  const odd = await robot('杂项群', ['floor.nothing'], 'odd-0003');
  assert.equal(odd.status, 400);
  assert.match(odd.body.field, /^body\.kinds/);

  const n = await manager.req('POST', '/api/floor/visit-notices', {
    date: '2026-11-02',
    start: '14:00',
    end: '15:00',
    group: '省公司领导',
    areas: 'A 区',
    host: '中心经理',
  });
  assert.equal(n.status, 200, JSON.stringify(n.body));
  const center = (await manager.req('GET', '/api/notices/center-deliveries')).body as { kind: string; robotId: number | null; subject: string }[];
  const toRobots = center.filter((d) => d.robotId !== null);
  // one delivery: to the visit robot only (the alert robot does not carry the kind)
  assert.deepEqual(
    toRobots.map((d) => [d.kind, d.robotId]),
    [['floor.visitNotice', visits.body.id]],
  );
  // the words of src/core/notices/text.ts filled in by hand: title 省公司领导, 2026-11-02 14:00–15:00, areas A 区, host 中心经理
  assert.match(toRobots[0]!.subject, /参观通知：省公司领导 2026-11-02 14:00–15:00 参观 A 区，接待人 中心经理/);
  await app.close();
});
