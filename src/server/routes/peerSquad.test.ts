/**
 * A squad leader (小隊長) acting for the lead on their squad in the lead's routine (issue 17), through the API
 * on both databases: coaching and listening entries of the shift log about a member (written as the squad
 * leader's, audited, read by the lead, not counted in the lead's scorecard), the squad's post-shift report,
 * the squad's figures of a day and live tiles. Refused: a plain agent, an agent of the same team outside the
 * squad, another team's and another center's agents (404), and the former squad leader once another leader
 * is named or the squad is dissolved.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp, signIn, testPasswordHash } from '../testing';
import { storeEvents } from '../../store/live/ingest';
import { createAgent, createCenter, createTeam, createUser } from '../../store/org';
import { eventMakers, oneCallSession } from './facts.fixtures';

const H = 3600_000;
// Asia/Shanghai (UTC+8); 2026-11-02 is a Monday
const at = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`) - 8 * H;
const D = '2026-11-02';

forEachDatabase('a squad leader writes coaching and the squad’s report, sees its figures; refused outside the squad and after removal', async (_t, store) => {
  const { org, as, app } = await testApp(store, { now: () => at(D, '18:00') });
  try {
    const db = store.db;
    const now = at(D, '07:00');
    const hash = await testPasswordHash();
    // a3: team A but not in the squad; x1: an agent of another center
    const A3 = await createAgent(
      db,
      {
        centerId: org.centerId,
        teamId: org.teamA,
        employeeNo: 'A003',
        name: '赵敏',
        hireDate: '2025-01-01',
        skillLevel: 'junior',
        extCode: 'A003',
        queues: ['general'],
      },
      now,
    );
    await createUser(db, { username: 'a3', displayName: 'a3', passwordHash: hash, roles: ['agent'], agentId: A3, centerId: org.centerId }, now);
    const c2 = await createCenter(db, '第二中心', 'Asia/Shanghai', now);
    const t2 = await createTeam(db, { centerId: c2, name: 'X组', leadUserId: null }, now);
    const X1 = await createAgent(
      db,
      { centerId: c2, teamId: t2, employeeNo: 'X001', name: '外中心', hireDate: '2025-01-01', skillLevel: 'junior', extCode: 'X001', queues: ['general'] },
      now,
    );
    const { a1: A1, a2: A2, b1: B1 } = org.agents;
    // the day's calls: a1 one call, talk 09:30:10–09:33:10 (180 s) + after-call work to 09:34:10 (60 s) → AHT 240 s;
    // b1 (team B, outside the squad) one call of 600 s talk + 60 s after-call work, which the squad's figures must not hold
    const m = eventMakers();
    const session = oneCallSession(m);
    const b1Day = session(D, 'c-b1', '09:40:10', '09:41:10').map((e) => (e.agent === 'A001' ? { ...e, agent: 'B001' } : e));
    await storeEvents(store, [...session(D, 'c-a1', '09:33:10', '09:34:10'), ...b1Day], { centerId: org.centerId });

    const lead = await as('team_lead'); // leads team A
    const [a1, a2, b1] = [await as('a1'), await as('a2'), await as('b1')];
    const a3 = await signIn(app, 'a3');
    const admin = await as('admin');

    const squad = await lead.req('PUT', '/api/peer/squads', { teamId: org.teamA, leaderAgentId: A1, name: '一小队', memberIds: [A2] });
    assert.equal(squad.status, 200, JSON.stringify(squad.body));
    const squadId = squad.body.id as number;
    // the web learns who leads a squad from /api/auth/me
    assert.deepEqual((await a1.req('GET', '/api/auth/me')).body.user.squadIds, [squadId]);
    assert.deepEqual((await a2.req('GET', '/api/auth/me')).body.user.squadIds, []);

    // ---- coaching and listening entries (辅导 / 听录音) ----
    const entry = (agentId: number | undefined, extra: object = {}) => ({
      teamId: org.teamA,
      date: D,
      kind: 'coaching',
      agentId,
      text: '开场白练习',
      ...extra,
    });
    const wrote = await a1.req('POST', '/api/people/shift-log', entry(A2));
    assert.equal(wrote.status, 200, JSON.stringify(wrote.body));
    assert.equal((await a1.req('POST', '/api/people/shift-log', entry(A2, { kind: 'listening', text: '听录音两通' }))).status, 200);
    // outside the squad: the same team's a3, team B's b1, another center's x1, the leader themselves — all as absent
    for (const id of [A3, B1, X1, A1]) {
      const r = await a1.req('POST', '/api/people/shift-log', entry(id));
      assert.equal(r.status, 404, `agent ${id}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.reason, 'common.notFound');
    }
    const otherTeam = await a1.req('POST', '/api/people/shift-log', { ...entry(A2), teamId: org.teamB });
    assert.equal(otherTeam.status, 404);
    // a care talk or an escalation stays the lead's; the entry names a member
    const care = await a1.req('POST', '/api/people/shift-log', entry(A2, { kind: 'care_talk' }));
    assert.equal(care.status, 403);
    assert.equal(care.body.reason, 'peer.squadLogKind');
    const nobody = await a1.req('POST', '/api/people/shift-log', entry(undefined));
    assert.equal(nobody.status, 400);
    assert.equal(nobody.body.field, 'agentId');
    // a plain agent (a squad member, another team's agent) is refused
    for (const c of [a2, b1, a3]) {
      const r = await c.req('POST', '/api/people/shift-log', entry(A2));
      assert.equal(r.status, 403);
      assert.equal(r.body.reason, 'peer.squadLeaderOnly');
      assert.equal((await c.req('GET', `/api/people/shift-log?teamId=${org.teamA}&date=${D}`)).status, 403);
    }

    // the lead writes too: a coaching about a3 (outside the squad), a care talk and a coaching about a2
    for (const e of [entry(A3, { text: '话术纠正' }), entry(A2, { kind: 'care_talk', text: '家里有事' }), entry(A2, { text: '投诉处理' })])
      assert.equal((await lead.req('POST', '/api/people/shift-log', e)).status, 200);
    // the lead reads every entry, the squad leader's as theirs (author, squad)
    const leadLog = (await lead.req('GET', `/api/people/shift-log?teamId=${org.teamA}&date=${D}`)).body as {
      text: string;
      author_name: string;
      squad_id: number | null;
    }[];
    assert.equal(leadLog.length, 5);
    const bySquad = leadLog.filter((e) => e.squad_id === squadId);
    assert.deepEqual(bySquad.map((e) => `${e.text} ${e.author_name}`).sort(), ['开场白练习 a1', '听录音两通 a1'].sort());
    // the squad leader reads the coaching and listening about their squad (theirs and the lead's), not the care talk nor a3's
    const mine = (await a1.req('GET', `/api/people/shift-log?date=${D}`)).body as { text: string }[];
    assert.deepEqual(mine.map((e) => e.text).sort(), ['开场白练习', '投诉处理', '听录音两通'].sort());
    assert.equal((await a1.req('GET', `/api/people/shift-log?teamId=${org.teamB}&date=${D}`)).status, 404);
    // audited as the squad leader's
    const audited = await admin.req('GET', '/api/audit?action=peer.squad.logEntry');
    assert.equal(audited.status, 200);
    const rows = (audited.body.items ?? audited.body) as { user_id?: number; userId?: number; entity_id?: string; entityId?: string }[];
    assert.equal(rows.length, 2, JSON.stringify(audited.body));
    assert.ok(rows.every((r) => (r.user_id ?? r.userId) === org.users.a1 && String(r.entity_id ?? r.entityId) === String(A2)));
    // the lead's scorecard counts the lead's own coaching and listening: 2 (a3's and a2's coaching), not the squad leader's 2
    const cards = await admin.req('GET', '/api/goals/lead-scorecards?month=2026-11');
    assert.equal(cards.status, 200, JSON.stringify(cards.body));
    const card = (cards.body.cards as { leadId: number; input: { coachings: number; reportsSent: number } }[]).find((c) => c.leadId === org.users.team_lead)!;
    assert.equal(card.input.coachings, 2);

    // ---- the squad's post-shift report ----
    // the day's violations: a2's (in the squad, 5 yuan) counts; a3's (team A, outside the squad) does not
    for (const agentId of [A2, A3]) assert.equal((await lead.req('POST', '/api/people/violations', { ruleCode: 'R15', agentId })).status, 200);
    const sent = await a1.req('POST', `/api/peer/squads/${squadId}/reports`, { date: D, notes: ['王芳情绪好转'] });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    // the squad's agents: a1's one call (b1's is another team's); its coaching and listening about the squad: 2 + 1 and 1
    assert.equal(sent.body.report.handled, 1);
    assert.equal(sent.body.report.talkS, 180);
    assert.equal(sent.body.report.acwS, 60);
    assert.equal(sent.body.log.coaching, 2);
    assert.equal(sent.body.log.listening, 1);
    assert.equal(sent.body.log.care_talk, 0);
    assert.equal(sent.body.report.violations, 1);
    assert.equal(sent.body.report.contributionFen, 500);
    assert.deepEqual(sent.body.agentIds, [A1, A2]);
    assert.equal(sent.body.authorName, 'a1');
    assert.deepEqual(sent.body.notes, ['王芳情绪好转']);
    const again = await a1.req('POST', `/api/peer/squads/${squadId}/reports`, { date: D, notes: [] });
    assert.equal(again.status, 409);
    // only its leader sends it: the lead sends the team's; a member is refused; a squad id not theirs is absent
    const byLead = await lead.req('POST', `/api/peer/squads/${squadId}/reports`, { date: D, notes: [] });
    assert.equal(byLead.status, 403);
    assert.equal(byLead.body.reason, 'peer.squadLeaderOnly');
    assert.equal((await a2.req('POST', `/api/peer/squads/${squadId}/reports`, { date: D, notes: [] })).status, 403);
    assert.equal((await a1.req('POST', `/api/peer/squads/${squadId + 1}/reports`, { date: D, notes: [] })).status, 404);
    // the lead sees it; it is not the team's report (the lead's scorecard counts none sent)
    const listed = (await lead.req('GET', `/api/peer/squad-reports?from=${D}&to=${D}`)).body as { squadName: string; authorName: string }[];
    assert.deepEqual(
      listed.map((r) => [r.squadName, r.authorName]),
      [['一小队', 'a1']],
    );
    assert.equal((await a1.req('GET', `/api/peer/squad-reports?from=${D}&to=${D}`)).body.length, 1);
    assert.equal((await lead.req('GET', `/api/people/reports?from=${D}&to=${D}`)).body.length, 0);
    const card2 = (
      (await admin.req('GET', '/api/goals/lead-scorecards?month=2026-11')).body.cards as { leadId: number; input: { reportsSent: number } }[]
    ).find((c) => c.leadId === org.users.team_lead)!;
    assert.equal(card2.input.reportsSent, 0);
    for (const c of [a2, b1]) assert.equal((await c.req('GET', '/api/peer/squad-reports')).status, 403);

    // ---- squad figures of the day (computeFacts over the squad's agents) and live tiles ----
    const figs = await a1.req('GET', `/api/peer/squads/${squadId}/figures?day=${D}`);
    assert.equal(figs.status, 200, JSON.stringify(figs.body));
    assert.equal(figs.body.day, D);
    assert.deepEqual(
      figs.body.agents.map((a: { agentId: number }) => a.agentId),
      [A1, A2],
    );
    assert.equal(figs.body.total.handled, 1);
    assert.equal(figs.body.total.aht, 240);
    assert.equal(figs.body.agents[0].figures.aht, 240);
    assert.equal((await lead.req('GET', `/api/peer/squads/${squadId}/figures?day=${D}`)).body.total.aht, 240);
    const live = await a1.req('GET', `/api/peer/squads/${squadId}/live`);
    assert.equal(live.status, 200);
    assert.ok(live.body.agents.every((t: { agentId: number }) => [A1, A2].includes(t.agentId)));
    assert.equal((await a2.req('GET', `/api/peer/squads/${squadId}/live`)).status, 403);
    assert.equal((await b1.req('GET', `/api/peer/squads/${squadId}/live`)).status, 404);
    assert.equal((await b1.req('GET', `/api/peer/squads/${squadId}/figures?day=${D}`)).status, 404);

    // ---- removal: the lead names a2 the squad's leader; a1 loses the powers at once ----
    assert.equal(
      (await lead.req('PUT', '/api/peer/squads', { id: squadId, teamId: org.teamA, leaderAgentId: A2, name: '一小队', memberIds: [A1] })).status,
      200,
    );
    assert.deepEqual((await a1.req('GET', '/api/auth/me')).body.user.squadIds, []);
    const removed = await a1.req('POST', '/api/people/shift-log', entry(A2));
    assert.equal(removed.status, 403);
    assert.equal(removed.body.reason, 'peer.squadLeaderOnly');
    assert.equal((await a1.req('GET', `/api/people/shift-log?date=${D}`)).status, 403);
    assert.equal((await a1.req('GET', '/api/peer/squad-reports')).status, 403);
    assert.equal((await a1.req('GET', `/api/peer/squads/${squadId}/figures?day=${D}`)).status, 403);
    // the new leader acts on a1 now (their member), and the old entries stay a1's
    assert.equal((await a2.req('POST', '/api/people/shift-log', entry(A1, { text: '新小队长' }))).status, 200);
    // dissolved: the new leader loses it too; the lead keeps the squad's report
    assert.equal((await lead.req('DELETE', `/api/peer/squads/${squadId}`)).status, 200);
    assert.equal((await a2.req('POST', '/api/people/shift-log', entry(A1))).status, 403);
    assert.equal((await a2.req('GET', `/api/peer/squads/${squadId}/live`)).status, 404);
    assert.equal((await lead.req('GET', `/api/peer/squad-reports?from=${D}&to=${D}`)).body.length, 1);
    const after = (await lead.req('GET', `/api/people/shift-log?teamId=${org.teamA}&date=${D}`)).body as { author_name: string }[];
    assert.equal(after.filter((e) => e.author_name === 'a1').length, 2);
  } finally {
    await app.close();
  }
});
