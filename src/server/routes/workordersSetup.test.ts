import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

const T0 = Date.UTC(2026, 10, 2, 1, 0); // 2026-11-02 01:00 UTC
const sla = (resolveMinutes: number, warnBeforeMinutes: number) => ({ resolveMinutes, warnBeforeMinutes });
const complaintSla = { urgent: sla(60, 15), high: sla(240, 30), normal: sla(90, 20), low: sla(2880, 120) };

forEachDatabase(
  'work-order setup: a type gets its categories and SLA, orders in a new category fall due by it; departments take only known members; bad input is named',
  async (_t, store) => {
    const { as, org } = await testApp(store, { now: () => T0 });
    const admin = await as('center_manager');
    const a1 = await as('a1');

    const put = await admin.req('PUT', '/api/workorders/types/complaint', { categories: ['服务态度', '宽带故障'], sla: complaintSla });
    assert.equal(put.status, 200);
    const cfg = (await admin.req('GET', '/api/workorders/config')).body;
    assert.deepEqual(cfg.categories.complaint, ['服务态度', '宽带故障']);
    assert.deepEqual(cfg.sla.complaint.normal, { resolveMinutes: 90, warnBeforeMinutes: 20 });
    // the other types keep their defaults: escalation/high is 2 h (DEFAULT_SLA)
    assert.deepEqual(cfg.sla.escalation.high, { resolveMinutes: 120, warnBeforeMinutes: 30 });

    const o = await a1.req('POST', '/api/workorders', {
      type: 'complaint',
      priority: 'normal',
      category: '宽带故障',
      title: '宽带断线三次',
      customerId: 'C-1001',
    });
    assert.equal(o.status, 200, JSON.stringify(o.body));
    const order = (await a1.req('GET', `/api/workorders/${o.body.id}`)).body;
    // raised at 01:00 UTC, 90 minutes to resolve → due 02:30 UTC, warned 20 minutes before
    assert.equal(order.sla.dueAt, '2026-11-02T02:30:00.000Z');
    assert.equal(order.sla.warnAt, '2026-11-02T02:10:00.000Z');
    // a category no longer listed is refused for new orders
    const gone = await a1.req('POST', '/api/workorders', { type: 'complaint', priority: 'normal', category: '賬務', title: 'x', customerId: 'C-1001' });
    assert.equal(gone.status, 400);

    const dup = await admin.req('PUT', '/api/workorders/types/complaint', { categories: ['宽带故障', '宽带故障'], sla: complaintSla });
    assert.equal(dup.status, 400);
    assert.equal(dup.body.field, 'categories.1');
    assert.equal(dup.body.reason, 'input.duplicate');
    const neg = await admin.req('PUT', '/api/workorders/types/complaint', { categories: ['x'], sla: { ...complaintSla, high: sla(0, 0) } });
    assert.equal(neg.status, 400);
    assert.equal(neg.body.field, 'body.sla.high.resolveMinutes');
    assert.equal(neg.body.reason, 'input.tooSmall');
    // nothing of the refused writes was stored
    assert.deepEqual((await admin.req('GET', '/api/workorders/config')).body.categories.complaint, ['服务态度', '宽带故障']);
    assert.equal((await a1.req('PUT', '/api/workorders/types/complaint', { categories: ['x'], sla: complaintSla })).status, 403);

    // departments and crews: a member who is not an active user of the center is named by its place; a name is used once
    const dept = await admin.req('POST', '/api/workorders/departments', { name: '抢修一队', kind: 'crew', memberIds: [org.users.a1] });
    assert.equal(dept.status, 200);
    const ghost = await admin.req('POST', '/api/workorders/departments', { name: '抢修二队', kind: 'crew', memberIds: [org.users.a1, 99999] });
    assert.deepEqual([ghost.status, ghost.body.field, ghost.body.reason], [400, 'memberIds.1', 'workorder.memberUnknown']);
    const twice = await admin.req('POST', '/api/workorders/departments', { name: '抢修一队', kind: 'business' });
    assert.deepEqual([twice.status, twice.body.field, twice.body.reason, twice.body.params], [409, 'name', 'input.duplicate', { value: '抢修一队' }]);
    const depts = (await admin.req('GET', '/api/workorders/config')).body.departments;
    assert.deepEqual(
      depts.map((d: { name: string; memberIds: number[] }) => [d.name, d.memberIds]),
      [['抢修一队', [org.users.a1]]],
    );
  },
);
