import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_IMPROVEMENT_RULE, improvementRuleOf, isMissedMonth, missedRun, proposesPlan, type MonthBelow } from './index';

const rule = { months: 3, minItemsBelow: 2 };
const m = (month: string, below: string[] | null): MonthBelow => ({ month, belowTarget: below });

test('a month is missed at minItemsBelow KPIs below target, not one fewer; a month without a scorecard is not missed', () => {
  assert.equal(isMissedMonth(m('2026-09', ['aht', 'csat']), rule), true); // 2 ≥ 2
  assert.equal(isMissedMonth(m('2026-09', ['aht']), rule), false); // 1 < 2
  assert.equal(isMissedMonth(m('2026-09', null), rule), false);
});

test('three missed months in a row propose a plan; a good month or a month without figures in between ends the run', () => {
  // by hand: Sep 2 below, Oct 3 below, Nov 2 below → run of 3 → proposed
  const h = [m('2026-09', ['aht', 'csat']), m('2026-10', ['aht', 'csat', 'adherence']), m('2026-11', ['answerRate', 'csat'])];
  assert.deepEqual(
    missedRun(h, rule).map((x) => x.month),
    ['2026-09', '2026-10', '2026-11'],
  );
  assert.equal(proposesPlan(h, rule), true);
  // the order given does not matter: the newest months end the run
  assert.equal(proposesPlan([h[2]!, h[0]!, h[1]!], rule), true);
  // Oct with one KPI below breaks it: the run is Nov only (1 < 3)
  const broken = [h[0]!, m('2026-10', ['aht']), h[2]!];
  assert.deepEqual(
    missedRun(broken, rule).map((x) => x.month),
    ['2026-11'],
  );
  assert.equal(proposesPlan(broken, rule), false);
  // Oct without a scorecard (on leave) breaks it too
  assert.equal(proposesPlan([h[0]!, m('2026-10', null), h[2]!], rule), false);
  // a good newest month: nothing is proposed even after three bad ones
  assert.equal(proposesPlan([m('2026-08', ['a', 'b']), ...h, m('2026-12', [])], rule), false);
  // two months when the center asks for two
  assert.equal(proposesPlan(h.slice(1), { months: 2, minItemsBelow: 2 }), true);
  assert.equal(proposesPlan(h.slice(2), { months: 2, minItemsBelow: 2 }), false);
});

test('a stored rule is read field by field, out-of-range or missing fields take the default', () => {
  assert.deepEqual(improvementRuleOf(undefined), DEFAULT_IMPROVEMENT_RULE);
  assert.deepEqual(improvementRuleOf({ months: 2 }), { months: 2, minItemsBelow: 2 });
  assert.deepEqual(improvementRuleOf({ months: 0, minItemsBelow: 1.5 }), DEFAULT_IMPROVEMENT_RULE);
  assert.deepEqual(improvementRuleOf({ months: 4, minItemsBelow: 1 }), { months: 4, minItemsBelow: 1 });
});
