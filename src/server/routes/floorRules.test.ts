import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { DEFAULT_CHECK_ITEMS } from '../../core/floor/rules';
import { testAppWithClock } from '../testing';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02 (d = 0) and the days after
const T = (h: number, m: number, d = 0) => Date.UTC(2026, 10, 2 + d, h - 8, m);

forEachDatabase(
  'equipment faults: anyone reports, the duty manager fixes, an agent sees only their own, figures of open and time to fix',
  async (_t, store) => {
    const { app, as, setClock } = await testAppWithClock(store, T(9, 0));
    const a1 = await as('a1');
    const r1 = await a1.req('POST', '/api/floor/faults', { seat: 'A-12', device: 'headset', description: '耳机没有声音' });
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    assert.deepEqual([r1.body.status, r1.body.reporterName, r1.body.reportedAt], ['open', 'a1', T(9, 0)]);
    const empty = await a1.req('POST', '/api/floor/faults', { seat: '', device: 'headset', description: 'x' });
    assert.deepEqual([empty.status, empty.body.field], [400, 'body.seat']);
    const kind = await a1.req('POST', '/api/floor/faults', { seat: 'A-1', device: 'toaster', description: 'x' });
    assert.deepEqual([kind.status, kind.body.field], [400, 'body.device']);
    // the duty manager (nobody on the roster: every duty manager) is told
    const dm = await as('duty_manager');
    assert.deepEqual(
      (await dm.req('GET', '/api/notifications')).body.items.map((n: any) => [n.kind, n.data.seat]),
      [['floor.fault', 'A-12']],
    );
    setClock(T(9, 30));
    const r2 = await (await as('a2')).req('POST', '/api/floor/faults', { seat: 'A-14', device: 'computer', description: '电脑蓝屏' });
    // a1 sees only their own report; a2's is 404 to fix for a1 (403: agents do not fix)
    assert.deepEqual(
      (await (await as('a1')).req('GET', '/api/floor/faults')).body.map((f: any) => f.seat),
      ['A-12'],
    );
    assert.equal((await (await as('a1')).req('POST', `/api/floor/faults/${r2.body.id}/fixed`, { note: '' })).status, 403);
    assert.equal((await (await as('team_lead')).req('GET', '/api/floor/faults')).body.length, 2);

    // fixed at 10:00 (60 min after its report) and 11:00 (90 min after)
    setClock(T(10, 0));
    const fixed = await (await as('duty_manager')).req('POST', `/api/floor/faults/${r1.body.id}/fixed`, { note: '换了耳机' });
    assert.deepEqual([fixed.status, fixed.body.status, fixed.body.fixedAt, fixed.body.fixerName], [200, 'fixed', T(10, 0), 'duty_manager 用户']);
    assert.equal((await (await as('a1')).req('GET', '/api/notifications')).body.items[0].kind, 'floor.faultFixed');
    const again = await (await as('duty_manager')).req('POST', `/api/floor/faults/${r1.body.id}/fixed`, { note: '' });
    assert.deepEqual([again.status, again.body.reason], [409, 'floor.faultFixed']);
    const missing = await (await as('duty_manager')).req('POST', '/api/floor/faults/9999/fixed', { note: '' });
    assert.deepEqual([missing.status, missing.body.reason], [404, 'common.notFound']);
    setClock(T(10, 30));
    let fig = (await (await as('duty_manager')).req('GET', '/api/floor/faults/figures?from=2026-11-02&to=2026-11-02')).body;
    // one open, one fixed in 60 min
    assert.deepEqual(fig, { open: 1, fixed: 1, meanFixMin: 60 });
    setClock(T(11, 0));
    await (await as('admin')).req('POST', `/api/floor/faults/${r2.body.id}/fixed`, { note: '重装系统' });
    fig = (await (await as('duty_manager')).req('GET', '/api/floor/faults/figures?from=2026-11-02&to=2026-11-02')).body;
    // none open; fixed 2, mean (60 + 90) / 2 = 75 min
    assert.deepEqual(fig, { open: 0, fixed: 2, meanFixMin: 75 });
    assert.equal((await (await as('team_lead')).req('GET', '/api/floor/faults/figures?from=2026-11-02&to=2026-11-02')).status, 403);
    assert.deepEqual((await (await as('duty_manager')).req('GET', '/api/floor/faults?status=open')).body, []);
    await app.close();
  },
);

forEachDatabase('hygiene and safety checks: the starting checklist, a check with a failure and its follow-up, pass rate; who may', async (_t, store) => {
  const { app, as, setClock } = await testAppWithClock(store, T(9, 0));
  const lead = await as('team_lead');
  const items = (await lead.req('GET', '/api/floor/checklist')).body;
  assert.deepEqual(
    items.map((i: any) => i.text),
    [...DEFAULT_CHECK_ITEMS],
  );
  assert.equal((await (await as('a1')).req('GET', '/api/floor/checklist')).status, 403);
  assert.equal((await lead.req('PUT', '/api/floor/checklist', { items: [{ text: 'x' }] })).status, 403);
  // the duty manager edits it: the first two kept (the second reworded), a new one added, the rest retired
  const saved = await (
    await as('duty_manager')
  ).req('PUT', '/api/floor/checklist', {
    items: [{ id: items[0].id, text: items[0].text }, { id: items[1].id, text: '椅子摆正' }, { text: '耳机收好' }],
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.deepEqual(
    saved.body.map((i: any) => i.text),
    [items[0].text, '椅子摆正', '耳机收好'],
  );
  const stranger = await (await as('duty_manager')).req('PUT', '/api/floor/checklist', { items: [{ id: 9999, text: 'x' }] });
  assert.deepEqual([stranger.status, stranger.body.reason, stranger.body.field], [400, 'floor.unknownItem', 'items.0.id']);
  const [i1, i2, i3] = saved.body.map((i: any) => i.id);

  // a failed item needs its note; nothing is stored on the refusal
  const noNote = await lead.req('POST', '/api/floor/checks', {
    date: '2026-11-02',
    area: 'A 区',
    results: [
      { itemId: i1, pass: true, note: '' },
      { itemId: i2, pass: false, note: ' ' },
    ],
  });
  assert.deepEqual([noNote.status, noNote.body.reason, noNote.body.field], [400, 'floor.failNeedsNote', 'results.1.note']);
  const c1 = await lead.req('POST', '/api/floor/checks', {
    date: '2026-11-02',
    area: 'A 区',
    results: [
      { itemId: i1, pass: true, note: '' },
      { itemId: i2, pass: false, note: '3 把椅子没摆正' },
      { itemId: i3, pass: true, note: '' },
    ],
  });
  assert.equal(c1.status, 200, JSON.stringify(c1.body));
  // 2 of 3 passed
  assert.deepEqual([c1.body.passRate, c1.body.results[1].followUp, c1.body.results[1].itemText], [2 / 3, 'open', '椅子摆正']);
  const c2 = await (
    await as('duty_manager')
  ).req('POST', '/api/floor/checks', {
    date: '2026-11-03',
    area: 'B 区',
    results: [
      { itemId: i1, pass: true, note: '' },
      { itemId: i3, pass: true, note: '' },
    ],
  });
  assert.equal(c2.body.passRate, 1);
  // over both checks: 4 of 5 passed = 0.8, one follow-up open
  let hist = (await lead.req('GET', '/api/floor/checks?from=2026-11-01&to=2026-11-30')).body;
  assert.deepEqual([hist.checks.map((c: any) => c.area), hist.checked, hist.passed, hist.passRate, hist.openFollowUps], [['B 区', 'A 区'], 5, 4, 0.8, 1]);
  // the follow-up closed by the lead; a passed item has none to close
  setClock(T(11, 0));
  const passedItem = await (await as('team_lead')).req('POST', `/api/floor/checks/${c1.body.id}/follow-up`, { itemId: i1, note: '无' });
  assert.deepEqual([passedItem.status, passedItem.body.reason], [409, 'floor.noFollowUp']);
  const done = await (await as('team_lead')).req('POST', `/api/floor/checks/${c1.body.id}/follow-up`, { itemId: i2, note: '已摆正' });
  assert.deepEqual([done.status, done.body.results[1].followUp, done.body.results[1].followUpAt], [200, 'done', T(11, 0)]);
  hist = (await (await as('center_manager')).req('GET', '/api/floor/checks?from=2026-11-01&to=2026-11-30')).body;
  assert.equal(hist.openFollowUps, 0);
  assert.equal(
    (await (await as('a1')).req('POST', '/api/floor/checks', { date: '2026-11-02', area: 'x', results: [{ itemId: i1, pass: true, note: '' }] })).status,
    403,
  );
  await app.close();
});

forEachDatabase('machine-room visitor log and visit notices: in and out, open visits, the floor told of a visit; who may see', async (_t, store) => {
  const { app, as, setClock } = await testAppWithClock(store, T(9, 0));
  const dm = await as('duty_manager');
  const v = await dm.req('POST', '/api/floor/visits', { visitor: '张工', company: '电信维护', purpose: '更换交换机', escort: '值班经理' });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.deepEqual([v.body.inAt, v.body.outAt], [T(9, 0), null]);
  const future = await dm.req('POST', '/api/floor/visits', { visitor: '王', company: '', purpose: '参观', escort: '李', inAt: T(10, 0) });
  assert.deepEqual([future.status, future.body.reason], [400, 'floor.inFuture']);
  assert.equal((await (await as('a1')).req('GET', '/api/floor/visits')).status, 403);
  assert.equal((await (await as('qa')).req('GET', '/api/floor/visits')).status, 403);
  assert.deepEqual(
    (await (await as('team_lead')).req('GET', '/api/floor/visits')).body.map((x: any) => [x.visitor, x.outAt]),
    [['张工', null]],
  );
  setClock(T(10, 15));
  const out = await (await as('team_lead')).req('POST', `/api/floor/visits/${v.body.id}/out`, {});
  assert.deepEqual([out.status, out.body.outAt], [200, T(10, 15)]);
  const twice = await (await as('team_lead')).req('POST', `/api/floor/visits/${v.body.id}/out`, {});
  assert.deepEqual([twice.status, twice.body.reason], [409, 'floor.visitOut']);

  // a visit announced for 14:00–15:00 today: the floor's managers and leads are told, the on-duty panel lists it
  const n = await (
    await as('center_manager')
  ).req('POST', '/api/floor/visit-notices', {
    date: '2026-11-02',
    start: '14:00',
    end: '15:00',
    group: '省公司领导',
    areas: 'A 区、机房',
    host: '中心经理',
  });
  assert.equal(n.status, 200, JSON.stringify(n.body));
  assert.deepEqual([n.body.startsAt, n.body.endsAt], [T(14, 0), T(15, 0)]);
  const over = await (
    await as('center_manager')
  ).req('POST', '/api/floor/visit-notices', { date: '2026-11-01', start: '14:00', end: '15:00', group: 'x', areas: 'x', host: 'x' });
  assert.deepEqual([over.status, over.body.reason], [400, 'floor.visitOver']);
  assert.equal(
    (
      await (
        await as('team_lead')
      ).req('POST', '/api/floor/visit-notices', { date: '2026-11-02', start: '14:00', end: '15:00', group: 'x', areas: 'x', host: 'x' })
    ).status,
    403,
  );
  const bell = (await (await as('team_lead')).req('GET', '/api/notifications')).body.items;
  assert.deepEqual([bell[0].kind, bell[0].data.date, bell[0].data.start], ['floor.visitNotice', '2026-11-02', '14:00']);
  assert.deepEqual((await (await as('a1')).req('GET', '/api/notifications')).body.items, []);
  assert.deepEqual(
    (await (await as('duty_manager')).req('GET', '/api/floor/visit-notices')).body.map((x: any) => x.group),
    ['省公司领导'],
  );
  // over at 15:00: no longer listed
  setClock(T(15, 0));
  assert.deepEqual((await (await as('duty_manager')).req('GET', '/api/floor/visit-notices')).body, []);
  await app.close();
});
