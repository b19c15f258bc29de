import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { signIn, testApp, type Client } from '../testing';

const H = 3600_000;
const DAY = 24 * H;
/** 2026-11-02 (a Monday) 09:00 in Asia/Shanghai (UTC+8) = 01:00Z. */
const MON_0900 = Date.UTC(2026, 10, 2, 1, 0);

/** A test app with a movable clock; moving it signs everyone in again (sessions expire after 8 h). */
async function setup(store: Parameters<typeof testApp>[0]) {
  let clock = MON_0900;
  const t = await testApp(store, { now: () => clock });
  let clients = new Map<string, Client>();
  const as = async (u: string) => {
    if (!clients.has(u)) clients.set(u, await signIn(t.app, u));
    return clients.get(u)!;
  };
  const setClock = (ms: number) => {
    clock = ms;
    clients = new Map();
  };
  return { ...t, as, setClock };
}

forEachDatabase('discipline: rules, violations by team leads, the team fund and attendance', async (_t, store) => {
  const { app, org, as } = await setup(store);
  try {
    const lead = await as('team_lead');
    const rules = await lead.req('GET', '/api/people/rules');
    assert.equal(rules.status, 200);
    assert.equal(rules.body.length, 28, '26 floor rules of seed 000 + lateness + early leave');

    // a violation on an agent of the lead's team → 樂捐 5 yuan = 500 fen into team A's fund
    const v = await lead.req('POST', '/api/people/violations', { ruleCode: 'R15', agentId: org.agents.a1, note: '手机响' });
    assert.equal(v.status, 200, JSON.stringify(v.body));
    assert.equal(v.body.contributionFen, 500);
    // on an agent of another team → a clear error, nothing stored
    const other = await lead.req('POST', '/api/people/violations', { ruleCode: 'R15', agentId: org.agents.b1 });
    assert.equal(other.status, 403);
    assert.match(other.body.message, /team/);
    assert.equal(other.body.field, 'agentId');
    const unknown = await lead.req('POST', '/api/people/violations', { ruleCode: 'R99', agentId: org.agents.a1 });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'ruleId');
    const bFund = await (await as('admin')).req('GET', `/api/people/fund?teamId=${org.teamB}`);
    assert.equal(bFund.body.balanceFen, 0, 'the refused fine left nothing in team B');

    // spending with receipts; not above the balance
    const spend = await lead.req('POST', '/api/people/fund/spending', { teamId: org.teamA, amountFen: 300, receiptRef: 'RC-1', description: '水果' });
    assert.equal(spend.status, 200, JSON.stringify(spend.body));
    const tooMuch = await lead.req('POST', '/api/people/fund/spending', { teamId: org.teamA, amountFen: 300, receiptRef: 'RC-2', description: '奶茶' });
    assert.equal(tooMuch.status, 409);
    assert.equal(tooMuch.body.field, 'amountFen');
    assert.equal(tooMuch.body.reason, 'people.fundInsufficient');
    const noReceipt = await lead.req('POST', '/api/people/fund/spending', { teamId: org.teamA, amountFen: 100, receiptRef: ' ', description: '奶茶' });
    assert.equal(noReceipt.body.field, 'receiptRef');
    const notMine = await lead.req('POST', '/api/people/fund/spending', { teamId: org.teamB, amountFen: 1, receiptRef: 'x', description: 'x' });
    assert.equal(notMine.status, 403);

    // the fund is visible to the team's members: 500 in − 300 out = 200
    const a1Fund = await (await as('a1')).req('GET', '/api/people/fund');
    assert.equal(a1Fund.status, 200);
    assert.deepEqual([a1Fund.body.contributedFen, a1Fund.body.spentFen, a1Fund.body.balanceFen], [500, 300, 200]);
    assert.equal(a1Fund.body.entries.length, 2);
    const b1Peek = await (await as('b1')).req('GET', `/api/people/fund?teamId=${org.teamA}`);
    assert.equal(b1Peek.status, 403);
    // agents see only their own violations
    assert.equal((await (await as('a2')).req('GET', '/api/people/violations')).body.length, 0);
    assert.equal((await (await as('a1')).req('GET', '/api/people/violations')).body.length, 1);

    // the center edits its rules: a bad rulebook names the line, a good one changes the fine
    const admin = await as('admin');
    const dup = rules.body.map((r: any, i: number) => (i === 1 ? { ...r, no: 1 } : r));
    const bad = await admin.req('PUT', '/api/people/rules', { rules: dup });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'rules[1].no');
    const edited = rules.body.map((r: any) => (r.id === 'R15' ? { ...r, consequence: { kind: 'contribution', amountFen: 1000 } } : r));
    assert.equal((await admin.req('PUT', '/api/people/rules', { rules: edited })).status, 200);
    const v2 = await lead.req('POST', '/api/people/violations', { ruleCode: 'R15', agentId: org.agents.a2 });
    assert.equal(v2.body.contributionFen, 1000);
    const audit = await admin.req('GET', '/api/audit?limit=50');
    const actions = audit.body.map((a: any) => a.action);
    for (const a of ['people.violation.record', 'people.fund.spend', 'people.rules.update']) assert.ok(actions.includes(a), a);

    // attendance from imported shifts and login segments (09:00–18:00 local = 01:00–10:00Z)
    const wfm = await as('wfm');
    const day = '2026-11-02';
    const s0 = Date.UTC(2026, 10, 2, 1, 0);
    const s1 = Date.UTC(2026, 10, 2, 10, 0);
    const imp = await wfm.req('POST', '/api/people/attendance/import', {
      shifts: [org.agents.a1, org.agents.a2, org.agents.b1].map((agentId) => ({ agentId, date: day, start: s0, end: s1 })),
      segments: [
        { agentId: org.agents.a1, login: s0 + 7 * 60_000, logout: s1 }, // late by 7 min
        { agentId: org.agents.b1, login: s0 - 5 * 60_000, logout: s1 - 30 * 60_000 }, // early by 30 min
      ],
    });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    const badImp = await wfm.req('POST', '/api/people/attendance/import', { shifts: [{ agentId: org.agents.a1, date: day, start: s1, end: s0 }] });
    assert.equal(badImp.body.field, 'shifts[0].end');
    // out-of-range or impossible times are refused naming the line and field (a 500 before), nothing stored
    const refusedImport = async (body: object, field: string, reason?: string) => {
      const r = await wfm.req('POST', '/api/people/attendance/import', body);
      assert.deepEqual([r.status, r.body.field], [400, field], JSON.stringify(r.body));
      if (reason) assert.equal(r.body.reason, reason);
    };
    const sh = { agentId: org.agents.a2, date: day, start: s0, end: s1 };
    await refusedImport({ shifts: [sh, { ...sh, start: 9e15, end: 9e15 + 1 }] }, 'shifts[1].start', 'input.dateOutOfRange'); // not a Date: was a 500
    await refusedImport({ shifts: [{ ...sh, end: 8.64e15 + 1 }] }, 'shifts[0].end', 'input.dateOutOfRange');
    // an impossible calendar date is refused at the edge by the shared date atom (the request's own path)
    await refusedImport({ shifts: [{ ...sh, date: '2026-02-30' }] }, 'body.shifts.0.date', 'input.badDate');
    await refusedImport({ shifts: [{ ...sh, end: s0 + 25 * 3_600_000 }] }, 'shifts[0].end', 'people.shiftTooLong');
    await refusedImport({ shifts: [{ ...sh, date: '2026-11-09' }] }, 'shifts[0].start', 'people.shiftNotOnDate');
    await refusedImport({ segments: [{ agentId: org.agents.a2, login: -9e15, logout: null }] }, 'segments[0].login', 'input.dateOutOfRange');
    await refusedImport({ segments: [{ agentId: org.agents.a2, login: s0, logout: 9e15 }] }, 'segments[0].logout', 'input.dateOutOfRange');
    const att = await lead.req('GET', `/api/people/attendance?from=${day}&to=${day}`);
    const byAgent = Object.fromEntries(att.body.records.map((r: any) => [Number(r.agentId), r]));
    assert.equal(Object.keys(byAgent).length, 2, 'the lead sees team A only');
    assert.equal(byAgent[org.agents.a1].status, 'late');
    assert.equal(byAgent[org.agents.a1].lateMinutes, 7);
    assert.equal(byAgent[org.agents.a2].status, 'absent');
    const all = await (await as('center_manager')).req('GET', `/api/people/attendance?from=${day}&to=${day}`);
    const b1 = all.body.records.find((r: any) => Number(r.agentId) === org.agents.b1);
    assert.equal(b1.status, 'early_leave');
    assert.equal(b1.earlyLeaveMinutes, 30);
    const own = await (await as('a1')).req('GET', `/api/people/attendance?from=${day}&to=${day}`);
    assert.deepEqual(own.body.records.map((r: any) => Number(r.agentId)), [org.agents.a1]);
  } finally {
    await app.close();
  }
});

forEachDatabase('mood care: check-in, board, cycles, prompts; private notes reach only the right roles', async (_t, store) => {
  const { app, org, as, setClock } = await setup(store);
  try {
    await as('a1');
    const bad = await (await as('a2')).req('POST', '/api/people/mood', { mood: 9 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'mood');
    // three low mornings in a row (Mon, Tue, Wed) → a prompt to the lead
    const moods = [2, 1, 2];
    for (const [i, m] of moods.entries()) {
      setClock(MON_0900 + i * DAY);
      const r = await (await as('a1')).req('POST', '/api/people/mood', { mood: m, note: i === 2 ? '家里有事' : undefined });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    assert.equal((await (await as('a2')).req('POST', '/api/people/mood', { mood: '很好' })).status, 200);
    const lead = await as('team_lead');
    const board = await lead.req('GET', '/api/people/mood/board?date=2026-11-04');
    assert.equal(board.status, 200);
    // a1: 2, a2: 5 → checked in 2, average (2+5)/2 = 3.5, a1 low
    assert.equal(board.body.checkedIn, 2);
    assert.equal(board.body.average, 3.5);
    assert.deepEqual(board.body.low, [org.agents.a1]);
    assert.equal(board.body.members.find((m: any) => m.agentId === org.agents.a1).note, '家里有事');
    assert.equal((await (await as('qa')).req('GET', '/api/people/mood/board')).status, 403);
    assert.equal((await (await as('a1')).req('GET', '/api/people/mood/board')).status, 403);
    const bBoard = await lead.req('GET', `/api/people/mood/board?teamId=${org.teamB}`);
    assert.equal(bBoard.status, 403, 'a lead sees only their teams');

    const prompts = await lead.req('GET', '/api/people/mood/prompts');
    assert.equal(prompts.body.length, 1);
    assert.equal(prompts.body[0].kind, 'low_mood_streak');
    assert.equal(prompts.body[0].agentId, org.agents.a1);

    const cycles = await lead.req('GET', `/api/people/mood/cycles?teamId=${org.teamA}&from=2026-11-01&to=2026-11-30`);
    // Mon: a1 2 → 2; Wed: a1 2 and a2 5 → 3.5
    assert.equal(cycles.body[0].byWeekday[1].average, 2);
    assert.equal(cycles.body[0].byWeekday[3].average, 3.5);

    // notes: a 1-to-1 private note and a correction about a1, praise of a2
    for (const n of [
      { kind: 'lead_private', agentId: org.agents.a1, text: 'PRIVATE-谈心', followUp: '下周再聊', followUpOn: '2026-11-10' },
      { kind: 'correction', agentId: org.agents.a1, text: 'CORRECTION-语速' },
      { kind: 'praise', agentId: org.agents.a2, text: 'PRAISE-表扬' },
    ]) assert.equal((await lead.req('POST', '/api/people/notes', n)).status, 200);
    assert.equal((await lead.req('POST', '/api/people/notes', { kind: 'praise', agentId: org.agents.b1, text: 'x' })).status, 403);

    // who sees what, worked out from the rule (private: author + roles above a lead, never the agent;
    // praise: the team, the author, roles above; correction: the agent and the author only)
    const expected: Record<string, string[]> = {
      admin: ['PRIVATE', 'PRAISE'],
      center_manager: ['PRIVATE', 'PRAISE'],
      duty_manager: ['PRIVATE', 'PRAISE'],
      team_lead: ['PRIVATE', 'CORRECTION', 'PRAISE'],
      qa: [],
      wfm: [],
      trainer: [],
      expert: [],
      a1: ['CORRECTION', 'PRAISE'],
      a2: ['PRAISE'],
      b1: [],
    };
    for (const [who, kinds] of Object.entries(expected)) {
      const r = await (await as(who)).req('GET', '/api/people/notes');
      assert.equal(r.status, 200, who);
      const seen = r.body.map((n: any) => n.text.split('-')[0]).sort();
      assert.deepEqual(seen, [...kinds].sort(), `notes seen by ${who}`);
    }
    // the check-in note: the agent's lead and roles above see it on the board, nobody else gets the board
    const dutyBoard = await (await as('duty_manager')).req('GET', `/api/people/mood/board?teamId=${org.teamA}&date=2026-11-04`);
    assert.equal(dutyBoard.body.members.find((m: any) => m.agentId === org.agents.a1).note, '家里有事');
  } finally {
    await app.close();
  }
});

forEachDatabase('employee voice is anonymous when asked; surveys are answered once', async (_t, store) => {
  const { app, as } = await setup(store);
  try {
    const a1 = await as('a1');
    const p = await a1.req('POST', '/api/people/voice', { kind: 'complaint', text: '排班太紧', anonymous: true, extra: 'dropped' });
    assert.equal(p.status, 200);
    const row = await store.db.selectFrom('people_voice_posts').selectAll().where('id', '=', p.body.id).executeTakeFirstOrThrow();
    assert.equal(row.author_id, null);
    assert.equal(row.team_id, null);
    assert.equal((await a1.req('POST', '/api/people/voice', { kind: 'complaint', text: '  ', anonymous: true })).body.field, 'text');
    const named = await (await as('a2')).req('POST', '/api/people/voice', { kind: 'suggestion', text: '增加绿植', anonymous: false });
    assert.equal(named.status, 200);
    assert.equal((await a1.req('POST', `/api/people/voice/${p.body.id}/reply`, { reply: 'x' })).status, 403);
    assert.equal((await (await as('duty_manager')).req('POST', `/api/people/voice/${p.body.id}/reply`, { reply: '下月起调整' })).status, 200);
    const list = await (await as('b1')).req('GET', '/api/people/voice');
    const anon = list.body.find((x: any) => x.id === p.body.id);
    assert.equal(anon.author_name, null);
    assert.equal(anon.reply, '下月起调整');
    assert.equal(list.body.find((x: any) => x.id === named.body.id).author_name, 'a2');

    const admin = await as('admin');
    const s = await admin.req('POST', '/api/people/surveys', {
      title: '满意度',
      invited: 3,
      questions: [
        { id: 'q1', kind: 'scale', text: '总体满意度', min: 1, max: 5 },
        { id: 'q2', kind: 'text', text: '建议' },
      ],
    });
    assert.equal(s.status, 200);
    assert.equal((await a1.req('POST', `/api/people/surveys/${s.body.id}/answers`, { answers: { q1: 4, q2: '好' } })).status, 200);
    assert.equal((await a1.req('POST', `/api/people/surveys/${s.body.id}/answers`, { answers: { q1: 4 } })).status, 409);
    const outOfRange = await (await as('a2')).req('POST', `/api/people/surveys/${s.body.id}/answers`, { answers: { q1: 9 } });
    assert.equal(outOfRange.status, 400);
    assert.equal((await (await as('b1')).req('POST', `/api/people/surveys/${s.body.id}/answers`, { answers: { q1: 2 } })).status, 200);
    const res = await admin.req('GET', `/api/people/surveys/${s.body.id}/results`);
    // 2 answers of 3 invited; q1 mean (4+2)/2 = 3
    assert.equal(res.body.responses, 2);
    assert.equal(res.body.questions[0].mean, 3);
    assert.deepEqual(res.body.questions[0].counts, [0, 1, 0, 1, 0]);
    const n = await store.db.selectFrom('people_survey_responses').selectAll().execute();
    assert.ok(n.every((r) => !('user_id' in r)), 'answers are stored without who answered');
  } finally {
    await app.close();
  }
});

forEachDatabase('exam → certification → set live on the queue; late submission refused; expiry', async (_t, store) => {
  const { app, org, as, setClock } = await setup(store);
  try {
    const trainer = await as('trainer');
    const admin = await as('admin');
    // before billing is under certification, queues are free
    assert.equal((await admin.req('PATCH', `/api/agents/${org.agents.b1}`, { queues: ['general', 'tech'] })).status, 200);
    assert.equal((await trainer.req('PUT', '/api/people/cert-queues/billing', {})).status, 200);
    const qs = await trainer.req('POST', '/api/people/questions', {
      bank: '账务',
      questions: [
        { kind: 'single', text: '账单日是？', options: ['1日', '15日'], answer: 0, points: 40 },
        { kind: 'multiple', text: '可退费的情形', options: ['重复扣费', '套餐到期', '系统故障'], answers: [0, 2], points: 40 },
        { kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 20 },
      ],
    });
    assert.equal(qs.status, 200, JSON.stringify(qs.body));
    const ids: number[] = qs.body.ids;
    const unknownQueue = await trainer.req('POST', '/api/people/exams', { title: 'x', queue: 'nope', questionIds: ids, timeLimitMin: 10 });
    assert.equal(unknownQueue.status, 400);
    assert.equal(unknownQueue.body.field, 'queue');
    // no cool-down here: three attempts within a quarter of an hour (limits are tested in their own test)
    const exam = await trainer.req('POST', '/api/people/exams', { title: '账务认证', queue: 'billing', questionIds: ids, timeLimitMin: 10, cooldownHours: 0 });
    assert.equal(exam.status, 200);

    // not certified yet → cannot go live on billing
    const refused = await admin.req('PATCH', `/api/agents/${org.agents.a1}`, { queues: ['general', 'billing'] });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.field, 'queues');
    assert.match(refused.body.message, /billing/);
    assert.deepEqual((await admin.req('GET', `/api/agents/${org.agents.a1}`)).body.queues, ['general'], 'nothing changed');

    const a1 = await as('a1');
    // options are shuffled per attempt: answers are given by the position of the option's text as shown
    const rightText: Record<number, string | string[] | boolean> = { [ids[0]]: '1日', [ids[1]]: ['重复扣费', '系统故障'], [ids[2]]: false };
    const answersFor = (attempt: any, byText: Record<number, string | string[] | boolean>) =>
      Object.fromEntries(
        attempt.questions.map((q: any) => {
          const v = byText[q.id]!;
          return [q.id, typeof v === 'boolean' ? v : Array.isArray(v) ? v.map((x) => q.options.indexOf(x)) : q.options.indexOf(v)];
        }),
      );
    // a submission after 10 min + 30 s grace is refused and stores nothing
    const late = await a1.req('POST', `/api/people/exams/${exam.body.id}/start`);
    const right = answersFor(late.body, rightText);
    assert.equal(late.status, 200);
    assert.ok(late.body.questions.every((q: any) => !('answer' in q)), 'no answer keys for the agent');
    setClock(MON_0900 + 11 * 60_000);
    const lateSub = await a1.req('POST', `/api/people/attempts/${late.body.attemptId}/submit`, { answers: right });
    assert.equal(lateSub.status, 400);
    assert.equal(lateSub.body.field, 'submittedAt');
    assert.equal((await a1.req('GET', '/api/people/certifications')).body.length, 0);

    // wrong multiple answer: 40 + 0 + 20 = 60 % < 80 % → failed, no certification
    const t1 = await a1.req('POST', `/api/people/exams/${exam.body.id}/start`);
    setClock(MON_0900 + 13 * 60_000);
    const failed = await a1.req('POST', `/api/people/attempts/${t1.body.attemptId}/submit`, { answers: answersFor(t1.body, { ...rightText, [ids[1]]: ['重复扣费'] }) });
    assert.equal(failed.body.status, 'failed');
    assert.equal(failed.body.percent, 60);
    const t2 = await a1.req('POST', `/api/people/exams/${exam.body.id}/start`);
    setClock(MON_0900 + 15 * 60_000);
    const passed = await a1.req('POST', `/api/people/attempts/${t2.body.attemptId}/submit`, { answers: answersFor(t2.body, rightText) });
    assert.equal(passed.body.status, 'passed');
    assert.equal(passed.body.percent, 100);
    // valid for 365 days from the submission
    assert.equal(passed.body.certification.validUntil, MON_0900 + 15 * 60_000 + 365 * DAY);
    assert.equal((await admin.req('PATCH', `/api/agents/${org.agents.a1}`, { queues: ['general', 'billing'] })).status, 200);

    // a team lead sees the training record of their agent; another team's agent does not
    const rec = await (await as('team_lead')).req('GET', `/api/people/agents/${org.agents.a1}/record`);
    assert.equal(rec.status, 200);
    assert.equal(rec.body.certifications.length, 1);
    // exam average (60 + 100) / 2 = 80; tenure 2024-05-01 → 2026-11-02 = 30 months; QA not yet known → 初级 (中级 needs QA ≥ 85)
    assert.equal(rec.body.examAvg, 80);
    assert.equal(rec.body.tenureMonths, 30);
    assert.equal(rec.body.skill.level, '初级');
    assert.equal((await (await as('b1')).req('GET', `/api/people/agents/${org.agents.a1}/record`)).status, 403);

    // 340 days later: 365 − 340 = 25 days left, inside the 30-day warning
    setClock(MON_0900 + 15 * 60_000 + 340 * DAY);
    const warn = await (await as('trainer')).req('GET', '/api/people/certifications/warnings');
    assert.equal(warn.body.length, 1, JSON.stringify(warn.body));
    assert.equal(warn.body[0].daysLeft, 25);
    assert.equal(warn.body[0].status, 'expiring');
    // after expiry, adding billing to another agent… and to a1 again after removal, is refused
    setClock(MON_0900 + 15 * 60_000 + 366 * DAY);
    const admin2 = await as('admin');
    assert.equal((await admin2.req('PATCH', `/api/agents/${org.agents.a1}`, { queues: ['general'] })).status, 200);
    const lapsed = await admin2.req('PATCH', `/api/agents/${org.agents.a1}`, { queues: ['general', 'billing'] });
    assert.equal(lapsed.status, 400);
    assert.match(lapsed.body.message, /lapsed/);
    // a new agent created straight onto a certified queue is refused too
    const created = await admin2.req('POST', '/api/agents', { employeeNo: 'N1', name: '新人', teamId: org.teamA, hireDate: '2027-11-01', queues: ['billing'] });
    assert.equal(created.status, 400);

    // short answers wait for the trainer
    const trainer2 = await as('trainer');
    const sq = await trainer2.req('POST', '/api/people/questions', { bank: '服务', questions: [{ kind: 'short', text: '如何安抚投诉客户？', points: 10 }] });
    const ex2 = await trainer2.req('POST', '/api/people/exams', { title: '服务', questionIds: sq.body.ids, timeLimitMin: 5, passPercent: 60 });
    const t3 = await (await as('a2')).req('POST', `/api/people/exams/${ex2.body.id}/start`);
    const sub = await (await as('a2')).req('POST', `/api/people/attempts/${t3.body.attemptId}/submit`, { answers: { [sq.body.ids[0]]: '先倾听，再致歉' } });
    assert.equal(sub.body.status, 'pending_manual');
    const tooHigh = await trainer2.req('POST', `/api/people/attempts/${t3.body.attemptId}/marks`, { marks: { [sq.body.ids[0]]: 11 } });
    assert.equal(tooHigh.status, 400);
    const marked = await trainer2.req('POST', `/api/people/attempts/${t3.body.attemptId}/marks`, { marks: { [sq.body.ids[0]]: 7 } });
    assert.equal(marked.body.status, 'passed'); // 7 / 10 = 70 % ≥ 60 %
  } finally {
    await app.close();
  }
});

forEachDatabase('the lead routine: briefing notices read by agents, post-shift report up to the duty manager, tasks', async (_t, store) => {
  const { app, org, as, setClock } = await setup(store);
  try {
    const lead = await as('team_lead');
    assert.equal((await lead.req('POST', '/api/people/notices', { teamId: org.teamB, text: 'x' })).status, 403);
    const n = await lead.req('POST', '/api/people/notices', { teamId: org.teamA, text: '今天起新资费上线' });
    assert.equal(n.status, 200);
    const a1 = await as('a1');
    const b = await a1.req('GET', '/api/people/briefing');
    assert.equal(b.status, 200);
    assert.equal(b.body.longerMeeting, true, '2026-11-02 is a Monday');
    assert.deepEqual(b.body.notices.map((x: any) => [x.text, x.read]), [['今天起新资费上线', false]]);
    assert.equal((await a1.req('POST', `/api/people/notices/${n.body.id}/read`)).status, 200);
    assert.equal((await (await as('b1')).req('POST', `/api/people/notices/${n.body.id}/read`)).status, 404);
    const lb = await lead.req('GET', '/api/people/briefing');
    assert.equal(lb.body.notices[0].readCount, 1);
    assert.deepEqual(lb.body.notices[0].unread, ['王芳']);

    assert.equal((await lead.req('POST', '/api/people/shift-log', { teamId: org.teamA, kind: 'coaching', agentId: org.agents.a1, text: '辅导开场白' })).status, 200);
    const r1 = await lead.req('POST', '/api/people/reports', { teamId: org.teamA, figures: { offered: 100, answered: 90 }, notes: ['系统卡顿半小时'] });
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    assert.equal(r1.body.log.coaching, 1);
    assert.equal(r1.body.kpis.find((k: any) => k.name === 'answerRate').value, 0.9);
    assert.equal((await lead.req('POST', '/api/people/reports', { teamId: org.teamA })).status, 409);
    setClock(MON_0900 + DAY);
    assert.equal((await (await as('team_lead')).req('POST', '/api/people/reports', { teamId: org.teamA, figures: { offered: 300, answered: 240 } })).status, 200);
    const duty = await as('duty_manager');
    const lead2 = await as('team_lead');
    const reps = await duty.req('GET', '/api/people/reports?from=2026-11-01&to=2026-11-30');
    assert.equal(reps.body.length, 2);
    // the next morning's briefing reads yesterday's figures: 240 / 300 = 0.8
    const b2 = await lead2.req('GET', '/api/people/briefing?date=2026-11-04');
    assert.equal(b2.body.kpis.find((k: any) => k.name === 'answerRate').value, 0.8);
    const agg = await duty.req('GET', '/api/people/reports/aggregate?by=month&from=2026-11-01&to=2026-11-30');
    // (90 + 240) / (100 + 300) = 0.825, from the sums, not the mean of 0.9 and 0.8
    assert.equal(agg.body[0].kpis.answerRate, 0.825);
    assert.equal(agg.body[0].days, 2);

    // tasks: one on time, one late, one open in November → 1/3 on time
    const leadId = org.users.team_lead;
    const mk = async (dueOn: string) => (await duty.req('POST', '/api/people/tasks', { leadId, title: `任务${dueOn}`, dueOn })).body.id;
    const t1 = await mk('2026-11-05');
    const t2 = await mk('2026-11-10');
    await mk('2026-11-20');
    assert.equal((await duty.req('POST', '/api/people/tasks', { leadId: org.users.qa, title: 'x', dueOn: '2026-11-20' })).body.field, 'leadId');
    assert.equal((await lead2.req('POST', `/api/people/tasks/${t1}/done`, { completedOn: '2026-11-04' })).status, 200);
    assert.equal((await lead2.req('POST', `/api/people/tasks/${t2}/done`, { completedOn: '2026-11-12' })).status, 200);
    const c = await duty.req('GET', '/api/people/tasks/completion?month=2026-11');
    assert.deepEqual([c.body[0].due, c.body[0].onTime, c.body[0].late, c.body[0].open], [3, 1, 1, 1]);
    assert.equal(c.body[0].onTimeRate, 0.3333);
  } finally {
    await app.close();
  }
});

forEachDatabase('attrition: leavers with exit reasons, rate per team and month, tenure, at-risk', async (_t, store) => {
  const { app, org, as, setClock } = await setup(store);
  try {
    const admin = await as('admin');
    const bad = await admin.req('POST', '/api/people/leavers', { agentId: org.agents.a2, leftDate: '2026-11-15', reasonCode: 'bored' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.field, /reasonCode/);
    assert.equal((await admin.req('GET', `/api/agents/${org.agents.a2}`)).body.status, 'active', 'nothing half-saved');
    const ok = await admin.req('POST', '/api/people/leavers', { agentId: org.agents.a2, leftDate: '2026-11-15', reasonCode: 'pay', reasonText: '外企offer' });
    assert.equal(ok.status, 200);
    const agent = (await admin.req('GET', `/api/agents/${org.agents.a2}`)).body;
    assert.deepEqual([agent.status, agent.left_date], ['left', '2026-11-15']);

    setClock(Date.UTC(2026, 11, 1, 2));
    const a = await (await as('admin')).req('GET', `/api/people/attrition?month=2026-11&months=1&teamId=${org.teamA}`);
    assert.equal(a.status, 200);
    // team A: a1 and a2 at the start of November, a1 at the end → 1 / ((2 + 1) / 2) = 0.6667
    const nov = a.body.byTeam[0].months[0];
    assert.deepEqual([nov.headcountStart, nov.headcountEnd, nov.leavers], [2, 1, 1]);
    assert.equal(nov.rate, 0.6667);
    assert.equal(a.body.reasons[0].counts.pay, 1);
    // hired 2026-03-01, left 2026-11-15: 8 whole months → 6–12 months band
    assert.equal(a.body.tenure.find((b: any) => b.leavers === 1).label, '6-12个月');
    assert.equal((await (await as('team_lead')).req('GET', `/api/people/attrition?teamId=${org.teamB}`)).status, 403);

    // at-risk: a1's moods 1, 2, 1 over the last days: mean 4/3 ≤ 2.5 → weight 0.4 ≥ 0.25
    for (const [i, m] of [1, 2, 1].entries()) {
      setClock(Date.UTC(2026, 11, 1 + i, 1));
      await (await as('a1')).req('POST', '/api/people/mood', { mood: m });
    }
    const risk = await (await as('team_lead')).req('GET', '/api/people/at-risk');
    assert.equal(risk.status, 200);
    assert.deepEqual(risk.body.map((r: any) => [r.agentId, r.score]), [[org.agents.a1, 0.4]]);
  } finally {
    await app.close();
  }
});
