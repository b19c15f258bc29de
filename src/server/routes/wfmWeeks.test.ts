/**
 * N weeks in one run (issue 15): one draft run per week, each carrying its working days in a row into
 * the next; every week's rules are checked before anything is stored, the refusal naming the week.
 * Worked out by hand beside each check.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { waitForSolve } from './wfm';

// Weeks of Monday 2026-11-02 and 2026-11-09 in Asia/Shanghai (UTC+8): local midnight = 16:00 UTC the day before.
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;
const DAY = 24 * H;
const day = { id: 'D', spanMin: 480, startEarliestMin: 540, startLatestMin: 540, startStepMin: 60, breaks: [] };
const contract = { minHoursWeek: 0, maxHoursWeek: 60, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1380, minRestHours: 11 };
/** one agent needed 09:00–17:00 on each of `days` (0 = Monday), in 15-minute intervals */
const need = (days: number[]) => Array.from({ length: 672 }, (_, k) => (days.includes(Math.floor(k / 96)) && k % 96 >= 36 && k % 96 < 68 ? 1 : 0));
const longestRun = (days: boolean[]) =>
  days.reduce((s, w) => (w ? { run: s.run + 1, best: Math.max(s.best, s.run + 1) } : { run: 0, best: s.best }), { run: 0, best: 0 }).best;

forEachDatabase('two weeks in one run: the days in a row at the end of week 1 keep Monday of week 2 off; each week a publishable draft', async (t, store) => {
  let clock = WS - 3 * DAY;
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    assert.equal((await wfm.req('PUT', '/api/wfm/templates', day)).status, 200);
    const a1 = org.agents.a1!;
    const put = (c: object) => wfm.req('PUT', `/api/wfm/contracts/${a1}`, { contract: { ...contract, ...c } });
    assert.equal((await put({ maxConsecutiveDays: 5 })).status, 200);
    const requirement = async (weekStart: string, required: number[]) => {
      const r = await wfm.req('POST', '/api/wfm/requirements', { weekStart, required });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.id as number;
    };
    // week 1 needs the agent Wednesday..Sunday (5 days), week 2 every day
    const r1 = await requirement('2026-11-02', need([2, 3, 4, 5, 6]));
    await requirement('2026-11-09', need([0, 1, 2, 3, 4, 5, 6]));

    // a third week has no requirement: refused naming it, nothing stored
    const three = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 3 });
    assert.equal(three.status, 400, JSON.stringify(three.body));
    assert.equal(three.body.reason, 'wfm.weekWithoutRequirement');
    assert.equal(three.body.field, 'weeks');
    assert.deepEqual(three.body.params, { week: '2026-11-16', n: 3 });
    // more than 6 weeks is refused by the field
    const seven = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 7 });
    assert.equal(seven.status, 400);
    assert.match(seven.body.field, /weeks/);
    assert.equal((await wfm.req('GET', '/api/wfm/schedule-runs')).body.length, 0);

    // a rotation whose second week leaves too few days: weekNumber(2026-11-02) = 20,755 days / 7 = 2,965 (odd),
    // so with offset 1 week 1 is step (2965 + 1) mod 2 = 0 (no days off) and week 2 step 1 (Monday..Thursday off):
    // 32 h of 8-hour shifts need 4 days, Friday..Sunday leave 3 — refused naming the rule and week 2
    assert.equal((await put({ minHoursWeek: 32, rotation: { steps: [{}, { daysOff: [0, 1, 2, 3] }], offset: 1 } })).status, 200);
    const rot = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 2 });
    assert.equal(rot.status, 400, JSON.stringify(rot.body));
    assert.equal(rot.body.reason, 'wfm.scheduleRuleInfeasible');
    assert.deepEqual(rot.body.params, { agent: '李娜', field: 'contract.rotation', most: 3, need: 4, week: '2026-11-09', n: 2 });
    assert.equal((await wfm.req('GET', '/api/wfm/schedule-runs')).body.length, 0);
    // a rotation naming a template that does not exist is refused as it is saved, under its field
    const unknown = await put({ rotation: { steps: [{ templateIds: ['X'] }] } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'contract.rotation.steps[0].templateIds[0]');
    assert.equal(unknown.body.reason, 'wfm.unknownTemplate');
    // weekends off 3 of every 2 weeks cannot be: refused by its field
    const wk = await put({ weekendsOff: { min: 3, weeks: 2 } });
    assert.equal(wk.status, 400);
    assert.equal(wk.body.field, 'contract.weekendsOff.min');

    assert.equal((await put({ maxConsecutiveDays: 5 })).status, 200);
    const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 2 });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.equal(run.body.ids.length, 2);
    assert.equal(run.body.id, run.body.ids[0]);
    await waitForSolve(run.body.ids[0]);
    const views = await Promise.all(run.body.ids.map(async (id: number) => (await wfm.req('GET', `/api/wfm/schedule-runs/${id}`)).body));
    assert.deepEqual(
      views.map((v) => [v.run.week_start, v.run.status]),
      [
        ['2026-11-02', 'done'],
        ['2026-11-09', 'done'],
      ],
    );
    const worked = (v: { weekStartTs: number; shifts: { start: number }[] }) => {
      const days = Array<boolean>(7).fill(false);
      for (const s of v.shifts) days[Math.floor((s.start - v.weekStartTs) / DAY)] = true;
      return days;
    };
    // week 1: Wednesday..Sunday, 09:00 each day
    assert.deepEqual(worked(views[0]), [false, false, true, true, true, true, true]);
    assert.deepEqual(
      views[0].shifts.map((s: { start: number }) => (s.start - WS) / H),
      [2, 3, 4, 5, 6].map((d) => d * 24 + 9),
    );
    // week 2: five days in a row already (Wed..Sun), so Monday is off; Tuesday..Sunday is 6 days, so one more
    // day off: 5 days worked, never more than 5 in a row across the two weeks
    const w2 = worked(views[1]);
    assert.equal(w2[0], false);
    assert.equal(w2.filter(Boolean).length, 5);
    assert.ok(longestRun([...worked(views[0]), ...w2]) <= 5, JSON.stringify(w2));

    // the runs are tied as the plan's weeks 1 and 2 of 2 (migration 054)
    const listedPlan = (await wfm.req('GET', '/api/wfm/schedule-runs')).body as { id: number; plan_id: number; plan_week: number; plan_weeks: number }[];
    assert.deepEqual(
      run.body.ids.map((id: number) => listedPlan.find((r) => r.id === id)).map((r: any) => [r.plan_id, r.plan_week, r.plan_weeks]),
      [
        [run.body.ids[0], 1, 2],
        [run.body.ids[0], 2, 2],
      ],
    );
    // week 2 before week 1: refused (it was planned on week 1's days in a row), nothing published
    const early = await wfm.req('POST', `/api/wfm/schedule-runs/${run.body.ids[1]}/publish`);
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.reason, 'wfm.planWeekUnpublished');
    assert.deepEqual(early.body.params, { n: 1, week: '2026-11-02', runId: run.body.ids[0], k: 2 });
    assert.equal(((await wfm.req('GET', '/api/wfm/schedule-runs')).body as { status: string }[]).filter((r) => r.status === 'published').length, 0);
    // each week is a draft of its own, publishable in order
    for (const id of run.body.ids) assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${id}/publish`)).status, 200);
    const listed = (await wfm.req('GET', '/api/wfm/schedule-runs')).body as { id: number; status: string }[];
    assert.deepEqual(
      run.body.ids.map((id: number) => listed.find((r) => r.id === id)!.status),
      ['published', 'published'],
    );

    // the contrast: a week planned alone with nothing carried in (2026-11-23 follows a week with no published
    // shifts): 5 in a row then allows 6 days (the day off splits the week into runs of at most 5)
    const r3 = await requirement('2026-11-23', need([0, 1, 2, 3, 4, 5, 6]));
    const alone = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-23', requirementId: r3, timeLimitS: 3 });
    assert.equal(alone.status, 200, JSON.stringify(alone.body));
    assert.deepEqual(alone.body.ids, [alone.body.id]);
    await waitForSolve(alone.body.id);
    const v3 = (await wfm.req('GET', `/api/wfm/schedule-runs/${alone.body.id}`)).body;
    assert.equal(worked(v3).filter(Boolean).length, 6);
  } finally {
    await app.close();
  }
});

forEachDatabase('two weeks: a carry no week 1 can avoid is refused before anything is stored, naming the rule, the agent and week 2', async (t, store) => {
  let clock = WS - 3 * DAY;
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    assert.equal((await wfm.req('PUT', '/api/wfm/templates', day)).status, 200);
    // 48 h of 8-hour shifts: 6 days a week; at most 3 days in a row
    const put = await wfm.req('PUT', `/api/wfm/contracts/${org.agents.a1!}`, { contract: { ...contract, minHoursWeek: 48, maxConsecutiveDays: 3 } });
    assert.equal(put.status, 200);
    const r1 = (await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-02', required: need([0, 1, 2, 3, 4, 5, 6]) })).body.id;
    assert.equal((await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-09', required: need([0, 1, 2, 3, 4, 5, 6]) })).status, 200);
    // each week alone is possible: 6 days with at most 3 in a row is Mon–Wed, Thu off, Fri–Sun (the only way)
    const one = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3 });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    await waitForSolve(one.body.id);
    // two weeks: week 1 must end with Fri–Sun (3 in a row), so week 2's Monday is off and Tue–Sun with at most
    // 3 in a row holds 5 days (Tue–Thu, Fri off, Sat–Sun) < 6: refused naming the rule, the carry and week 2
    const before = (await wfm.req('GET', '/api/wfm/schedule-runs')).body.length;
    const two = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 2 });
    assert.equal(two.status, 400, JSON.stringify(two.body));
    assert.equal(two.body.reason, 'wfm.scheduleRuleCarry');
    assert.deepEqual(two.body.params, { agent: '李娜', field: 'contract.maxConsecutiveDays', most: 5, need: 6, n: 2, before: 3, week: '2026-11-09' });
    assert.equal((await wfm.req('GET', '/api/wfm/schedule-runs')).body.length, before);
  } finally {
    await app.close();
  }
});

forEachDatabase('two weeks: a draft week 2 counts the draft week 1 carrying in; publish every week at once', async (t, store) => {
  let clock = WS - 3 * DAY;
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    // a night shift: 22:00 to 06:00 the next morning
    const night = { id: 'N', spanMin: 480, startEarliestMin: 1320, startLatestMin: 1320, startStepMin: 60, breaks: [] };
    assert.equal((await wfm.req('PUT', '/api/wfm/templates', night)).status, 200);
    assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${org.agents.a1!}`, { contract })).status, 200);
    // week 1: one agent Sunday 22:00–24:00 (slots 6·96 + 88..95); week 2: one agent Monday 00:00–06:00 (slots 0..23)
    const w1 = Array.from({ length: 672 }, (_, k) => (k >= 6 * 96 + 88 ? 1 : 0));
    const w2 = Array.from({ length: 672 }, (_, k) => (k < 24 ? 1 : 0));
    const r1 = (await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-02', required: w1 })).body.id;
    assert.equal((await wfm.req('POST', '/api/wfm/requirements', { weekStart: '2026-11-09', required: w2 })).status, 200);
    const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 2 });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    await waitForSolve(run.body.ids[0]);
    const view = async (id: number) => (await wfm.req('GET', `/api/wfm/schedule-runs/${id}`)).body;
    const [v1, v2] = [await view(run.body.ids[0]), await view(run.body.ids[1])];
    assert.deepEqual([v1.run.status, v2.run.status], ['done', 'done']);
    // week 1: the Sunday 22:00 shift (6·24 + 22 = 166 h after Monday 00:00), running to Monday 06:00 of week 2
    assert.deepEqual(
      v1.shifts.map((s: { start: number; end: number }) => [(s.start - WS) / H, (s.end - WS) / H]),
      [[166, 174]],
    );
    // week 2 needs nothing more: Monday 00:00–06:00 is week 1's shift, so the week has no shift of its own
    assert.equal(v2.shifts.length, 0);
    // the draft week 2's chart counts the draft week 1's shift (nothing is published): 1 in slots 0..23, then 0
    const carried = (v: { coverage: number[] }) => [v.coverage.slice(0, 24).every((c) => c === 1), v.coverage.slice(24).every((c) => c === 0)];
    assert.deepEqual(carried(v2), [true, true]);
    assert.equal(v2.run.plan_week, 2);
    assert.equal(v2.run.plan_weeks, 2);
    // publish every week: week 2 with the weeks before it, in one request
    const all = await wfm.req('POST', `/api/wfm/schedule-runs/${run.body.ids[1]}/publish`, { withEarlierWeeks: true });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    const listed = (await wfm.req('GET', '/api/wfm/schedule-runs')).body as { id: number; status: string }[];
    assert.deepEqual(
      run.body.ids.map((id: number) => listed.find((r) => r.id === id)!.status),
      ['published', 'published'],
    );
    // published: the same carry, now from the published week 1
    assert.deepEqual(carried(await view(run.body.ids[1])), [true, true]);

    // replacing week 1 by another run: a new two-week plan's week 2 is refused while its week 1 is a draft, even
    // though another week 1 is published (week 2 was planned on its own plan's week 1)
    const again = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: r1, timeLimitS: 3, weeks: 2 });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    await waitForSolve(again.body.ids[0]);
    const late = await wfm.req('POST', `/api/wfm/schedule-runs/${again.body.ids[1]}/publish`);
    assert.equal(late.status, 409);
    assert.deepEqual(late.body.params, { n: 1, week: '2026-11-02', runId: again.body.ids[0], k: 2 });
    // its week 1 published supersedes the first plan's: the first plan's week 2 stays published (it was published with it)
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${again.body.ids[0]}/publish`)).status, 200);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${again.body.ids[1]}/publish`)).status, 200);
  } finally {
    await app.close();
  }
});
