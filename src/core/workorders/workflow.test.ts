import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLBACK, COMPLAINT, ESCALATION, MACHINES, validateMachine, WORK_ORDER_TYPES, type ActorRole, type WorkOrderType } from './machines';
import { applyTransition, assigneeRoles, availableTransitions, createWorkOrder, timeInStates, type Actor, type WorkOrder } from './workflow';

/**
 * The expected machines, written out by hand from the seed's loop and the issue (NOT derived
 * from MACHINES): "from --transition--> to : roles".
 */
const EXPECTED: Record<WorkOrderType, string> = {
  escalation: `
    draft --submit--> expert : agent team_lead
    draft --withdraw--> withdrawn : agent team_lead
    expert --return_to_agent--> draft : expert
    expert --escalate--> duty_manager : expert
    duty_manager --return_to_expert--> expert : duty_manager
    duty_manager --send_to_business--> business_dept : duty_manager
    business_dept --return_to_duty_manager--> duty_manager : business_dept
    business_dept --feedback--> feedback : business_dept
    feedback --return_to_business--> business_dept : duty_manager
    feedback --close--> closed : duty_manager`,
  complaint: `
    open --accept--> in_progress : expert duty_manager
    open --reject--> rejected : duty_manager
    in_progress --send_to_business--> business_dept : duty_manager
    business_dept --feedback--> in_progress : business_dept
    in_progress --resolve--> resolved : expert duty_manager
    resolved --reopen--> in_progress : duty_manager qa
    resolved --close--> closed : duty_manager center_manager`,
  suggestion: `
    submitted --review--> under_review : team_lead duty_manager center_manager
    under_review --accept--> accepted : duty_manager center_manager
    under_review --decline--> declined : duty_manager center_manager
    accepted --implement--> implemented : center_manager`,
  callback: `
    pending --assign--> assigned : team_lead duty_manager
    assigned --assign--> assigned : team_lead duty_manager
    assigned --complete--> done : agent
    assigned --give_up--> failed : agent team_lead
    pending --cancel--> cancelled : team_lead duty_manager
    assigned --cancel--> cancelled : team_lead duty_manager`,
  dispatch: `
    draft --send--> sent : agent duty_manager
    sent --decline--> draft : field_crew
    sent --recall--> draft : duty_manager
    accepted --recall--> draft : duty_manager
    sent --accept--> accepted : field_crew
    accepted --arrive--> on_site : field_crew
    on_site --complete--> done : field_crew
    done --close--> closed : duty_manager agent
    draft --cancel--> cancelled : duty_manager
    sent --cancel--> cancelled : duty_manager`,
};
const EXPECTED_STATES: Record<WorkOrderType, string[]> = {
  escalation: ['draft', 'expert', 'duty_manager', 'business_dept', 'feedback', 'closed', 'withdrawn'],
  complaint: ['open', 'in_progress', 'business_dept', 'resolved', 'closed', 'rejected'],
  suggestion: ['submitted', 'under_review', 'accepted', 'declined', 'implemented'],
  callback: ['pending', 'assigned', 'done', 'failed', 'cancelled'],
  dispatch: ['draft', 'sent', 'accepted', 'on_site', 'done', 'closed', 'cancelled'],
};
const ALL_ROLES: ActorRole[] = [
  'admin',
  'center_manager',
  'duty_manager',
  'team_lead',
  'qa',
  'wfm',
  'trainer',
  'expert',
  'agent',
  'business_dept',
  'field_crew',
];

interface Row {
  from: string;
  name: string;
  to: string;
  roles: string[];
}
function rows(type: WorkOrderType): Row[] {
  return EXPECTED[type]
    .trim()
    .split('\n')
    .map((l) => {
      const m = /^\s*(\S+) --(\S+)--> (\S+) : (.+)$/.exec(l);
      assert.ok(m, l);
      return { from: m[1]!, name: m[2]!, to: m[3]!, roles: m[4]!.trim().split(/\s+/) };
    });
}

const T0 = '2026-03-01T08:00:00.000Z';
const T1 = '2026-03-01T08:05:00.000Z';

function orderIn(type: WorkOrderType, state: string): WorkOrder {
  const creator: Actor = { id: 'creator', roles: [...MACHINES[type].creators] };
  const r = createWorkOrder(
    {
      id: 'w1',
      type,
      priority: 'normal',
      category: '其他',
      title: 't',
      ...(type === 'dispatch' ? { dispatch: { address: 'x', appointmentFrom: T0, appointmentTo: T1 } } : {}),
    },
    creator,
    T0,
  );
  assert.ok(r.ok);
  return { ...r.value, state };
}

test('machine definitions are sound and have the expected states', () => {
  for (const type of WORK_ORDER_TYPES) {
    assert.deepEqual(validateMachine(MACHINES[type]), [], type);
    assert.deepEqual([...MACHINES[type].states].sort(), [...EXPECTED_STATES[type]].sort(), type);
  }
});

test('EVERY transition × state × role: allowed exactly where the hand-written table says', () => {
  let allowed = 0;
  let forbidden = 0;
  for (const type of WORK_ORDER_TYPES) {
    const table = rows(type);
    const names = [...new Set(table.map((r) => r.name))];
    for (const state of EXPECTED_STATES[type]) {
      for (const name of names) {
        const fromHere = table.filter((r) => r.name === name && r.from === state);
        for (const role of ALL_ROLES) {
          const res = applyTransition(orderIn(type, state), name, { id: 'u', roles: [role] }, T1, 'a note');
          const label = `${type}: ${state} --${name}--> as ${role}`;
          const row = fromHere.find((r) => r.roles.includes(role));
          if (row) {
            assert.ok(res.ok, `${label} should be allowed: ${!res.ok ? res.error.message : ''}`);
            assert.equal(res.value.order.state, row.to, label);
            assert.equal(res.value.entry.role, role);
            allowed++;
          } else {
            assert.ok(!res.ok, `${label} should be forbidden`);
            assert.equal(res.error.code, fromHere.length === 0 ? 'wrong_state' : 'role_not_allowed', label);
            forbidden++;
          }
        }
      }
    }
  }
  // counted by hand from the table: allowed (row × role) pairs =
  // escalation 2+2+1+1+1+1+1+1+1+1 = 12; complaint 2+1+1+1+2+2+2 = 11; suggestion 3+2+2+1 = 8;
  // callback 2+2+1+2+2+2 = 11; dispatch 2+1+1+1+1+1+1+2+1+1 = 12  → 54
  assert.equal(allowed, 54);
  // all combinations: Σ states × distinct names × 11 roles = (7×10 + 6×7 + 5×4 + 5×4 + 7×8) × 11 = 208 × 11
  assert.equal(allowed + forbidden, 208 * 11);
});

test('unknown transition, missing note, time going backwards: clear errors', () => {
  const o = orderIn('escalation', 'expert');
  const expert: Actor = { id: 'e1', roles: ['expert'] };
  const r1 = applyTransition(o, 'teleport', expert, T1, 'x');
  assert.ok(!r1.ok && r1.error.code === 'unknown_transition');
  const r2 = applyTransition(o, 'return_to_agent', expert, T1, '  ');
  assert.ok(!r2.ok && r2.error.code === 'note_required');
  const r3 = applyTransition(o, 'escalate', expert, '2026-03-01T07:00:00.000Z', '');
  assert.ok(!r3.ok && r3.error.code === 'time_before_last_change');
  const r4 = applyTransition(o, 'escalate', { id: 'a', roles: ['agent'] }, T1, '');
  assert.ok(!r4.ok && r4.error.code === 'role_not_allowed');
  assert.match(!r4.ok ? r4.error.message : '', /allowed: expert/);
});

test('creation: creators, categories and dispatch info are checked', () => {
  const base = { id: 'x', priority: 'high' as const, title: 't' };
  const bad = createWorkOrder({ ...base, type: 'escalation', category: '不存在' }, { id: 'a', roles: ['agent'] }, T0);
  assert.ok(!bad.ok && bad.error.code === 'unknown_category');
  const crew = createWorkOrder({ ...base, type: 'escalation', category: '故障' }, { id: 'c', roles: ['field_crew'] }, T0);
  assert.ok(!crew.ok && crew.error.code === 'role_not_allowed');
  const noAddr = createWorkOrder({ ...base, type: 'dispatch', category: '報修' }, { id: 'a', roles: ['agent'] }, T0);
  assert.ok(!noAddr.ok && noAddr.error.code === 'missing_dispatch_info');
});

test('the escalation loop of seed 000, with send-backs, full history, notifications', () => {
  const agent: Actor = { id: 'agent7', roles: ['agent'] };
  const expert: Actor = { id: 'exp1', roles: ['expert'] };
  const dm: Actor = { id: 'dm1', roles: ['duty_manager'] };
  const dept: Actor = { id: 'billing', roles: ['business_dept'] };
  const c = createWorkOrder(
    { id: 'E1', type: 'escalation', priority: 'high', category: '賬務', title: '重複扣費' },
    agent,
    '2026-03-01T09:00:00.000Z',
    '客戶說扣了兩次',
  );
  assert.ok(c.ok);
  let o = c.value;
  const steps: [string, Actor, string, string, string?][] = [
    ['submit', agent, '2026-03-01T09:01:00.000Z', '請協助', 'exp1'],
    ['return_to_agent', expert, '2026-03-01T09:03:00.000Z', '請補充扣費日期'],
    ['submit', agent, '2026-03-01T09:10:00.000Z', '日期 3/1', 'exp1'],
    ['escalate', expert, '2026-03-01T09:15:00.000Z', '需賬務部確認'],
    ['send_to_business', dm, '2026-03-01T09:20:00.000Z', '轉賬務', 'billing'],
    ['return_to_duty_manager', dept, '2026-03-01T10:00:00.000Z', '缺少賬號'],
    ['send_to_business', dm, '2026-03-01T10:05:00.000Z', '賬號 123', 'billing'],
    ['feedback', dept, '2026-03-01T11:00:00.000Z', '已退款'],
    ['close', dm, '2026-03-01T11:10:00.000Z', '已回覆客戶'],
  ];
  const notified: string[][] = [];
  for (const [name, actor, at, note, assignTo] of steps) {
    const r = applyTransition(o, name, actor, at, note, assignTo !== undefined ? { assignTo } : {});
    assert.ok(r.ok, `${name}: ${!r.ok ? r.error.message : ''}`);
    o = r.value.order;
    notified.push(r.value.notify);
  }
  assert.equal(o.state, 'closed');
  assert.equal(o.closedAt, '2026-03-01T11:10:00.000Z');
  assert.deepEqual(
    o.history.map((h) => [h.seq, h.from, h.to, h.actorId, h.note]),
    [
      [1, null, 'draft', 'agent7', '客戶說扣了兩次'],
      [2, 'draft', 'expert', 'agent7', '請協助'],
      [3, 'expert', 'draft', 'exp1', '請補充扣費日期'],
      [4, 'draft', 'expert', 'agent7', '日期 3/1'],
      [5, 'expert', 'duty_manager', 'exp1', '需賬務部確認'],
      [6, 'duty_manager', 'business_dept', 'dm1', '轉賬務'],
      [7, 'business_dept', 'duty_manager', 'billing', '缺少賬號'],
      [8, 'duty_manager', 'business_dept', 'dm1', '賬號 123'],
      [9, 'business_dept', 'feedback', 'billing', '已退款'],
      [10, 'feedback', 'closed', 'dm1', '已回覆客戶'],
    ],
  );
  // the raising agent is told of every step they did not take themself
  assert.deepEqual(notified[0], ['exp1']);
  assert.ok(
    notified
      .slice(1)
      .filter((_, i) => steps[i + 1]![1] !== agent)
      .every((n) => n.includes('agent7')),
  );
  // nothing leaves closed
  assert.deepEqual(availableTransitions(o, dm), []);
  // minutes spent per state, by hand: draft 1+7, expert 2+5, duty_manager 5+5, business_dept 40+55, feedback 10
  const mins = Object.fromEntries(Object.entries(timeInStates(o, '2026-03-02T00:00:00.000Z')).map(([k, v]) => [k, v / 60000]));
  assert.deepEqual(mins, { draft: 8, expert: 7, duty_manager: 10, business_dept: 95, feedback: 10, closed: 0 });
});

test('assigneeRoles: the roles that act on an order from a state on (pseudo-roles left out), by hand from the machines', () => {
  // escalation draft: submit/withdraw (agent, team lead) → expert (expert) → duty_manager (duty manager) → business_dept (pseudo) → feedback (duty manager)
  assert.deepEqual(assigneeRoles(ESCALATION, 'draft').sort(), ['agent', 'duty_manager', 'expert', 'team_lead']);
  // from the expert on, the agent is back only via return_to_agent → draft, so everyone is reachable again
  assert.deepEqual(assigneeRoles(ESCALATION, 'feedback').sort(), ['agent', 'duty_manager', 'expert', 'team_lead']);
  // a callback once assigned: complete (agent), give_up (agent, team lead), assign/cancel (team lead, duty manager)
  assert.deepEqual(assigneeRoles(CALLBACK, 'assigned').sort(), ['agent', 'duty_manager', 'team_lead']);
  // a final state: nobody
  assert.deepEqual(assigneeRoles(CALLBACK, 'done'), []);
  // complaint open: accept (expert, duty manager), reject (duty manager), resolve, reopen (qa), close (center manager)
  assert.deepEqual(assigneeRoles(COMPLAINT, 'open').sort(), ['center_manager', 'duty_manager', 'expert', 'qa']);
});
