/**
 * A refused work-order move says why in the user's language (issue 14): each refusal of the workflow
 * carries a stable reason with the transition, state or department it is about, names its field, and
 * leaves the order as it was.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createDepartment } from '../../store/workorders/orders';
import { testApp } from '../testing';

const T0 = Date.UTC(2026, 10, 2, 1, 0);
const MIN = 60_000;

forEachDatabase('a refused work-order transition names its reason, transition and state; the order is unchanged', async (_t, store) => {
  let now = T0;
  const { app, org, as } = await testApp(store, { now: () => now });
  try {
    const crew = await createDepartment(store.db, org.centerId, '抢修一队', 'crew', [], null, T0);
    const a1 = await as('a1');
    const expert = await as('expert');
    const duty = await as('duty_manager');
    const refusal = (r: { status: number; body: { field?: string; reason?: string; params?: unknown } }) => [
      r.status,
      r.body.field,
      r.body.reason,
      r.body.params,
    ];

    const badCategory = await a1.req('POST', '/api/workorders', { type: 'escalation', priority: 'high', category: '不存在', title: '电费' });
    assert.deepEqual(refusal(badCategory).slice(0, 3), [400, 'category', 'workorder.unknownCategory']);
    assert.equal(badCategory.body.params.category, '不存在');
    assert.ok(String(badCategory.body.params.allowed).split(', ').includes('賬務'), badCategory.body.params.allowed);

    const e = await a1.req('POST', '/api/workorders', { type: 'escalation', priority: 'high', category: '賬務', title: '客户质疑阶梯电价计费' });
    assert.equal(e.status, 200, JSON.stringify(e.body));
    const id = e.body.id as number;
    const move = (c: typeof a1, transition: string, extra: object = {}) => c.req('POST', `/api/workorders/${id}/transitions`, { transition, ...extra });
    const state = async () => (await duty.req('GET', `/api/workorders/${id}`)).body.state;

    // the expert cannot escalate a draft the agent has not submitted
    assert.deepEqual(refusal(await move(expert, 'escalate')), [400, 'transition', 'workorder.wrongState', { transition: 'escalate', state: 'draft' }]);
    assert.deepEqual(refusal(await move(a1, 'fly')), [400, 'transition', 'workorder.unknownTransition', { transition: 'fly' }]);
    assert.equal(await state(), 'draft');
    now += MIN;
    assert.equal((await move(a1, 'submit')).status, 200);
    // returning to the agent needs a note saying why
    assert.deepEqual(refusal(await move(expert, 'return_to_agent')), [400, 'note', 'workorder.noteRequired', { transition: 'return_to_agent' }]);
    assert.equal(await state(), 'expert');
    now += MIN;
    assert.equal((await move(expert, 'escalate')).status, 200);
    // sending to the business needs a department, and a field crew is not one
    assert.deepEqual(refusal(await move(duty, 'send_to_business')), [400, 'departmentId', 'workorder.departmentRequired', { transition: 'send_to_business' }]);
    assert.deepEqual(refusal(await move(duty, 'send_to_business', { departmentId: crew })), [
      400,
      'departmentId',
      'workorder.notDepartment',
      { departmentId: crew },
    ]);
    // closing is for an order the business has answered, not one still with the duty manager
    assert.deepEqual(refusal(await move(duty, 'close', { note: '已回复客户' })), [
      400,
      'transition',
      'workorder.wrongState',
      { transition: 'close', state: 'duty_manager' },
    ]);
    assert.equal(await state(), 'duty_manager');
    // an escalation is neither a callback (attempts) nor a complaint (QA review)
    assert.deepEqual(refusal(await a1.req('POST', `/api/workorders/${id}/attempts`, { outcome: 'no_answer' })), [400, 'id', 'workorder.notCallback', { id }]);
    const qa = await as('qa');
    assert.deepEqual(refusal(await qa.req('POST', `/api/workorders/${id}/qa-review`)), [400, 'id', 'workorder.qaReviewNotComplaint', { id }]);
    assert.equal((await duty.req('GET', `/api/workorders/${id}`)).body.history.length, 3, 'create, submit, escalate');
  } finally {
    await app.close();
  }
});
