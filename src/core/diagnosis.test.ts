import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DIAGNOSIS_THRESHOLDS, diagnose, type ScopeFigures } from './diagnosis';

const scope = (f: Partial<ScopeFigures>): ScopeFigures => ({
  scope: 'queue',
  subject: 'Q',
  offered: 100,
  answerRate: 0.9,
  occupancy: 0.8,
  idleShare: 0.1,
  staffed: 36000,
  ...f,
});
const kinds = (xs: { kind: string }[]) => xs.map((x) => x.kind).sort();

test('seed default: idle share over 20 %', () => {
  assert.equal(DEFAULT_DIAGNOSIS_THRESHOLDS.idleShareMax, 0.2);
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ idleShare: 0.21 })] })), ['idleHigh']);
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ idleShare: 0.2 })] })), []);
});

test('low answer rate with high occupancy is understaffed; the reverse is overstaffed', () => {
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ answerRate: 0.7, occupancy: 0.95 })] })), ['understaffed']);
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ answerRate: 0.98, occupancy: 0.5, idleShare: 0.4 })] })), ['idleHigh', 'overstaffed']);
  // low answer rate but low occupancy: not a staffing verdict (something else is wrong)
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ answerRate: 0.7, occupancy: 0.6 })] })), []);
  // too few calls to judge; missing figures never trigger
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ offered: 3, answerRate: 0, occupancy: 1 })] })), []);
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ answerRate: null, occupancy: 0.99, idleShare: null })] })), []);
  // thresholds are data
  assert.deepEqual(kinds(diagnose({ scopes: [scope({ answerRate: 0.9, occupancy: 0.9 })] }, { answerRateTarget: 0.95 })), ['understaffed']);
});

test('abnormal not-ready compares to the usual share and names the worst first', () => {
  const f = diagnose({
    notReady: [
      { scope: 'agent', subject: 'ok', notReadyShare: 0.12, usualShare: 0.1, staffed: 28800 },
      { scope: 'agent', subject: 'bad', notReadyShare: 0.3, usualShare: 0.1, staffed: 28800 },
      { scope: 'agent', subject: 'worse', notReadyShare: 0.45, usualShare: 0.1, staffed: 28800 },
      // 1.5× but only 1.5 points above usual: not abnormal
      { scope: 'agent', subject: 'small', notReadyShare: 0.045, usualShare: 0.03, staffed: 28800 },
      { scope: 'team', subject: 'T3', notReadyShare: 0.25, usualShare: 0.12, staffed: 288000 },
    ],
  });
  assert.deepEqual(
    f.map((x) => x.subject),
    ['worse', 'bad', 'T3'],
  );
});

test('long wait and long call alerts', () => {
  const f = diagnose({
    waiting: [
      { callId: 'c1', queue: 'Q', waitS: 121 },
      { callId: 'c2', queue: 'Q', waitS: 120 },
    ],
    talking: [
      { agent: 'a1', talkS: 1500 },
      { agent: 'a2', talkS: 300 },
    ],
  });
  assert.deepEqual(
    f.map((x) => `${x.kind}:${x.subject}`),
    ['longWait:c1', 'longCall:a1'],
  );
});
