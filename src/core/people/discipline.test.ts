import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFloorRules, defaultRuleBook, type FloorRule } from './defaults';
import {
  appendFundEntry,
  contributionFromViolation,
  formatYuan,
  fundSummary,
  validateRuleBook,
  validateViolation,
  yuanToFen,
  type FundEntry,
  type Recorder,
} from './discipline';
import { PeopleError } from './errors';

const lead: Recorder = { userId: 'lead1', roles: ['team_lead'], leadsTeamIds: ['t1'] };

test('default rulebook: the 26 floor rules of seed 000, each categorised, 5 yuan each', () => {
  assert.equal(defaultFloorRules.length, 26);
  assert.deepEqual(
    defaultFloorRules.map((r) => r.no),
    Array.from({ length: 26 }, (_, i) => i + 1),
  );
  assert.match(defaultFloorRules[15]!.text, /严禁交头接耳、聚集聊天/);
  assert.match(defaultFloorRules[14]!.text, /振动状态/);
  for (const r of defaultFloorRules) assert.deepEqual(r.consequence, { kind: 'contribution', amountFen: 500 });
  assert.equal(validateRuleBook(defaultRuleBook).length, 28);
});

test('rulebook validation names the field', () => {
  const bad: FloorRule[] = [defaultFloorRules[0]!, { ...defaultFloorRules[1]!, id: 'R1' }];
  assert.throws(
    () => validateRuleBook(bad),
    (e: PeopleError) => e.field === 'rules.1.id' && e.why === 'duplicate',
  );
  const frac: FloorRule[] = [{ ...defaultFloorRules[0]!, consequence: { kind: 'contribution', amountFen: 5.5 } }];
  assert.throws(
    () => validateRuleBook(frac),
    (e: PeopleError) => e.field === 'rules.0.consequence.amountFen',
  );
});

test('a lead records a violation on own team: 5 yuan = 500 fen to the team fund', () => {
  const v = validateViolation({ id: 'v1', ruleId: 'A1', agentId: 'a1', agentTeamId: 't1', at: '2024-03-04T09:07:00+08:00' }, lead, defaultRuleBook);
  assert.equal(v.contributionFen, 500);
  assert.equal(v.category, 'attendance');
  const entry = contributionFromViolation(v)!;
  assert.equal(entry.amountFen, 500);
  assert.equal(entry.teamId, 't1');
});

test('a fine on an agent of another team is rejected unless the recorder is a manager', () => {
  const input = { id: 'v2', ruleId: 'R16', agentId: 'b1', agentTeamId: 't2', at: '2024-03-04T10:00:00+08:00' };
  assert.throws(
    () => validateViolation(input, lead, defaultRuleBook),
    (e: PeopleError) => e.why === 'other_team' && e.field === 'agentId' && /t2/.test(e.message),
  );
  const duty: Recorder = { userId: 'dm', roles: ['duty_manager'], leadsTeamIds: [] };
  assert.equal(validateViolation(input, duty, defaultRuleBook).teamId, 't2');
  const qa: Recorder = { userId: 'q', roles: ['qa'], leadsTeamIds: ['t2'] };
  assert.throws(
    () => validateViolation(input, qa, defaultRuleBook),
    (e: PeopleError) => e.why === 'forbidden',
  );
  assert.throws(
    () => validateViolation({ ...input, ruleId: 'R99', agentTeamId: 't1' }, lead, defaultRuleBook),
    (e: PeopleError) => e.field === 'ruleId',
  );
});

test('fund ledger: contributions, spending with receipt, balance never negative', () => {
  let ledger: FundEntry[] = [];
  for (const i of [1, 2, 3]) {
    ledger = appendFundEntry('t1', ledger, {
      kind: 'contribution',
      id: `c${i}`,
      teamId: 't1',
      amountFen: 500,
      at: '2024-03-04T09:00:00Z',
      violationId: `v${i}`,
      agentId: 'a1',
    });
  }
  // 3 × 500 = 1500 fen in; spend 12.30 yuan = 1230 fen → 1500 − 1230 = 270 fen left.
  ledger = appendFundEntry('t1', ledger, {
    kind: 'spending',
    id: 's1',
    teamId: 't1',
    amountFen: yuanToFen('12.30'),
    at: '2024-03-20T12:00:00Z',
    receiptRef: 'INV-001',
    description: '团队下午茶',
  });
  assert.deepEqual(fundSummary('t1', ledger), { teamId: 't1', contributedFen: 1500, spentFen: 1230, balanceFen: 270, entries: 4 });
  // 2.71 yuan = 271 fen > 270 → rejected; ledger unchanged.
  const before = ledger.length;
  assert.throws(
    () =>
      appendFundEntry('t1', ledger, {
        kind: 'spending',
        id: 's2',
        teamId: 't1',
        amountFen: 271,
        at: '2024-03-21T12:00:00Z',
        receiptRef: 'INV-002',
        description: 'x',
      }),
    (e: PeopleError) => e.why === 'insufficient_funds' && /¥2\.70/.test(e.message),
  );
  assert.equal(ledger.length, before);
  assert.throws(
    () =>
      appendFundEntry('t1', ledger, {
        kind: 'spending',
        id: 's3',
        teamId: 't1',
        amountFen: 100,
        at: '2024-03-21T12:00:00Z',
        receiptRef: ' ',
        description: 'x',
      }),
    (e: PeopleError) => e.field === 'receiptRef',
  );
  assert.throws(
    () =>
      appendFundEntry('t1', ledger, {
        kind: 'contribution',
        id: 'c9',
        teamId: 't1',
        amountFen: 0.5,
        at: '2024-03-21T12:00:00Z',
        violationId: 'v9',
        agentId: 'a',
      }),
    (e: PeopleError) => e.field === 'amountFen',
  );
  assert.throws(
    () =>
      appendFundEntry('t1', ledger, {
        kind: 'contribution',
        id: 'c1',
        teamId: 't1',
        amountFen: 500,
        at: '2024-03-21T12:00:00Z',
        violationId: 'v1',
        agentId: 'a',
      }),
    (e: PeopleError) => e.why === 'duplicate',
  );
  assert.throws(
    () =>
      appendFundEntry('t1', ledger, {
        kind: 'contribution',
        id: 'c8',
        teamId: 't2',
        amountFen: 500,
        at: '2024-03-21T12:00:00Z',
        violationId: 'v8',
        agentId: 'a',
      }),
    (e: PeopleError) => e.why === 'other_team',
  );
});

test('yuan parsing is exact and formatting round-trips', () => {
  assert.equal(yuanToFen('5'), 500);
  assert.equal(yuanToFen('0.1'), 10);
  assert.equal(yuanToFen('19.99'), 1999);
  assert.throws(
    () => yuanToFen('1.234'),
    (e: PeopleError) => e.why === 'bad_amount',
  );
  assert.equal(formatYuan(270), '¥2.70');
  assert.equal(formatYuan(1999), '¥19.99');
});
