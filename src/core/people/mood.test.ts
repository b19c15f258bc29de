import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeopleError } from './errors';
import { canSeeNote, careSignals, emotionCycles, longerBriefing, moodBoard, validateMoodCheckIn, type CareNote, type MoodCheckIn, type Viewer } from './mood';

const ci = (agentId: string, date: string, mood: 1 | 2 | 3 | 4 | 5, teamId = 't1', note?: string): MoodCheckIn => ({
  agentId,
  teamId,
  date,
  at: `${date}T08:50:00+08:00`,
  mood,
  ...(note ? { note } : {}),
});

test('check-in validation: 1–5 or a named mood; out of range names the field', () => {
  const base = { agentId: 'a', teamId: 't1', date: '2024-03-04', at: '2024-03-04T08:50:00+08:00' };
  assert.equal(validateMoodCheckIn({ ...base, mood: 4 }).mood, 4);
  assert.equal(validateMoodCheckIn({ ...base, mood: '很好' }).mood, 5);
  assert.equal(validateMoodCheckIn({ ...base, mood: 'Bad' }).mood, 2);
  assert.equal(validateMoodCheckIn({ ...base, mood: 3, note: '  ' }).note, undefined);
  for (const mood of [0, 6, 2.5, '七', 'NaN']) {
    assert.throws(
      () => validateMoodCheckIn({ ...base, mood }),
      (e: PeopleError) => e.field === 'mood' && e.why === 'bad_mood',
    );
  }
  assert.throws(
    () => validateMoodCheckIn({ ...base, date: '2024-02-30', mood: 3 }),
    (e: PeopleError) => e.field === 'date',
  );
});

test('mood board: latest check-in per member, average, distribution, missing, low', () => {
  const later: MoodCheckIn = { ...ci('a', '2024-03-04', 2), at: '2024-03-04T10:00:00+08:00' };
  const b = moodBoard(
    't1',
    '2024-03-04',
    ['a', 'b', 'c', 'd'],
    [
      ci('a', '2024-03-04', 4),
      later,
      ci('b', '2024-03-04', 5, 't1', '今天很开心'),
      ci('c', '2024-03-04', 3),
      ci('c', '2024-03-03', 1),
      ci('x', '2024-03-04', 1),
    ],
  );
  // a=2 (later wins), b=5, c=3 → (2+5+3)/3 = 3.33; d missing; x not a member.
  assert.equal(b.checkedIn, 3);
  assert.equal(b.average, 3.33);
  assert.deepEqual(b.distribution, [0, 1, 1, 0, 1]);
  assert.deepEqual(b.missing, ['d']);
  assert.deepEqual(b.low, ['a']);
  assert.equal(b.members.find((m) => m.agentId === 'b')!.hasNote, true);
  assert.equal(JSON.stringify(b).includes('开心'), false, 'the board carries no note text');
});

test('emotion cycles by weekday and by 上旬/中旬/下旬', () => {
  // 2024-03-04 and 2024-03-11 are Mondays; 2024-03-15 a Friday; 2024-03-25 a Monday.
  const cs = [ci('a', '2024-03-04', 2), ci('a', '2024-03-11', 3), ci('a', '2024-03-15', 5), ci('b', '2024-03-25', 4)];
  const [team] = emotionCycles(cs, 'team');
  // Monday: (2+3+4)/3 = 3; Friday: 5.
  assert.deepEqual(team!.byWeekday[1], { count: 3, average: 3 });
  assert.deepEqual(team!.byWeekday[5], { count: 1, average: 5 });
  assert.deepEqual(team!.byWeekday[2], { count: 0, average: null });
  // 上旬 (1–10): 2 → 2; 中旬 (11–20): (3+5)/2 = 4; 下旬: 4.
  assert.deepEqual(team!.byMonthBand, { 上旬: { count: 1, average: 2 }, 中旬: { count: 2, average: 4 }, 下旬: { count: 1, average: 4 } });
  const agents = emotionCycles(cs, 'agent');
  assert.deepEqual(
    agents.map((x) => x.key),
    ['a', 'b'],
  );
  assert.equal(longerBriefing('2024-03-04'), true);
  assert.equal(longerBriefing('2024-03-05'), false);
});

test('signals: low-mood streak once per streak, stressful call, many not-ready minutes', () => {
  const cs = [
    ci('a', '2024-03-01', 2),
    ci('a', '2024-03-02', 1),
    ci('a', '2024-03-03', 2),
    ci('a', '2024-03-04', 2), // streak reaches 3 on 03-03
    ci('a', '2024-03-05', 4),
    ci('a', '2024-03-06', 1),
    ci('a', '2024-03-07', 2), // broken, only 2
    ci('b', '2024-03-01', 3),
    ci('b', '2024-03-02', 3),
    ci('b', '2024-03-03', 3),
  ];
  const p = careSignals({
    checkIns: cs,
    calls: [
      { callId: 'k1', agentId: 'b', teamId: 't1', talkS: 901, endedAt: '2024-03-04T10:00:00Z' },
      { callId: 'k2', agentId: 'b', teamId: 't1', talkS: 900, endedAt: '2024-03-04T11:00:00Z' }, // exactly 900 is not over
      { callId: 'k3', agentId: 'c', teamId: 't1', talkS: 60, complaint: true, endedAt: '2024-03-04T12:00:00Z' },
    ],
    notReady: [
      { agentId: 'c', teamId: 't1', date: '2024-03-04', notReadyS: 3660 }, // 61 min > 60
      { agentId: 'd', teamId: 't1', date: '2024-03-04', notReadyS: 3600 }, // 60 min, not over
    ],
  });
  assert.deepEqual(
    p.map((x) => `${x.kind}:${x.agentId}`),
    ['low_mood_streak:a', 'stressful_call:b', 'stressful_call:c', 'not_ready:c'],
  );
  assert.equal(p[0]!.at, '2024-03-03');
  assert.deepEqual(p[0]!.evidence, ['2024-03-01:2', '2024-03-02:1', '2024-03-03:2']);
  assert.match(p[1]!.reason, /15分1秒/); // 901 s = 15 × 60 + 1
  assert.match(p[2]!.reason, /客户投诉/);
  assert.match(p[3]!.reason, /61分钟/);
});

test('privacy: who sees which note', () => {
  const lead: Viewer = { userId: 'L1', roles: ['team_lead'], memberOfTeamIds: [], leadsTeamIds: ['t1'] };
  const otherLead: Viewer = { userId: 'L2', roles: ['team_lead'], memberOfTeamIds: [], leadsTeamIds: ['t2'] };
  const agent: Viewer = { userId: 'a', roles: ['agent'], memberOfTeamIds: ['t1'], leadsTeamIds: [] };
  const mate: Viewer = { userId: 'b', roles: ['agent'], memberOfTeamIds: ['t1'], leadsTeamIds: [] };
  const outsider: Viewer = { userId: 'z', roles: ['agent'], memberOfTeamIds: ['t2'], leadsTeamIds: [] };
  const duty: Viewer = { userId: 'D', roles: ['duty_manager'], memberOfTeamIds: [], leadsTeamIds: [] };
  const qa: Viewer = { userId: 'Q', roles: ['qa'], memberOfTeamIds: [], leadsTeamIds: [] };
  const agentWhoIsAdmin: Viewer = { userId: 'a', roles: ['agent', 'admin'], memberOfTeamIds: ['t1'], leadsTeamIds: [] };
  const all = { lead, otherLead, agent, mate, outsider, duty, qa };
  const who = (n: CareNote) =>
    Object.entries(all)
      .filter(([, v]) => canSeeNote(v, n))
      .map(([k]) => k);

  const base = { authorId: 'L1', agentId: 'a', teamId: 't1' };
  assert.deepEqual(who({ kind: 'lead_private', ...base }), ['lead', 'duty']);
  assert.equal(canSeeNote(agentWhoIsAdmin, { kind: 'lead_private', ...base }), false, 'the agent never sees the private note about them');
  assert.deepEqual(who({ kind: 'praise', ...base }), ['lead', 'agent', 'mate', 'duty']);
  assert.deepEqual(who({ kind: 'correction', ...base }), ['lead', 'agent']);
  assert.deepEqual(who({ kind: 'checkin', ...base, authorId: 'a' }), ['lead', 'agent', 'duty']);
});
