import { test } from 'node:test';
import assert from 'node:assert/strict';
import highs from 'highs';
import { designShifts, localIso, localMinutes, parseRequirementsCsv, parseShiftTypes } from './index';
import { InputError } from '../../errors';

const h = await highs();
const clock = () => performance.now();
const base = { wrap: false, distinctCost: 0, underWeight: 1, overWeight: 1, timeLimitS: 20, clock };

/** A CSV of hourly rows from `first` for `hours` hours, `need(i)` agents in hour i. */
function hourly(first: string, hours: number, need: (i: number) => number, queue = ''): string {
  const t0 = localMinutes(first)!;
  const rows = Array.from({ length: hours }, (_, i) => `${localIso(t0 + i * 60)},${queue},${need(i)}`);
  return ['start,queue,required', ...rows].join('\n');
}

test('local times round-trip across months and leap days', () => {
  for (const t of ['2027-01-04T05:00', '2028-02-29T23:45', '2026-12-31T00:15']) assert.equal(localIso(localMinutes(t)!), t);
  assert.equal(localMinutes('2027-02-29T00:00'), null, 'no 29 February in 2027');
  assert.equal(localMinutes('2027-01-04 05:00'), null);
});

test('a week that wraps: the Sunday-night shift covers Monday morning', () => {
  // Monday 2027-01-04 00:00 to Sunday 24:00; one agent Sunday 20–24 and Monday 00–04, nobody else
  const need = (i: number) => (i < 4 || i >= 7 * 24 - 4 ? 1 : 0);
  const req = parseRequirementsCsv(hourly('2027-01-04T00:00', 7 * 24, need));
  const types = [{ name: 'night', earliestStart: '20:00', latestStart: '20:00', minLengthMin: 480, maxLengthMin: 480, stepMin: 60 }];
  const wrapped = designShifts(h, req, parseShiftTypes(types, req, { wrap: true }), { ...base, wrap: true });
  assert.deepEqual(wrapped.shifts, [{ start: '2027-01-10T20:00', lengthMin: 480, count: 1 }]);
  assert.equal(wrapped.objective, 0);
  assert.equal(wrapped.shortfallAgentMinutes, 0);
  // without wrap Monday 00–04 cannot be covered: nothing starts before the horizon. 4 h short = 240 agent-minutes,
  // and a Monday-night shift would only add 8 h over (480) for nothing
  const open = designShifts(h, req, parseShiftTypes(types, req, { wrap: false }), base);
  assert.deepEqual(open.shifts, [{ start: '2027-01-10T20:00', lengthMin: 480, count: 1 }]);
  assert.equal(open.shortfallAgentMinutes, 240);
  assert.equal(open.overcoverAgentMinutes, 0);
  assert.equal(open.objective, 240);
  assert.ok(open.lpBound <= open.objective + 1e-9);
});

test('a cost per distinct shift trades a perfect cover for fewer shift types', () => {
  // one day: 1 agent 08–12, 2 agents 12–16, 1 agent 16–20. Shifts of 8 h starting 08:00 or 12:00.
  const need = (i: number) => (i >= 8 && i < 12 ? 1 : i >= 12 && i < 16 ? 2 : i >= 16 && i < 20 ? 1 : 0);
  const req = parseRequirementsCsv(hourly('2027-01-04T00:00', 24, need));
  const types = parseShiftTypes([{ name: 'day', earliestStart: '08:00', latestStart: '12:00', minLengthMin: 480, maxLengthMin: 480, stepMin: 240 }], req, {
    wrap: false,
  });
  // Being short costs 2 per agent-minute, over 1. 08:00 + 12:00 cover exactly: two distinct shifts, cost 2M.
  // One type only: two 08:00 shifts leave 4 h over at 08–12 (240) and 4 h short at 16–20 (2·240): 720 + M
  // (two 12:00 shifts the same; one shift of either type 2·480 = 960 + M). No shift: 16 h short = 1920.
  const w = { ...base, underWeight: 2 };
  const free = designShifts(h, req, types, w);
  assert.equal(free.objective, 0);
  assert.equal(free.distinctShifts, 2);
  const cheap = designShifts(h, req, types, { ...w, distinctCost: 300 }); // 600 < 720 + 300
  assert.equal(cheap.distinctShifts, 2);
  assert.equal(cheap.objective, 600);
  const dear = designShifts(h, req, types, { ...w, distinctCost: 800 }); // 1600 > 720 + 800 = 1520 < 1920
  assert.equal(dear.distinctShifts, 1);
  assert.equal(dear.objective, 1520);
  assert.equal(dear.shortfallAgentMinutes, 240);
  assert.equal(dear.overcoverAgentMinutes, 240);
  assert.equal(dear.shifts.length, 1);
  assert.equal(dear.shifts[0]!.count, 2);
});

test('two queues are covered by shifts of their own', () => {
  const t0 = localMinutes('2027-01-04T00:00')!;
  const rows = ['start,queue,required'];
  for (const q of ['sales', 'care'])
    for (let i = 0; i < 24; i++) rows.push(`${localIso(t0 + i * 60)},${q},${q === 'sales' ? (i >= 9 && i < 17 ? 2 : 0) : i >= 13 && i < 21 ? 1 : 0}`);
  const req = parseRequirementsCsv(rows.join('\n'));
  const types = parseShiftTypes([{ name: 'any', earliestStart: '06:00', latestStart: '14:00', minLengthMin: 480, maxLengthMin: 480, stepMin: 60 }], req, {
    wrap: false,
  });
  const r = designShifts(h, req, types, base);
  assert.equal(r.objective, 0);
  assert.deepEqual(
    r.shifts.map((s) => [s.queue, s.start, s.count]),
    [
      ['sales', '2027-01-04T09:00', 2],
      ['care', '2027-01-04T13:00', 1],
    ],
  );
});

test('a bad requirement file is refused naming its row', () => {
  const refused = (csv: string, field: RegExp) =>
    assert.throws(
      () => parseRequirementsCsv(csv),
      (e: unknown) => e instanceof InputError && field.test(e.field!),
    );
  const ok = ['start,queue,required', '2027-01-04T00:00,,1', '2027-01-04T00:15,,1', '2027-01-04T00:30,,1'];
  assert.equal(parseRequirementsCsv(ok.join('\n')).intervalMin, 15);
  refused([...ok, '2027-01-04T01:00,,1'].join('\n'), /^row 5\.start$/); // a gap of 15 min
  refused([...ok, '2027-01-04T00:30,,1'].join('\n'), /^row 5\.start$/); // the same time again
  refused([...ok, '2027-01-04T00:50,,1'].join('\n'), /^row 5\.start$/); // off the grid
  refused([...ok, '2027-01-04T00:45,,-1'].join('\n'), /^row 5\.required$/);
  refused([...ok, 'yesterday,,1'].join('\n'), /^row 5\.start$/);
  refused(['when,required', '2027-01-04T00:00,1'].join('\n'), /^row 1$/);
});

test('a shift type that can never fit names its field', () => {
  const req = parseRequirementsCsv(hourly('2027-01-04T00:00', 24, () => 1));
  const good = { name: 'day', earliestStart: '08:00', latestStart: '10:00', minLengthMin: 480, maxLengthMin: 540, stepMin: 60 };
  const refused = (t: object, field: string) =>
    assert.throws(
      () => parseShiftTypes([good, t], req, { wrap: false }),
      (e: unknown) => e instanceof InputError && e.field === field,
    );
  refused({ ...good, minLengthMin: 1500, maxLengthMin: 1500 }, 'shifts[1].minLengthMin');
  refused({ ...good, stepMin: 45 }, 'shifts[1].stepMin');
  refused({ ...good, maxLengthMin: 420 }, 'shifts[1].maxLengthMin');
  refused({ ...good, queue: 'vip' }, 'shifts[1].queue');
  refused({ ...good, earliestStart: '8 am' }, 'shifts[1].earliestStart');
});
