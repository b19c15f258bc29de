import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createCenter, createUser } from '../../store/org';
import { createDepartment } from '../../store/workorders/orders';
import { listAudit } from '../../store/audit';
import { signIn, testApp, testPasswordHash } from '../testing';
import { slaCheck as runSlaCheck } from './workorders';

const T0 = Date.UTC(2026, 10, 2, 1, 0);
const MIN = 60_000;

forEachDatabase(
  'work orders over HTTP: the escalation loop, forbidden moves, notifications, SLA, complaints, dispatch, callbacks, reports',
  async (_t, store) => {
    let now = T0;
    const { app, ctx, org, as } = await testApp(store, { now: () => now });
    const hash = await testPasswordHash();
    // back-office people sign in with a plain role and act through their department / crew
    const deptUser = await createUser(
      store.db,
      { username: 'billing', displayName: '账务部', passwordHash: hash, roles: ['agent'], centerId: org.centerId },
      T0,
    );
    const crewUser = await createUser(
      store.db,
      { username: 'crew', displayName: '抢修一队', passwordHash: hash, roles: ['agent'], centerId: org.centerId },
      T0,
    );
    const dept = await createDepartment(store.db, org.centerId, '账务部', 'business', [deptUser], null, T0);
    const crew = await createDepartment(store.db, org.centerId, '抢修一队', 'crew', [crewUser], null, T0);
    const a1 = await as('a1');
    const a2 = await as('a2');
    const expert = await as('expert');
    const duty = await as('duty_manager');
    const billing = await signIn(app, 'billing');
    const crewC = await signIn(app, 'crew');
    const heard: unknown[] = [];
    ctx.hub.subscribe(`user:${org.users.a1}`, (_t, d) => heard.push(d));
    const board: any[] = [];
    ctx.hub.subscribe('workorders', (_t, d) => board.push(d));

    // --- escalation: agent → expert → duty manager → business dept → feedback → duty manager closes
    const bad = await a1.req('POST', '/api/workorders', { type: 'escalation', priority: 'high', category: '不存在', title: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'category');
    const e = await a1.req('POST', '/api/workorders', {
      type: 'escalation',
      priority: 'high',
      category: '賬務',
      title: '客户质疑阶梯电价计费',
      description: '客户称 10 月账单多扣',
    });
    assert.equal(e.status, 200);
    const id = e.body.id;
    const move = (c: typeof a1, transition: string, extra: object = {}) => c.req('POST', `/api/workorders/${id}/transitions`, { transition, ...extra });

    assert.equal((await a2.req('GET', `/api/workorders/${id}`)).status, 404); // another agent does not see it
    const early = await move(expert, 'escalate');
    assert.equal(early.status, 400); // wrong state: still a draft
    assert.match(early.body.message, /not allowed from state "draft"/);
    now += MIN;
    assert.equal((await move(a1, 'submit')).status, 200);
    const agentEscalates = await move(a1, 'escalate');
    assert.equal(agentEscalates.status, 403);
    assert.match(agentEscalates.body.message, /may not "escalate"/);
    const noNote = await move(expert, 'return_to_agent');
    assert.equal(noNote.status, 400);
    assert.equal(noNote.body.field, 'note');
    now += MIN;
    assert.equal((await move(expert, 'return_to_agent', { note: '请补充账单号' })).status, 200);
    now += MIN;
    assert.equal((await move(a1, 'submit', { note: '账单号 2026-10-8812' })).status, 200);
    now += MIN;
    assert.equal((await move(expert, 'escalate')).status, 200);
    assert.equal((await move(duty, 'send_to_business')).body.field, 'departmentId');
    assert.equal((await move(duty, 'send_to_business', { departmentId: crew })).body.field, 'departmentId'); // a crew is not a department
    now += MIN;
    assert.equal((await move(duty, 'send_to_business', { departmentId: dept })).status, 200);
    assert.equal((await move(crewC, 'feedback', { note: 'x' })).status, 404); // not in the crew's scope
    assert.equal((await move(duty, 'feedback', { note: 'x' })).status, 403); // duty manager may not answer for the department
    now += 30 * MIN;
    assert.equal((await move(billing, 'feedback', { note: '已核实，退还 12.5 元' })).status, 200);
    const dutyView = await duty.req('GET', `/api/workorders/${id}`);
    assert.deepEqual(dutyView.body.allowed.map((t: any) => t.name).sort(), ['close', 'return_to_business']);
    const a1View = await a1.req('GET', `/api/workorders/${id}`);
    assert.deepEqual(a1View.body.allowed, []);
    now += MIN;
    assert.equal((await move(duty, 'close', { note: '已回复客户' })).status, 200);
    assert.equal((await move(duty, 'close', { note: 'again' })).status, 400);

    const done = await a1.req('GET', `/api/workorders/${id}`);
    assert.equal(done.body.state, 'closed');
    assert.deepEqual(
      done.body.history.map((h: any) => h.transition),
      ['create', 'submit', 'return_to_agent', 'submit', 'escalate', 'send_to_business', 'feedback', 'close'],
    );
    assert.equal(done.body.history[5].assignee, `dept:${dept}`);
    // closed after 1+1+1+1+1+30+1 = 36 minutes; high escalation SLA is 2 h → met
    assert.equal(done.body.sla.status, 'met');
    assert.equal(done.body.closed_at - done.body.created_at, 36 * MIN);
    // a1 was told of every step somebody else made: return, escalate, send, feedback, close
    const notes = await a1.req('GET', '/api/notifications');
    assert.deepEqual(notes.body.items.map((n: any) => n.data.transition).reverse(), ['return_to_agent', 'escalate', 'send_to_business', 'feedback', 'close']);
    assert.equal(heard.length, 5);
    assert.equal((await billing.req('GET', '/api/notifications')).body.items[0].kind, 'wo.assigned');
    const audited = (await listAudit(store.db, { entity: 'work_order', entityId: String(id) })).map((x) => x.action).reverse();
    assert.deepEqual(audited, ['wo.create', 'wo.submit', 'wo.return_to_agent', 'wo.submit', 'wo.escalate', 'wo.send_to_business', 'wo.feedback', 'wo.close']);

    // --- SLA: an urgent escalation warns 10 min before its 30 min and breaches after; each alert once
    const u = (await a1.req('POST', '/api/workorders', { type: 'escalation', priority: 'urgent', category: '故障', title: '大面积停气' })).body.id;
    board.length = 0;
    now += 19 * MIN;
    await runSlaCheck(ctx);
    assert.equal(board.length, 0);
    now += 1 * MIN;
    await runSlaCheck(ctx);
    await runSlaCheck(ctx);
    assert.deepEqual(
      board.map((b) => [b.kind, b.level, b.id]),
      [['sla', 'warning', u]],
    );
    now += 10 * MIN + 1;
    await runSlaCheck(ctx);
    assert.deepEqual(
      board.map((b) => b.level),
      ['warning', 'breached'],
    );
    const list = await duty.req('GET', '/api/workorders?open=true');
    assert.equal(list.body.find((o: any) => o.id === u).sla.status, 'breached');

    // --- complaints: the third within 30 days flags a repeat complainer; QA review needs the call
    const complain = async (i: number) => {
      const r = await a1.req('POST', '/api/workorders', {
        type: 'complaint',
        category: '服務態度',
        title: `投诉 ${i}`,
        customerId: 'C-1001',
        customerPhone: '13800000000',
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.id;
    };
    await complain(1);
    now += 2 * 3_600_000; // (sessions expire after 8 idle hours)
    await complain(2);
    now += 2 * 3_600_000;
    const third = await complain(3);
    assert.equal((await duty.req('GET', `/api/workorders/${third}`)).body.repeat_complainer, 1);
    assert.deepEqual(
      (await (await as('qa')).req('GET', '/api/workorders/repeat-complainers')).body.map((r: any) => [r.customer_id, Number(r.complaints)]),
      [['C-1001', 1]],
    );
    const qa = await as('qa');
    assert.equal((await qa.req('POST', `/api/workorders/${third}/qa-review`)).body.field, 'callId');
    assert.equal((await a1.req('PUT', `/api/workorders/${third}/call`, { callId: 'CALL-20261104-0001' })).status, 200);
    assert.equal((await qa.req('POST', `/api/workorders/${third}/qa-review`)).status, 200);
    assert.equal((await a1.req('POST', `/api/workorders/${third}/qa-review`)).status, 403);

    // --- dispatch: crew accepts, arrives, completes → a callback follows; assigned agent records attempts
    const d = (
      await a1.req('POST', '/api/workorders', {
        type: 'dispatch',
        priority: 'normal',
        category: '報修',
        title: '燃气表漏气',
        customerId: 'C-2002',
        customerPhone: '13900000000',
        dispatch: { address: '徐汇区漕溪北路 1 号', appointmentFrom: now + 3_600_000, appointmentTo: now + 7_200_000 },
      })
    ).body.id;
    const dmove = (c: typeof a1, transition: string, extra: object = {}) => c.req('POST', `/api/workorders/${d}/transitions`, { transition, ...extra });
    assert.equal((await dmove(a1, 'send', { departmentId: crew })).status, 200);
    assert.equal((await dmove(a1, 'accept')).status, 403);
    assert.equal((await dmove(crewC, 'accept')).status, 200);
    assert.equal((await dmove(crewC, 'arrive')).status, 200);
    const completed = await dmove(crewC, 'complete', { note: '更换密封圈' });
    assert.equal(completed.status, 200);
    const cb = completed.body.followUpId;
    assert.ok(cb);
    const lead = await as('team_lead');
    assert.equal((await lead.req('POST', `/api/workorders/${cb}/transitions`, { transition: 'assign' })).body.field, 'assigneeUserId');
    assert.equal((await lead.req('POST', `/api/workorders/${cb}/transitions`, { transition: 'assign', assigneeUserId: org.users.a2 })).status, 200);
    assert.equal((await a1.req('POST', `/api/workorders/${cb}/attempts`, { outcome: 'no_answer' })).status, 403); // not assigned to a1
    const first = await a2.req('POST', `/api/workorders/${cb}/attempts`, { outcome: 'no_answer' });
    assert.deepEqual([first.body.status, first.body.nextAttemptAt], ['open', now + 30 * MIN]); // first retry after 30 min
    assert.equal((await a2.req('GET', '/api/workorders/callbacks')).body.find((x: any) => x.id === cb).attempts, 1);
    const second = await a2.req('POST', `/api/workorders/${cb}/attempts`, { outcome: 'reached_satisfied', note: '客户满意' });
    assert.deepEqual([second.body.status, second.body.transition], ['done', 'complete']);
    assert.equal((await a2.req('GET', `/api/workorders/${cb}`)).body.state, 'done');
    assert.equal((await a1.req('POST', `/api/workorders/${d}/transitions`, { transition: 'close' })).status, 200);

    // --- reports
    assert.equal((await a1.req('GET', '/api/workorders/reports')).status, 403);
    const rep = await duty.req('GET', `/api/workorders/reports?from=${T0 - 1}`);
    assert.equal(rep.status, 200);
    // 2 escalations, 3 complaints, 1 dispatch, 1 callback
    const vol = Object.fromEntries(rep.body.volume.map((v: any) => [`${v.type}/${v.category}`, v.count]));
    assert.deepEqual(vol, { 'callback/派工回訪': 1, 'complaint/服務態度': 3, 'dispatch/報修': 1, 'escalation/故障': 1, 'escalation/賬務': 1 });
    // the department held the escalation 30 min
    assert.deepEqual(
      rep.body.waits.find((w: any) => w.assignee === `dept:${dept}`),
      { assignee: `dept:${dept}`, name: '账务部', orders: 1, totalHours: 0.5, avgHours: 0.5 },
    );
    await app.close();
  },
);

forEachDatabase(
  'work orders: the assignee and the parent a caller names are checked (exists, active, center, role, scope) → 4xx naming the field, nothing stored',
  async (_t, store) => {
    const { app, org, as } = await testApp(store, { now: () => T0 });
    try {
      const hash = await testPasswordHash();
      const otherCenter = await createCenter(store.db, '别的中心', 'Asia/Shanghai', T0);
      const foreignExpert = await createUser(
        store.db,
        { username: 'x_expert', displayName: 'x', passwordHash: hash, roles: ['expert'], centerId: otherCenter },
        T0,
      );
      const gone = await createUser(store.db, { username: 'gone', displayName: 'gone', passwordHash: hash, roles: ['expert'], centerId: org.centerId }, T0);
      await store.db.updateTable('users').set({ active: 0 }).where('id', '=', gone).execute();
      const a1 = await as('a1');
      const a2 = await as('a2');
      const admin = await as('admin');
      const count = async () => (await admin.req('GET', '/api/workorders')).body.length;
      const esc = { type: 'escalation', category: '賬務', title: '账单疑问' };
      const cb = { type: 'callback', category: '其他', title: '回访客户' };

      const refused: [object, number, string, string][] = [
        [{ ...esc, assigneeUserId: 999_999 }, 400, 'assigneeUserId', 'workorder.assigneeUnknown'], // no such user (was a 500)
        [{ ...esc, assigneeUserId: gone }, 400, 'assigneeUserId', 'workorder.assigneeUnknown'], // inactive
        [{ ...esc, assigneeUserId: foreignExpert }, 400, 'assigneeUserId', 'workorder.assigneeUnknown'], // another center
        [{ ...esc, assigneeUserId: org.users.qa }, 400, 'assigneeUserId', 'workorder.assigneeRole'], // qa never handles an escalation
        [{ ...cb, assigneeUserId: org.users.b1 }, 400, 'assigneeUserId', 'workorder.assigneeOutOfScope'], // an agent of another team
        [{ ...esc, parentId: 999_999 }, 404, 'parentId', 'workorder.parentNotFound'],
      ];
      for (const [body, status, field, reason] of refused) {
        const r = await a1.req('POST', '/api/workorders', body);
        assert.deepEqual([r.status, r.body.field, r.body.reason], [status, field, reason], JSON.stringify(body));
      }
      assert.equal(await count(), 0, 'nothing stored');

      // allowed: the expert seat on an escalation, oneself on a callback, one's own order as parent
      const ok = await a1.req('POST', '/api/workorders', { ...esc, assigneeUserId: org.users.expert });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal((await a1.req('POST', '/api/workorders', { ...cb, assigneeUserId: org.users.a1, parentId: ok.body.id })).status, 200);
      // a2 cannot see a1's order, so cannot hang an order under it
      const hidden = await a2.req('POST', '/api/workorders', { ...cb, parentId: ok.body.id });
      assert.deepEqual([hidden.status, hidden.body.field], [404, 'parentId']);
      assert.equal(await count(), 2);

      // assigning a callback: the team lead only to agents of their teams, never to an unknown user
      const lead = await as('team_lead');
      const c = (await lead.req('POST', '/api/workorders', cb)).body.id;
      const move = (assigneeUserId: number) => lead.req('POST', `/api/workorders/${c}/transitions`, { transition: 'assign', assigneeUserId });
      assert.deepEqual((await move(999_999)).body.reason, 'workorder.assigneeUnknown');
      const outside = await move(org.users.b1);
      assert.deepEqual([outside.status, outside.body.field, outside.body.reason], [400, 'assigneeUserId', 'workorder.assigneeOutOfScope']);
      assert.equal((await lead.req('GET', `/api/workorders/${c}`)).body.state, 'pending');
      assert.equal((await move(org.users.a2)).status, 200);
    } finally {
      await app.close();
    }
  },
);
