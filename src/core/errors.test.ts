import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError, HTTP_STATUS, InputError, type DomainErrorCode } from './errors';
import { PeopleError } from './people/errors';
import { QualityInputError } from './quality/score';
import { ErlangInputError, requiredAgents } from './wfm/erlang';
import { ForecastInputError } from './wfm/forecast';
import { ScheduleInputError } from './wfm/schedule';
import { PointsInputError, redeem } from './wfm/points';
import { AdherenceInputError } from './wfm/adherence';
import { PeakInputError } from './wfm/peaks';
import { weekStartMs } from './wfm/rules';

test('every refusal in core is one family: a DomainError with a kind the server maps to a status', () => {
  const refusals: Array<[DomainError, DomainErrorCode, number, string | undefined, string]> = [
    [new InputError('x', 'bad'), 'validation', 400, 'x', 'x: bad'],
    [new PeopleError('bad_date', 'date', 'expected YYYY-MM-DD'), 'validation', 400, 'date', 'date: expected YYYY-MM-DD'],
    [new PeopleError('other_team', 'agentId', 'not your team'), 'forbidden', 403, 'agentId', 'agentId: not your team'],
    [new PeopleError('forbidden', 'role', 'no'), 'forbidden', 403, 'role', 'role: no'],
    [
      new QualityInputError([
        { path: 'answers.q2', message: 'not allowed' },
        { path: 'answers.q3', message: 'missing' },
      ]),
      'validation',
      400,
      'answers.q2',
      'answers.q2: not allowed; answers.q3: missing',
    ],
  ];
  for (const [e, kind, status, field, message] of refusals) {
    assert.ok(e instanceof DomainError, e.name);
    assert.equal(e.code, kind, e.name);
    assert.equal(HTTP_STATUS[e.code], status, e.name);
    assert.equal(e.field, field, e.name);
    assert.equal(e.message, message, e.name);
  }
  // the WFM modules' names are core's InputError
  for (const C of [ErlangInputError, ForecastInputError, ScheduleInputError, PointsInputError, AdherenceInputError, PeakInputError])
    assert.equal(C, InputError);
});

test('core functions throw the family, naming the field (no message parsing needed at the edge)', () => {
  const cases: Array<[() => unknown, string, RegExp]> = [
    [() => weekStartMs('2026-11-03', 480), 'weekStart', /^weekStart: 2026-11-03 is not a Monday$/],
    [() => weekStartMs('3 Nov', 480), 'weekStart', /^weekStart: must be YYYY-MM-DD/],
    [() => redeem([], 'a1', 5, 0, 'gift'), 'points', /^points: cannot redeem 5: balance is 0$/],
    [() => requiredAgents({ calls: 10, periodS: 900, ahtS: 300, shrinkage: 1.2, targets: [] }), 'shrinkage', /^shrinkage: must be below 1, got 1.2$/],
  ];
  for (const [fn, field, message] of cases) {
    assert.throws(
      fn,
      (e: unknown) => e instanceof InputError && e.code === 'validation' && e.field === field && message.test(e.message) && !e.problem.startsWith(`${field}:`),
    );
  }
});
