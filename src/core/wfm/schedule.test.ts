import { test } from 'node:test';
import assert from 'node:assert/strict';
import highs from 'highs';
import { ScheduleInputError, solveSchedule, type ScheduleInput } from './schedule';
import { syntheticScheduleInstance } from './synthetic';

/** The test's clock: the solver times its phases with it (core reads none). */
const clock = () => performance.now();
const hP = highs();

test('tiny instance: the obvious shift, objective = its cost, zero gap', async () => {
  const h = await hP;
  const required = new Array(7 * 96).fill(0);
  for (let s = 8 * 4; s < 12 * 4; s++) required[s] = 1; // Monday 08:00–12:00, one agent
  const input: ScheduleInput = {
    required,
    templates: [{ id: 'T4', spanMin: 240, startEarliestMin: 6 * 60, startLatestMin: 12 * 60, startStepMin: 60, breaks: [] }],
    agents: [{ id: 'a', contract: { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1425 } }],
  };
  const r = solveSchedule(h, input, { clock });
  const shift = r.agents[0]!.days[0]!;
  assert.equal(shift.startMin, 8 * 60);
  assert.equal(shift.endMin, 12 * 60);
  assert.deepEqual(r.agents[0]!.days.slice(1), [null, null, null, null, null, null]);
  assert.equal(r.objective.total, 4); // 4 paid hours × cost 1, no under, no over
  assert.ok(Math.abs(r.lpBound - 4) < 1e-6);
  assert.ok(r.gap < 1e-9);
});

test('every contract rule holds on a 60-agent week; the LP bound is below the objective', async () => {
  const h = await hP;
  const input = syntheticScheduleInstance(60, 7);
  const r = solveSchedule(h, input, { timeLimitS: 30, clock });
  const tplById = new Map(input.templates.map((t) => [t.id, t]));
  assert.ok(r.lpBound <= r.objective.total + 1e-6);
  let coverage = new Array(7 * 96).fill(0);
  r.agents.forEach((s, i) => {
    const a = input.agents[i]!;
    const c = a.contract;
    const shifts = s.days.filter((d) => d !== null);
    const hours = shifts.reduce((t, d) => t + d.paidHours, 0);
    const avail = 7 - (a.leaveDays?.length ?? 0);
    assert.ok(hours >= (c.minHoursWeek * avail) / 7 - 1e-9, `${a.id} hours ${hours} below min`);
    assert.ok(hours <= c.maxHoursWeek + 1e-9, `${a.id} hours ${hours} above max`);
    assert.ok(7 - shifts.length >= c.minDaysOff, `${a.id} days off`);
    for (const d of a.leaveDays ?? []) assert.equal(s.days[d], null, `${a.id} works on leave day ${d}`);
    const sorted = [...shifts].sort((u, v) => u.startMin - v.startMin);
    sorted.forEach((sh, k) => {
      const startOfDay = sh.startMin - sh.day * 1440;
      assert.ok(startOfDay >= c.earliestStartMin && startOfDay <= c.latestStartMin, `${a.id} start ${startOfDay}`);
      assert.ok(!c.templateIds || c.templateIds.includes(sh.templateId));
      const t = tplById.get(sh.templateId)!;
      assert.equal(sh.endMin - sh.startMin, t.spanMin);
      if (k > 0) assert.ok(sh.startMin - sorted[k - 1]!.endMin >= (c.minRestHours ?? 11) * 60, `${a.id} rest`);
      // breaks inside their windows, activities tile the shift
      const brks = sh.activities.filter((x) => x.kind !== 'phone');
      assert.equal(brks.length, t.breaks.length);
      brks.forEach((b, j) => {
        const rule = t.breaks[j]!;
        assert.equal(b.kind, rule.kind);
        assert.equal(b.endMin - b.startMin, rule.durationMin);
        const off = b.startMin - sh.startMin;
        assert.ok(off >= rule.earliestStartMin && off <= rule.latestStartMin, `${a.id} break offset ${off}`);
      });
      let cur = sh.startMin;
      for (const act of sh.activities) {
        assert.equal(act.startMin, cur);
        cur = act.endMin;
        if (act.kind === 'phone') for (let m = act.startMin; m < act.endMin; m += 15) coverage[m / 15]++;
      }
      assert.equal(cur, sh.endMin);
    });
  });
  // reported coverage, under and over agree with the shifts
  assert.deepEqual(r.coverage, coverage);
  r.required.forEach((q, t) => {
    assert.equal(r.under[t], Math.max(0, q - coverage[t]!));
    assert.equal(r.over[t], Math.max(0, coverage[t]! - q));
  });
  coverage = [];
});

test('contradictory contracts and bad input name the field', async () => {
  const h = await hP;
  const base = syntheticScheduleInstance(3, 1);
  const bad = (mut: (i: ScheduleInput) => void, field: string) => {
    const i = structuredClone(base);
    mut(i);
    assert.throws(
      () => solveSchedule(h, i, { clock }),
      (e: unknown) => e instanceof ScheduleInputError && e.field === field,
    );
  };
  bad((i) => (i.agents[0]!.contract.maxHoursWeek = i.agents[0]!.contract.minHoursWeek - 1), 'agents[0].contract.maxHoursWeek');
  bad((i) => Object.assign(i.agents[1]!.contract, { minHoursWeek: 60, maxHoursWeek: 60, minDaysOff: 2 }), 'agents[1].contract.minHoursWeek');
  bad((i) => (i.agents[0]!.contract.minDaysOff = 8), 'agents[0].contract.minDaysOff');
  bad((i) => (i.required = [1, 2, 3]), 'required');
  bad((i) => (i.required[5] = -1), 'required[5]');
  bad(
    (i) => (i.templates = [{ ...i.templates[0]!, breaks: [{ kind: 'meal', durationMin: 60, paid: false, earliestStartMin: 495, latestStartMin: 525 }] }]),
    'templates[0].breaks[0].latestStartMin',
  );
});
