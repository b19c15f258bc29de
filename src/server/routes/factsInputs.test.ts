/**
 * Inputs of csat and complaints (issue 11): survey answers in by every path, complaint attribution
 * and verdicts. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { putSetting } from '../../store/org';
import { listAudit } from '../../store/audit';
import { storeEvents } from '../../store/live/ingest';
import { testApp } from '../testing';
import type { CallFloorEvent } from '../../core/events';
import type { Store } from '../../store/db';

const T = Date.UTC(2026, 10, 2, 1, 0); // 09:00 Shanghai
const MIN = 60_000;
const ev = (id: string, min: number, type: string, x: Partial<CallFloorEvent> = {}) => ({ id, ts: T + min * MIN, type, ...x }) as CallFloorEvent;

// c1: A001 (a1) answers; c2: A002 (a2) answers; c3: abandoned
const telephony = [
  ev('l1', 0, 'agent.login', { agent: 'A001' }),
  ev('l2', 0, 'agent.login', { agent: 'A002' }),
  ev('q1', 1, 'call.enqueued', { callId: 'c1', queue: 'general' }),
  ev('q2', 1.5, 'call.connected', { callId: 'c1', queue: 'general', agent: 'A001', waitS: 30 }),
  ev('q3', 4.5, 'call.ended', { callId: 'c1', queue: 'general' }),
  ev('q4', 2, 'call.enqueued', { callId: 'c2', queue: 'vip' }),
  ev('q5', 2.5, 'call.connected', { callId: 'c2', queue: 'vip', agent: 'A002', waitS: 30 }),
  ev('q6', 6, 'call.ended', { callId: 'c2', queue: 'vip' }),
  ev('q7', 3, 'call.enqueued', { callId: 'c3', queue: 'general' }),
  ev('q8', 3.2, 'call.abandoned', { callId: 'c3', queue: 'general', waitS: 12 }),
  ev('o1', 10, 'agent.logout', { agent: 'A001' }),
  ev('o2', 10, 'agent.logout', { agent: 'A002' }),
];

const answers = (store: Store) => store.db.selectFrom('survey_answers').selectAll().orderBy('id').execute();
const liveCount = async (store: Store) =>
  Number(
    (
      await store.db
        .selectFrom('live_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

forEachDatabase(
  "survey answers come in by POST /api/events, JSONL and the IVR CSV: once each, with the call's agent; unknown agent/call refused by line and field; telephony KPIs untouched",
  async (_t, store) => {
    const { app, org, as } = await testApp(store);
    const duty = await as('duty_manager');
    assert.equal((await duty.req('POST', '/api/events', { events: telephony })).status, 200);
    const kpiDay = async () => (await duty.req('GET', '/api/reports/kpi?by=day&tz=Asia/Shanghai')).body;
    const kpiAgent = async () => (await duty.req('GET', '/api/reports/kpi?by=agent&tz=Asia/Shanghai')).body;
    const before = { day: await kpiDay(), agent: await kpiAgent(), events: await liveCount(store) };
    assert.deepEqual([before.day.total.offered, before.day.total.answered], [3, 2]); // by hand: c1, c2, c3 offered; c1, c2 answered

    // --- POST /api/events
    const s1 = ev('sv1', 7, 'survey', { callId: 'c1', score: 5, scale: 5 }); // agent from the call: A001
    const s2 = ev('sv2', 8, 'survey', { agent: 'A002', score: 2, scale: 5, queue: 'vip' });
    let r = await duty.req('POST', '/api/events', { events: [s1, s2] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { received: 2, accepted: 2, duplicates: 0 });
    r = await duty.req('POST', '/api/events', { events: [s1, s2] }); // re-sent
    assert.deepEqual(r.body, { received: 2, accepted: 0, duplicates: 2 });
    let rows = await answers(store);
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((x) => [x.event_id, x.agent_id, x.call_id, x.queue, Number(x.score), x.scale_max, Number(x.ts)]),
      [
        ['sv1', org.agents.a1, 'c1', 'general', 5, 5, T + 7 * MIN],
        ['sv2', org.agents.a2, null, 'vip', 2, 5, T + 8 * MIN],
      ],
    );

    // a bad answer refuses the whole batch, naming the event and field; nothing of it is stored
    const good = ev('sv3', 9, 'survey', { callId: 'c2', score: 4, scale: 5 });
    r = await duty.req('POST', '/api/events', { events: [good, ev('sv4', 9, 'survey', { agent: 'X999', score: 4, scale: 5 })] });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'events.1.agent');
    assert.equal(r.body.reason, 'survey.unknownAgent');
    assert.equal(r.body.params.agent, 'X999');
    r = await duty.req('POST', '/api/events', [ev('sv5', 9, 'survey', { callId: 'nope', score: 4, scale: 5 })]);
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'events.0.callId');
    assert.equal(r.body.reason, 'survey.unknownCall');
    r = await duty.req('POST', '/api/events', [ev('sv6', 9, 'survey', { callId: 'c3', score: 4, scale: 5 })]);
    assert.equal(r.body.reason, 'survey.callNotAnswered');
    r = await duty.req('POST', '/api/events', [ev('sv7', 9, 'survey', { callId: 'c2', agent: 'A001', score: 4, scale: 5 })]);
    assert.equal(r.body.reason, 'survey.agentNotOnCall'); // c2 was A002's
    r = await duty.req('POST', '/api/events', [ev('sv8', 9, 'survey', { callId: 'c2', score: 6, scale: 5 })]);
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'events.0');
    assert.equal(r.body.reason, 'survey.scoreOutOfRange');
    assert.equal(r.body.params.field, 'events.0.score');
    r = await duty.req('POST', '/api/events', [ev('sv9', 9, 'survey', { callId: 'c2', score: 3, scale: 4 })]);
    assert.equal(r.body.reason, 'survey.badScale');
    assert.equal((await answers(store)).length, 2);

    // --- JSONL upload: good lines land, the bad one is named by line and field
    const jsonl = [
      JSON.stringify(good), // line 1: c2 → A002
      JSON.stringify(ev('sv10', 9, 'survey', { agent: 'X999', score: 3, scale: 5 })), // line 2: unknown agent
      JSON.stringify(ev('sv11', 9, 'survey', { callId: 'c404', score: 3, scale: 3 })), // line 3: unknown call
      JSON.stringify(ev('sv12', 9, 'survey', { callId: 'c1', score: 11, scale: 10 })), // line 4: out of range
      JSON.stringify(ev('sv13', 9, 'survey', { agent: 'B001', score: 1, scale: 2 })), // line 5: b1 by agent code
    ].join('\n');
    const up = (format: string, text: string) =>
      app.inject({
        method: 'POST',
        url: `/api/import?format=${format}&tz=Asia/Shanghai`,
        headers: { cookie: duty.cookie, 'x-csrf-token': duty.csrf, 'content-type': 'text/plain' },
        payload: text,
      });
    let res = (await up('jsonl', jsonl)).json();
    assert.equal(res.eventsStored, 2);
    assert.deepEqual(
      res.rejected.map((x: any) => [x.line, x.field, x.code]),
      [
        [2, 'agent', 'survey.unknownAgent'],
        [3, 'callId', 'survey.unknownCall'],
        [4, 'score', 'survey.scoreOutOfRange'],
      ],
    );
    assert.match(res.rejected[0].reason, /^agent: unknown agent X999/);
    res = (await up('jsonl', jsonl)).json(); // again: nothing new
    assert.equal(res.eventsStored, 0);
    assert.equal(res.duplicates, 2);
    rows = await answers(store);
    assert.equal(rows.length, 4);
    assert.deepEqual(
      rows.slice(2).map((x) => [x.event_id, x.agent_id]),
      [
        ['sv3', org.agents.a2],
        ['sv13', org.agents.b1],
      ],
    );

    // --- IVR CSV: the center's default scale (10 here) for rows without one; a row with only the call takes its end as time
    await putSetting(store.db, org.centerId, 'survey.defaultScale', 10, T);
    const csv = [
      'Call ID,Time,Agent,Score,Scale,Queue',
      'c1,,,9,,', // line 2: c1 → A001, scale 10, time = c1's end (T + 4.5 min)
      ',2026-11-02 09:30:00,A002,3,5,vip', // line 3: by agent and local time
      'c999,,,4,5,', // line 4: unknown call
      ',2026-11-02 09:31:00,X999,4,5,', // line 5: unknown agent
      'c2,,,0,5,', // line 6: score 0
      ',,A001,4,5,', // line 7: neither call nor time
      ',yesterday,A001,4,5,', // line 8: bad time
    ].join('\r\n');
    res = (await up('survey-csv', csv)).json();
    assert.equal(res.format, 'survey-csv');
    assert.equal(res.eventsStored, 2);
    assert.deepEqual(
      res.rejected.map((x: any) => [x.line, x.field, x.code]),
      [
        [4, 'callId', 'survey.unknownCall'],
        [5, 'agent', 'survey.unknownAgent'],
        [6, 'score', 'survey.scoreOutOfRange'],
        [7, 'callId', 'survey.callOrAgentRequired'],
        [8, 'time', 'survey.badTime'],
      ],
    );
    res = (await up('survey-csv', csv)).json();
    assert.deepEqual([res.eventsStored, res.duplicates], [0, 2]);
    rows = await answers(store);
    assert.equal(rows.length, 6);
    const [fromCall, byAgent] = rows.slice(4);
    assert.deepEqual(
      [fromCall!.agent_id, fromCall!.call_id, Number(fromCall!.score), fromCall!.scale_max, Number(fromCall!.ts), fromCall!.queue],
      [org.agents.a1, 'c1', 9, 10, T + 4.5 * MIN, 'general'],
    );
    assert.deepEqual([byAgent!.agent_id, Number(byAgent!.score), byAgent!.scale_max, Number(byAgent!.ts)], [org.agents.a2, 3, 5, T + 30 * MIN]); // 09:30 Shanghai = 01:30 UTC

    // telephony untouched by every survey above
    assert.deepEqual(await kpiDay(), before.day);
    assert.deepEqual(await kpiAgent(), before.agent);
    assert.equal(await liveCount(store), before.events);

    // a survey may name a call pushed in the same batch
    r = await duty.req('POST', '/api/events', [
      ev('n1', 20, 'call.enqueued', { callId: 'c5', queue: 'general' }),
      ev('n2', 20.5, 'call.connected', { callId: 'c5', queue: 'general', agent: 'B001' }),
      ev('n3', 22, 'call.ended', { callId: 'c5', queue: 'general' }),
      ev('n4', 23, 'survey', { callId: 'c5', score: 5, scale: 5 }),
    ]);
    assert.deepEqual(r.body, { received: 4, accepted: 4, duplicates: 0 });
    const last = (await answers(store)).at(-1)!;
    assert.deepEqual([last.event_id, last.agent_id], ['n4', org.agents.b1]);
    const after = await kpiDay();
    assert.deepEqual([after.total.offered, after.total.answered], [4, 3]); // the new call counts, its survey does not
  },
);

forEachDatabase(
  'complaints name the agent (from the call or chosen); duty/center managers judge them; agents see only their upheld ones',
  async (_t, store) => {
    let now = T + 60 * MIN;
    const { org, as } = await testApp(store, { now: () => now });
    // k1 rings A001 who does not answer, then A002 answers it: the complaint is about a2
    await storeEvents(store, [
      ev('k1', 0, 'call.enqueued', { callId: 'k1', queue: 'general' }),
      ev('k2', 0.2, 'call.ringing', { callId: 'k1', queue: 'general', agent: 'A001' }),
      ev('k3', 0.5, 'call.connected', { callId: 'k1', queue: 'general', agent: 'A002', waitS: 30 }),
      ev('k4', 5, 'call.ended', { callId: 'k1', queue: 'general' }),
    ]);
    const duty = await as('duty_manager');
    const center = await as('center_manager');
    const lead = await as('team_lead');
    const a1 = await as('a1');
    const a2 = await as('a2');
    const complaint = (x: object) => ({ type: 'complaint', priority: 'normal', category: '服務態度', title: '态度生硬', customerId: 'C-1', ...x });

    let r = await duty.req('POST', '/api/workorders', complaint({ callId: 'k1' }));
    assert.equal(r.status, 200);
    const fromCall = r.body.id;
    r = await duty.req('GET', `/api/workorders/${fromCall}`);
    assert.equal(r.body.agent_id, org.agents.a2);
    assert.equal(r.body.agent_name, '王芳');
    assert.equal(r.body.verdict, null);
    assert.equal(r.body.canJudge, true);

    // chosen and call disagree; unknown agent; agentId on another type
    r = await duty.req('POST', '/api/workorders', complaint({ callId: 'k1', agentId: org.agents.a1 }));
    assert.deepEqual([r.status, r.body.field, r.body.reason], [400, 'agentId', 'workorder.agentNotOnCall']);
    r = await duty.req('POST', '/api/workorders', complaint({ agentId: 999_999 }));
    assert.deepEqual([r.status, r.body.reason], [400, 'workorder.unknownAgent']);
    r = await duty.req('POST', '/api/workorders', { type: 'suggestion', priority: 'low', category: '流程', title: 'x', agentId: org.agents.a1 });
    assert.deepEqual([r.status, r.body.reason], [400, 'workorder.agentOnlyForComplaints']);
    // chosen in the form (no call)
    r = await lead.req('POST', '/api/workorders', complaint({ agentId: org.agents.b1 }));
    assert.equal(r.status, 200);
    const chosen = r.body.id;
    assert.equal((await duty.req('GET', `/api/workorders/${chosen}`)).body.agent_id, org.agents.b1);

    // before a verdict the agent concerned does not see it; the team lead of team A does
    assert.equal((await a2.req('GET', `/api/workorders/${fromCall}`)).status, 404);
    assert.ok(!(await a2.req('GET', '/api/workorders?type=complaint')).body.some((o: any) => o.id === fromCall));
    assert.equal((await lead.req('GET', `/api/workorders/${fromCall}`)).status, 200);

    // only duty / center managers judge; a note is required
    assert.equal((await a1.req('POST', `/api/workorders/${fromCall}/verdict`, { verdict: 'upheld', note: 'x' })).status, 403);
    assert.equal((await lead.req('POST', `/api/workorders/${fromCall}/verdict`, { verdict: 'upheld', note: 'x' })).status, 403);
    assert.equal((await a2.req('POST', `/api/workorders/${fromCall}/verdict`, { verdict: 'rejected', note: 'x' })).status, 403);
    r = await duty.req('POST', `/api/workorders/${fromCall}/verdict`, { verdict: 'upheld', note: '' });
    assert.deepEqual([r.status, r.body.field, r.body.reason], [400, 'note', 'workorder.verdictNoteRequired']);
    now += MIN;
    r = await duty.req('POST', `/api/workorders/${fromCall}/verdict`, { verdict: 'upheld', note: '录音核实：语气生硬' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { verdict: 'upheld', agentId: org.agents.a2, seq: 2 });
    r = await duty.req('GET', `/api/workorders/${fromCall}`);
    assert.deepEqual([r.body.verdict, r.body.verdict_by, Number(r.body.verdict_at), r.body.state], ['upheld', org.users.duty_manager, now, 'open']);
    const h = r.body.history.at(-1);
    assert.deepEqual([h.transition, h.note, h.role, h.from, h.to], ['verdict_upheld', '录音核实：语气生硬', 'duty_manager', 'open', 'open']);
    const audit = await listAudit(store.db, { entity: 'work_order', entityId: String(fromCall) } as never);
    assert.ok(
      audit.some((x: any) => x.action === 'wo.verdict'),
      'the verdict is audited',
    );

    // upheld: the agent concerned now sees it (and was told); another agent still does not
    r = await a2.req('GET', `/api/workorders/${fromCall}`);
    assert.deepEqual([r.status, r.body.verdict, r.body.agent_id, r.body.canJudge], [200, 'upheld', org.agents.a2, false]);
    assert.ok((await a2.req('GET', '/api/workorders?type=complaint')).body.some((o: any) => o.id === fromCall && o.verdict === 'upheld'));
    assert.equal((await a1.req('GET', `/api/workorders/${fromCall}`)).status, 404);

    // the center manager rejects the other one: b1 never sees it
    r = await center.req('POST', `/api/workorders/${chosen}/verdict`, { verdict: 'rejected', note: '客户误解' });
    assert.equal(r.status, 200);
    assert.equal((await (await as('b1')).req('GET', `/api/workorders/${chosen}`)).status, 404);

    // an agent raising a complaint about a colleague sees the order, not whom it names
    r = await a1.req('POST', '/api/workorders', complaint({ agentId: org.agents.a2 }));
    assert.equal(r.status, 200);
    const aboutColleague = r.body.id;
    r = await a1.req('GET', `/api/workorders/${aboutColleague}`);
    assert.deepEqual([r.status, r.body.agent_id, r.body.agent_name], [200, null, null]);
    assert.equal((await duty.req('GET', `/api/workorders/${aboutColleague}`)).body.agent_id, org.agents.a2);
    assert.equal((await a1.req('GET', '/api/workorders?type=complaint')).body.find((o: any) => o.id === aboutColleague).agent_id, null);

    // a complaint whose call is unknown names nobody: upholding it needs the agent
    r = await duty.req('POST', '/api/workorders', complaint({ callId: 'not-stored' }));
    const nobody = r.body.id;
    assert.equal((await duty.req('GET', `/api/workorders/${nobody}`)).body.agent_id, null);
    r = await duty.req('POST', `/api/workorders/${nobody}/verdict`, { verdict: 'upheld', note: '属实' });
    assert.deepEqual([r.status, r.body.reason], [400, 'workorder.verdictNeedsAgent']);
    r = await duty.req('POST', `/api/workorders/${nobody}/verdict`, { verdict: 'upheld', note: '属实', agentId: org.agents.a1 });
    assert.deepEqual(r.body.agentId, org.agents.a1);
    // not a complaint
    r = await duty.req('POST', '/api/workorders', { type: 'suggestion', priority: 'low', category: '流程', title: 'x' });
    r = await duty.req('POST', `/api/workorders/${r.body.id}/verdict`, { verdict: 'upheld', note: 'x' });
    assert.deepEqual([r.status, r.body.reason], [400, 'workorder.notComplaint']);

    // linking a call to an unattributed complaint takes the call's agent
    r = await duty.req('POST', '/api/workorders', complaint({}));
    const later = r.body.id;
    assert.equal((await duty.req('PUT', `/api/workorders/${later}/call`, { callId: 'k1' })).status, 200);
    assert.equal((await duty.req('GET', `/api/workorders/${later}`)).body.agent_id, org.agents.a2);
  },
);
