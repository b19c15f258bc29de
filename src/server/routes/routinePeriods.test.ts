/**
 * The routine's weekly and monthly reports come from the owning modules, not from stored daily reports
 * (issue 11): calls, QA and attendance from the facts, queue figures from the team's queues, violations
 * from the discipline records and contributions from the fund ledger. A month equals its days: every
 * number is worked out by hand from the two days below (no post-shift report is ever sent).
 */
import assert from 'node:assert/strict';
import { forEachDatabase, publishedTestRun } from '../../store/testing';
import { storeEvents } from '../../store/live/ingest';
import { computeFacts, type TeamFactsRow } from '../../store/facts/index';
import { aggregatedReports } from '../../store/people/routine';
import { seedTestOrg } from '../testing';
import { at, eventMakers, oneCallSession, phoneShift } from './facts.fixtures';

const D = '2026-11-02'; // a Monday (ISO week 2026-W45)
const D2 = '2026-11-03';
const D3 = '2026-11-04';

forEachDatabase('routine: a month and a week of a team equal its days, from the facts, the discipline records and the fund ledger', async (_t, store) => {
  const org = await seedTestOrg(store);
  const db = store.db;
  const a1 = org.agents.a1!;
  // a1's published shifts 09:00–10:00 on D, D2 and D3; a1 logs in on D and D2 only → D3 absent
  const runId = await publishedTestRun(db, org.centerId, D);
  await db
    .insertInto('wfm_shifts')
    .values([D, D2, D3].map((d) => phoneShift(runId, a1, d, '09:00', '10:00')))
    .execute();
  const session = oneCallSession(eventMakers());
  // D: talk 180 s, acw 50 s; D2: talk 100 s, acw 20 s
  await storeEvents(store, [...session(D, 'c1', '09:33:10', '09:34:00'), ...session(D2, 'c2', '09:31:50', '09:32:10')]);
  // discipline: a violation on D (5 yuan to the fund) and one on D2 (2 yuan); one of team B on D (not A's)
  const violation = async (teamId: number, agentId: number, when: number, fen: number) => {
    const v = await db
      .insertInto('people_violations')
      .values({
        center_id: org.centerId,
        rule_code: 'R1',
        rule_no: 1,
        rule_title: '迟到',
        agent_id: agentId,
        team_id: teamId,
        recorded_by: org.users.team_lead!,
        at: when,
        note: null,
        contribution_fen: fen,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('people_fund_entries')
      .values({
        team_id: teamId,
        kind: 'contribution',
        amount_fen: fen,
        at: when,
        violation_id: v.id,
        agent_id: agentId,
        receipt_ref: null,
        description: null,
        recorded_by: org.users.team_lead!,
      })
      .execute();
  };
  await violation(org.teamA, a1, at(D, '11:00'), 500);
  await violation(org.teamA, a1, at(D2, '11:00'), 200);
  await violation(org.teamB, org.agents.b1 ?? Object.values(org.agents).find((x) => x !== a1 && x !== org.agents.a2)!, at(D, '11:00'), 900);

  const now = at('2026-11-20', '10:00');
  const teamDayOf = async (day: string) =>
    (await computeFacts(db, org.centerId, { by: 'team', day, teamIds: [org.teamA], now })).rows.find(
      (r) => (r as TeamFactsRow).teamId === org.teamA,
    ) as TeamFactsRow;
  // the days: D handled 1 (talk 180, acw 50), D2 handled 1 (talk 100, acw 20), D3 none and a1 absent
  assert.deepEqual([(await teamDayOf(D)).handled.value, (await teamDayOf(D2)).handled.value], [1, 1]);

  const expect = {
    teamId: String(org.teamA),
    handled: 2,
    talkS: 280,
    holdS: 0,
    acwS: 70,
    offered: 2,
    answered: 2,
    abandoned: 0,
    late: 0,
    earlyLeave: 0,
    absent: 1,
    violations: 2,
    contributionFen: 700,
    qaCount: 0,
    aht: 175, // (280 + 70) / 2
    answerRate: 1,
  };
  const pick = (p: Awaited<ReturnType<typeof aggregatedReports>>[number]) => ({
    teamId: p.teamId,
    handled: p.handled,
    talkS: p.talkS,
    holdS: p.holdS,
    acwS: p.acwS,
    offered: p.offered,
    answered: p.answered,
    abandoned: p.abandoned,
    late: p.late,
    earlyLeave: p.earlyLeave,
    absent: p.absent,
    violations: p.violations,
    contributionFen: p.contributionFen,
    qaCount: p.qaCount,
    aht: p.kpis.aht,
    answerRate: p.kpis.answerRate,
  });
  const month = await aggregatedReports(db, org.centerId, { teamIds: [org.teamA], from: '2026-11-01', to: '2026-11-20' }, 'month', now, 'Asia/Shanghai');
  assert.deepEqual(
    month.map((p) => [p.period, p.days]),
    [['2026-11', 20]],
  );
  assert.deepEqual(pick(month[0]!), expect);
  const weeks = await aggregatedReports(db, org.centerId, { teamIds: [org.teamA], from: D, to: '2026-11-08' }, 'week', now, 'Asia/Shanghai');
  assert.deepEqual(
    weeks.map((p) => [p.period, p.days]),
    [['2026-W45', 7]],
  );
  assert.deepEqual(pick(weeks[0]!), expect);
});
