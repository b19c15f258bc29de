/** People over HTTP, the floor's side: discipline and the team fund, mood care, employee voice. (Training and the lead routine: peopleTraining.test.ts.) */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testAppWithClock } from '../testing';

const H = 3600_000;
const DAY = 24 * H;
/** 2026-11-02 (a Monday) 09:00 in Asia/Shanghai (UTC+8) = 01:00Z. */
const MON_0900 = Date.UTC(2026, 10, 2, 1, 0);
const setup = (store: Parameters<typeof testAppWithClock>[0]) => testAppWithClock(store, MON_0900);

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
    assert.equal(bad.body.field, 'rules.1.no');
    assert.equal(bad.body.reason, 'input.duplicate');
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
    assert.deepEqual(
      own.body.records.map((r: any) => Number(r.agentId)),
      [org.agents.a1],
    );
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
    ])
      assert.equal((await lead.req('POST', '/api/people/notes', n)).status, 200);
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
    assert.ok(
      n.every((r) => !('user_id' in r)),
      'answers are stored without who answered',
    );
  } finally {
    await app.close();
  }
});
